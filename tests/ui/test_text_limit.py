"""The free-text editor stops at the core's limit for one answer and says so; a stored answer is never cut."""

from __future__ import annotations

from typing import Any

from desktop.core.forms.loader import shipped_form
from desktop.core.forms.values import MAX_TEXT_CHARS
from desktop.ui.interview.widgets import TextWidget, make
from tests.ui.uitools import commit

LIMIT = f"{MAX_TEXT_CHARS:,}"


def widget(qtbot: Any) -> TextWidget:
    form = shipped_form()
    w = make(form, form.questions["id_orders"])
    assert isinstance(w, TextWidget)
    qtbot.addWidget(w)
    w.set_texts(None, None)
    w.show()
    w.edit.setFocus()
    return w


def test_counter_appears_near_the_limit(qtbot: Any) -> None:
    w = widget(qtbot)
    w.edit.insertPlainText("a" * (MAX_TEXT_CHARS // 2))
    assert not w.limit.label.isVisible()
    w.edit.insertPlainText("a" * (MAX_TEXT_CHARS // 3))
    assert w.limit.label.isVisible()
    assert w.limit.label.wordWrap()  # a long message wraps, it never widens the question column
    assert f"{MAX_TEXT_CHARS // 2 + MAX_TEXT_CHARS // 3:,} of {LIMIT} characters" in w.limit.label.text()


def test_paste_stops_at_the_limit_and_keeps_what_was_there(qtbot: Any) -> None:
    w = widget(qtbot)
    w.edit.insertPlainText("HEAD TAIL")
    cursor = w.edit.textCursor()
    cursor.setPosition(5)
    w.edit.setTextCursor(cursor)
    w.edit.insertPlainText("\ud55c\U0001f600" * MAX_TEXT_CHARS)  # a huge paste in the middle, non-BMP too
    text = w.edit.toPlainText()
    assert len(text) == MAX_TEXT_CHARS
    assert text.startswith("HEAD ") and text.endswith("TAIL")
    assert "no more" in w.limit.label.text() and LIMIT in w.limit.label.text()
    assert w.value() == text  # what is saved is what is shown


def test_typing_and_input_method_at_the_limit_add_nothing(qtbot: Any) -> None:
    w = widget(qtbot)
    w.edit.insertPlainText("b" * MAX_TEXT_CHARS)
    qtbot.keyClicks(w.edit, "xyz")
    commit(w.edit, "\ub9c8\uc74c")
    assert w.edit.toPlainText() == "b" * MAX_TEXT_CHARS
    qtbot.keyClick(w.edit, "\b")  # one character removed: room for one again
    commit(w.edit, "\ub9c8\uc74c")
    assert w.edit.toPlainText() == "b" * (MAX_TEXT_CHARS - 1) + "\ub9c8"


def test_a_stored_answer_over_the_limit_is_shown_whole(qtbot: Any) -> None:
    w = widget(qtbot)
    old = "c" * (MAX_TEXT_CHARS + 50)  # saved before the limit existed
    w.set_value(old)
    assert w.edit.toPlainText() == old and not w.dirty()
    assert f"{MAX_TEXT_CHARS + 50:,} of {LIMIT}" in w.limit.label.text()
    qtbot.keyClicks(w.edit, "d")
    assert w.edit.toPlainText() == old  # nothing added to it, nothing cut from it


def test_the_interviewers_note_stops_at_the_limit_and_is_saved(window: Any, keyboard: Any, core: Any) -> None:
    from desktop.ui.qt import Qt
    from tests.ui.uitools import start_interview

    page = start_interview(window, keyboard, "CASE-NOTE")
    keyboard.key(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # open the note
    assert page.note.isVisible()
    page.note.setFocus()
    page.note.insertPlainText("n" * (MAX_TEXT_CHARS + 2_000))  # a paste past the limit
    assert len(page.note.toPlainText()) == MAX_TEXT_CHARS
    assert page.note_limit.label.isVisible() and "no more" in page.note_limit.label.text()
    qid = page.session.current
    page.save_note()
    assert dict(core.records.notes(page.interview_id))[qid] == "n" * MAX_TEXT_CHARS
