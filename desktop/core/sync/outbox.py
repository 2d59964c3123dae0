"""The outbox: sealed bundles not yet receipted, written to a folder (USB stick, share, Syncthing folder).

Each write is atomic (temp file, fsync, rename, fsync of the folder), so the folder never shows a
partial bundle under its final name. A sent log records (bundle, folder); pushing again to the same
folder writes nothing new.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.atomic import write_atomic
from desktop.core.bus import bus
from desktop.core.errors import VoluntasError
from desktop.core.sync import inbox
from desktop.core.vault import Vault
from desktop.core.vault.outbox_store import RECEIPTED_BY


@dataclass(frozen=True)
class OutboxItem:
    bundle_id: str
    name: str
    case_code: str
    interview_dates: tuple[str, ...]
    size: int
    sealed_at: str
    sent_to: tuple[str, ...]
    receipted_by: tuple[str, ...] = ()  # fingerprints of non-primary desks whose receipt came back


@dataclass(frozen=True)
class PurgedItem:
    bundle_id: str
    interviews: int
    receipted_at: str


@dataclass
class PushReport:
    folder: str
    written: list[str] = field(default_factory=list)  # file names
    already: int = 0
    bytes_written: int = 0
    skipped: list[str] = field(default_factory=list)  # names taken by a link, FIFO or device: not touched


def pending(vault: Vault) -> list[OutboxItem]:
    """Sealed bundles still held here (no receipt yet), oldest first, with the folders they went to."""
    noted = vault.records.get_setting(RECEIPTED_BY, {})  # written by receipts.py
    return [OutboxItem(h.bundle_id, h.name, h.case_code, h.interview_dates, h.size, h.sealed_at, h.sent_to,
                       tuple(noted.get(h.bundle_id, ()))) for h in vault.outbox.held()]


def purged(vault: Vault) -> list[PurgedItem]:
    """Bundles the desk receipted and this laptop purged (no case code is kept), newest first."""
    return [PurgedItem(b, n, at) for b, n, at in vault.outbox.purged()]


def _target(vault: Vault, folder: Path) -> str:
    """A keyed tag of the folder, not its path: a coerced unlock does not show where bundles went."""
    return vault.private_tag(str(Path(folder).resolve()))


def push_outbox(vault: Vault, folder: Path) -> PushReport:
    """Write every sealed bundle not yet sent to `folder`; idempotent."""
    folder = require_folder(folder)
    target = _target(vault, folder)
    report = PushReport(str(folder.resolve()))
    for item in pending(vault):
        if target in item.sent_to:
            report.already += 1
            continue
        data, digest = vault.outbox.bundle(item.bundle_id)
        path = folder / item.name
        if os.path.lexists(path) and not inbox.regular(path):
            report.skipped.append(item.name)
            continue
        if not _same(path, digest):
            write_atomic(path, data, mode=0o644)
            report.written.append(item.name)
            report.bytes_written += len(data)
        else:
            report.already += 1
        vault.outbox.mark_sent(item.bundle_id, target)
    bus.announce("outbox.pushed", folder=report.folder, written=len(report.written))
    return report


def require_folder(folder: Path) -> Path:
    """`folder` if it is an existing folder; S010 or S011 saying which it is not."""
    folder = Path(folder)
    if not os.path.lexists(folder):
        raise VoluntasError("S010", path=str(folder))
    if not folder.is_dir():
        raise VoluntasError("S011", path=str(folder))
    return folder


def _same(path: Path, digest: str) -> bool:
    """Does the regular file at `path` hold these bytes? (never opens a FIFO or a device)"""
    fd = inbox.open_regular(path)
    if fd is None:
        return False
    h = hashlib.sha256()
    try:
        with open(fd, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError:
        return False
    return h.hexdigest() == digest
