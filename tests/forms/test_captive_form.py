"""The form says what the captive sees: every question declares it, shown ones have his own text, and no
interviewer item, coded list, label or hint ever reaches the captive's strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from desktop.core.forms.captive import captive_strings, script
from desktop.core.forms.loader import FormDefinitionError, load_form, shipped_form
from tests.forms.formtools import MINI

CODED_FOR_INTERVIEWER = ("wsh_reasons", "wsh_fear_code", "wsh_change_code", "wsh_prior_to", "wsh_prior_dest")
INTERVIEWER_ITEMS = ("con_who", "con_teach", "inf_o1_teach", "set_int_aff", "vol_obs", "dec_nopress_sig",
                     "mr_sig", "cap_assess", "dec_support")


def _raw_questions() -> list[dict[str, object]]:
    data = yaml.safe_load(shipped_form().source_path.read_text("utf-8"))
    return [q for s in data["sections"] for q in s["questions"]]


def test_every_question_of_the_shipped_form_says_what_he_sees() -> None:
    for q in _raw_questions():
        if q["type"] == "calculate":
            assert "captive" not in q
            continue
        assert q.get("captive") in ("choices", "question", "none"), q["id"]
        if q["captive"] != "none":
            assert q.get("captive_text"), q["id"]


def test_coded_lists_and_interviewer_items_show_only_the_neutral_page() -> None:
    form = shipped_form()
    for qid in (*CODED_FOR_INTERVIEWER, *INTERVIEWER_ITEMS):
        assert form.questions[qid].captive == "none", qid
        assert captive_strings(form, qid) == [("pow_interview.captive_page.wait", form.captive_wait)]
    for q in form.questions.values():  # whatever the interviewer declares or signs is never shown
        if q.by == "I" or q.type == "signature":
            assert q.captive == "none", q.id


def _interviewer_only(form: object) -> set[str]:
    """Texts meant for the interviewer: labels and hints that differ from any text shown to him, and the
    labels of choices of lists he is never shown."""
    f = shipped_form()
    shown = {en for _qid, sc in script(f) for _ctx, en in sc.pairs()}
    out: set[str] = set()
    for q in f.questions.values():
        out |= {t for t in (q.label, q.hint, q.constraint_message) if t and t not in shown}
    shown_lists = {f.questions[qid].list_id for qid, _sc in script(f) if qid and f.questions[qid].captive == "choices"}
    for lid, cl in f.choice_lists.items():
        if lid not in shown_lists:
            out |= {c.label for c in cl.choices if c.label not in shown}
    return out


def test_no_interviewer_only_text_appears_in_any_captive_screen() -> None:
    form = shipped_form()
    forbidden = _interviewer_only(form)
    assert "Interviewer's signature under the declarations" in forbidden
    assert "Execution" in forbidden  # the fear codes (L_FEAR) would lead his open answer
    for qid in form.questions:
        if form.questions[qid].type == "calculate":
            continue
        for _ctx, text in captive_strings(form, qid):
            assert text not in forbidden, (qid, text)
            assert not re.search(r"\bO[1-8]\b", text), (qid, text)  # option codes read as zeros
            assert "(asked" not in text and "coded" not in text, (qid, text)  # no stage directions


def test_scales_carry_their_anchors_and_consent_says_declining_costs_nothing() -> None:
    form = shipped_form()
    assert "0 = no pain" in (form.questions["cap_pain"].captive_hint or "")
    assert "1 = not sure" in (form.questions["wsh_sure"].captive_hint or "")
    assert "no consequence" in (form.questions["con_decision"].captive_hint or "")
    assert "no consequence" in form.captive_decline


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "form.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormDefinitionError) as err:
        load_form(path)
    return [p.code + " " + p.message for p in err.value.problems]


@pytest.mark.parametrize(("old", "new", "code"), [
    ("by: I, captive: none,", "by: I,", "F217"),
    ("captive: choices\n", "captive: question\n        captive_hint: H\n", ""),
    ("        captive_text: Do you agree?", "", "F219"),
    ("by: I, captive: none, required: true, label: Able}", "by: I, captive: none, captive_text: X, required: true, "
                                                            "label: Able}", "F220"),
    ("{id: ses_dt, type: date, by: I, captive: none,", "{id: ses_dt, type: date, by: I, captive: choices, "
                                                       "captive_text: When?,", "F218"),
    ("{id: cap_ok, type: calculate,", "{id: cap_ok, type: calculate, captive: none,", "F208"),
    ("captive: none,", "captive: maybe,", "F104"),
    ("captive_page: {wait: Please wait., decline: You may decline any question.}\n", "", "F102"),
])
def test_a_form_that_does_not_say_what_he_sees_is_refused(tmp_path: Path, old: str, new: str, code: str) -> None:
    assert old in MINI
    text = MINI.replace(old, new, 1)
    if not code:
        load_form((tmp_path / "form.yaml").write_text(text, "utf-8") and tmp_path / "form.yaml")
        return
    assert any(p.startswith(code) for p in _problems(tmp_path, text))


def test_review_sheet_lists_his_texts_with_their_question_never_under_the_rules() -> None:
    from desktop.core.translation.sheet import build

    sheet = build("pow_interview", "ko")
    rules = [b for b in sheet.blocks if b.kind == "rules"]
    assert not any(".captive" in ln.context or "captive_page" in ln.context for b in rules for ln in b.lines)
    wish = next(b for b in sheet.blocks if b.kind == "question" and b.id == "wsh_sure")
    assert [ln.context.rsplit(".", 1)[-1] for ln in wish.lines] == ["label", "hint", "captive_text", "captive_hint",
                                                                     "constraint_message"]
    opts = next(b for b in sheet.blocks if b.kind == "choices" and b.id == "L_OPT")
    assert "pow_interview.L_OPT.o1.captive_label" in [ln.context for ln in opts.lines]
    form_block = next(b for b in sheet.blocks if b.kind == "form")
    assert [ln.context for ln in form_block.lines][1:] == ["pow_interview.captive_page.wait",
                                                          "pow_interview.captive_page.decline"]
