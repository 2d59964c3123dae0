"""What the field laptop keeps of its sealed bundles: the bundles, where they were sent, and the receipts
that came back (desktop.core.sync.outbox and receipts decide when; this stores).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from desktop.core.vault import audit
from desktop.core.vault.db import Connection
from desktop.core.vault.records import Records, read_setting, write_setting

RECEIPTED_BY = "sync.receipted_by"  # settings: bundle id -> fingerprints of the non-primary desks that receipted
Outcome = Literal["done", "already", "unknown", "mismatch"]  # mismatch: the receipt names other bytes


@dataclass(frozen=True)
class Held:
    """A sealed bundle still held here."""

    bundle_id: str
    name: str
    case_code: str
    size: int
    sealed_at: str
    interview_dates: tuple[str, ...]
    sent_to: tuple[str, ...]  # keyed tags of the folders, in the order it went there


class OutboxStore:
    def __init__(self, conn: Callable[[], Connection], records: Records) -> None:
        self._conn = conn
        self._records = records

    def held(self) -> list[Held]:
        """Oldest first."""
        conn = self._conn()
        rows = conn.execute(
            "SELECT s.bundle_id, s.name, c.code, length(s.data), s.sealed_at FROM sealed s "
            "JOIN cases c ON c.id = s.case_id ORDER BY s.sealed_at, s.bundle_id").fetchall()
        out = []
        for bid, name, code, size, at in rows:
            dates = conn.execute("SELECT i.interview_date FROM sealed_interviews si JOIN interviews i "
                                 "ON i.id = si.interview_id WHERE si.bundle_id = ? ORDER BY 1", (bid,)).fetchall()
            sent = conn.execute("SELECT target FROM sent_log WHERE bundle_id = ? ORDER BY sent_at", (bid,)).fetchall()
            out.append(Held(bid, name, code, int(size), at, tuple(d[0] for d in dates), tuple(s[0] for s in sent)))
        return out

    def bundle(self, bundle_id: str) -> tuple[bytes, str]:
        """(the sealed bytes, their SHA-256)."""
        row = self._conn().execute("SELECT data, sha256 FROM sealed WHERE bundle_id = ?", (bundle_id,)).fetchone()
        return bytes(row[0]), str(row[1])

    def mark_sent(self, bundle_id: str, target: str) -> None:
        with self._records.transaction() as tx:
            tx.execute("INSERT OR IGNORE INTO sent_log VALUES (?, ?, ?)",
                       (bundle_id, target, self._records.clock.iso_now()))

    def purged(self) -> list[tuple[str, int, str]]:
        """(bundle id, interviews, receipted at) of each bundle purged on a receipt, newest first."""
        rows = self._conn().execute(
            "SELECT bundle_id, interviews, imported_at FROM receipts ORDER BY imported_at DESC, bundle_id").fetchall()
        return [(str(b), int(n), str(at)) for b, n, at in rows]

    def receipts_by_desk(self) -> list[str]:
        """The desk fingerprint of each receipt that purged a bundle."""
        return [str(desk) for (desk,) in self._conn().execute("SELECT desk FROM receipts")]

    def note_receipt(self, bundle_id: str, sha256: object, desk: str) -> Outcome:
        """Remember that `desk` (not the primary one) receipted the bundle, with the audit event."""
        records = self._records
        with records.transaction() as conn:
            row = conn.execute("SELECT sha256 FROM sealed WHERE bundle_id = ?", (bundle_id,)).fetchone()
            if row is None:
                return "unknown"
            if row[0] != sha256:
                return "mismatch"
            seen: dict[str, list[str]] = read_setting(conn, RECEIPTED_BY, {})
            if desk in seen.get(bundle_id, []):
                return "already"
            seen[bundle_id] = [*seen.get(bundle_id, []), desk]
            write_setting(conn, RECEIPTED_BY, seen)
            records.audit(conn, audit.VAULT_CHAIN, "receipt_noted", 0, text_hash=str(row[0]))
        return "done"

    def purge(self, bundle_id: str, sha256: object, desk: str) -> tuple[Outcome, int]:
        """The primary desk's receipt: in one transaction delete the bundle, its list entries and a case
        left empty, record the receipt and its audit event. Returns the outcome and the interviews purged."""
        records = self._records
        with records.transaction() as conn:
            if conn.execute("SELECT 1 FROM receipts WHERE bundle_id = ?", (bundle_id,)).fetchone():
                return "already", 0
            row = conn.execute("SELECT sha256, case_id FROM sealed WHERE bundle_id = ?", (bundle_id,)).fetchone()
            if row is None:
                return "unknown", 0
            if row[0] != sha256:
                return "mismatch", 0
            ids = [r[0] for r in conn.execute("SELECT interview_id FROM sealed_interviews WHERE bundle_id = ?",
                                              (bundle_id,))]
            conn.execute("DELETE FROM sealed_interviews WHERE bundle_id = ?", (bundle_id,))
            conn.execute("DELETE FROM sent_log WHERE bundle_id = ?", (bundle_id,))
            conn.execute("DELETE FROM sealed WHERE bundle_id = ?", (bundle_id,))
            for iid in ids:
                conn.execute("DELETE FROM interviews WHERE id = ? AND state = 'sealed'", (iid,))
            conn.execute("DELETE FROM cases WHERE id = ? AND NOT EXISTS (SELECT 1 FROM interviews WHERE case_id = ?) "
                         "AND NOT EXISTS (SELECT 1 FROM sealed WHERE case_id = ?)", (row[1], row[1], row[1]))
            conn.execute("INSERT INTO receipts VALUES (?, ?, ?, ?, ?)",
                         (bundle_id, row[0], desk, len(ids), records.clock.iso_now()))
            noted = read_setting(conn, RECEIPTED_BY, {})
            if bundle_id in noted:
                del noted[bundle_id]
                write_setting(conn, RECEIPTED_BY, noted)
            records.audit(conn, audit.VAULT_CHAIN, "receipt_purged", 0, text_hash=str(row[0]))
        return "done", len(ids)
