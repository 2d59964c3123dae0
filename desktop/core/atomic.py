"""Atomic, durable file writes: temp file in the same folder, fsync, rename, fsync of the folder.

Rename alone is atomic but not durable (Pillai et al., OSDI 2014). On any error the temp file is
removed and an older file of the same name is left untouched.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from desktop.core.errors import VoluntasError


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    path = Path(path)
    tmp = path.parent / f".{secrets.token_hex(8)}.part"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as err:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise VoluntasError("V011", path=str(path), reason=err.strerror or type(err).__name__) from None
