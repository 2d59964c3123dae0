"""Auto-lock (T11) with an injected clock, minimize, the clipboard, and T1 after an interview driven
through the window (Qt's own config and cache folders are inside the test's folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.ui.qt import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QPlainTextEdit, Qt, QTextBrowser
from tests.ui.uitools import MARKER, PASSPHRASE, answer_current, drive, start_interview


def all_widget_text() -> str:
    parts = []
    for w in QApplication.allWidgets():
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextBrowser):
            parts.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            parts.extend(w.itemText(i) for i in range(w.count()))
        parts.append(w.windowTitle())
    return "\n".join(parts)


def press_on_native_window(window: Any) -> None:
    """A key as the platform delivers it: to the native window first."""
    from desktop.ui.qt import QEvent, QKeyEvent

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window.windowHandle(), QKeyEvent(kind, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier))


def reach_text_question(keyboard: Any, page: Any, script: dict) -> None:
    while page.form.questions[page.session.current].type != "text" or page.session.current == "ses_case":
        answer_current(keyboard, page, script)


def test_auto_lock_after_idle_clears_widgets_and_our_clipboard(window: Any, keyboard: Any, core: Any,
                                                              clock: Any, script: dict) -> None:
    page = start_interview(window, keyboard, "CASE-LOCK-" + MARKER)
    for _ in range(12):
        answer_current(keyboard, page, script)
    reach_text_question(keyboard, page, script)
    page.widget.focus_first()
    keyboard.type("typed but not yet left " + MARKER)
    # the interviewer copies the fingerprints in Settings: the one clipboard use the app makes
    window.show_settings()
    window.settings.copy_btn.click()
    assert "Ed25519" in QApplication.clipboard().text()
    window.show_interview()
    assert MARKER in all_widget_text()
    clock.now += 4 * 60
    window.check_idle()
    assert core.unlocked  # 4 minutes: not yet (default 5)
    press_on_native_window(window)  # a key resets the idle timer
    clock.now += 4 * 60
    window.check_idle()
    assert core.unlocked
    clock.now += 5 * 60 + 1
    window.check_idle()
    assert not core.unlocked
    assert core.vault is None
    assert window.stack.currentWidget() is window.unlock_page
    assert MARKER not in all_widget_text()
    assert QApplication.clipboard().text() == ""
    assert window.interview is None and window.cases is None
    # the field's answer was saved before locking, so nothing typed is lost
    from desktop.facade import Core

    again = Core(core.root)
    again.unlock(PASSPHRASE)
    try:
        texts = [v for v in again.records.answers(page_interview_id(again)).values() if isinstance(v, str)]
        assert any("typed but not yet left" in t for t in texts)
    finally:
        again.lock()


def page_interview_id(core: Any) -> str:
    rows = [r for r in core.records.list_interviews() if r.case_code.startswith("CASE-LOCK")]
    return rows[0].id


def test_auto_lock_setting_is_capped(window: Any, core: Any, clock: Any) -> None:
    core.set_setting("autolock_minutes", 60)
    assert window.autolock_seconds() == 15 * 60
    window.show_settings()
    assert window.settings.autolock.maximum() == 15
    assert window.settings.labels["autolock"].text().endswith("(at most 15)")
    window.settings.autolock.setValue(2)
    assert core.setting("autolock_minutes") == 2
    clock.now += 2 * 60 + 1
    window.check_idle()
    assert not core.unlocked


def test_minimize_locks(window: Any, core: Any, qtbot: Any) -> None:
    window.showMinimized()
    qtbot.waitUntil(lambda: not core.unlocked, timeout=3000)
    assert window.stack.currentWidget() is window.unlock_page


def test_clipboard_not_ours_is_left_alone(window: Any, clock: Any) -> None:
    QApplication.clipboard().setText("something the user copied elsewhere")
    clock.now += 16 * 60
    window.check_idle()
    assert QApplication.clipboard().text() == "something the user copied elsewhere"
    QApplication.clipboard().clear()


def scan(root: Path, markers: list[bytes]) -> tuple[int, list[str]]:
    hits, files = [], 0
    for path in root.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        files += 1
        data = path.read_bytes()
        for m in markers:
            if m in data:
                hits.append(f"{path.relative_to(root)}: {m!r}")
        if path.name.endswith(".db") or path.name == "vault.db":
            assert not data.startswith(b"SQLite format 3\x00"), path
    return files, hits


def markers() -> list[bytes]:
    out = []
    for text in (MARKER, PASSPHRASE):
        for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le"):
            out.append(text.encode(enc))
    return out


def test_t1_no_plaintext_after_interview_through_window(window: Any, keyboard: Any, core: Any, script: dict,
                                                        isolated_env: Path, qtbot: Any) -> None:
    window.lock()
    window.unlock_page.field.setFocus()
    keyboard.type(PASSPHRASE)
    keyboard.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.cases is not None, timeout=10000)
    page = start_interview(window, keyboard, "CASE-T1-" + MARKER)
    drive(keyboard, page, script, {"ses_case": None})
    assert window.stack.currentWidget() is window.review
    stored = core.records.answers(page.interview_id)
    assert sum(MARKER in str(v) for v in stored.values()) >= 10
    files, hits = scan(isolated_env, markers())  # open
    assert files > 0 and hits == []
    window.lock()
    files, hits = scan(isolated_env, markers())  # locked
    assert hits == []
    window.close()
    QApplication.processEvents()
    files, hits = scan(isolated_env, markers())  # after the window closed
    assert hits == []
    conn_files = [p.name for p in isolated_env.rglob("*") if p.is_file()]
    assert not any(n.endswith(".xbel") for n in conn_files)  # no recent-files list


def test_lock_and_unlock_returns_to_the_same_question(window: Any, keyboard: Any, core: Any, script: dict,
                                                      qtbot: Any) -> None:
    page = start_interview(window, keyboard, "CASE-RESUME-Q")
    for _ in range(9):
        answer_current(keyboard, page, script)
    last_saved = core.records.position(page.interview_id)
    asking = page.session.current
    assert asking != last_saved
    interview_id = page.interview_id
    window.lock()
    window.unlock_page.field.setFocus()
    keyboard.type(PASSPHRASE)
    keyboard.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.cases is not None and window.stack.currentWidget() is window.cases, timeout=10000)
    window.open_interview(interview_id)
    assert window.interview.session.current == asking  # the question being asked when it locked
    keyboard.key(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.interview.session.current == last_saved
    assert window.interview.widget.value() == core.records.answers(interview_id)[last_saved]
