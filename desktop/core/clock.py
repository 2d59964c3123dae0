"""Injected time: the wall clock is read only where a date must be recorded (vault creation,
interview start); everything else uses the monotonic clock, so a wrong laptop clock cannot
reorder the audit trail."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Clock:
    wall: Callable[[], dt.datetime] = field(default=_utcnow)
    monotonic: Callable[[], float] = field(default=time.monotonic)
    epoch: Callable[[], float] = field(default=time.time)

    def iso_now(self) -> str:
        return self.wall().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


SYSTEM = Clock()
