"""Receipts: the desk signs one per received bundle; the field laptop verifies the desk's signature
and then purges the sealed ciphertext and the list entries the receipt covers.

A receipt file is JSON {"receipt": {...}, "signature": hex}; the signature is Ed25519 by the desk's
key (configured on the field laptop with the recipient) over the RFC 8785 form of "receipt". It names
the bundle id and the SHA-256 of the bundle as received, so a receipt for other bytes purges nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop.core.atomic import write_atomic
from desktop.core.bus import bus
from desktop.core.errors import VoluntasError
from desktop.core.sync import inbox
from desktop.core.sync.desk import desk_signing_key, require_desk
from desktop.core.sync.outbox import require_folder
from desktop.core.sync.recipients import list_recipients
from desktop.core.sync.seal import checkpoint
from desktop.core.vault import Vault
from desktop.core.vault.outbox_store import RECEIPTED_BY

FORMAT = "voluntas-receipt/1"
SUFFIX = ".receipt"
MAX_RECEIPT = 16 * 1024


def write_receipts(vault: Vault, folder: Path, skipped: list[str] | None = None) -> list[str]:
    """Desk side: write a signed receipt for every received bundle not yet in `folder`; idempotent.
    A name taken by a link, FIFO or device is left alone and added to `skipped`."""
    require_desk(vault)
    folder = require_folder(folder)
    key = desk_signing_key(vault)
    desk_fp = vault.records.identity().ed25519_fingerprint()
    written = []
    for bid, digest, at, name in vault.desk.receipts_due():
        if os.path.lexists(folder / name):
            if not inbox.regular(folder / name) and skipped is not None:
                skipped.append(name)
            continue
        body = {"format": FORMAT, "bundle_id": bid, "bundle_sha256": digest, "received_at": at, "desk": desk_fp}
        doc = {"receipt": body, "signature": key.sign(rfc8785.dumps(body)).hex()}
        write_atomic(folder / name, (json.dumps(doc, indent=1) + "\n").encode("ascii"), mode=0o644)
        written.append(name)
    return written


@dataclass
class ReceiptReport:
    purged_bundles: list[str] = field(default_factory=list)
    purged_interviews: int = 0
    already: int = 0
    unknown: int = 0  # valid receipts for bundles this laptop does not hold (another laptop's)
    rejected: list[inbox.Outcome] = field(default_factory=list)
    noted: list[tuple[str, str]] = field(default_factory=list)  # (bundle, desk fingerprint): a non-primary desk's


def _parse(file: str, raw: bytes, desks: dict[str, bytes]) -> tuple[dict[str, Any], str]:
    """(receipt body, fingerprint of the desk key it verifies with)."""
    try:
        doc = json.loads(raw.decode("utf-8"))
        body, sig = doc["receipt"], bytes.fromhex(doc["signature"])
        assert isinstance(body, dict) and body.get("format") == FORMAT
        signed = rfc8785.dumps(body)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AssertionError, RecursionError):
        raise VoluntasError("S041", file=file, problem=f"not a {FORMAT} document") from None
    for fp, public in desks.items():
        try:
            ed25519.Ed25519PublicKey.from_public_bytes(public).verify(sig, signed)
            return body, fp
        except (InvalidSignature, ValueError):
            continue
    raise VoluntasError("S040", file=file)


def import_receipts(vault: Vault, folder: Path) -> ReceiptReport:
    """Field side: verify each receipt; the primary desk's purges the bundle and the interviews it
    covers, another signed desk's is noted (shown in `outbox list`) and purges nothing."""
    folder = require_folder(folder)
    desks = {r.desk_fingerprint: r.desk_key for r in list_recipients(vault) if r.signed}
    primary = next((r.desk_fingerprint for r in list_recipients(vault) if r.primary), None)
    report = ReceiptReport()
    for path in inbox.candidates(Path(folder), SUFFIX):
        raw = inbox.read_settled(path, MAX_RECEIPT)
        if raw is None:
            if _size(path) > MAX_RECEIPT:
                big = VoluntasError("S041", file=path.name, problem=f"larger than {MAX_RECEIPT} bytes")
                report.rejected.append(inbox.Outcome(path.name, inbox.REJECTED, big.code, big.message()))
            continue
        try:
            body, desk = _parse(path.name, raw, desks)
            if desk == primary:
                _purge(vault, path.name, body, desk, report)
            else:
                _note(vault, path.name, body, desk, report)
        except VoluntasError as err:
            report.rejected.append(inbox.Outcome(path.name, inbox.REJECTED, err.code, err.message()))
    if report.purged_bundles:
        checkpoint(vault)
        bus.announce("outbox.purged", bundle_ids=tuple(report.purged_bundles))
    return report


def _note(vault: Vault, file: str, body: dict[str, Any], desk: str, report: ReceiptReport) -> None:
    """A receipt from a desk that is not the primary one: remembered, shown, never a purge."""
    bid = str(body.get("bundle_id"))
    if _done(vault.outbox.note_receipt(bid, body.get("bundle_sha256"), desk), file, bid, report):
        report.noted.append((bid, desk))


def _done(outcome: str, file: str, bid: str, report: ReceiptReport) -> bool:
    """True when the receipt took effect; counts it as already seen or unknown otherwise."""
    if outcome == "mismatch":
        raise VoluntasError("S042", file=file, bundle=bid)
    report.already += outcome == "already"
    report.unknown += outcome == "unknown"
    return outcome == "done"


def receipted_by(vault: Vault) -> dict[str, list[str]]:
    """Bundle id -> fingerprints of the non-primary desks whose receipts came back."""
    found = vault.records.get_setting(RECEIPTED_BY, {})
    return {str(k): [str(x) for x in v] for k, v in found.items()} if isinstance(found, dict) else {}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _purge(vault: Vault, file: str, body: dict[str, Any], desk: str, report: ReceiptReport) -> None:
    bid = str(body.get("bundle_id"))
    outcome, interviews = vault.outbox.purge(bid, body.get("bundle_sha256"), desk)
    if _done(outcome, file, bid, report):
        report.purged_bundles.append(bid)
        report.purged_interviews += interviews
