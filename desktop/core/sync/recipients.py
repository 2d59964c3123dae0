"""Legal-team recipients configured on a field laptop (written by `desk recipient`).

A recipient file is JSON: the desk's age X25519 recipient (bundles are encrypted to it) and the desk's
Ed25519 public key (receipts are verified with it), with a label and the fingerprint to compare, out of
band, with the one the legal team reads out. At least one recipient is needed to finalize; two are
recommended so that the loss of one legal-team key loses nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import VoluntasError
from desktop.core.events import bus
from desktop.core.sync import problems as _problems  # noqa: F401
from desktop.core.sync.bundle import parse_recipient, recipient_fingerprint
from desktop.core.vault import Vault, audit

FORMAT = "voluntas-desk-recipient/1"
RECOMMENDED = 2
MAX_RECIPIENTS = 16  # a bundle's age header then stays within the desk's limit (agehdr.MAX_STANZAS)
MAX_FILE = 64 * 1024


@dataclass(frozen=True)
class Recipient:
    fingerprint: str
    age_recipient: str
    desk_key: bytes  # raw Ed25519 public key of the desk (receipts)
    label: str
    added_at: str


def recipient_document(age_recipient: str, desk_key: bytes, label: str) -> dict[str, Any]:
    return {"format": FORMAT, "label": label, "age_recipient": age_recipient, "desk_ed25519": desk_key.hex(),
            "fingerprint": recipient_fingerprint(age_recipient)}


def read_recipient_file(path: Path) -> tuple[str, bytes, str]:
    """(age recipient, desk Ed25519 key, label) from a file; errors name the file and the field."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()[: MAX_FILE + 1]
    except OSError as err:
        raise VoluntasError("S006", path=file, reason=err.strerror or type(err).__name__) from None
    if len(raw) > MAX_FILE:
        raise VoluntasError("S002", file=file, field="-", problem="file too large")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise VoluntasError("S002", file=file, field="-", problem="not JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise VoluntasError("S002", file=file, field="format", problem=f"must be {FORMAT}")
    age = doc.get("age_recipient")
    if not isinstance(age, str):
        raise VoluntasError("S002", file=file, field="age_recipient", problem="missing")
    parse_recipient(age, file)
    try:
        key = bytes.fromhex(str(doc.get("desk_ed25519", "")))
    except ValueError:
        key = b""
    if len(key) != 32:
        raise VoluntasError("S002", file=file, field="desk_ed25519", problem="not a 32-byte hex key")
    stated = doc.get("fingerprint")
    if stated is not None and stated != recipient_fingerprint(age):
        raise VoluntasError("S002", file=file, field="fingerprint", problem="does not match age_recipient")
    label = doc.get("label")
    return age.strip(), key, label if isinstance(label, str) else ""


def add_recipient(vault: Vault, path: Path) -> Recipient:
    age, key, label = read_recipient_file(path)
    fp = recipient_fingerprint(age)
    now = vault.clock.iso_now()
    with vault.records.transaction() as conn:
        if conn.execute("SELECT 1 FROM recipients WHERE fingerprint = ?", (fp,)).fetchone():
            raise VoluntasError("S008", fingerprint=fp)
        if conn.execute("SELECT count(*) FROM recipients").fetchone()[0] >= MAX_RECIPIENTS:
            raise VoluntasError("S012", limit=MAX_RECIPIENTS)
        conn.execute("INSERT INTO recipients VALUES (?, ?, ?, ?, ?)", (fp, age, key, label, now))
        vault.records.audit(conn, audit.VAULT_CHAIN, "recipient_added", 0, text_hash=fp.replace(" ", ""))
    bus.announce("recipients.changed")
    return Recipient(fp, age, key, label, now)


def list_recipients(vault: Vault) -> list[Recipient]:
    rows = vault.conn_or_raise().execute(
        "SELECT fingerprint, age_recipient, desk_key, label, added_at FROM recipients ORDER BY added_at, fingerprint"
    ).fetchall()
    return [Recipient(r[0], r[1], bytes(r[2]), r[3], r[4]) for r in rows]
