"""The files of one vault folder, and the lock that keeps a second process out."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from desktop.core.errors import VoluntasError


@dataclass(frozen=True)
class VaultPaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / "vault.db"

    @property
    def key(self) -> Path:
        return self.root / "vault.key"

    @property
    def throttle(self) -> Path:
        return self.root / "vault.throttle"

    @property
    def lock(self) -> Path:
        return self.root / "vault.lock"

    @property
    def staging(self) -> Path:
        return self.root / "staging"

    def sidecars(self) -> list[Path]:
        return [self.db.with_name(self.db.name + suffix) for suffix in ("-wal", "-shm", "-journal")]

    def exists(self) -> bool:
        return self.key.exists() or self.db.exists()


class ProcessLock:
    """An exclusive advisory lock on vault.lock, held while the vault is open."""

    def __init__(self, paths: VaultPaths) -> None:
        self.paths = paths
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        self.paths.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        fh = open(self.paths.lock, "a+b")  # noqa: SIM115 - held open while the vault is unlocked
        try:
            _lock(fh)
        except OSError:
            fh.close()
            raise VoluntasError("V007", path=str(self.paths.root)) from None
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing drops the lock
            self._fh = None


def _lock(fh: IO[bytes]) -> None:
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
