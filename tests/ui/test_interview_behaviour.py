"""Language switch mid-interview, the captive view, consent declined, and the saved mark after commit."""

from __future__ import annotations

from typing import Any

from desktop.core.errors import VoluntasError
from desktop.core.forms.captive import captive_strings
from desktop.core.rules.explain import BANNER
from desktop.ui.qt import QApplication, Qt
from tests.ui.uitools import MARKER, answer_current, audit_events, commit, start_interview, visible_texts


def test_language_switch_mid_interview(window: Any, keyboard: Any, core: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-LANG")
    while page.form.questions[page.session.current].captive == "none":  # to a question asked of him
        answer_current(keyboard, page, script)
    qid = page.session.current
    q = page.form.questions[qid]
    ko = core.text("ko").get(q.captive_text, qid, "captive_text").text
    uk = core.text("uk").get(q.captive_text, qid, "captive_text").text
    assert page.captive_text.text() == ko
    keyboard.key(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.captive_lang == "uk"
    assert page.captive_text.text() == uk != ko
    assert page.session.lang == "uk"
    # the interviewer's language too, at once, without a restart
    keyboard.key(Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.interviewer_lang == "ko"
    assert page.interviewer_text.text() == core.text("ko").get(q.label, qid, "label").text  # his label, in ko
    events = audit_events(core, page.interview_id)
    assert ("captive_language_changed", "uk") in events
    assert ("interviewer_language_changed", "ko") in events
    # the next answer is recorded in the new captive language
    answer_current(keyboard, page, script)
    row = core.vault.conn_or_raise().execute(
        "SELECT lang FROM answers WHERE interview_id = ? AND question_id = ?", (page.interview_id, qid)).fetchone()
    assert row[0] == "uk"


def test_interface_language_switch_is_live(window: Any, keyboard: Any, script: dict) -> None:
    from desktop import i18n

    page = start_interview(window, keyboard, "CASE-UI")
    answer_current(keyboard, page, script)
    english = page.next_btn.text()
    i18n.set_language("uk")
    assert page.next_btn.text() != english
    assert window.windowTitle() == "Voluntas"
    i18n.set_language("en")
    assert page.next_btn.text() == english


def test_captive_view_shows_only_the_question(window: Any, keyboard: Any, core: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-CAPTIVE-9")
    for _ in range(8):
        answer_current(keyboard, page, script)
    # a note on the current question
    keyboard.key(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert page.note.hasFocus()
    keyboard.type("note " + MARKER)
    commit(page.note, "\ub178\ud2b8")  # Korean text as an input method delivers it
    page.save_note()
    assert core.records.notes(page.interview_id)[page.session.current].startswith("note " + MARKER)
    page.widget.focus_first()
    keyboard.key(Qt.Key.Key_F11)
    captive = window.captive
    assert window.stack.currentWidget() is captive
    texts = visible_texts(captive)
    q = page.form.questions[page.session.current]
    joined = "\n".join(texts)
    for ctx, english in captive_strings(page.form, q.id):  # exactly the screen the form defines for him
        assert core.text("ko")(ctx, english) in joined
    for secret in ("CASE-CAPTIVE-9", MARKER, BANNER, "POW", q.label):
        assert secret not in joined
    assert not window.kdf_banner.isVisible()
    # Esc and F11 do not leave; the combination does
    keyboard.key(Qt.Key.Key_Escape)
    keyboard.key(Qt.Key.Key_F11)
    assert window.stack.currentWidget() is captive
    keyboard.key(Qt.Key.Key_F11, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.currentWidget() is page


def test_captive_points_interviewer_confirms(window: Any, keyboard: Any, core: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-POINT")
    while page.form.questions[page.session.current].captive != "choices" \
            or page.session.current in page.session.answers:
        answer_current(keyboard, page, script)
    qid = page.session.current
    keyboard.key(Qt.Key.Key_F11)
    window.captive.buttons[0].click()  # he points at the first choice
    assert qid not in page.session.answers  # nothing saved until the interviewer confirms
    window.captive.setFocus()
    keyboard.key(Qt.Key.Key_Return)
    assert page.session.answers[qid] == page.form.choices(qid).codes[0]


def test_consent_declined_leaves_only_the_minimal_record(window: Any, keyboard: Any, core: Any,
                                                         script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-DECLINE")
    overrides = {"ses_case": None, "con_decision": "declines"}
    for _ in range(200):
        if page.session.stop_reason is not None:
            break
        answer_current(keyboard, page, script, overrides)
    assert page.session.stop_reason == "declined"
    assert page.stop_banner.isVisible()
    assert "declined" in page.stop_banner.text()
    extra = page.extra_answers()
    assert extra and page.stop_apply.isVisible()  # capacity answers beyond the minimal record, said first
    keyboard.key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    keep = set(page.form.minimal_record) | {page.form.session_date}
    stored = core.records.answers(page.interview_id)
    assert set(stored) <= keep | {q for q, v in stored.items() if v is None}
    assert not [q for q, v in stored.items() if v is not None and q not in keep]
    assert set(page.session.navigable()) <= set(page.form.minimal_record)
    # finish the minimal record by keyboard: it reaches the review, nothing beyond the minimal record asked
    asked = []
    for _ in range(20):
        if window.stack.currentWidget() is not page:
            break
        asked.append(answer_current(keyboard, page, script, {"mr_reask": "no"}))
    assert window.stack.currentWidget() is window.review
    assert set(asked) <= set(page.form.minimal_record)
    stored = core.records.answers(page.interview_id)
    assert not [q for q, v in stored.items() if v is not None and q not in keep]


def test_saved_mark_only_after_commit(window: Any, keyboard: Any, core: Any, script: dict,
                                      monkeypatch: Any) -> None:
    page = start_interview(window, keyboard, "CASE-DISK")
    while page.form.questions[page.session.current].type != "integer":
        answer_current(keyboard, page, script)
    qid = page.session.current
    real = type(core.records).save_answer

    def full_disk(self: Any, *args: Any, **kwargs: Any) -> None:
        raise VoluntasError("V011", path="vault", reason="database or disk is full")

    monkeypatch.setattr(type(core.records), "save_answer", full_disk)
    page.widget.focus_first()
    keyboard.type("3")
    keyboard.key(Qt.Key.Key_Return)
    assert page.session.current == qid
    assert page.saved.text() != "Saved"
    assert "NOT saved" in page.problem.text()
    assert page.widget.edit.text() == "3"  # the answer stays in the widget
    assert qid not in page.session.answers
    monkeypatch.setattr(type(core.records), "save_answer", real)
    page.widget.focus_first()
    keyboard.key(Qt.Key.Key_Return)
    assert core.records.answers(page.interview_id)[qid] == 3
    assert page.session.current != qid
    keyboard.key(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.session.current == qid and page.saved.text() == "Saved"


def test_saved_signal_follows_commit(window: Any, keyboard: Any, core: Any, script: dict, qtbot: Any) -> None:
    page = start_interview(window, keyboard, "CASE-SIG")
    while page.form.choices(page.session.current) is None:
        answer_current(keyboard, page, script)
    qid = page.session.current
    with qtbot.waitSignal(page.answer_saved, timeout=2000) as blocker:
        answer_current(keyboard, page, script)
    assert blocker.args == [qid]
    assert qid in core.records.answers(page.interview_id)


def test_no_clipboard_unless_copied(window: Any, keyboard: Any, script: dict) -> None:
    QApplication.clipboard().clear()
    page = start_interview(window, keyboard, "CASE-CLIP")
    for _ in range(5):
        answer_current(keyboard, page, script)
    assert QApplication.clipboard().text() == ""


def test_captive_view_ignores_other_window_keys(window: Any, keyboard: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-KEYS")
    answer_current(keyboard, page, script)
    keyboard.key(Qt.Key.Key_F11)
    assert window.stack.currentWidget() is window.captive
    for key, mods in ((Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)):
        keyboard.key(key, mods)
        assert window.stack.currentWidget() is window.captive
