"""The sealed bundle: sign inside, encrypt outside (security.md "Export encryption").

bundle = age(tar{manifest.json, manifest.sig, dossier.pdf, record.json, attachments/<id>}) to every
legal-team recipient. manifest.json is RFC 8785 canonical JSON signed with the interviewer's Ed25519
key; it names the bundle id (random), the recipients' fingerprints and the SHA-256 and size of every
other file, so the desk can tell that the bundle is authentic, complete, meant for it, and new.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

import pyrage
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from pyrage import x25519

from desktop.core.errors import VoluntasError
from desktop.core.identity import Identity, fingerprint
from desktop.core.sync.safety import read_archive, read_archive_views

FORMAT = "voluntas-bundle/1"
MANIFEST, SIGNATURE, DOSSIER, RECORD = "manifest.json", "manifest.sig", "dossier.pdf", "record.json"
SUFFIX = ".age"
MAX_BUNDLE = 256 * 1024 * 1024  # the desk refuses larger files; sealing refuses to make one
Blob = bytes | memoryview  # the desk reads files as views into one decrypted copy


def new_id() -> str:
    return secrets.token_hex(16)


def new_name() -> str:
    """A random file name that says nothing about the case, the interviewer or the time."""
    return secrets.token_hex(16) + SUFFIX


def recipient_fingerprint(age_recipient: str) -> str:
    return fingerprint(age_recipient.strip().encode("ascii"))


def parse_recipient(text: str, file: str) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(text.strip())
    except (pyrage.RecipientError, ValueError):
        raise VoluntasError("S002", file=file, field="age_recipient", problem="not an age X25519 recipient") from None


@dataclass(frozen=True)
class Sealed:
    bundle_id: str
    name: str
    data: bytes  # the age ciphertext
    manifest: dict[str, Any]


def _tar(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size = len(files[name])
            info.mode = 0o600
            info.mtime = 0
            tar.addfile(info, io.BytesIO(files[name]))
    return buf.getvalue()


def seal(ident: Identity, recipients: list[str], pdf: bytes, record: dict[str, Any],
         attachments: dict[str, bytes], header: dict[str, Any], bundle_id: str | None = None) -> Sealed:
    """Sign the manifest, pack, and age-encrypt to every recipient (age1... strings)."""
    if not recipients:
        raise VoluntasError("S001")
    record_bytes = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    files = {DOSSIER: pdf, RECORD: record_bytes}
    files.update({f"attachments/{name}": data for name, data in attachments.items()})
    manifest = dict(header)
    manifest.update({
        "format": FORMAT,
        "bundle_id": bundle_id or new_id(),
        "interviewer_key": ident.ed25519_fingerprint(),
        "device_id": ident.device_id,
        "recipients": sorted(recipient_fingerprint(r) for r in recipients),
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                  for name, data in sorted(files.items())},
    })
    body = rfc8785.dumps(manifest)
    files[MANIFEST] = body
    files[SIGNATURE] = ident.ed25519_key().sign(body)
    data = pyrage.encrypt(_tar(files), [parse_recipient(r, "recipient") for r in recipients])
    if len(data) > MAX_BUNDLE:
        raise VoluntasError("S009", size=len(data) // (1024 * 1024), limit=MAX_BUNDLE // (1024 * 1024))
    return Sealed(manifest["bundle_id"], new_name(), data, manifest)


@dataclass(frozen=True)
class Opened:
    """A bundle decrypted, unpacked and checked against its signed manifest."""

    manifest: dict[str, Any]
    files: Mapping[str, Blob]
    manifest_bytes: bytes
    signature: bytes

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    def record(self) -> dict[str, Any]:
        return dict(json.loads(bytes(self.files[RECORD])))

    def record_or_none(self) -> Any:
        try:
            return json.loads(bytes(self.files[RECORD]).decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None


def decrypt(file: str, data: bytes, identity: x25519.Identity) -> bytes:
    try:
        return bytes(pyrage.decrypt(data, [identity]))
    except pyrage.DecryptError as err:
        if "no matching keys" in str(err).lower():
            raise VoluntasError("S020", file=file) from None
        raise VoluntasError("S021", file=file) from None


def decrypt_into(file: str, source: BinaryIO, out: io.BytesIO, identity: x25519.Identity) -> None:
    """Decrypt a stream into `out` (the ciphertext is never held whole in memory)."""
    try:
        pyrage.decrypt_io(source, out, [identity])
    except (pyrage.DecryptError, OSError) as err:  # a damaged payload is an OSError from decrypt_io
        if "no matching keys" in str(err).lower():
            raise VoluntasError("S020", file=file) from None
        raise VoluntasError("S021", file=file) from None


def unpack(file: str, plain: bytes | io.BytesIO) -> tuple[dict[str, Any], bytes, bytes, dict[str, Blob]]:
    """(manifest, manifest bytes, signature, files) after the T9 checks; nothing verified yet."""
    files: dict[str, Blob] = dict(read_archive_views(file, plain) if isinstance(plain, io.BytesIO)
                                  else read_archive(file, plain))
    found, found_sig = files.pop(MANIFEST, None), files.pop(SIGNATURE, None)
    if found is None or found_sig is None:
        raise VoluntasError("S030", file=file, problem="manifest.json or manifest.sig is missing")
    body, sig = bytes(found), bytes(found_sig)
    try:
        manifest = json.loads(body)
        canonical = rfc8785.dumps(manifest)
    except (ValueError, RecursionError):
        raise VoluntasError("S030", file=file, problem="not canonical JSON") from None
    if canonical != body or not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise VoluntasError("S030", file=file, problem=f"not canonical {FORMAT} JSON")
    for key, kind in (("bundle_id", str), ("interviewer_key", str), ("recipients", list), ("files", dict)):
        if not isinstance(manifest.get(key), kind):
            raise VoluntasError("S030", file=file, problem=f"field {key} is missing or has the wrong type")
    return manifest, body, sig, files


def check_signed(file: str, manifest: dict[str, Any], body: bytes, sig: bytes, public: bytes,
                 my_recipient: str, files: Mapping[str, Blob]) -> Opened:
    """Signature by `public`, this desk among the recipients, and every file exactly as listed."""
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(public).verify(sig, body)
    except (InvalidSignature, ValueError):
        raise VoluntasError("S025", file=file) from None
    if recipient_fingerprint(my_recipient) not in manifest["recipients"]:
        raise VoluntasError("S026", file=file)
    listed: dict[str, Any] = manifest["files"]
    for name in sorted(set(listed) | set(files)):
        if name not in files:
            raise VoluntasError("S027", file=file, entry=name, problem="missing")
        if name not in listed:
            raise VoluntasError("S027", file=file, entry=ascii(name)[1:-1], problem="not listed")
        want = listed[name]
        got = files[name]
        if not isinstance(want, dict) or want.get("size") != len(got) or \
                want.get("sha256") != hashlib.sha256(got).hexdigest():
            raise VoluntasError("S027", file=file, entry=name, problem="SHA-256 or size differs")
    if DOSSIER not in files or RECORD not in files:
        raise VoluntasError("S027", file=file, entry=RECORD, problem="missing")
    return Opened(manifest, files, body, sig)
