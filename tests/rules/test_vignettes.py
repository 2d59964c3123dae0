"""The acceptance cases of tests/cases, through `voluntas evaluate --json`, compared as tests/cases/README.md
says (the worked example of docs/case-format.md is tests/docs/test_case_format.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.languages import TRANSLATED
from tests.conftest import CASES, run_cli

VIGNETTES = sorted(CASES.glob("V*.json"))



def evaluate_json(path: Path) -> tuple[dict, str]:
    proc = run_cli("evaluate", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout), proc.stdout


def fired_ids(out: dict) -> set[str]:
    ids = {f["rule"] for f in out["status"]["fired"]}
    ids |= {f["rule"] for f in out["wish"]["fired"]}
    for w in out["wish"]["interviews"]:
        ids |= {f["rule"] for f in w["fired"]}
    ids |= {f["rule"] for f in out["risk"]["fired"]}
    ids |= {f["rule"] for f in out["options"]["fired"]}
    return ids


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_vignette(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))["expected"]
    out, _ = evaluate_json(path)
    assert out["status"]["result"] == expected["status"]["result"]
    assert set(out["status"]["grounds"]) == set(expected["status"]["grounds"])
    assert set(out["status"]["flags"]) == set(expected["status"]["flags"])
    assert out["wish"]["result"] == expected["wish"]["result"]
    assert out["wish"]["repeat_interview"] == expected["wish"]["repeat_interview"]
    for dest in ("dprk", "russia", "rok", "ukraine", "other"):
        assert out["risk"]["result"][dest] == expected["risk"][dest], dest
    for option in (f"o{i}" for i in range(1, 9)):
        assert out["options"]["result"][option] == expected["options"][option], option
    assert set(out["flags"]) == set(expected["flags"])
    missing = set(expected["must_fire"]) - fired_ids(out)
    assert not missing, f"did not fire: {sorted(missing)}"


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_vignette_contract_invariants(path: Path) -> None:
    out, _ = evaluate_json(path)
    assert out["banner"] == "Support for legal advisers. Not a legal determination."
    for key in ("status", "wish", "risk", "options"):
        assert out[key]["needs_legal_review"] is True
        assert out[key]["fired"], key
    # complete vignettes: nothing missing, no not_relevant warning
    assert all(i["missing_inputs"] == [] for i in out["interviews"])
    assert all(w["code"] == "minimal_record" for w in out["warnings"])
    assert [f["option"] for f in out["options"]["fired"] if f["rule"] != "DM-5"] == [f"o{i}" for i in range(1, 9)]


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    path = next(p for p in VIGNETTES if p.stem == "V10")
    _, first = evaluate_json(path)
    _, second = evaluate_json(path)
    assert first == second
    assert first.endswith("\n") and first.count("\n") > 10


def test_report_without_json_starts_with_the_banner() -> None:
    proc = run_cli("evaluate", str(VIGNETTES[0]))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Support for legal advisers. Not a legal determination.")
    assert "ST-1" in proc.stdout and "GC III Art. 4A(1)" in proc.stdout
    for lang in TRANSLATED:
        proc = run_cli("--lang", lang, "evaluate", str(VIGNETTES[0]))
        assert proc.returncode == 0, proc.stderr
        assert "ST-1" in proc.stdout
