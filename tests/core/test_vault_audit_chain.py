"""Issue 13 point 1: someone with the database key (a coerced interviewer, a stolen disk image and
passphrase) edits the real SQLCipher file with plain sqlcipher3. `vault check` exits 1 naming
audit_chain for every edit; before issue 13 each of these passed as ok."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE, raw_db, sample_vault


def _edit_answer(c: Any, iid: str) -> None:
    c.execute("UPDATE answers SET value = ? WHERE interview_id = ? AND question_id = 'q1'", ('"forged"', iid))


def _delete_answer(c: Any, iid: str) -> None:
    c.execute("DELETE FROM answers WHERE interview_id = ? AND question_id = 'q2'", (iid,))


def _edit_note(c: Any, iid: str) -> None:
    c.execute("UPDATE notes SET text = 'forged' WHERE interview_id = ?", (iid,))


def _truncate(c: Any, iid: str) -> None:
    c.execute("DELETE FROM audit WHERE chain = ? AND seq = (SELECT max(seq) FROM audit WHERE chain = ?)", (iid, iid))
    c.execute("DELETE FROM answers WHERE interview_id = ? AND question_id = 'q3'", (iid,))


def _truncate_and_move_head(c: Any, iid: str) -> None:
    _truncate(c, iid)
    seq, digest = c.execute("SELECT seq, hash FROM audit WHERE chain = ? ORDER BY seq DESC LIMIT 1", (iid,)).fetchone()
    c.execute("UPDATE interviews SET audit_seq = ?, audit_head = ? WHERE id = ?", (seq, digest, iid))


def _delete_chain(c: Any, iid: str) -> None:
    c.execute("DELETE FROM audit WHERE chain = ?", (iid,))
    c.execute("UPDATE interviews SET audit_seq = 0, audit_head = NULL, audit_mac = NULL WHERE id = ?", (iid,))


def _delete_interview(c: Any, iid: str) -> None:
    for table, column in (("answers", "interview_id"), ("notes", "interview_id"), ("audit", "chain"),
                          ("interviews", "id")):
        c.execute(f"DELETE FROM {table} WHERE {column} = ?", (iid,))  # noqa: S608


def _renumber_and_rehash(c: Any, iid: str) -> None:
    """Drop entry 2 and rebuild the chain the way the old plain SHA-256 rule allowed."""
    c.execute("DELETE FROM audit WHERE chain = ? AND seq = 2", (iid,))
    rows = c.execute("SELECT seq, event, question_id, lang, text_hash, elapsed_ms, value_mac FROM audit "
                     "WHERE chain = ? ORDER BY seq", (iid,)).fetchall()
    c.execute("DELETE FROM audit WHERE chain = ?", (iid,))
    prev = "0" * 64
    for n, (_seq, event, qid, lang, th, ms, vmac) in enumerate(rows, start=1):
        body = json.dumps([iid, n, event, qid, lang, th, ms, bytes(vmac).hex() if vmac else None],
                          separators=(",", ":"))
        prev = hashlib.sha256(prev.encode() + b"\n" + body.encode()).hexdigest()
        c.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (iid, n, event, qid, lang, th, ms,
                                                                          bytes.fromhex(prev), vmac))
    c.execute("UPDATE interviews SET audit_seq = ?, audit_head = ?, audit_mac = ? WHERE id = ?",
              (len(rows), bytes.fromhex(prev), hmac.new(b"guess", b"", "sha256").digest(), iid))


def _mark_sealed(c: Any, iid: str) -> None:
    """Pretend the interview was sealed: the trigger clears its head; the chain and answers go too."""
    c.execute("UPDATE interviews SET state = 'sealed' WHERE id = ?", (iid,))
    _delete_chain(c, iid)
    c.execute("DELETE FROM answers WHERE interview_id = ?", (iid,))
    c.execute("DELETE FROM notes WHERE interview_id = ?", (iid,))


def _truncate_vault_chain(c: Any, _iid: str) -> None:
    c.execute("DELETE FROM audit WHERE chain = 'vault' AND seq = (SELECT max(seq) FROM audit WHERE chain = 'vault')")


ATTACKS: dict[str, Callable[[Any, str], None]] = {
    "edited answer": _edit_answer, "deleted answer": _delete_answer, "edited note": _edit_note,
    "truncated chain": _truncate, "truncated chain, head moved back": _truncate_and_move_head,
    "deleted chain": _delete_chain, "deleted interview": _delete_interview,
    "renumbered and rehashed chain": _renumber_and_rehash, "marked sealed": _mark_sealed,
    "truncated vault chain": _truncate_vault_chain,
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_vault_check_names_the_audit_chain_after_each_edit(tmp_path: Path, attack: str) -> None:
    root = tmp_path / "v"
    iid = sample_vault(root)
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    before = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "vault", "check")
    assert before.returncode == 0, before.stdout + before.stderr
    conn = raw_db(root)
    ATTACKS[attack](conn, iid)
    conn.close()
    proc = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "vault", "check", "--json")
    doc = json.loads(proc.stdout)
    failed = {c["name"]: c["detail"] for c in doc["checks"] if not c["ok"]}
    print(f"{attack}: exit {proc.returncode}, failed {failed}")
    assert proc.returncode == 1 and "audit_chain" in failed, proc.stdout + proc.stderr
    assert "forged" not in proc.stdout and "value " not in proc.stdout  # names the question, never the value
    text = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "vault", "check")
    assert text.returncode == 1 and "audit_chain: FAILED" in text.stdout


def test_the_chain_covers_each_answer_value(tmp_path: Path) -> None:
    """The newest answer event carries a MAC of the stored value, not the value."""
    root = tmp_path / "v"
    iid = sample_vault(root)
    conn = raw_db(root)
    rows = conn.execute("SELECT question_id, value_mac FROM audit WHERE chain = ? AND event = 'answer'",
                        (iid,)).fetchall()
    conn.close()
    assert len(rows) == 4 and all(len(bytes(m)) == 32 for _q, m in rows)
    assert all(b"value" not in bytes(m) for _q, m in rows)
