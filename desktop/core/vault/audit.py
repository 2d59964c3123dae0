"""The keyed, anchored audit log: one chain per interview (so sealing one interview leaves the
others' chains whole) and one for the vault itself ("vault").

Each entry's hash is an HMAC, under the vault's audit key, of the previous hash and the entry's
canonical JSON; an answer or note event also covers a MAC of the stored value, so an edited value
no longer matches the newest event for its question. Each chain's head (seq and hash) is anchored
outside the audit table under its own MAC (an interview's in its interviews row, the vault's in
audit_heads), so a truncated, deleted or renumbered chain shows. Someone with
the database key alone can change rows but cannot make the MACs match. Entries hold event names,
question ids, languages, text hashes, value MACs and elapsed times: never answer text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from desktop.core.vault.db import Connection

GENESIS = "0" * 64
VAULT_CHAIN = "vault"
# event -> (table, column) whose current value the newest such event must cover
VALUE_EVENTS = {"answer": ("answers", "value"), "note": ("notes", "text")}
CLEARING_EVENTS = {"answer_cleared": "answer"}


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
    value_mac: str | None = None


def _mac(key: bytes, *parts: str | bytes) -> bytes:
    data = b"\0".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in parts)
    return hmac.digest(key, data, "sha256")


def value_mac(key: bytes, chain: str, question_id: str, stored: str) -> str:
    """The MAC of a value as stored (the answers.value JSON text, or the note text)."""
    return _mac(key, b"value", chain, question_id, stored).hex()


def entry_hash(key: bytes, prev_hash: str, chain: str, seq: int, event: str, question_id: str | None,
               lang: str | None, text_hash: str | None, elapsed_ms: int, vmac: str | None) -> str:
    body = json.dumps([chain, seq, event, question_id, lang, text_hash, elapsed_ms, vmac],
                      separators=(",", ":"), ensure_ascii=True)
    return hmac.digest(key, prev_hash.encode("ascii") + b"\n" + body.encode("ascii"), "sha256").hex()


def head_mac(key: bytes, chain: str, seq: int, digest: str) -> bytes:
    return _mac(key, b"head", chain, str(seq), digest)


def head(conn: Connection, chain: str) -> tuple[int, str]:
    """The anchored head (seq, hash); (0, GENESIS) for a chain with no entry yet."""
    if chain == VAULT_CHAIN:
        row = conn.execute("SELECT seq, hash FROM audit_heads WHERE chain = ?", (chain,)).fetchone()
    else:
        row = conn.execute("SELECT audit_seq, audit_head FROM interviews WHERE id = ?", (chain,)).fetchone()
    return (int(row[0]), bytes(row[1]).hex()) if row and row[0] else (0, GENESIS)


@dataclass(frozen=True)
class Entry:
    """A computed entry, ready to insert; `anchor` is (seq, hash, head MAC) for the head's row."""

    row: tuple[object, ...]
    seq: int
    digest: str
    anchor: tuple[int, bytes, bytes]


def entry(key: bytes, known: tuple[int, str], chain: str, event: str, elapsed_ms: int, question_id: str | None,
          lang: str | None, text_hash: str | None, stored: str | None) -> Entry:
    seq, prev = known[0] + 1, known[1]
    vmac = value_mac(key, chain, question_id or "", stored) if stored is not None else None
    digest = entry_hash(key, prev, chain, seq, event, question_id, lang, text_hash, elapsed_ms, vmac)
    raw = bytes.fromhex(digest)
    row = (chain, seq, event, question_id, lang, text_hash, elapsed_ms, raw, bytes.fromhex(vmac) if vmac else None)
    return Entry(row, seq, digest, (seq, raw, head_mac(key, chain, seq, digest)))


def insert(conn: Connection, e: Entry, anchor: bool = True) -> None:
    """Insert the entry; with `anchor`, move the head too (the autosave moves it in its own UPDATE)."""
    conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.row)
    if not anchor:
        return
    chain = str(e.row[0])
    if chain == VAULT_CHAIN:
        conn.execute("INSERT OR REPLACE INTO audit_heads VALUES (?, ?, ?, ?)", (chain, *e.anchor))
    else:
        conn.execute("UPDATE interviews SET audit_seq = ?, audit_head = ?, audit_mac = ? WHERE id = ?",
                     (*e.anchor, chain))


def append(conn: Connection, key: bytes, chain: str, event: str, elapsed_ms: int, question_id: str | None = None,
           lang: str | None = None, text_hash: str | None = None, stored: str | None = None,
           known: tuple[int, str] | None = None) -> tuple[int, str]:
    """Append inside the caller's transaction and move the anchored head; return the new head.

    `stored` is the value as stored for an answer or note event. `known` is the head as the caller
    last wrote it in this session (saves a query per autosave); without it the head is read.
    """
    e = entry(key, known if known is not None else head(conn, chain), chain, event, elapsed_ms, question_id, lang,
              text_hash, stored)
    insert(conn, e)
    return e.seq, e.digest


def entries(conn: Connection, chain: str) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT chain, seq, event, question_id, lang, text_hash, elapsed_ms, hash, value_mac "
        "FROM audit WHERE chain = ? ORDER BY seq", (chain,)
    ).fetchall()
    return [AuditEntry(chain=r[0], seq=r[1], event=r[2], question_id=r[3], lang=r[4], text_hash=r[5],
                       elapsed_ms=r[6], hash=bytes(r[7]).hex(), value_mac=bytes(r[8]).hex() if r[8] else None)
            for r in rows]


def verify(conn: Connection, key: bytes) -> list[str]:
    """Problems found: a broken link or MAC, a gap, a chain cut short or missing, a head that does not
    verify, a stored answer or note that no longer matches the newest event for it."""
    problems: list[str] = []
    rows = conn.execute("SELECT chain, seq, hash, mac FROM audit_heads UNION ALL SELECT id, audit_seq, audit_head, "
                        "audit_mac FROM interviews WHERE audit_seq > 0").fetchall()
    heads = {str(c): (int(s), bytes(h or b"").hex(), bytes(m or b"")) for c, s, h, m in rows}
    chains = {str(r[0]) for r in conn.execute("SELECT DISTINCT chain FROM audit").fetchall()}
    live = {str(r[0]) for r in conn.execute("SELECT id FROM interviews WHERE state != 'sealed'").fetchall()}
    for chain in sorted(chains | set(heads) | live | {VAULT_CHAIN}):
        label = "vault" if chain == VAULT_CHAIN else f"interview {chain}"
        problem = _verify_chain(conn, key, chain, heads.get(chain))
        if problem is None and chain != VAULT_CHAIN and chain not in live:
            problem = "no such interview, or it is sealed"
        if problem is None and chain != VAULT_CHAIN:
            problem = _verify_values(conn, key, chain)
        if problem:
            problems.append(f"audit chain of {label}: {problem}")
    problems += _verify_interviews(conn)
    return problems


def _verify_chain(conn: Connection, key: bytes, chain: str, anchored: tuple[int, str, bytes] | None) -> str | None:
    if anchored is None:
        return "missing (no anchored head)"
    seq, digest, mac = anchored
    if not hmac.compare_digest(mac, head_mac(key, chain, seq, digest)):
        return "its anchored head does not verify"
    prev, expected = GENESIS, 1
    for e in entries(conn, chain):
        if e.seq != expected:
            return f"entry {expected} is missing"
        if e.hash != entry_hash(key, prev, chain, e.seq, e.event, e.question_id, e.lang, e.text_hash,
                                e.elapsed_ms, e.value_mac):
            return f"entry {e.seq} does not match its MAC"
        prev, expected = e.hash, expected + 1
    if expected - 1 != seq or prev != digest:
        if expected == 1:
            return "its entries were deleted"
        return f"ends at entry {expected - 1}, its anchored head is entry {seq} (cut short or replaced)"
    return None


def _verify_values(conn: Connection, key: bytes, chain: str) -> str | None:
    newest: dict[tuple[str, str], AuditEntry] = {}
    for e in entries(conn, chain):
        event = CLEARING_EVENTS.get(e.event, e.event)
        if event in VALUE_EVENTS and e.question_id is not None:
            newest[(event, e.question_id)] = e
    for event, (table, column) in VALUE_EVENTS.items():
        stored = dict(conn.execute(f"SELECT question_id, {column} FROM {table} WHERE interview_id = ?",  # noqa: S608
                                   (chain,)).fetchall())
        for qid, value in sorted(stored.items()):
            found = newest.get((event, qid))
            if found is None or found.event != event or found.value_mac != value_mac(key, chain, qid, value):
                return f"the stored {event} to {qid} does not match the audit chain (changed outside the app)"
        for (kind, qid), last in sorted(newest.items()):
            if kind == event and last.event == event and last.value_mac is not None and qid not in stored:
                return f"the {event} to {qid} is recorded in the audit chain but missing from the vault"
    return None


def _verify_interviews(conn: Connection) -> list[str]:
    """Interviews named by the vault chain still exist, but for those purged after a desk's receipt;
    a sealed one has its bundle."""
    problems = []
    known = {str(r[0]) for r in conn.execute("SELECT id FROM interviews").fetchall()}
    gone = [str(r[0]) for r in conn.execute("SELECT question_id FROM audit WHERE chain = ? AND "
                                           "event = 'interview_created'", (VAULT_CHAIN,)).fetchall()
            if str(r[0]) not in known]
    receipted = int(conn.execute("SELECT COALESCE(SUM(interviews), 0) FROM receipts").fetchone()[0])
    if len(gone) > receipted:
        problems.append(f"audit chain of vault: {len(gone) - receipted} interviews were deleted "
                        f"(among {', '.join(gone[:5])})")
    for (iid,) in conn.execute("SELECT i.id FROM interviews i LEFT JOIN sealed_interviews s ON s.interview_id = i.id "
                               "WHERE i.state = 'sealed' AND s.bundle_id IS NULL").fetchall():
        problems.append(f"audit chain of interview {iid}: marked sealed, but no sealed bundle holds it")
    return problems


def rechain(conn: Connection, key: bytes) -> None:
    """Storage version 3: key every chain that still verifies under the old plain SHA-256 rule, bind
    the current answers and notes to their newest events, and anchor the heads. A chain already
    broken is left as it was, so `vault check` keeps reporting it."""
    for (chain,) in conn.execute("SELECT DISTINCT chain FROM audit ORDER BY chain").fetchall():
        old = entries(conn, chain)
        if not _plain_ok(old):
            continue
        stored: dict[tuple[str, str], str] = {}
        for event, (table, column) in VALUE_EVENTS.items():
            for qid, value in conn.execute(f"SELECT question_id, {column} FROM {table} "  # noqa: S608
                                           "WHERE interview_id = ?", (chain,)).fetchall():
                stored[(event, qid)] = value
        newest = {(CLEARING_EVENTS.get(e.event, e.event), e.question_id): e.seq for e in old}
        prev = GENESIS
        for e in old:
            vmac = None
            if e.event in VALUE_EVENTS and newest.get((e.event, e.question_id)) == e.seq:
                value = stored.get((e.event, e.question_id or ""))
                vmac = value_mac(key, chain, e.question_id or "", value) if value is not None else None
            digest = entry_hash(key, prev, chain, e.seq, e.event, e.question_id, e.lang, e.text_hash,
                                e.elapsed_ms, vmac)
            conn.execute("UPDATE audit SET hash = ?, value_mac = ? WHERE chain = ? AND seq = ?",
                         (bytes.fromhex(digest), bytes.fromhex(vmac) if vmac else None, chain, e.seq))
            prev = digest
        if old:
            anchor = (old[-1].seq, bytes.fromhex(prev), head_mac(key, chain, old[-1].seq, prev))
            if chain == VAULT_CHAIN:
                conn.execute("INSERT OR REPLACE INTO audit_heads VALUES (?, ?, ?, ?)", (chain, *anchor))
            else:
                conn.execute("UPDATE interviews SET audit_seq = ?, audit_head = ?, audit_mac = ? WHERE id = ?",
                             (*anchor, chain))


def _plain_ok(chain: list[AuditEntry]) -> bool:
    prev = GENESIS
    for n, e in enumerate(chain, start=1):
        body = json.dumps([e.chain, e.seq, e.event, e.question_id, e.lang, e.text_hash, e.elapsed_ms],
                          separators=(",", ":"), ensure_ascii=True)
        if e.seq != n or e.hash != hashlib.sha256(prev.encode("ascii") + b"\n" + body.encode("ascii")).hexdigest():
            return False
        prev = e.hash
    return True
