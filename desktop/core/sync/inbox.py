"""An inbox folder as a sync tool or a person leaves it (issue 7 item 5).

Syncthing writes `.syncthing.<name>.tmp` (`~syncthing~<name>.tmp` on Windows) and renames when the
file is complete; our own writer uses `.<random>.part`. Those are ignored until they carry a final
name. Conflict copies (`<name>.sync-conflict-<date>-<time>-<device>.age`) are read like any bundle:
the bundle id inside decides, so a second copy is a duplicate, not a second import. A file that
changes while being read is skipped and tried again on the next run; a truncated bundle is rejected
with a reason and, since nothing about it is remembered, accepted once a complete copy arrives.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CONFLICT = re.compile(r"\.sync-conflict-\d{8}-\d{6}(-[A-Z0-9]+)?")
IMPORTED, DUPLICATE, REJECTED, SKIPPED = "imported", "duplicate", "rejected", "skipped"


@dataclass(frozen=True)
class Outcome:
    file: str
    status: str  # IMPORTED / DUPLICATE / REJECTED / SKIPPED
    code: str = ""
    reason: str = ""
    bundle_id: str = ""
    case_code: str = ""


def ignored(name: str) -> bool:
    """Temporary and hidden files of sync tools, copy programs and our own atomic writer."""
    lower = name.lower()
    return (name.startswith((".", "~")) or lower.endswith((".tmp", ".part", ".partial", ".crdownload"))
            or lower in ("desktop.ini", "thumbs.db"))


def is_conflict_copy(name: str) -> bool:
    return CONFLICT.search(name) is not None


def candidates(folder: Path, suffix: str) -> Iterator[Path]:
    """Regular files (no links) with a final name ending in `suffix`, sorted by name."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if ignored(entry.name) or not entry.name.lower().endswith(suffix):
            continue
        if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
            continue
        yield Path(entry.path)


def open_regular(path: Path) -> int | None:
    """A read-only descriptor of `path` if it is a regular file, else None.

    O_NONBLOCK: a FIFO swapped in under a bundle's name must not block the open (the vault is
    unlocked meanwhile); O_NOFOLLOW: a symlink is not followed; fstat then says what was opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def regular(path: Path) -> bool:
    """Is `path` itself (not a link's target) a regular file?"""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def read_settled(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it is too large, not a regular file, or changed while being read."""
    fd = open_regular(path)
    if fd is None:
        return None
    try:
        before = os.fstat(fd)
        with open(fd, "rb") as fh:
            if before.st_size > limit:
                return None
            data = fh.read(limit + 1)
        after = path.stat()
    except OSError:
        return None
    if len(data) > limit or (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        return None
    if len(data) != after.st_size:
        return None
    return data
