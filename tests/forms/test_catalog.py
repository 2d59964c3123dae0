"""Form text for translators: one msgctxt per string, notes as comments, the same contexts the session uses."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from babel.messages.extract import extract

from desktop.core.forms.loader import FormDefinitionError, shipped_form
from desktop.core.forms.session import Session
from desktop.core.translation.catalog import extract_form


def extracted() -> list[tuple[int, str, list[str], str | None]]:
    with shipped_form().source_path.open("rb") as fh:
        return list(extract(extract_form, fh))


def test_every_label_is_extracted_once_with_its_context() -> None:
    form = shipped_form()
    msgs = extracted()
    contexts = [m[3] for m in msgs]
    assert len(contexts) == len(set(contexts))
    by_ctx = {m[3]: m for m in msgs}
    for qid, q in form.questions.items():
        line, text, _, _ = by_ctx[f"pow_interview.{qid}.label"]
        assert text == q.label and line == q.line
    assert by_ctx["pow_interview.L_AF.kpa.label"][1] == "Korean People's Army (KPA)"
    assert by_ctx["pow_interview.yes_no_unknown.declined.label"][1] == "Declined to answer"
    assert by_ctx["pow_interview.cap_pain.constraint_message"][1] == "Pain is rated from 0 to 10."
    assert by_ctx["pow_interview.A3.title"][1] == "Informed consent (gate)"


def test_translator_notes_become_comments() -> None:
    by_ctx = {m[3]: m for m in extracted()}
    assert "EARSHOT" in by_ctx["pow_interview.set_private.label"][2][0]
    assert "distinct" in by_ctx["pow_interview.L_PRESENT.guard_sight.label"][2][0]


def test_the_session_hashes_text_under_the_extracted_contexts() -> None:
    seen: list[str] = []

    def translate(ctx: str, text: str) -> str:
        seen.append(ctx)
        return text

    class Store:
        def save_answer(self, *args: Any) -> None:
            pass

        def record_event(self, *args: Any) -> None:
            pass

    s = Session(shipped_form(), Store(), "iv", session_date=dt.date(2025, 3, 10), unreviewed=None,
                translate=translate)
    s.answer("set_present", ["nobody"])
    s.answer("ses_org", "icrc")
    s.answer("set_lang", "korean")
    contexts = {m[3] for m in extracted()}
    assert seen and set(seen) <= contexts
    # the hash covers the captive's screen: his question and choices, or the neutral page for interviewer items
    assert {"pow_interview.set_lang.captive_text", "pow_interview.L_LANG.korean.label",
            "pow_interview.captive_page.decline", "pow_interview.captive_page.wait"} <= set(seen)
    assert "pow_interview.L_PRESENT.nobody.label" not in seen
    assert "pow_interview.set_lang.label" not in seen


def test_extraction_refuses_a_bad_form() -> None:
    fh = io.BytesIO(b"form: [x\n")
    fh.name = "bad/form.yaml"  # type: ignore[attr-defined]
    with pytest.raises(FormDefinitionError) as err:
        list(extract(extract_form, fh))
    assert str(err.value).startswith("bad/form.yaml:")
