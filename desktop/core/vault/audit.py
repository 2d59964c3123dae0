"""The hash-chained audit log: one chain per interview (so sealing one interview leaves the
others' chains whole) and one for the vault itself ("vault").

Each entry's hash covers the previous hash and the entry's canonical JSON. Entries hold event
names, question ids, languages, text hashes and elapsed times: never answer text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from desktop.core.vault.db import Connection

GENESIS = "0" * 64
VAULT_CHAIN = "vault"


@dataclass(frozen=True)
class AuditEntry:
    chain: str
    seq: int
    event: str
    question_id: str | None
    lang: str | None
    text_hash: str | None
    elapsed_ms: int
    hash: str  # hex; stored as 32 raw bytes, the previous entry's hash is the link


def entry_hash(prev_hash: str, chain: str, seq: int, event: str, question_id: str | None,
               lang: str | None, text_hash: str | None, elapsed_ms: int) -> str:
    body = json.dumps(
        [chain, seq, event, question_id, lang, text_hash, elapsed_ms], separators=(",", ":"), ensure_ascii=True
    )
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + body.encode("ascii")).hexdigest()


def head(conn: Connection, chain: str) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit WHERE chain = ? ORDER BY seq DESC LIMIT 1", (chain,)).fetchone()
    return (int(row[0]), bytes(row[1]).hex()) if row else (0, GENESIS)


def append(conn: Connection, chain: str, event: str, elapsed_ms: int, question_id: str | None = None,
           lang: str | None = None, text_hash: str | None = None) -> str:
    """Append inside the caller's transaction; return the new head hash.

    The head is read from the table each time (not cached): sealing deletes whole chains, and a cached
    head would then link a new entry to a vanished one.
    """
    seq, prev = head(conn, chain)
    seq += 1
    digest = entry_hash(prev, chain, seq, event, question_id, lang, text_hash, elapsed_ms)
    conn.execute(
        "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (chain, seq, event, question_id, lang, text_hash, elapsed_ms, bytes.fromhex(digest)),
    )
    return digest


def entries(conn: Connection, chain: str) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT chain, seq, event, question_id, lang, text_hash, elapsed_ms, hash "
        "FROM audit WHERE chain = ? ORDER BY seq", (chain,)
    ).fetchall()
    return [AuditEntry(chain=r[0], seq=r[1], event=r[2], question_id=r[3], lang=r[4], text_hash=r[5],
                       elapsed_ms=r[6], hash=bytes(r[7]).hex()) for r in rows]


def verify(conn: Connection) -> list[str]:
    """Problems found in every chain: a broken link, a wrong hash or a gap in the numbering."""
    problems: list[str] = []
    for (chain,) in conn.execute("SELECT DISTINCT chain FROM audit ORDER BY chain").fetchall():
        prev, expected_seq = GENESIS, 1
        for e in entries(conn, chain):
            label = "vault" if chain == VAULT_CHAIN else "an interview"
            if e.seq != expected_seq:
                problems.append(f"audit chain of {label}: entry {expected_seq} is missing")
                break
            if e.hash != entry_hash(
                prev, e.chain, e.seq, e.event, e.question_id, e.lang, e.text_hash, e.elapsed_ms
            ):
                problems.append(f"audit chain of {label}: entry {e.seq} does not match its hash")
                break
            prev, expected_seq = e.hash, expected_seq + 1
    return problems
