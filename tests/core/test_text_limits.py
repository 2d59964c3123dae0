"""The free-text limits in the live session (the window's core): one answer, one interview."""

from __future__ import annotations

import re

from desktop.core.forms.loader import shipped_form
from desktop.core.forms.session import ANSWER_TOO_LONG, INTERVIEW_TOO_LONG, Session
from desktop.core.forms.values import MAX_INTERVIEW_TEXT_CHARS, MAX_TEXT_CHARS
from tests.forms.formtools import MemoryStorage, v


def resumed() -> tuple[Session, MemoryStorage, list[str]]:
    """A session resumed with V01's answers and no free text: every text question of V01 can be asked."""
    form = shipped_form()
    day, answers = v("V01")
    texts = [qid for qid, q in form.questions.items() if q.type == "text" and qid != "ses_case"]
    for qid in texts:
        answers.pop(qid, None)
    storage = MemoryStorage()
    s = Session(form, storage, "iv1", session_date=day, unreviewed=None, answers=answers)
    return s, storage, [q for q in texts if q in s.navigable()]


def test_the_window_messages_say_the_core_limits() -> None:
    assert f"{MAX_TEXT_CHARS:,}" in ANSWER_TOO_LONG
    assert f"{MAX_INTERVIEW_TEXT_CHARS:,}" in INTERVIEW_TOO_LONG
    assert not re.search(r"\{", ANSWER_TOO_LONG + INTERVIEW_TOO_LONG)  # shown through _() as they are


def test_one_answer_over_the_limit_is_not_saved() -> None:
    s, storage, texts = resumed()
    qid = texts[0]
    before = list(storage.rows)
    outcome = s.answer(qid, "x" * (MAX_TEXT_CHARS + 1))
    assert not outcome.saved and [p.message() for p in outcome.problems] == [ANSWER_TOO_LONG]
    assert storage.rows == before and qid not in s.answers
    assert s.answer(qid, "x" * MAX_TEXT_CHARS).saved


def test_the_interview_limit_refuses_the_answer_that_would_pass_it() -> None:
    s, storage, texts = resumed()
    count = MAX_INTERVIEW_TEXT_CHARS // MAX_TEXT_CHARS
    assert len(texts) > count
    already = sum(len(a) for q, a in s.answers.items() if s.form.questions[q].type == "text")  # ses_case
    for i, qid in enumerate(texts[:count]):
        assert s.answer(qid, "y" * (MAX_TEXT_CHARS - (already if i == 0 else 0))).saved
    outcome = s.answer(texts[count], "z")
    assert not outcome.saved and [p.message() for p in outcome.problems] == [INTERVIEW_TOO_LONG]
    assert texts[count] not in s.answers
    # replacing an answer counts the new text, not the old one as well
    assert s.answer(texts[0], "w" * (MAX_TEXT_CHARS - already - 1)).saved
    assert s.answer(texts[count], "z").saved
    assert not s.answer(texts[count], "zz").saved
