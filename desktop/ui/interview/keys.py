"""The interview's keyboard: the shortcuts of the screen and Enter in the interviewer's note."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from desktop.ui.interview import widgets
from desktop.ui.qt import QKeySequence, QObject, QShortcut, Qt, QWidget


def install(page: QWidget, keys: list[tuple[str, Callable[[], Any]]]) -> list[QShortcut]:
    """Shortcuts that act while the focus is anywhere on `page`."""
    out = []
    for seq, slot in keys:
        sc = QShortcut(QKeySequence(seq), page)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(slot)
        out.append(sc)
    return out


class NoteFilter(QObject):
    """Enter in the note: save it and go on (Shift+Enter: new line); leaving the note saves it."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt name
        if event.type() == event.Type.KeyPress and widgets.is_ctrl_enter(event):
            self.page.go_next()
            return True
        if event.type() == event.Type.FocusOut:
            self.page.save_note()
        return False


class Digits:
    """1-9 choose at once; two digits typed within a second choose 10 and above."""

    def __init__(self) -> None:
        self.pending = (0, 0.0)

    def press(self, d: int, count: int) -> int:
        """The choice (1-based) that digit `d` makes among `count` choices now; 0 for none yet."""
        now = time.monotonic()
        pending, when = self.pending
        if pending and now - when < 1.2 and pending * 10 + d <= count:
            self.pending = (0, 0.0)
            return pending * 10 + d
        self.pending = (d, now) if d and d * 10 <= count else (0, 0.0)
        return d


def page_key(page: Any, event: Any) -> bool:
    """Enter goes on, a digit chooses, D ticks 'declined' (no modifier); True if the key was used."""
    key = event.key()
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        page.go_next()
    elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and mods == Qt.KeyboardModifier.NoModifier:
        page.digit(int(key) - int(Qt.Key.Key_0))
    elif key == Qt.Key.Key_D and mods == Qt.KeyboardModifier.NoModifier and page.widget is not None \
            and page.widget.declined is not None:
        page.widget.declined.toggle()
    else:
        return False
    return True
