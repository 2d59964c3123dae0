"""The growing delay after wrong passphrases, kept in a small file that survives a restart.

A wrong try writes only this file (never the database, WAL or key file). The counter is bound to
the vault's id by a MAC, and a missing, damaged or foreign counter fails closed at a high count, so
deleting or editing it does not bring back fast guessing. This is a deterrent only: the Argon2id
cost and the passphrase's strength are the real barrier against an offline attacker.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.atomic import write_atomic
from desktop.core.errors import VoluntasError

FREE_TRIES = 2
MAX_DELAY_S = 300
FAIL_CLOSED_COUNT = 8  # a tampered counter counts as 8 failures: 64 s per try and growing


def delay_for(failures: int) -> int:
    if failures <= FREE_TRIES:
        return 0
    return int(min(2 ** (failures - FREE_TRIES), MAX_DELAY_S))


class Throttle:
    def __init__(self, path: Path, vault_id: str, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.vault_id = vault_id
        self.clock = clock

    def _mac(self, failures: int, last: float) -> str:
        key = hashlib.sha256(b"voluntas-throttle\0" + self.vault_id.encode()).digest()
        return hmac.new(key, f"{failures}:{last!r}".encode(), hashlib.sha256).hexdigest()

    def state(self) -> tuple[int, float]:
        """(failures, time of the last failure); fail closed when the file cannot be trusted."""
        try:
            doc = json.loads(self.path.read_text("ascii"))
            failures, last = int(doc["failures"]), float(doc["last"])
            if failures < 0 or not hmac.compare_digest(str(doc["mac"]), self._mac(failures, last)):
                raise ValueError
            return failures, last
        except (OSError, ValueError, KeyError, TypeError):
            return FAIL_CLOSED_COUNT, self.clock()

    def remaining(self) -> int:
        failures, last = self.state()
        wait = last + delay_for(failures) - self.clock()
        return max(0, int(wait + 0.999))

    def check(self) -> None:
        wait = self.remaining()
        if wait > 0:
            raise VoluntasError("V004", seconds=wait)

    def record_failure(self) -> int:
        failures, _ = self.state()
        self._write(failures + 1, self.clock())
        return delay_for(failures + 1)

    def reset(self) -> None:
        if self.state()[0] != 0:
            self._write(0, 0.0)

    def reset_new(self) -> None:
        """A new vault: start a counter bound to it."""
        self._write(0, 0.0)

    def _write(self, failures: int, last: float) -> None:
        doc = {"failures": failures, "last": last, "mac": self._mac(failures, last)}
        write_atomic(self.path, json.dumps(doc).encode())
