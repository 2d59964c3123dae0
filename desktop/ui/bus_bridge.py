"""The UI's ear on the core's event bus (house rule 5): the core announces, this bridge re-emits each
announcement as a Qt signal, queued to the GUI thread when it came from a worker."""

from __future__ import annotations

from typing import Any

from desktop.ui.qt import QObject, Signal

EVENTS = ("answer.saved", "vault.locked", "vault.unlocked", "vault.wiped", "interview.finalized")


class BusBridge(QObject):
    announced = Signal(str, dict)

    def __init__(self, bus: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._listeners = {name: self._listener(name) for name in EVENTS}
        for name, fn in self._listeners.items():
            bus.subscribe(name, fn)

    def _listener(self, name: str) -> Any:
        def listen(**payload: Any) -> None:
            self.announced.emit(name, dict(payload))

        return listen

    def close(self) -> None:
        for name, fn in self._listeners.items():
            self.bus.unsubscribe(name, fn)
        self._listeners = {}
