"""What finalizing and sealing store: an interview's move to finalized, what a seal reads, and the one
transaction that stores the bundle and removes the plaintext (desktop.core.sync.seal decides the rest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.vault import audit
from desktop.core.vault.db import Connection
from desktop.core.vault.records import Records

SEALABLE = ("draft", "finalized")


@dataclass(frozen=True)
class Content:
    """One interview as a seal reads it: the row, the case code, what was recorded and its audit chain."""

    id: str
    form_id: str
    form_version: str
    captive_lang: str
    interviewer_lang: str
    interview_date: str
    started_at: str
    elapsed_ms: int
    case_code: str
    answers: list[tuple[str, str, str, str, int]]  # question id, stored JSON, lang, text hash, elapsed ms
    notes: list[tuple[str, str, str, int]]  # question id, text, lang, elapsed ms
    attachments: list[tuple[str, str | None, str, str, bytes, int]]  # id, question id, type, sha256, data, ms
    chain: list[audit.AuditEntry]


@dataclass(frozen=True)
class Sealed:
    bundle_id: str
    case_id: str
    name: str
    data: bytes
    sha256: str


class SealStore:
    def __init__(self, conn: Callable[[], Connection], records: Records) -> None:
        self._conn = conn
        self._records = records

    def mark_finalized(self, interview_id: str) -> None:
        """draft -> finalized with its audit event. Raises V015 (unknown) or V016 (not a draft)."""
        records = self._records
        elapsed = records.elapsed_ms(interview_id)
        with records.transaction() as conn:
            records.require_draft(conn, interview_id)
            conn.execute("UPDATE interviews SET state = 'finalized', elapsed_ms = ? WHERE id = ?",
                         (elapsed, interview_id))
            records.audit(conn, interview_id, "finalized", elapsed)

    def finalized(self) -> list[tuple[str, str]]:
        """(case id, interview id) of every finalized interview, by case and date."""
        rows = self._conn().execute(
            "SELECT case_id, id FROM interviews WHERE state = 'finalized' ORDER BY case_id, interview_date, id"
        ).fetchall()
        return [(str(c), str(i)) for c, i in rows]

    def sealable(self, case_id: str) -> list[str]:
        rows = self._conn().execute(
            "SELECT id FROM interviews WHERE case_id = ? AND state IN (?, ?) "
            "ORDER BY interview_date, id", (case_id, *SEALABLE)).fetchall()
        return [str(r[0]) for r in rows]

    def case_and_state(self, interview_id: str) -> tuple[str, str] | None:
        row = self._conn().execute("SELECT case_id, state FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        return None if row is None else (row[0], row[1])

    def content(self, interview_id: str) -> Content:
        conn = self._conn()
        row = conn.execute(
            "SELECT i.form_id, i.form_version, i.captive_lang, i.interviewer_lang, i.interview_date, "
            "i.started_at, i.elapsed_ms, c.code FROM interviews i JOIN cases c ON c.id = i.case_id WHERE i.id = ?",
            (interview_id,)).fetchone()
        answers = conn.execute("SELECT question_id, value, lang, text_hash, elapsed_ms FROM answers "
                               "WHERE interview_id = ? ORDER BY question_id", (interview_id,)).fetchall()
        notes = conn.execute("SELECT question_id, text, lang, elapsed_ms FROM notes WHERE interview_id = ? "
                             "ORDER BY question_id", (interview_id,)).fetchall()
        atts = conn.execute("SELECT id, question_id, media_type, sha256, data, elapsed_ms FROM attachments "
                            "WHERE interview_id = ? ORDER BY id", (interview_id,)).fetchall()
        return Content(interview_id, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], answers, notes,
                       [(a, q, t, h, bytes(d), ms) for a, q, t, h, d, ms in atts], audit.entries(conn, interview_id))

    def store_sealed(self, sealed: Sealed, heads: dict[str, str], in_transaction: Callable[[], None]) -> str | None:
        """In one transaction: store the bundle, delete the plaintext and the audit chains of the interviews
        in `heads` (id -> audit head when read) and mark them sealed. Returns None when committed, or the
        id of an interview that changed since it was read: then nothing is written."""
        records = self._records
        with records.transaction() as tx:
            for iid, head in heads.items():
                state = tx.execute("SELECT state FROM interviews WHERE id = ?", (iid,)).fetchone()
                if state is None or state[0] not in SEALABLE or audit.head(tx, iid)[1] != head:
                    return iid
            tx.execute("INSERT INTO sealed VALUES (?, ?, ?, ?, ?, ?)",
                       (sealed.bundle_id, sealed.case_id, sealed.name, sealed.data, sealed.sha256,
                        records.clock.iso_now()))
            for iid in heads:
                tx.execute("INSERT INTO sealed_interviews VALUES (?, ?)", (iid, sealed.bundle_id))
                tx.execute("DELETE FROM answers WHERE interview_id = ?", (iid,))
                tx.execute("DELETE FROM notes WHERE interview_id = ?", (iid,))
                tx.execute("DELETE FROM attachments WHERE interview_id = ?", (iid,))
                tx.execute("DELETE FROM audit WHERE chain = ?", (iid,))
                tx.execute("UPDATE interviews SET state = 'sealed', form_id = '', form_version = '', "
                           "position = NULL, elapsed_ms = 0 WHERE id = ?", (iid,))
            records.audit(tx, audit.VAULT_CHAIN, "interviews_sealed", 0, text_hash=sealed.sha256)
            in_transaction()
        return None
