"""The ruleset loader refuses rules the engine could not apply exactly, naming FILE:LINE:COL and a code."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.core.rules import RulesetError, load_ruleset, shipped_ruleset
from tests.conftest import ROOT

RULES = ROOT / "forms" / "pow_interview" / "rules.yaml"
SOURCE = RULES.read_text(encoding="utf-8")


def load_variant(tmp_path: Path, old: str, new: str, count: int = 1) -> RulesetError:
    assert old in SOURCE, old
    path = tmp_path / "rules.yaml"
    path.write_text(SOURCE.replace(old, new, count), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_ruleset(path, shipped_ruleset().form)
    for problem in info.value.problems:
        assert problem.file == str(path) and problem.line >= 1
    return info.value


def codes(err: RulesetError) -> list[str]:
    return [p.code for p in err.problems]


def test_shipped_ruleset_identity_and_hash() -> None:
    rs = shipped_ruleset()
    assert (rs.id, rs.version) == ("voluntas-dprk-pow", "1.1.0")
    assert rs.sha256 == hashlib.sha256(RULES.read_bytes()).hexdigest()
    assert [r.id for r in rs.status][:2] == ["ST-0", "ST-1"]
    assert rs.rule("NR-3").outcome_expr is not None
    assert rs.rule("WR-13").condition is None and rs.rule("WR-14").inputs


def test_unknown_question_is_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "${cfg_dprk_party}='yes' and ${id_af}='kpa'",
                       "${cfg_dprk_party}='yes' and ${id_army}='kpa'")
    assert codes(err) == ["E201"]
    assert "id_army" in str(err) and "ST-1" in str(err)


def test_unknown_code_is_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "selected(${set_present}, 'rok_official')",
                       "selected(${set_present}, 'rok_officer')")
    assert codes(err) == ["E202"]


def test_unknown_config_code_is_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "${cfg_hostilities_ended}='yes'", "${cfg_hostilities_ended}='maybe'")
    assert codes(err) == ["E202"]


def test_fired_must_name_a_row_above(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "not(fired('ST-7'))", "not(fired('ST-8'))")
    assert set(codes(err)) == {"E209"}


def test_syntax_error_is_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "${cap_pain} >= 7", "${cap_pain} >= 7 >= 8")
    assert codes(err) == ["E102"]


def test_type_error_is_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "${cap_pain} >= 7", "${cap_pain} >= '7'")
    assert codes(err) == ["E204"]


def test_unknown_outcome_code_is_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "outcome: GC3_4A1_DPRK", "outcome: GC3_4A1_PRK")
    assert codes(err) == ["R104"]


def test_prose_without_implementation_is_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "condition: \"${cap_orient}='partial'\"", "prose: \"partly oriented\"")
    assert "R107" in codes(err)


def test_missing_engine_rule_is_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "- id: ST-0", "- id: ST-00")
    assert "R108" in codes(err)


def test_table_order_is_fixed(tmp_path: Path) -> None:
    err = load_variant(tmp_path, 'order: ["status", "wish_interview"', 'order: ["wish_interview", "status"')
    assert codes(err) == ["R106"]


def test_one_rule_for_booleans(tmp_path: Path) -> None:
    """YAML 1.2 booleans, as in form files (desktop.core.yamlstrict): an unquoted yes is the code 'yes', never a
    boolean, and a yes where a boolean is expected is refused."""
    path = tmp_path / "rules.yaml"
    path.write_text(SOURCE.replace('allowed: ["yes", "contested"]', "allowed: [yes, contested]"), encoding="utf-8")
    assert load_ruleset(path, shipped_ruleset().form).config == shipped_ruleset().config
    err = load_variant(tmp_path, "verify: true", "verify: yes")
    assert codes(err) == ["R103"]


def test_yaml_alias_and_duplicate_key_are_refused(tmp_path: Path) -> None:
    err = load_variant(tmp_path, 'version: "1.1.0"', 'version: "1.1.0"\nversion: "1.1.1"')
    assert codes(err) == ["F006"]


def test_problem_points_into_the_condition(tmp_path: Path) -> None:
    err = load_variant(tmp_path, "${cfg_dprk_party}='yes' and ${id_af}='kpa'",
                       "${cfg_dprk_party}='yes' and ${id_army}='kpa'")
    problem = err.problems[0]
    line = (tmp_path / "rules.yaml").read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.col - 1:].startswith("${id_army}")


@pytest.mark.parametrize(("text", "code"), [
    (b"id: x\na: &a [1]\nb: *a\n", "F004"),
    (b"id: x\nkey: !!binary aGk=\n", "F005"),
    (b"id: x\nid: y\n", "F006"),
    (b"id: x\n? [a]\n: 1\n", "F007"),
    (b"id: x\nkey: \xff\n", "F008"),
    (b"id: x\nkey: [1, 2\n", "F003"),
])
def test_form_and_rules_files_refuse_yaml_alike(text: bytes, code: str) -> None:
    from desktop.core.forms.loader import FormDefinitionError, load_form_bytes
    from desktop.core.rules.yamlmap import read_yaml

    with pytest.raises(FormDefinitionError) as form_err:
        load_form_bytes(text, "f.yaml")
    with pytest.raises(RulesetError) as rules_err:
        read_yaml(text, "f.yaml")
    assert [str(p) for p in rules_err.value.problems] == [str(p) for p in form_err.value.problems]
    assert [p.code for p in rules_err.value.problems] == [code]
