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
    def key_next(self) -> Path:
        """The new key file of a passphrase change, until the database is re-keyed."""
        return self.root / "vault.key.next"

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

    def private_files(self) -> list[Path]:
        return [self.db, *self.sidecars(), self.lock, self.key, self.key_next, self.throttle]

    def make_private(self) -> None:
        """0600 on every vault file, whatever the folder's umask or inherited modes."""
        for path in self.private_files():
            try:
                if path.is_file() and path.stat().st_mode & 0o077:
                    os.chmod(path, 0o600)
            except OSError:
                pass  # a file SQLite just removed


class ProcessLock:
    """An exclusive advisory lock on vault.lock, held while the vault is open."""

    def __init__(self, paths: VaultPaths) -> None:
        self.paths = paths
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        usable(self.paths.root)
        try:
            fd = os.open(self.paths.lock, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError as err:
            raise VoluntasError("V022", path=str(self.paths.root), reason=err.strerror or type(err).__name__) from None
        fh = os.fdopen(fd, "a+b")
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


def usable(root: Path) -> None:
    """The data folder exists (made 0700 if not), is a folder and is writable; V022 names what is wrong."""
    if root.exists() and not root.is_dir():
        raise VoluntasError("V022", path=str(root), reason="it is a file, not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise VoluntasError("V022", path=str(root), reason=err.strerror or type(err).__name__) from None
    if not os.access(root, os.W_OK | os.X_OK):
        raise VoluntasError("V022", path=str(root), reason="the folder is read-only")


def _lock(fh: IO[bytes]) -> None:
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
