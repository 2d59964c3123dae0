"""The shipped form is the whole written protocol: docs/spec/protocol-tables.md, read from its own tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.expr import parse
from desktop.core.forms.loader import load_form, shipped_form
from desktop.core.forms.model import Form
from tests.conftest import ROOT
from tests.forms.formtools import Protocol, read_protocol


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return read_protocol(ROOT / "docs" / "spec" / "protocol-tables.md")


@pytest.fixture(scope="module")
def form() -> Form:
    return shipped_form()


def test_shipped_form_loads_cleanly_and_is_cached(form: Form) -> None:
    assert form.id == "pow_interview" and form.version == "1.0.0"
    assert shipped_form() is form
    assert load_form(form.source_path).sha256 == form.sha256


def test_protocol_was_read(protocol: Protocol) -> None:
    # guards the markdown reader: the tables have 129 question rows, 13 calculations, 12 constraints
    assert (len(protocol.questions), len(protocol.calculations), len(protocol.constraints)) == (129, 13, 12)
    assert len(protocol.sections) == 11


def test_sections_in_order_with_titles(form: Form, protocol: Protocol) -> None:
    assert [(s.id, s.title) for s in form.sections] == list(protocol.sections.items())


def test_every_question_in_protocol_order(form: Form, protocol: Protocol) -> None:
    assert list(form.questions) == [r["id"] for r in protocol.questions]


@pytest.mark.parametrize("index", range(129))
def test_question_row_matches(form: Form, protocol: Protocol, index: int) -> None:
    row = protocol.questions[index]
    q = form.questions[row["id"]]
    assert q.section == row["sec"]
    assert q.type == row["type"]
    if row["list"]:
        assert q.list_id == row["list"]
    else:
        assert q.list_id in (None, "yes_no", "yes_no_unknown")
        assert q.list_id == (q.type if q.type in ("yes_no", "yes_no_unknown") else None)
    assert (q.by or "") == row["by"]
    assert " ".join((q.relevance_src or "").split()) == " ".join(row["relevance"].split())
    if q.type == "calculate":
        assert not q.required
    else:
        assert q.required is (row["req"] == "Y")
    assert q.label == row["label (EN)"]


def test_every_calculation(form: Form, protocol: Protocol) -> None:
    for qid, text in protocol.calculations.items():
        q = form.questions[qid]
        assert q.type == "calculate"
        assert q.calculation_src == text
        assert q.calculation == parse(text)


def test_every_constraint_with_a_message(form: Form, protocol: Protocol) -> None:
    have = {qid: q for qid, q in form.questions.items() if q.constraint is not None}
    assert set(have) == set(protocol.constraints)
    for qid, text in protocol.constraints.items():
        assert have[qid].constraint_src == text
        assert have[qid].constraint_message


def test_every_choice_list_code_label_and_exclusive_mark(form: Form, protocol: Protocol) -> None:
    spec: dict[str, list[tuple[str, str, bool]]] = {}
    for r in protocol.choices:
        spec.setdefault(r["list"], []).append((r["code"], r["label (EN)"], r["excl"] == "excl"))
    mine = {lid: [(c.code, c.label, c.exclusive) for c in cl.choices]
            for lid, cl in form.choice_lists.items() if lid.startswith("L_")}
    assert mine == spec
    assert form.choice_lists["yes_no"].codes == ("yes", "no")
    assert form.choice_lists["yes_no_unknown"].codes == ("yes", "no", "unknown", "declined")


def test_gates_and_minimal_record(form: Form, protocol: Protocol) -> None:
    assert list(form.minimal_record) == protocol.minimal_record
    assert (form.gates.capacity, form.gates.consent, form.gates.record) == (
        "cmp_capacity_ok", "cmp_consent_ok", "cmp_gate")
    assert form.mr_reason == "mr_reason" and form.session_date == "ses_dt"
    assert form.questions["mr_reason"].value_type.codes == frozenset(
        {"capacity", "postponed", "declined", "consent_invalid"})


def test_translator_notes_on_legally_delicate_text(form: Form) -> None:
    for qid in ("set_private", "con_free", "con_decision", "id_warn", "wsh_open", "wsh_rok_intent", "dec_support"):
        assert form.questions[qid].translator_note, qid
    guard = {c.code: c for c in form.choice_lists["L_PRESENT"].choices}
    assert guard["guard_sight"].translator_note


def test_form_readme_exists() -> None:
    readme = Path(shipped_form().source_path).parent / "README.md"
    assert "voluntas forms check" in readme.read_text(encoding="utf-8")


def test_korean_and_ukrainian_in_notes_quote_the_glossary_verbatim(form: Form) -> None:
    import re

    from desktop.core.translation.glossary import load

    glossary = load()
    quoted = " ".join(r.term + " " + r.note for t in glossary.terms for r in t.langs.values())
    quoted += " ".join(f"{w} {why}" for words in glossary.avoid.values() for w, why in words.items())
    notes = [q.translator_note or "" for q in form.questions.values()]
    notes += [c.translator_note or "" for cl in form.choice_lists.values() for c in cl.choices]
    words = {w for note in notes for w in re.findall(r"[^\x00-\x7f]+", note)}
    assert words, "notes should carry glossary terms"
    assert sorted(w for w in words if w not in quoted) == []
