"""The legal desk's own vault: the Vault class in its own data folder, holding the desk's age identity
(inside the encrypted database, like the interviewer's keys), the interviewer keys it trusts, and
what it received. The desk's Ed25519 key (the vault identity) signs receipts.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from pyrage import x25519

from desktop.core.atomic import write_atomic
from desktop.core.bus import bus
from desktop.core.clock import SYSTEM, Clock
from desktop.core.errors import VoluntasError
from desktop.core.identity import KEYS_FORMAT, fingerprint
from desktop.core.sync.recipients import recipient_document
from desktop.core.vault import Vault
from desktop.core.vault.desk_store import AGE_IDENTITY, ROLE


@dataclass(frozen=True)
class EnrolledKey:
    fingerprint: str
    interviewer: str
    organisation: str
    device_id: str
    certificate_fingerprint: str


def desk_init(root: Path, passphrase: str, reviewer: str, organisation: str, kdf_profile: str | None = None,
              clock: Clock = SYSTEM) -> Vault:
    """Create the desk vault and its age identity (the private key never leaves the vault)."""
    vault = Vault.create(root, passphrase, reviewer, organisation, kdf_profile=kdf_profile, clock=clock)
    vault.desk.create(str(x25519.Identity.generate()))
    return vault


def require_desk(vault: Vault) -> None:
    if vault.records.get_setting(ROLE) != "desk":
        raise VoluntasError("S007")


def desk_identity(vault: Vault) -> x25519.Identity:
    require_desk(vault)
    return x25519.Identity.from_str(str(vault.records.get_setting(AGE_IDENTITY)))


def desk_recipient(vault: Vault) -> str:
    return str(desk_identity(vault).to_public())


def desk_signing_key(vault: Vault) -> ed25519.Ed25519PrivateKey:
    return vault.records.identity().ed25519_key()


def export_recipient(vault: Vault, out: Path, label: str | None = None) -> dict[str, object]:
    """Write the recipient file that field laptops add with `keys add-recipient`."""
    ident = vault.records.identity()
    doc = recipient_document(desk_recipient(vault), ident.ed25519_public(), label or ident.organisation,
                             ident.ed25519_key())
    write_atomic(Path(out), (json.dumps(doc, indent=2) + "\n").encode("utf-8"), mode=0o644)
    return doc


def export_identity(vault: Vault, out: Path) -> str:
    """Write the desk's age identity in age-keygen's format (mode 0600) for an offline disaster-recovery
    copy: with it, the standard `age -d -i FILE` decrypts every bundle sent to this desk. Refuses to
    overwrite a file; the export is recorded in the desk's audit chain. Returns the public recipient."""
    identity = desk_identity(vault)
    recipient = str(identity.to_public())
    out = Path(out)
    if os.path.lexists(out):
        raise VoluntasError("S015", path=str(out))
    text = (f"# created: {vault.clock.iso_now()}\n# public key: {recipient}\n"
            "# Voluntas legal desk identity: it decrypts every bundle sent to this desk. Keep it offline.\n"
            f"{identity}\n")
    write_atomic(out, text.encode("ascii"), mode=0o600)
    vault.records.log_event("desk_identity_exported", hashlib.sha256(recipient.encode("ascii")).hexdigest())
    return recipient


def _read(path: Path, limit: int = 64 * 1024) -> bytes:
    try:
        data = path.read_bytes()[: limit + 1]
    except OSError as err:
        raise VoluntasError("S006", path=str(path), reason=err.strerror or type(err).__name__) from None
    if len(data) > limit:
        raise VoluntasError("S002", file=str(path), field="-", problem="file too large")
    return data


def enrol(vault: Vault, keys_dir: Path, replace: bool = False) -> EnrolledKey:
    """Trust an interviewer key from `keys export` output; compare the fingerprint out of band.

    Enrolling a known key again with another certificate or name is refused (S014) unless `replace`:
    otherwise whoever can drop a keys folder on the desk could swap the certificate dossiers are checked
    against. A replacement is logged in the desk's audit chain."""
    require_desk(vault)
    keys_dir = Path(keys_dir)
    info_path, ed_path, cert_path = (keys_dir / "interviewer.json", keys_dir / "interviewer-ed25519.pem",
                                     keys_dir / "interviewer-cert.pem")
    try:
        info = json.loads(_read(info_path).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise VoluntasError("S002", file=str(info_path), field="-", problem="not JSON") from None
    if not isinstance(info, dict) or info.get("format") != KEYS_FORMAT:
        raise VoluntasError("S002", file=str(info_path), field="format", problem=f"must be {KEYS_FORMAT}")
    try:
        public = serialization.load_pem_public_key(_read(ed_path))
    except ValueError:
        raise VoluntasError("S002", file=str(ed_path), field="-", problem="not a PEM public key") from None
    if not isinstance(public, ed25519.Ed25519PublicKey):
        raise VoluntasError("S002", file=str(ed_path), field="-", problem="not an Ed25519 key")
    try:
        cert = x509.load_pem_x509_certificate(_read(cert_path))
    except ValueError:
        raise VoluntasError("S002", file=str(cert_path), field="-", problem="not a PEM certificate") from None
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    der = cert.public_bytes(serialization.Encoding.DER)
    fp, cert_fp = fingerprint(raw), fingerprint(der)
    if info.get("ed25519_fingerprint") != fp:
        raise VoluntasError("S002", file=str(info_path), field="ed25519_fingerprint", problem="does not match the key")
    if info.get("certificate_fingerprint") != cert_fp:
        raise VoluntasError("S002", file=str(info_path), field="certificate_fingerprint",
                            problem="does not match the certificate")
    names = [str(info.get(k) or "") for k in ("interviewer", "organisation", "device_id")]
    if vault.desk.enrol(fp, raw, der, names, replace) == "refused":
        raise VoluntasError("S014", fingerprint=fp)
    bus.announce("desk.enrolled", fingerprint=fp)
    return EnrolledKey(fp, names[0], names[1], names[2], cert_fp)


def enrolled(vault: Vault) -> list[EnrolledKey]:
    return [EnrolledKey(fp, name, org, device, fingerprint(cert))
            for fp, name, org, device, cert in vault.desk.enrolled()]
