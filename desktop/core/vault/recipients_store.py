"""The legal-team recipients a field laptop encrypts to, as stored (desktop.core.sync.recipients reads the
files and decides which desk may purge)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from desktop.core.vault import audit
from desktop.core.vault.db import Connection
from desktop.core.vault.records import Records, read_setting, write_setting

PRIMARY = "sync.primary_recipient"  # settings: the fingerprint of the recipient marked primary
SIGNED = "sync.signed_recipients"  # settings: fingerprints of recipients added from a signed file


@dataclass(frozen=True)
class Stored:
    fingerprint: str
    age_recipient: str
    desk_key: bytes  # empty when unsigned
    label: str
    added_at: str


class RecipientStore:
    def __init__(self, conn: Callable[[], Connection], records: Records) -> None:
        self._conn = conn
        self._records = records

    def all(self) -> list[Stored]:
        """Oldest first."""
        rows = self._conn().execute("SELECT fingerprint, age_recipient, desk_key, label, added_at FROM recipients "
                                    "ORDER BY added_at, rowid").fetchall()
        return [Stored(r[0], r[1], bytes(r[2]), r[3], r[4]) for r in rows]

    def signed(self) -> list[str]:
        return list(self._records.get_setting(SIGNED, []))

    def marked_primary(self) -> object:
        """The fingerprint marked primary, None when none was."""
        return self._records.get_setting(PRIMARY, None)

    def add(self, recipient: Stored, signed: bool, primary: bool, limit: int) -> Literal["added", "known", "full"]:
        """Store a recipient, mark it signed and primary as asked, with its audit event, in one transaction;
        nothing is stored when its fingerprint is known or `limit` recipients are."""
        r = recipient
        with self._records.transaction() as conn:
            if conn.execute("SELECT 1 FROM recipients WHERE fingerprint = ?", (r.fingerprint,)).fetchone():
                return "known"
            if conn.execute("SELECT count(*) FROM recipients").fetchone()[0] >= limit:
                return "full"
            conn.execute("INSERT INTO recipients VALUES (?, ?, ?, ?, ?)",
                         (r.fingerprint, r.age_recipient, r.desk_key, r.label, r.added_at))
            if signed:
                write_setting(conn, SIGNED, [*read_setting(conn, SIGNED, []), r.fingerprint])
            if primary:
                write_setting(conn, PRIMARY, r.fingerprint)
            self._records.audit(conn, audit.VAULT_CHAIN, "recipient_added", 0,
                                text_hash=r.fingerprint.replace(" ", ""))
        return "added"
