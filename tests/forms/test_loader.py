"""T8: malformed form definitions are refused with FILE:LINE:COL: CODE, and nothing else ever escapes."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.forms.loader import FormDefinitionError, load_form
from tests.forms.formtools import MINI


def write(tmp_path: Path, text: str, name: str = "form.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(FormDefinitionError) as err:
        load_form(path)
    lines = str(err.value).splitlines()
    for line in lines:  # every problem names the file, a position and a code
        assert re.match(re.escape(str(path)) + r":\d+:\d+: [EF]\d{3} \S", line), line
    return [line[len(str(path)) + 1:] for line in lines]


def test_mini_form_loads(tmp_path: Path) -> None:
    path = write(tmp_path, MINI)
    form = load_form(path)
    assert list(form.questions) == ["ses_dt", "able", "cap_ok", "agree", "con_ok", "gate", "why"]
    assert form.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert form.choice_lists["L_AGREE"].codes == ("yes", "no")  # yes/no stay strings, unquoted
    assert form.choice_lists["L_AGREE"].exclusive == frozenset({"no"})
    assert form.questions["able"].list_id == "yes_no"
    assert form.questions["gate"].value_type.kind == "bool"
    assert form.questions["why"].value_type.codes == frozenset({"no", "cap"})
    assert form.sections[0].question_ids == tuple(form.questions)
    assert form.questions["agree"].relevance_src == "${cap_ok}"


def replace(old: str, new: str) -> str:
    assert old in MINI
    return MINI.replace(old, new, 1)


@pytest.mark.parametrize(("text", "expected"), [
    # bad YAML
    (replace("title: Start", "title: [Start"), r"^10:14: F003 YAML syntax error"),
    (replace("title: Mini", "title: Mini\n  bad: indent"), r"^4:\d+: F003"),
    # unknown question type
    (replace("type: yes_no,", "type: yesno,"), r"^12:\d+: F104 sections\[A0\]\.questions\[able\]\.type: \"yesno\""),
    # schema: unknown key, missing key, wrong type
    (replace("    title: Start", "    title: Start\n    colour: red"), r"^10:5: F101 unknown key 'colour'"),
    (replace("required: true, label: Date}", "required: true}"), r"^11:9: F102 missing key 'label'"),
    (replace("required: true, label: Able", "required: 'true', label: Able"),
     r"^12:\d+: F103 .*required: \"true\" is not of type boolean"),
    (replace("version: 1.0.0", "version: one"), r"^2:10: F105"),
    # duplicate id, duplicate code, duplicate key
    (replace("{id: able,", "{id: ses_dt,"), r"^12:\d+: F202 duplicate question id 'ses_dt' \(first at line 11\)"),
    (replace("{code: no,", "{code: yes,"), r"^29:14: F203 duplicate code 'yes' in list L_AGREE"),
    (replace("title: Mini", "title: Mini\ntitle: Again"), r"^4:1: F006 duplicate key 'title'"),
    # references: unknown, later, cycle, self
    (replace("relevance: ${cap_ok}", "relevance: ${cap_okk}"), r"^20:20: E201 unknown id 'cap_okk'"),
    (replace("relevance: ${cap_ok}", "relevance: ${gate}"),
     r"^20:20: F210 'agree' refers to 'gate', which comes later"),
    (replace("calculation: \"${able}='yes'\"", "calculation: \"${able}='yes' and ${cap_ok}\""),
     r"F212 'cap_ok' refers to itself"),
    # unknown code, type errors, syntax errors with the column inside the expression
    (replace("calculation: \"${agree}='yes'\"", "calculation: \"${agree}='ja'\""),
     r"^23:78: E202 'ja' is not a code of \$\{agree\}"),
    (replace("relevance: ${cap_ok}", "relevance: ${ses_dt}"), r"^20:20: E206"),
    (replace("relevance: ${cap_ok}", "relevance: ${able} < 'yes'"), r"^20:\d+: E205"),
    (replace("relevance: ${cap_ok}", "relevance: ${able} = 'yes' = ${cap_ok}"), r"^20:36: E102"),
    (replace("relevance: ${cap_ok}", "relevance: \"${able} = 'yes\""), r"^20:\d+: E103"),
    # lists
    (replace("list: L_AGREE", "list: L_NOPE"), r"^16:\d+: F206 unknown choice list 'L_NOPE'"),
    (replace("        list: L_AGREE\n", ""), r"F204 question 'agree' of type select_one needs a choice list"),
    (replace("type: yes_no,", "type: yes_no, list: L_AGREE,"), r"F205"),
    (replace("  L_AGREE:", "  L_UNUSED:\n    - {code: a, label: A}\n  L_AGREE:"), r"F215 choice list 'L_UNUSED'"),
    # calculate vs answered questions
    (replace("{id: gate, type: calculate,", "{id: gate, type: calculate, by: I,"), r"F208 'by' is only allowed"),
    (replace("{id: able, type: yes_no, by: I,", "{id: able, type: yes_no,"), r"F209 question 'able' needs 'by'"),
    (replace("{id: gate, type: calculate, label: Gate, calculation: \"${cap_ok} and ${con_ok}\"}",
             "{id: gate, type: calculate, label: Gate}"), r"F207 calculation 'gate' needs"),
    # roles of section 6
    (replace("record: gate}", "record: ghost}"), r"^5:\d+: F213 gates.record: unknown question id 'ghost'"),
    (replace("session_date: ses_dt", "session_date: able"), r"^4:15: F214"),
])
def test_malformed_forms_are_refused_with_position_and_code(tmp_path: Path, text: str, expected: str) -> None:
    found = problems(tmp_path, text)
    assert any(re.search(expected, p) for p in found), found


def test_cycle_is_reported(tmp_path: Path) -> None:
    text = replace("relevance: ${cap_ok}", "relevance: ${con_ok}")  # agree -> con_ok -> agree
    found = problems(tmp_path, text)
    assert any("F211 cycle: agree -> con_ok -> agree" in p for p in found), found


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lol = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    assert problems(tmp_path, lol) == ["1:4: F004 YAML anchors and aliases are not allowed"]


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"form: !!python/object/apply:os.system ['touch {marker}']\n"
    [found] = problems(tmp_path, text)
    assert found.startswith("1:7: F005 YAML tags are not allowed")
    assert not marker.exists()
    [found] = problems(tmp_path, "form: !custom x\n")
    assert "F005" in found


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:  # 50 MB, sparse: the loader must stop at its cap
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(FormDefinitionError) as err:
        load_form(path)
    assert [p.code for p in err.value.problems] == ["F002"]


def test_unreadable_and_non_utf8_and_non_mapping(tmp_path: Path) -> None:
    with pytest.raises(FormDefinitionError) as err:
        load_form(tmp_path / "missing.yaml")
    assert err.value.problems[0].code == "F001"
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"form: mini\ntitle: caf\xe9\n")
    with pytest.raises(FormDefinitionError) as err:
        load_form(path)
    assert (err.value.problems[0].line, err.value.problems[0].code) == (2, "F008")
    assert problems(tmp_path, "- a\n- b\n")[0].endswith("is not of type object (a YAML mapping)")
    assert "F103" in problems(tmp_path, "")[0]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "F003" in found[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_fuzz_random_text_raises_only_form_definition_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_form(path)
    except FormDefinitionError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(MINI) - 1), st.integers(0, 12),
       st.sampled_from(["", "x", ":", "- ", "{", "}", "[", "'", '"', "&a ", "*a", "!!str ", "\n", "  ", "${",
                        "yes", "0", "~", "<<: ", "#", "%", "\t", "\u00e9", "=", " and ", ")"]))
def test_fuzz_mutated_form_raises_only_form_definition_error(tmp_path: Path, at: int, cut: int, insert: str) -> None:
    path = tmp_path / "mutant.yaml"
    path.write_text(MINI[:at] + insert + MINI[at + cut:], encoding="utf-8")
    try:
        load_form(path)
    except FormDefinitionError as err:
        assert err.problems and all(p.line >= 1 and p.col >= 1 for p in err.problems)


def test_problem_string_format(tmp_path: Path) -> None:
    path = write(tmp_path, replace("type: yes_no,", "type: yesno,"))
    with pytest.raises(FormDefinitionError) as err:
        load_form(path)
    p = err.value.problems[0]
    assert str(p) == f"{path}:{p.line}:{p.col}: {p.code} {p.message}"
    assert os.path.basename(p.file) == "form.yaml"


json_data = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
              st.sampled_from(["yes_no", "select_one", "L_AGREE", "${able}", "${cap_ok} and", "A0", "C"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(
        st.sampled_from(["id", "type", "list", "label", "by", "relevance", "code", "x"]), inner, max_size=3)),
    max_leaves=8,
)


def _paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, val in node.items():
            out += _paths(val, (*prefix, k))
    elif isinstance(node, list):
        for i, val in enumerate(node):
            out += _paths(val, (*prefix, i))
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzz_structured_values_raise_only_form_definition_error(tmp_path: Path, data: st.DataObject) -> None:
    import yaml

    from desktop.core.yamlstrict import parse_yaml

    doc = parse_yaml(MINI.encode(), "mini")[0]  # codes yes/no stay strings
    where = data.draw(st.sampled_from(_paths(doc)[1:]))
    node = doc
    for step in where[:-1]:
        node = node[step]  # type: ignore[index]
    node[where[-1]] = data.draw(json_data)  # type: ignore[index]
    path = tmp_path / "structured.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    try:
        load_form(path)
    except FormDefinitionError as err:
        assert err.problems
