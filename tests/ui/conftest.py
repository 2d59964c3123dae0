"""Fixtures for the window tests: a fast-KDF vault in the test's folder, an injected idle clock, and a
keyboard driver that never uses qtbot.keyClicks with non-ASCII text (it aborts the process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop import i18n
from desktop.core.forms.model import DECLINED
from desktop.core.vault import Vault
from tests.conftest import CASES

PASSPHRASE = "correct horse battery staple for the window tests"
MARKER = "ZQXMARKER"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def core(isolated_env: Path) -> Any:
    from desktop.facade import Core

    i18n.set_language("en")
    root = isolated_env / "data" / "voluntas"
    c = Core(root)
    c.vault = Vault.create(root, PASSPHRASE, "Tester", "Test org", kdf_profile="fast")
    yield c
    c.lock()
    i18n.set_language("en")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def window(qtbot: Any, core: Any, clock: FakeClock) -> Any:
    from desktop.app import build

    _app, win = build(core, clock=clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    from desktop.ui import tasks

    tasks.wait()


@pytest.fixture
def script() -> dict[str, Any]:
    """The answers of a fictional vignette (V01), used as the interview's script."""
    path = CASES / "V01.json"
    return dict(json.loads(path.read_text("utf-8"))["interviews"][0]["answers"])


class Keyboard:
    """Sends keys to whatever has the focus, as a person at the keyboard would."""

    def __init__(self, qtbot: Any, window: Any) -> None:
        self.qtbot, self.window = qtbot, window

    def target(self) -> Any:
        from desktop.ui.qt import QApplication

        return QApplication.focusWidget() or self.window

    def key(self, key: Any, mods: Any = None) -> None:
        from desktop.ui.qt import Qt

        self.qtbot.keyClick(self.target(), key, mods or Qt.KeyboardModifier.NoModifier)

    def type(self, text: str) -> None:
        if text.isascii():
            self.qtbot.keyClicks(self.target(), text)
        else:
            commit(self.target(), text)

    def digit(self, n: int) -> None:
        from desktop.ui.qt import Qt

        for ch in str(n):  # 10 and above: two digits in quick succession
            self.key(getattr(Qt.Key, f"Key_{ch}"))


def commit(widget: Any, text: str) -> None:
    """Non-ASCII text the way an input method delivers it."""
    from desktop.ui.qt import QApplication, QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def keyboard(qtbot: Any, window: Any) -> Keyboard:
    return Keyboard(qtbot, window)


def answer_current(kb: Keyboard, page: Any, script: dict[str, Any], overrides: dict[str, Any] | None = None) -> str:
    """Answer the current question from the script with keys only, then go on; returns the question id."""
    from desktop.ui.qt import Qt

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
