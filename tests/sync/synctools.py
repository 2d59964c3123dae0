"""Shared by the sync tests: a field vault with interviews, a legal desk, a fake dossier for tests where
PDF rendering only costs time, and the pages of a SQLCipher database decrypted with its raw key (T13)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.core.sync.desk import desk_init, enrol, export_recipient
from desktop.core.sync.recipients import add_recipient
from desktop.core.vault import Vault
from tests.core.vaulttools import make_vault

DESK_PASSPHRASE = "legal desk passphrase long enough for policy"
MARKER = "MARK-5b0c1d2e-sealed-answer"
HANGUL = "\ud574\ubc29-\ud45c\uc9c0"  # Hangul marker (ASCII source)


class FakeDossier:
    """A fake of the dossier port (desktop.core.sync.port.DefaultPort) for tests of sealing and transport
    where PDF rendering would only cost time: a tiny unsigned 'PDF' carrying the manifest the real dossier
    signs (case, interviews, answers, notes, audit heads). The end-to-end, desk, custody and kill-during-render
    tests use the real port."""

    PREFIX = b"%PDF-1.7\n% voluntas test dossier "

    def render(self, vault: Vault, interview_ids: Sequence[str], extra: Mapping[str, Any] | None = None) -> bytes:
        conn = vault.conn_or_raise()
        code = conn.execute("SELECT c.code FROM interviews i JOIN cases c ON c.id = i.case_id WHERE i.id = ?",
                            (interview_ids[0],)).fetchone()[0]
        doc = {"case": {"code": code}, "interviews": [
            {"id": iid, "answers": [{"question": q, "value": v} for q, v in vault.records.answers(iid).items()],
             "notes": vault.records.notes(iid), "audit_head": {"hash": vault.records.audit_head(iid)}}
            for iid in interview_ids]}
        return self.PREFIX + base64.b64encode(json.dumps(doc).encode()) + b"\n%%EOF\n"

    def verify(self, pdf: bytes, certificate_der: bytes) -> str | None:
        return self.check(pdf, certificate_der)[0]

    def check(self, pdf: bytes, certificate_der: bytes) -> tuple[str | None, dict[str, Any] | None]:
        if not pdf.startswith(self.PREFIX) or not pdf.endswith(b"%%EOF\n"):
            return "the PDF signature does not cover the whole file", None
        try:
            return None, dict(json.loads(base64.b64decode(pdf[len(self.PREFIX):-7])))
        except ValueError:
            return "the PDF signature does not cover the whole file", None


@dataclass
class World:
    root: Path
    field: Vault
    desk: Vault
    keys: Path
    recipient_file: Path
    fake_dossier: FakeDossier


def make_desk(root: Path) -> Vault:
    return desk_init(root, DESK_PASSPHRASE, "Reviewer", "Legal Team", kdf_profile="fast")


def export_keys(vault: Vault, out: Path) -> Path:
    from desktop.core.atomic import write_atomic

    out.mkdir(parents=True, exist_ok=True)
    for name, data in vault.records.identity().public_files().items():
        write_atomic(out / name, data, mode=0o644)
    return out


def world(tmp: Path, enrolled: bool = True) -> World:
    field = make_vault(tmp / "field")
    desk = make_desk(tmp / "desk")
    rfile = tmp / "desk-recipient.json"
    export_recipient(desk, rfile)
    add_recipient(field, rfile)
    keys = export_keys(field, tmp / "keys")
    if enrolled:
        enrol(desk, keys)
    return World(tmp, field, desk, keys, rfile, FakeDossier())


def add_interview(vault: Vault, code: str = "CASE-1", date: str = "2025-03-01", text: str = MARKER,
                  case_id: str | None = None) -> tuple[str, str]:
    """(case id, interview id) of a draft with a free-text answer holding `text` and a note."""
    cid = case_id or vault.records.create_case(code)
    iid = vault.records.create_interview(cid, "dm5", "1", "ko", "uk", date)
    vault.records.save_answer(iid, "ses_case", code, "ko", "h" * 64)
    vault.records.save_answer(iid, "free_text", text + " " + HANGUL, "ko", "h" * 64)
    vault.records.save_note(iid, "free_text", "note " + text, "uk")
    vault.records.add_attachment(iid, "free_text", "image/png", b"\x89PNG attachment " + text.encode())
    return cid, iid


def folder_hashes(root: Path) -> dict[str, str]:
    out = {}
    for dirpath, dirs, names in os.walk(root):
        for name in dirs + names:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            out[rel] = "dir" if p.is_dir() and not p.is_symlink() else (
                "link" if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest())
    return out




def import_vignette(vault: Vault, name: str, marker: str | None = None) -> tuple[str, list[str]]:
    """Store a shared vignette as drafts (like `interview import`); put `marker` in free text answers."""
    from desktop.core.casefile import read_case
    from desktop.core.forms.loader import shipped_form
    from tests.conftest import CASES

    path = CASES / f"{name}.json"
    case = read_case(path, path.name)
    form = shipped_form()
    cid = vault.records.create_case(case.case_id or name)
    ids = []
    for item in case.interviews:
        answers = dict(item.answers)
        if marker is not None:
            for qid in ("wsh_open", "id_orders", "id_cap_place"):
                if qid in answers:
                    answers[qid] = f"{marker} {HANGUL} {qid}"
        iid = vault.records.create_interview(cid, form.id, form.version, item.captive_lang, item.interviewer_lang,
                                             item.interview_date.isoformat())
        vault.records.import_answers(iid, answers, item.captive_lang, {})
        ids.append(iid)
    return cid, ids


# -- T13: SQLCipher 4 pages decrypted with the raw key ----------------------------------------------
# Page size 4096; each page ends with a 16-byte IV and a 64-byte HMAC (reserve 80); page 1 starts with
# the 16-byte salt, which SQLCipher writes even with a raw key. AES-256-CBC, no padding.

PAGE, RESERVE, IV, SALT = 4096, 80, 16, 16
WAL_HEADER, FRAME_HEADER = 32, 24


def decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    body = page[start: PAGE - RESERVE]
    iv = page[PAGE - RESERVE: PAGE - RESERVE + IV]
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(body) + dec.finalize()


def db_pages(key: bytes, path: Path) -> list[bytes]:
    data = path.read_bytes() if path.exists() else b""
    return [decrypt_page(key, data[i: i + PAGE], i == 0) for i in range(0, len(data) - PAGE + 1, PAGE)]


def wal_pages(key: bytes, path: Path) -> list[bytes]:
    data = path.read_bytes() if path.exists() else b""
    out = []
    pos = WAL_HEADER
    while pos + FRAME_HEADER + PAGE <= len(data):
        number = int.from_bytes(data[pos: pos + 4], "big")
        out.append(decrypt_page(key, data[pos + FRAME_HEADER: pos + FRAME_HEADER + PAGE], number == 1))
        pos += FRAME_HEADER + PAGE
    return out


def all_pages(key: bytes, db: Path) -> list[bytes]:
    return db_pages(key, db) + wal_pages(key, db.with_name(db.name + "-wal"))
