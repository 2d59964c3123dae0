"""A plain-Python event bus: the core announces, the UI listens.

Listeners are called synchronously on the announcing thread; the UI re-posts to the GUI thread.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any

Listener = Callable[..., None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: dict[str, list[Listener]] = defaultdict(list)
        self._lock = threading.Lock()

    def subscribe(self, event: str, listener: Listener) -> None:
        with self._lock:
            self._listeners[event].append(listener)

    def unsubscribe(self, event: str, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners.get(event, []):
                self._listeners[event].remove(listener)

    def announce(self, event: str, **payload: Any) -> None:
        with self._lock:
            listeners = list(self._listeners.get(event, []))
        for listener in listeners:
            listener(**payload)


bus = EventBus()
