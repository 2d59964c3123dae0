"""The growing delay after wrong passphrases, kept in a small file that survives a restart.

Each try is counted before the passphrase is checked (and the count cleared after a right one),
so a counter that cannot be written blocks the try instead of allowing unlimited guesses. The
counter is bound to the vault's id by a MAC. A missing, damaged or foreign counter fails closed
once: it is rewritten at a high count and the wait starts then, so a copy to a new laptop opens
after one delay and deleting the file does not bring back fast guessing. The wait never exceeds
the delay of its count, whatever the clock says. A deterrent only: Argon2id and the passphrase's
strength are the real barrier against an offline attacker.
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
FAIL_CLOSED_COUNT = 8  # an untrusted counter counts as 8 failures: one wait of 64 s


def delay_for(failures: int) -> int:
    if failures <= FREE_TRIES:
        return 0
    return int(min(2 ** min(failures - FREE_TRIES, 16), MAX_DELAY_S))


class Throttle:
    def __init__(self, path: Path, vault_id: str, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.vault_id = vault_id
        self.clock = clock

    def _mac(self, failures: int, last: float) -> str:
        key = hashlib.sha256(b"voluntas-throttle\0" + self.vault_id.encode()).digest()
        return hmac.new(key, f"{failures}:{last!r}".encode(), hashlib.sha256).hexdigest()

    def _read(self) -> tuple[int, float] | None:
        try:
            doc = json.loads(self.path.read_text("ascii"))
            failures, last = int(doc["failures"]), float(doc["last"])
            if failures < 0 or not hmac.compare_digest(str(doc["mac"]), self._mac(failures, last)):
                raise ValueError
            return failures, last
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            return None

    def state(self) -> tuple[int, float]:
        """(failures, time of the last failure); an untrusted file reads as a fail-closed count now."""
        found = self._read()
        return found if found is not None else (FAIL_CLOSED_COUNT, self.clock())

    def remaining(self) -> int:
        failures, last = self.state()
        delay = delay_for(failures)
        wait = min(last + delay - self.clock(), delay)  # a clock set back never stretches the wait
        return max(0, int(wait + 0.999))

    def check(self) -> None:
        """V004 while a wait runs. An untrusted counter is rewritten at the fail-closed count first,
        and a last failure in the future is moved to now, so the wait starts now and ends."""
        found, now = self._read(), self.clock()
        if found is None:
            self._write(FAIL_CLOSED_COUNT, now)
        elif found[1] > now:  # the clock went back: the wait restarts now, once, at its usual length
            self._write(found[0], now)
        wait = self.remaining()
        if wait > 0:
            raise VoluntasError("V004", seconds=wait)

    def begin(self) -> None:
        """Count this try as a failure before it is made: V019 if the counter cannot be written."""
        failures, _ = self.state()
        self._write(failures + 1, self.clock())

    def record_failure(self) -> int:
        failures, _ = self.state()
        self._write(failures + 1, self.clock())
        return delay_for(failures + 1)

    def reset(self) -> None:
        """After the right passphrase. A counter that cannot be cleared just waits longer next time."""
        try:
            if self.state()[0] != 0:
                self._write(0, 0.0)
        except VoluntasError:
            pass

    def reset_new(self) -> None:
        """A new vault: start a counter bound to it."""
        self._write(0, 0.0)

    def _write(self, failures: int, last: float) -> None:
        doc = {"failures": failures, "last": last, "mac": self._mac(failures, last)}
        try:
            write_atomic(self.path, json.dumps(doc).encode())
        except VoluntasError as err:
            raise VoluntasError("V019", path=str(self.path), reason=err.fields.get("reason", "")) from None


def remaining_for(root: Path, epoch: Callable[[], float]) -> int:
    """Seconds until the next passphrase try at the vault folder `root` (0 when there is no readable key
    file: unlock itself reports a damaged or missing one). The unlock screens show it as a countdown."""
    from desktop.core.vault import keyfile
    from desktop.core.vault.files import VaultPaths

    vp = VaultPaths(Path(root))
    try:
        wrapped = keyfile.read(vp.key)
    except Exception:  # noqa: BLE001 - a damaged key file is reported by unlock itself
        return 0
    return Throttle(vp.throttle, wrapped.vault_id, epoch).remaining()
