"""rules.yaml says exactly what docs/rules-spec.md says: every condition, outcome, explanation and citation verbatim.

Reads both files as text and data only (no engine), so a legal reviewer's edit to either is caught.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RULES_MD = ROOT / "docs" / "rules-spec.md"
RULES_YAML = ROOT / "forms" / "pow_interview" / "rules.yaml"


DASH = "\u2013"


def md_tables() -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    current = ""
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#+ (.*)", line)
        if heading:
            current = heading.group(1)
            continue
        if line.startswith("|") and not set(line) <= set("|-: "):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            out.setdefault(current, []).append(cells)
    return {k: v[1:] for k, v in out.items()}  # drop header rows


def unquote(cell: str) -> str:
    return cell[1:-1] if cell.startswith("`") and cell.endswith("`") else cell


def citations(cell: str) -> list[str]:
    return [] if cell == DASH else cell.split("; ")


@pytest.fixture(scope="module")
def spec() -> dict[str, list[list[str]]]:
    return md_tables()


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load(RULES_YAML.read_text(encoding="utf-8"))


def all_rules(data: dict) -> dict[str, dict]:
    t = data["tables"]
    rows = [*t["status"]["rules"], *t["wish_interview"]["rules"], *t["wish_case"]["rules"], *t["risk"]["rules"]]
    for option in t["options"]["options"].values():
        rows.extend(option["rules"])
    rows.extend(t["options"]["overlay"])
    return {r["id"]: r for r in rows}


def spec_rules(spec: dict[str, list[list[str]]]) -> dict[str, list[str]]:
    out = {}
    for name, rows in spec.items():
        for row in rows:
            if len(row) == 7 and re.match(r"^(ST|WR|NR|DM)-", row[0]):
                out[row[0]] = row
    return out


def test_every_rule_of_the_spec_is_declared_in_order(spec, data):
    assert list(all_rules(data)) == list(spec_rules(spec))


def test_explanations_citations_and_verify_are_verbatim(spec, data):
    rules = all_rules(data)
    for rule_id, row in spec_rules(spec).items():
        rule = rules[rule_id]
        assert rule["explanation"] == row[4], rule_id
        assert rule["citations"] == citations(row[5]), rule_id
        assert rule["verify"] is (row[6] == "yes"), rule_id


def test_conditions_and_outcomes_match(spec, data):
    rules = all_rules(data)
    for rule_id, row in spec_rules(spec).items():
        rule = rules[rule_id]
        is_risk = rule_id.startswith("NR-")
        cond = row[2] if is_risk else row[1]
        outcome = row[3] if is_risk else row[2]
        if cond.startswith("`") and cond.endswith("`") and cond.count("`") == 2:
            assert rule["condition"] == unquote(cond), rule_id
        else:
            assert "prose" in rule and "implemented_in" in rule, rule_id
        if outcome.startswith("`"):
            assert rule["outcome_expression"] == unquote(outcome), rule_id
        elif rule_id not in ("NR-9", "DM-5"):
            assert rule["outcome"] == (None if outcome == DASH else outcome), rule_id
        if rule_id.startswith("WR-"):
            assert rule["flag"] == (None if row[3] == DASH else row[3]), rule_id
        if rule_id.startswith("ST-"):
            assert rule["effect"] == row[3], rule_id
        if rule_id.startswith("DM-O"):
            assert rule["conditions"] == ([] if row[3] == DASH else row[3].split(", ")), rule_id
        if is_risk and rule_id != "NR-9":
            assert rule["destination"] == row[1], rule_id


def test_factors_config_legal_basis_and_condition_codes(spec, data):
    factors = {f["id"]: f for f in data["tables"]["factors"]["rules"]}
    for fid, expr, meaning in spec["6.1 Factors"]:
        assert factors[fid]["condition"] == unquote(expr)
        assert factors[fid]["meaning"] == meaning
    config = {c["key"]: c for c in data["config"]}
    for key, allowed, default, _meaning in spec["2. Configuration"]:
        if allowed.startswith("`"):
            assert config[key]["allowed"] == [unquote(a) for a in allowed.split(", ")]
            assert config[key]["default"] == unquote(default)
        elif allowed.startswith("integer"):
            assert config[key]["default"] == int(unquote(default)) and config[key]["minimum"] == 0
    assert list(config) == [row[0] for row in spec["2. Configuration"]]
    assert [b["text"] for b in data["legal_basis"]] == [row[1] for row in spec["6.3 Order, results and flags"]]
    labels = data["tables"]["options"]["condition_codes"]
    assert labels == {code: label for code, label in spec["7. Options matrix"]}


def test_codes_are_quoted_strings(data):
    # YAML 1.1 reads an unquoted yes/no as a boolean; every code must stay a string
    for c in data["config"]:
        for v in c.get("allowed", []):
            assert isinstance(v, str)
        assert not isinstance(c["default"], bool)
