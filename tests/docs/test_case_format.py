"""docs/case-format.md says what `voluntas evaluate --json` prints: its worked example is the whole output
(except the ruleset's sha256, checked against the shipped file, and which rules a lawyer has signed off)
and its tables name every key."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import ROOT, run_cli
from tests.docs.case_format_example import DOC, blocks, example_case


def evaluate(tmp_path: Path, case: dict) -> dict:
    path = tmp_path / "example.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    proc = run_cli("evaluate", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def test_worked_example_is_the_whole_output(tmp_path: Path) -> None:
    case, expected = blocks(DOC.read_text(encoding="utf-8"))
    assert case == example_case(), "the example is V01: run python -m tests.docs.case_format_example"
    out = evaluate(tmp_path, case)
    sha = out["ruleset"].pop("sha256")
    expected["ruleset"].pop("sha256")
    # who has signed off which rule changes with every legal sign-off, not with the engine
    review, shown = out["ruleset"].pop("review"), expected["ruleset"].pop("review")
    assert out == expected, "docs/case-format.md is stale: run python -m tests.docs.case_format_example"
    assert set(review) == set(shown) == {"fired", "unreviewed", "unreviewed_rules"}
    assert review["fired"] == shown["fired"] > 0 and review["unreviewed"] == len(review["unreviewed_rules"])
    rules = ROOT / "forms" / "pow_interview" / "rules.yaml"
    assert sha == hashlib.sha256(rules.read_bytes()).hexdigest()


def test_tables_name_every_key_of_the_output(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    head = text[:text.index("## A worked example")]
    out = evaluate(tmp_path, example_case())
    keys = set(out) | {k for part in ("status", "wish", "risk", "options") for k in out[part]}
    keys |= {k for entry in out["status"]["fired"] + out["risk"]["fired"] + out["options"]["fired"] for k in entry}
    keys |= set(out["ruleset"]) | set(out["interviews"][0]) | set(out["wish"]["interviews"][0])
    keys |= set(out["ruleset"].get("review", {}))
    missing = sorted(k for k in keys if f"`{k}`" not in head)
    assert missing == []


def test_every_result_code_of_the_output_is_documented(tmp_path: Path) -> None:
    head = DOC.read_text(encoding="utf-8").split("## A worked example")[0]
    for path in sorted((ROOT / "tests" / "cases").glob("V*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        exp = doc["expected"]
        codes = {exp["status"]["result"], exp["wish"]["result"], *exp["risk"].values(), *exp["options"].values()}
        codes |= set(exp["status"]["grounds"]) | set(exp["flags"])
        assert sorted(c for c in codes if f"`{c}`" not in head) == [], path.name
