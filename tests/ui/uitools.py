"""Shared by the window tests: a clock the test moves, a keyboard that types as a person would (non-ASCII
through input-method events: qtbot.keyClicks with non-ASCII text aborts the process), answering and
driving an interview by keys, what a screen shows, and the audit events of an interview."""

from __future__ import annotations

from typing import Any

from desktop.core.forms.model import DECLINED
from desktop.ui.qt import QAbstractButton, QApplication, QInputMethodEvent, QLabel, QPlainTextEdit, Qt, QTextBrowser

PASSPHRASE = "correct horse battery staple for the window tests"
MARKER = "ZQXMARKER"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Keyboard:
    """Sends keys to whatever has the focus, as a person at the keyboard would."""

    def __init__(self, qtbot: Any, window: Any) -> None:
        self.qtbot, self.window = qtbot, window

    def target(self) -> Any:
        return QApplication.focusWidget() or self.window

    def key(self, key: Any, mods: Any = None) -> None:
        self.qtbot.keyClick(self.target(), key, mods or Qt.KeyboardModifier.NoModifier)

    def type(self, text: str) -> None:
        if text.isascii():
            self.qtbot.keyClicks(self.target(), text)
        else:
            commit(self.target(), text)

    def digit(self, n: int) -> None:
        for ch in str(n):  # 10 and above: two digits in quick succession
            self.key(getattr(Qt.Key, f"Key_{ch}"))


def commit(widget: Any, text: str) -> None:
    """Non-ASCII text the way an input method delivers it."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def answer_current(kb: Keyboard, page: Any, script: dict[str, Any], overrides: dict[str, Any] | None = None) -> str:
    """Answer the current question from the script with keys only, then go on; returns the question id."""
    s = page.session
    qid = s.current
    q = page.form.questions[qid]
    wanted = (overrides or {}).get(qid, script.get(qid))
    if qid == page.form.session_date or (qid in s.answers and wanted is None):
        kb.key(Qt.Key.Key_Return)
        return qid
    cl = page.form.choices(qid)
    if cl is not None:
        codes = list(cl.codes)
        picks = wanted if isinstance(wanted, list) else [wanted if wanted in codes else codes[0]]
        for code in picks:
            kb.digit(codes.index(code) + 1 if code in codes else 1)
        kb.key(Qt.Key.Key_Return)
        return qid
    if wanted == DECLINED and q.declinable:
        page.widget.focus_first()
        kb.key(Qt.Key.Key_Tab)  # to "He declined to answer"
        kb.key(Qt.Key.Key_Space)
        kb.key(Qt.Key.Key_Return)
        return qid
    if q.type == "signature":
        text = "Signer " + MARKER
    elif q.type == "integer":
        text = str(wanted if isinstance(wanted, int) else 1)
    elif q.type == "date":
        text = str(wanted or "2025-01-01")
    else:
        text = (str(wanted) if wanted else "text") + " " + MARKER
    page.widget.focus_first()
    kb.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    kb.type(text)
    if q.type == "text":
        kb.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    else:
        kb.key(Qt.Key.Key_Return)
    return qid


def unlock_by_keyboard(window: Any, kb: Any, qtbot: Any) -> None:
    window.lock()
    assert window.stack.currentWidget() is window.unlock_page
    window.unlock_page.field.setFocus()
    kb.type(PASSPHRASE)
    kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.cases is not None, timeout=10000)


def start_interview(window: Any, kb: Any, code: str = "CASE-KB-1") -> Any:
    kb.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.cases.code
    kb.type(code)
    kb.key(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.interview
    return window.interview


def drive(kb: Any, page: Any, script: dict[str, Any], overrides: dict[str, Any] | None = None,
          limit: int = 400) -> list[str]:
    seen = []
    window = page.window()
    for _ in range(limit):
        if window.stack.currentWidget() is not page:
            break
        before = page.session.current
        qid = answer_current(kb, page, script, overrides)
        seen.append(qid)
        assert page.session.current != before or window.stack.currentWidget() is not page, \
            (qid, page.problem.text())
    return seen


def visible_texts(root: Any) -> list[str]:
    out = []
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if w.isVisibleTo(root) and w.text():
            out.append(w.text())
    for w in root.findChildren(QTextBrowser) + root.findChildren(QPlainTextEdit):
        if w.isVisibleTo(root) and w.toPlainText():
            out.append(w.toPlainText())
    return out


def audit_events(core: Any, interview_id: str) -> list[tuple[str, str | None]]:
    return [(e.event, e.lang) for e in core.records.audit_entries(interview_id)]
