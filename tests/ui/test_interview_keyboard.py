"""A whole interview driven by the keyboard only: unlock, new interview, every question, review, finalize."""

from __future__ import annotations

from typing import Any

from desktop.core.forms.model import DECLINED
from desktop.ui import tasks
from desktop.ui.qt import QApplication, Qt
from tests.ui.uitools import MARKER, answer_current, drive, start_interview, unlock_by_keyboard


def test_whole_interview_by_keyboard(window: Any, keyboard: Any, qtbot: Any, core: Any, script: dict) -> None:
    unlock_by_keyboard(window, keyboard, qtbot)
    page = start_interview(window, keyboard)
    seen = drive(keyboard, page, script, {"ses_case": None})  # the case code was filled in from the case
    assert window.stack.currentWidget() is window.review, seen[-3:]
    s = page.session
    assert not s.missing() and not s.problems()
    assert len(seen) > 80
    stored = core.records.answers(page.interview_id)
    assert stored["ses_case"] == "CASE-KB-1"
    assert stored["set_private"] == script["set_private"]
    assert stored["wsh_reasons_txt"] == DECLINED
    assert stored["dec_nopress_sig"].startswith("typed:")
    assert MARKER in stored["id_unit"]
    # the live evaluation followed the answers: a valid interview now has a status result
    qtbot.waitUntil(lambda: page.panel.result is not None
                    and page.panel.result[0].status.result != "NOT_EVALUATED", timeout=3000)
    assert "ST-" in page.panel.body.toPlainText()
    # review: tick the read-back checklist with Tab and Space, then finalize with Enter on the button
    review = window.review
    assert not review.finalize_btn.isEnabled()
    for box in review.checks:
        box.setFocus()
        keyboard.key(Qt.Key.Key_Space)
    assert review.finalize_btn.isEnabled()
    review.finalize_btn.setFocus()
    keyboard.key(Qt.Key.Key_Return)
    tasks.wait()
    row = next(r for r in core.records.list_interviews() if r.id == page.interview_id)
    assert row.state == "finalized"


def test_digits_choose_and_back_keeps_answers(window: Any, keyboard: Any, core: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-KB-2")
    for _ in range(6):
        answer_current(keyboard, page, script)
    current = page.session.current
    keyboard.key(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.session.current != current
    back_to = page.session.current
    assert back_to in core.records.answers(page.interview_id)
    assert page.widget.value() == core.records.answers(page.interview_id)[back_to]
    assert page.saved.text() == "Saved"


def test_f1_shows_keys_and_esc_returns(window: Any, keyboard: Any) -> None:
    here = window.stack.currentWidget()
    keyboard.key(Qt.Key.Key_F1)
    assert window.stack.currentWidget() is window.help_page
    keyboard.key(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is here


def test_title_never_shows_case_code(window: Any, keyboard: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "SECRET-CODE-7")
    for _ in range(3):
        answer_current(keyboard, page, script)
    assert "SECRET" not in window.windowTitle()
    assert all("SECRET" not in w.windowTitle() for w in QApplication.topLevelWidgets())


def test_declined_code_of_a_choice_list_is_shown_on_resume(window: Any, keyboard: Any, core: Any) -> None:
    page = start_interview(window, keyboard, "CASE-RESUME")
    form = page.form
    q = form.questions["wsh_pref"]
    from desktop.ui.interview import widgets

    w = widgets.make(form, q)
    w.set_value("declined")  # a code of this list, not the "he declined" check box of text answers
    assert w.value() == "declined"
    w.deleteLater()


def test_finalized_interview_opens_read_only(window: Any, keyboard: Any, core: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-RO")
    drive(keyboard, page, script, {"ses_case": None})
    review = window.review
    for box in review.checks:
        box.setChecked(True)
    review.finalize()
    tasks.wait()
    iid = page.interview_id
    window.after_finalize()
    assert window.stack.currentWidget() is window.case
    window.open_interview(iid)
    assert window.stack.currentWidget() is review
    assert review.read_only and not review.finalize_btn.isVisible() and not review.ready()
    keyboard.key(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.case


def test_ctrl_plus_and_minus_scale_the_text(window: Any, keyboard: Any) -> None:
    before = window.points
    keyboard.key(Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.points == before + 1
    keyboard.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.points == before
