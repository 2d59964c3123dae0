"""What counts as someone at the keyboard, for the idle auto-lock of the field and the desk windows."""

from __future__ import annotations

from typing import Any

from desktop.ui.qt import QEvent, QObject

ACTIVITY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                   QEvent.Type.TouchBegin, QEvent.Type.InputMethod}


class ActivityFilter(QObject):
    """Installed on a window: every input event calls window.touch(), which restarts its idle clock."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() in ACTIVITY_EVENTS:
            self.window.touch()
        return False
