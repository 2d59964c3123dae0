"""Legal sign-off of rules: recorded per rule with a hash of its content, lapsing when the rule changes, and
counted in every evaluation (`ruleset.review`). Each test works on a copy of the shipped form folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.rules import evaluate_case, load_ruleset, read_case, shipped_ruleset
from desktop.core.rules import signoff as so
from tests.conftest import CASES, ROOT, run_cli


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "pow_interview"
    shutil.copytree(ROOT / "forms" / "pow_interview", folder, ignore=shutil.ignore_patterns(so.FILE_NAME))
    return folder / "rules.yaml"


def evaluate(rules: Path, case: str = "V07") -> dict:
    return evaluate_case(load_ruleset(rules), read_case(CASES / f"{case}.json")).to_json()


def test_nothing_is_signed_off_in_the_shipped_ruleset_and_every_evaluation_says_so() -> None:
    out = evaluate_case(shipped_ruleset(), read_case(CASES / "V05.json")).to_json()
    review = out["ruleset"]["review"]
    fired = {f["rule"] for key in ("status", "wish", "risk", "options") for f in out[key]["fired"]}
    assert review["unreviewed"] == review["fired"] == len(review["unreviewed_rules"]) >= len(fired)
    assert set(review["unreviewed_rules"]) >= fired
    text = run_cli("evaluate", str(CASES / "V05.json")).stdout
    assert f"{review['unreviewed']} of the {review['fired']} rules that fired have no legal sign-off" in text


def test_a_signed_off_rule_is_no_longer_counted(rules_copy: Path) -> None:
    before = evaluate(rules_copy)["ruleset"]["review"]
    assert "ST-1" in before["unreviewed_rules"]
    so.sign(load_ruleset(rules_copy), ["ST-1", "NR-1"], "A. Lawyer", "checked against the GC III text")
    after = evaluate(rules_copy)["ruleset"]["review"]
    assert after["fired"] == before["fired"]
    assert after["unreviewed"] == before["unreviewed"] - 2
    assert "ST-1" not in after["unreviewed_rules"] and "NR-1" not in after["unreviewed_rules"]
    saved = json.loads(rules_copy.with_name(so.FILE_NAME).read_text(encoding="utf-8"))
    assert saved["signoffs"]["ST-1"]["reviewer"] == "A. Lawyer"
    assert saved["signoffs"]["ST-1"]["note"] == "checked against the GC III text"


@pytest.mark.parametrize("old, new", [
    ("UN findings document systematic torture", "UN findings document torture"),  # explanation
    ('"UN Commission of Inquiry on Human Rights in the DPRK, A/HRC/25/63 (2014), sections C and E"',
     '"UN Commission of Inquiry on Human Rights in the DPRK, A/HRC/25/63 (2014)"'),  # citation
    ("${cfg_dprk_evidence}='grave' and (${ev_f1}", "${cfg_dprk_evidence}='grave' and (${ev_f2}"),  # condition
])
def test_a_sign_off_lapses_when_the_rule_changes(rules_copy: Path, old: str, new: str) -> None:
    so.sign(load_ruleset(rules_copy), ["NR-1", "ST-1"], "A. Lawyer")
    text = rules_copy.read_text(encoding="utf-8")
    assert old in text
    rules_copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    rs = load_ruleset(rules_copy)
    states = so.states(rs)
    assert states["NR-1"] == so.LAPSED and states["ST-1"] == so.SIGNED_OFF
    assert "NR-1" in evaluate(rules_copy)["ruleset"]["review"]["unreviewed_rules"]


def test_a_changed_outcome_lapses_the_sign_off(rules_copy: Path) -> None:
    so.sign(load_ruleset(rules_copy), ["WR-5b"], "A. Lawyer")
    text = rules_copy.read_text(encoding="utf-8")
    block = text.index("- id: WR-5b")
    end = text.index("outcome: DOUBTS", block)
    rules_copy.write_text(text[:end] + "outcome: NOT_RELIABLE" + text[end + len("outcome: DOUBTS"):],
                          encoding="utf-8")
    assert so.states(load_ruleset(rules_copy))["WR-5b"] == so.LAPSED


def test_a_forged_sign_off_with_a_made_up_hash_counts_for_nothing(rules_copy: Path) -> None:
    path = rules_copy.with_name(so.FILE_NAME)
    doc = {"format": so.FORMAT, "ruleset": "voluntas-dprk-pow",
           "signoffs": {"ST-1": {"sha256": "0" * 64, "reviewer": "Nobody", "date": "2026-01-01"}}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert so.states(load_ruleset(rules_copy))["ST-1"] == so.LAPSED
    assert "ST-1" in evaluate(rules_copy)["ruleset"]["review"]["unreviewed_rules"]


def test_a_damaged_sign_off_file_is_an_error_for_the_reviewer_and_signs_off_nothing(rules_copy: Path) -> None:
    so.sign(load_ruleset(rules_copy), ["ST-1"], "A. Lawyer")
    rules_copy.with_name(so.FILE_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(VoluntasError) as err:
        so.states(load_ruleset(rules_copy))
    assert err.value.code == "R020"
    assert "ST-1" in evaluate(rules_copy)["ruleset"]["review"]["unreviewed_rules"]
    proc = run_cli("rules", "status", "--rules", str(rules_copy))
    assert proc.returncode == 2 and "R020" in proc.stderr


def test_cli_signoff_and_status(rules_copy: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Checked against the 2020 ICRC Commentary.", encoding="utf-8")
    proc = run_cli("rules", "signoff", "ST-1", "ST-2", "--reviewer", "A. Lawyer", "--note-file", str(note),
                   "--rules", str(rules_copy))
    assert proc.returncode == 0, proc.stderr
    assert "ST-1, ST-2" in proc.stdout
    proc = run_cli("rules", "status", "--json", "--rules", str(rules_copy))
    doc = json.loads(proc.stdout)
    assert doc["signed_off"] == 2 and doc["lapsed"] == []
    assert doc["rules"] == len(load_ruleset(rules_copy).all_rules())
    assert "ST-1" in doc["awaiting_verification"] and "ST-1" not in doc["awaiting_verification_without_signoff"]
    text = run_cli("rules", "status", "--rules", str(rules_copy)).stdout
    assert "2 signed off" in text


@pytest.mark.parametrize("args, code", [
    (["NO-SUCH-RULE", "--reviewer", "A. Lawyer"], "R021"),
    (["ST-1", "--reviewer", "  "], "R022"),
])
def test_cli_signoff_refuses_bad_input_and_writes_nothing(rules_copy: Path, args: list[str], code: str) -> None:
    proc = run_cli("rules", "signoff", *args, "--rules", str(rules_copy))
    assert proc.returncode == 2 and code in proc.stderr
    assert not rules_copy.with_name(so.FILE_NAME).exists()


def test_forms_check_warns_for_each_rule_awaiting_verification_without_sign_off(rules_copy: Path) -> None:
    rs = load_ruleset(rules_copy)
    awaiting = [r.id for r in rs.all_rules() if r.verify]
    proc = run_cli("forms", "check", str(rules_copy.parent))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    warned = [line for line in proc.stdout.splitlines() if " W401 " in line]
    assert len(warned) == len(awaiting)
    so.sign(rs, awaiting[:3], "A. Lawyer")
    proc = run_cli("forms", "check", str(rules_copy.parent))
    assert sum(" W401 " in line for line in proc.stdout.splitlines()) == len(awaiting) - 3
