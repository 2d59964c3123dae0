"""The interviewer's window (issue 15): the panel stays shut in his language and keeps the wish result back
until he has stated one, disabled buttons say why, pausing asks first, honest progress, jumps from the
review and the section list, the quick-wipe key, and the captive view's decline cue and neutral page."""

from __future__ import annotations

from typing import Any

from desktop.core.forms.captive import KEYS
from desktop.ui.captive import captive_content
from desktop.ui.qt import QApplication, QEvent, QKeyEvent, Qt, QUrl
from tests.ui.uitools import answer_current, audit_events, start_interview, visible_texts

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _fill_to(page: Any, script: dict[str, Any], stop_at: str) -> None:
    from desktop.ui import screenshots

    screenshots._fill(page, script, stop_at)


def test_panel_shut_in_his_language_and_no_wish_result_before_a_wish(window: Any, core: Any, script: dict) -> None:
    window.start_interview("new:CASE-SAME-LANG", "ko", "ko")
    assert not window.interview.panel.isVisible()  # he could read it: collapsed, Ctrl+E shows it
    window.start_interview("new:CASE-PANEL", "ko", "en")
    page = window.interview
    assert page.panel.isVisible()
    _fill_to(page, script, "wsh_pref")
    page.evaluate()
    body = page.panel.body.toPlainText()
    assert "Wish reliability: No wish stated" in body and "Reliable" not in body  # NO_WISH (ruleset 1.1.0)


def test_disabled_finalize_says_why_and_looks_disabled(window: Any, keyboard: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-WHY")
    answer_current(keyboard, page, script)
    keyboard.key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    review = window.review
    assert window.stack.currentWidget() is review
    assert not review.finalize_btn.isEnabled()
    assert "required question" in review.finalize_btn.toolTip()
    assert review.why.isVisible() and review.why.text() == review.finalize_btn.toolTip()
    enabled = review.back_btn.palette().buttonText().color().name()
    assert "QPushButton:disabled" in QApplication.instance().styleSheet() and enabled


def test_pausing_asks_first_and_says_how_to_resume(window: Any, keyboard: Any, core: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-PAUSE")
    answer_current(keyboard, page, script)
    keyboard.key(Qt.Key.Key_S, CTRL_SHIFT)
    assert window.stack.currentWidget() is page and page.pause_bar.isVisible()
    assert "resume" in page.pause_bar.text.text() and "saved" in page.pause_bar.text.text()
    assert "Pause" in page.stop_btn.text()
    keyboard.key(Qt.Key.Key_Return)  # the focus is on "Keep interviewing": nothing stops by accident
    assert window.stack.currentWidget() is page and not page.pause_bar.isVisible()
    keyboard.key(Qt.Key.Key_S, CTRL_SHIFT)
    keyboard.key(Qt.Key.Key_S, CTRL_SHIFT)
    assert window.stack.currentWidget() is window.case
    assert ("stopped", None) in [(e, None) for e, _q in audit_events(core, page.interview_id)]


def test_progress_counts_required_questions_that_apply_now(window: Any, keyboard: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-PROGRESS")
    for _ in range(3):
        answer_current(keyboard, page, script)
    done = page.session.completeness()
    sec = page.form.questions[page.session.current].section
    have, total = done[sec]
    text = page.progress.text()
    assert f"{have} of {total}" in text
    assert f"{sum(d for d, _t in done.values())} of {sum(t for _d, t in done.values())}" in text
    assert page.meta.text().startswith("* required") and page.meta.objectName() == "meta_required"


def test_section_list_and_review_jump_to_a_question(window: Any, keyboard: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-JUMP")
    for _ in range(8):
        answer_current(keyboard, page, script)
    first = page.sections.item(0)
    page.sections.itemClicked.emit(first)  # one click
    assert page.form.questions[page.session.current].section == first.data(Qt.ItemDataRole.UserRole)
    keyboard.key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "q:set_place" in window.review.body.toHtml()
    window.review.body.anchorClicked.emit(QUrl("q:set_place"))
    assert window.stack.currentWidget() is page and page.session.current == "set_place"


def test_quick_wipe_key_starts_the_countdown_and_esc_cancels(window: Any, keyboard: Any, core: Any) -> None:
    keyboard.key(Qt.Key.Key_Delete, CTRL_SHIFT)
    assert window.stack.currentWidget() is window.settings and window.settings.wiping()
    keyboard.key(Qt.Key.Key_Escape)
    assert not window.settings.wiping() and core.unlocked
    window.toggle_help()
    assert "Ctrl+Shift+Delete" in window.help_page.body.toPlainText()


def _press(widget: Any, key: Any, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def test_captive_view_cue_neutral_page_and_the_tenth_choice(window: Any, core: Any, script: dict) -> None:
    window.start_interview("new:CASE-CAPTIVE-15", "ko", "en")
    page = window.interview
    page.session.current = "set_int_aff"  # the interpreter's affiliation: an interviewer item
    page.show_current()
    window.show_captive()
    texts = "\n".join(visible_texts(window.captive))
    assert texts == captive_content(page).wait and window.captive.buttons == []
    window.leave_captive()
    _fill_to(page, script, "wsh_pref")
    window.show_captive()
    captive = window.captive
    assert captive.cue.isVisible() and captive.cue.text() == core.text("ko")(
        "pow_interview.captive_page.decline", page.form.captive_decline)
    assert len(captive.buttons) == 10 and captive.buttons[9].text().startswith("0.")
    _press(captive, Qt.Key.Key_0, "0")
    assert captive.pointed == 10
    _press(captive, Qt.Key.Key_Return, "\r")
    assert page.session.answers["wsh_pref"] == "declined"
    assert KEYS[9] == "0"


def test_unlock_and_create_say_why_they_are_disabled(window: Any, qtbot: Any, isolated_env: Any) -> None:
    window.lock()
    page = window.unlock_page
    page._remaining = lambda: 30  # as after several wrong tries
    page.tick()
    assert not page.button.isEnabled() and "wait" in page.button.toolTip()
    page._remaining = lambda: 0
    page.tick()
    assert page.button.isEnabled() and page.button.toolTip() == ""
    page.timer.stop()
    first = window.firstrun_page
    first.pass1.setText("short")
    first.pass2.setText("short")
    first.update_strength()
    assert not first.create_btn.isEnabled() and "passphrase" in first.create_btn.toolTip()


def _screen_text(captive: Any) -> str:
    """What the captive view shows, in the order the answer's hash covers: question, hint, choices, cue."""
    parts = [w.text() for w in (captive.question, captive.hint) if w.isVisibleTo(captive)]
    parts += [b.text().split(".   ", 1)[1] for b in captive.buttons]
    parts += [w.text() for w in (captive.cue, captive.wait) if w.isVisibleTo(captive)]
    return "\n".join(parts)


def test_the_hash_recorded_with_an_answer_is_the_screen_he_saw(window: Any, core: Any, script: dict) -> None:
    import hashlib

    window.start_interview("new:CASE-HASH", "ko", "en")
    page = window.interview
    _fill_to(page, script, "wsh_pref")
    conn = core.vault.conn_or_raise()

    def stored(qid: str) -> str:
        row = conn.execute("SELECT text_hash FROM answers WHERE interview_id = ? AND question_id = ?",
                           (page.interview_id, qid)).fetchone()
        return str(row[0])

    window.show_captive()
    seen = _screen_text(window.captive)
    _press(window.captive, Qt.Key.Key_7, "7")
    _press(window.captive, Qt.Key.Key_Return, "\r")
    assert page.session.answers["wsh_pref"] == "o7"
    assert stored("wsh_pref") == hashlib.sha256(seen.encode("utf-8")).hexdigest()
    window.leave_captive()
    page.session.current = "set_int_aff"  # an interviewer item: he saw the neutral page
    page.show_current()
    window.show_captive()
    neutral = _screen_text(window.captive)
    window.leave_captive()
    assert stored("set_interp") == hashlib.sha256(neutral.encode("utf-8")).hexdigest()
