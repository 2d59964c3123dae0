"""Legal-team recipients configured on a field laptop (written by `desk recipient`).

A recipient file (voluntas-desk-recipient/2) is JSON: the desk's age X25519 recipient (bundles are
encrypted to it), the desk's Ed25519 public key (receipts are verified with it), a label and the
fingerprints, signed by that Ed25519 key, so an edited file is refused. The field laptop shows the desk
key's fingerprint beside each recipient, to compare out of band with the one the legal team reads out.

Only the primary desk's receipt purges a field copy (the first signed recipient added, or the one added
with --primary): a rogue second recipient can read the bundles it is sent, openly listed here, but can
never make them vanish before the real desk has them. A plain `age1...` line (or an unsigned /1 file)
is accepted as an unsigned recipient: it receives bundles, its receipts are never trusted.
At most MAX_RECIPIENTS; at least one is needed to finalize, two are recommended.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop.core.bus import bus
from desktop.core.errors import N_, VoluntasError
from desktop.core.identity import fingerprint
from desktop.core.sync.bundle import parse_recipient, recipient_fingerprint
from desktop.core.vault import Vault
from desktop.core.vault.outbox_store import RECEIPTED_BY
from desktop.core.vault.recipients_store import Stored

FORMAT = "voluntas-desk-recipient/2"
UNSIGNED_FORMAT = "voluntas-desk-recipient/1"
RECOMMENDED = 2
MAX_RECIPIENTS = 16  # a bundle's age header then stays within the desk's limit (agehdr.MAX_STANZAS)
MAX_FILE = 64 * 1024
ROLE_TEXT = {"primary": N_("primary desk: its receipt purges"),
             "signed": N_("signed: its receipts are shown, never purge"),
             "unsigned": N_("unsigned: receives bundles, never purges")}


@dataclass(frozen=True)
class Recipient:
    fingerprint: str
    age_recipient: str
    desk_key: bytes  # raw Ed25519 public key of the desk (receipts); empty when unsigned
    label: str
    added_at: str
    signed: bool = False
    primary: bool = False

    @property
    def desk_fingerprint(self) -> str:
        return fingerprint(self.desk_key) if self.desk_key else ""

    @property
    def role(self) -> str:
        return "primary" if self.primary else "signed" if self.signed else "unsigned"


@dataclass(frozen=True)
class RecipientFile:
    age_recipient: str
    desk_key: bytes  # empty when unsigned
    label: str
    signed: bool


def recipient_document(age_recipient: str, desk_key: bytes, label: str,
                       signing_key: ed25519.Ed25519PrivateKey | None = None) -> dict[str, Any]:
    """The recipient file's JSON; signed (format /2) when the desk's key is given."""
    body: dict[str, Any] = {"format": FORMAT if signing_key else UNSIGNED_FORMAT, "label": label,
                            "age_recipient": age_recipient, "desk_ed25519": desk_key.hex(),
                            "fingerprint": recipient_fingerprint(age_recipient)}
    if signing_key is None:
        return body
    body["desk_fingerprint"] = fingerprint(desk_key)
    return {**body, "signature": signing_key.sign(rfc8785.dumps(body)).hex()}


def _bad(file: str, field: str, problem: str) -> VoluntasError:
    return VoluntasError("S002", file=file, field=field, problem=problem)


def _plain_line(file: str, text: str) -> RecipientFile | None:
    """An age recipients file: one `age1...` line, blank lines and # comments allowed."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if len(lines) != 1 or not lines[0].startswith("age1"):
        return None
    parse_recipient(lines[0], file)
    return RecipientFile(lines[0], b"", lines[0][:12] + "...", False)  # the label shows which key


def read_recipient_file(path: Path) -> RecipientFile:
    """The recipient a file names; errors name the file and the field, never a value."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()[: MAX_FILE + 1]
    except OSError as err:
        raise VoluntasError("S006", path=file, reason=err.strerror or type(err).__name__) from None
    if len(raw) > MAX_FILE:
        raise _bad(file, "-", "file too large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(file, "-", "not UTF-8 text") from None
    if not text.lstrip().startswith("{"):
        plain = _plain_line(file, text)
        if plain is None:
            raise _bad(file, "-", "neither a recipient file nor one age1... line")
        return plain
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        raise _bad(file, "-", "not JSON") from None
    if not isinstance(doc, dict) or doc.get("format") not in (FORMAT, UNSIGNED_FORMAT):
        raise _bad(file, "format", f"must be {FORMAT}")
    age = doc.get("age_recipient")
    if not isinstance(age, str):
        raise _bad(file, "age_recipient", "missing")
    parse_recipient(age, file)
    try:
        key = bytes.fromhex(str(doc.get("desk_ed25519", "")))
    except ValueError:
        key = b""
    if len(key) != 32:
        raise _bad(file, "desk_ed25519", "not a 32-byte hex key")
    stated = doc.get("fingerprint")
    if stated is not None and stated != recipient_fingerprint(age):
        raise _bad(file, "fingerprint", "does not match age_recipient")
    label = doc.get("label") if isinstance(doc.get("label"), str) else ""
    if doc["format"] == UNSIGNED_FORMAT:
        return RecipientFile(age.strip(), b"", str(label), False)
    body = {k: v for k, v in doc.items() if k != "signature"}
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(key).verify(bytes.fromhex(str(doc.get("signature"))),
                                                               rfc8785.dumps(body))
    except (InvalidSignature, ValueError, TypeError):
        raise _bad(file, "signature", "does not verify with the desk's key: the file was edited") from None
    return RecipientFile(age.strip(), key, str(label), True)


def add_recipient(vault: Vault, path: Path, primary: bool = False) -> Recipient:
    found = read_recipient_file(path)
    if primary and not found.signed:
        raise VoluntasError("S013")
    fp = recipient_fingerprint(found.age_recipient)
    added = vault.recipients.add(Stored(fp, found.age_recipient, found.desk_key, found.label, vault.clock.iso_now()),
                                 found.signed, primary, MAX_RECIPIENTS)
    if added == "known":
        raise VoluntasError("S008", fingerprint=fp)
    if added == "full":
        raise VoluntasError("S012", limit=MAX_RECIPIENTS)
    bus.announce("recipients.changed")
    return next(r for r in list_recipients(vault) if r.fingerprint == fp)


def list_recipients(vault: Vault) -> list[Recipient]:
    """Oldest first; `primary` is the one marked so, else the first added from a signed file."""
    rows = vault.recipients.all()
    signed = set(vault.recipients.signed())
    # Recipients added before signed files existed keep their desk key: they stay able to purge.
    legacy = {r.fingerprint for r in rows if len(r.desk_key) == 32 and r.fingerprint not in signed}
    marked = vault.recipients.marked_primary()
    can = [r.fingerprint for r in rows if r.fingerprint in signed or r.fingerprint in legacy]
    primary = marked if marked in can else (can[0] if can else None)
    return [Recipient(r.fingerprint, r.age_recipient, r.desk_key, r.label, r.added_at,
                      r.fingerprint in signed or r.fingerprint in legacy, r.fingerprint == primary) for r in rows]


def primary_desk_key(vault: Vault) -> bytes | None:
    """The Ed25519 key whose receipts purge, or None when no signed recipient is configured."""
    return next((r.desk_key for r in list_recipients(vault) if r.primary), None)


ROW_TEXT = N_("{label} - desk key {desk}; {role}; receipts from this desk: {count}")


def describe(vault: Vault, translate: Callable[[str], str]) -> list[tuple[str, str]]:
    """(label, age fingerprint) for the window: the label names the desk key, the role, and how many
    bundles that desk has receipted (purged ones for the primary, noted ones for the others)."""
    purged: dict[str, int] = {}
    for desk in vault.outbox.receipts_by_desk():
        purged[desk] = purged.get(desk, 0) + 1
    noted: dict[str, int] = {}
    for desks in dict(vault.records.get_setting(RECEIPTED_BY, {})).values():  # written by receipts.py
        for desk in desks:
            noted[desk] = noted.get(desk, 0) + 1
    out = []
    for r in list_recipients(vault):
        fp = r.desk_fingerprint
        count = purged.get(fp, 0) + noted.get(fp, 0) if fp else 0
        desk = " ".join(fp.split(" ")[:4]) + " ..." if fp else "-"
        out.append((translate(ROW_TEXT).format(label=r.label or "-", desk=desk, role=translate(ROLE_TEXT[r.role]),
                                               count=count), r.fingerprint))
    return out
