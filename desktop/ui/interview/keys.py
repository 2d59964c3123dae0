"""The interview's keyboard: the shortcuts of the screen and Enter in the interviewer's note."""

from __future__ import annotations

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
