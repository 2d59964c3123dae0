"""The key file: the random database key and the audit-chain key, wrapped with ChaCha20-Poly1305
under Argon2id(passphrase).

The AAD binds the format, the KDF parameters, the salt and the vault id, so none of them can be
swapped without the unwrap failing. A plain checksum of that header tells a damaged or edited
header (V006) from a wrong passphrase (V003). The generation counter, MAC'd with the audit key,
says how far the database has advanced: an older database under this file is a rollback.
Only this file holds the wrapped keys: destroying it crypto-erases the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.core.atomic import write_atomic
from desktop.core.errors import VoluntasError
from desktop.core.secrets_mem import wipe

FORMAT_V1 = "voluntas-keyfile/1"  # the database key only; upgraded to /2 at the first unlock
FORMAT = "voluntas-keyfile/2"
MAX_KEYFILE_BYTES = 4096
MIB = 1024
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    profile: str  # "production" or "fast" (tests only; every command and the window say so)
    memory_kib: int
    time_cost: int
    parallelism: int

    def derive(self, passphrase: bytes, salt: bytes) -> bytes:
        return hash_secret_raw(passphrase, salt, self.time_cost, self.memory_kib, self.parallelism, 32, Type.ID)


# Floor of security.md section 4: 256 MiB, t=3, p=2; never below RFC 9106's 64 MiB / t=3.
PRODUCTION_FLOOR = KdfParams("production", 256 * MIB, 3, 2)
FAST = KdfParams("fast", 8 * MIB, 1, 1)
# What a key file may ask for: anything outside is a damaged or hostile file (V006), not a KDF run.
BOUNDS = {"memory_kib": (FAST.memory_kib, 4 * 1024 * MIB), "time_cost": (1, 64), "parallelism": (1, 16)}


def calibrate(target_s: float = 1.0, max_time_cost: int = 12) -> KdfParams:
    """Raise t from the floor until one derivation takes about `target_s` on this machine."""
    params = PRODUCTION_FLOOR
    salt = os.urandom(16)
    start = time.perf_counter()
    wipe(params.derive(b"calibration", salt))
    elapsed = time.perf_counter() - start
    per_pass = elapsed / params.time_cost
    wanted = max(params.time_cost, min(max_time_cost, round(target_s / max(per_pass, 1e-6))))
    return KdfParams("production", params.memory_kib, wanted, params.parallelism)


def kdf_profile_from_env() -> str:
    """The KDF profile of a new vault: production, unless VOLUNTAS_KDF_PROFILE names another (the test suite's
    switch to fast). The one place that reads the variable."""
    return os.environ.get("VOLUNTAS_KDF_PROFILE") or "production"


def params_for_profile(profile: str) -> KdfParams:
    if profile == "fast":
        return FAST
    if profile == "production":
        return calibrate()
    raise VoluntasError("V017", profile=profile)


def audit_key_for(db_key: bytes | bytearray) -> bytearray:
    """The audit-chain key, derived once from the vault's first database key and then kept in the
    key file, so a re-key of the database leaves the chains valid."""
    out = HKDF(SHA256(), KEY_BYTES, salt=None, info=b"voluntas audit chain/1").derive(bytes(db_key))
    key = bytearray(out)
    wipe(out)
    return key


@dataclass
class Keys:
    """The unwrapped keys; wipe() when done."""

    db: bytearray
    audit: bytearray

    def wipe(self) -> None:
        wipe(self.db)
        wipe(self.audit)


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    generation: int = 0
    generation_mac: bytes = b""
    format: str = FORMAT

    def aad(self) -> bytes:
        head = {"format": self.format, "kdf": asdict(self.kdf), "salt": _b64(self.salt), "vault_id": self.vault_id}
        return json.dumps(head, sort_keys=True, separators=(",", ":")).encode()

    def to_bytes(self) -> bytes:
        doc = {
            "format": self.format,
            "vault_id": self.vault_id,
            "kdf": asdict(self.kdf),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
            "header_sha256": hashlib.sha256(self.aad()).hexdigest(),
            "generation": self.generation,
            "generation_mac": self.generation_mac.hex(),
        }
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()

    def open(self, passphrase: bytes) -> Keys:
        """The keys, or V003 for a wrong passphrase (no hint of how close)."""
        kek = self.kdf.derive(passphrase, self.salt)
        try:
            raw = ChaCha20Poly1305(kek).decrypt(self.nonce, self.wrapped, self.aad())
        except InvalidTag:
            raise VoluntasError("V003") from None
        finally:
            wipe(kek)
        db = bytearray(raw[:KEY_BYTES])
        audit = bytearray(raw[KEY_BYTES:]) if self.format == FORMAT else audit_key_for(db)
        wipe(raw)
        return Keys(db, audit)

    def unwrap(self, passphrase: bytes) -> bytearray:
        """The database key alone (tests and tools that open the database directly)."""
        keys = self.open(passphrase)
        wipe(keys.audit)
        return keys.db

    def generation_ok(self, audit_key: bytes | bytearray) -> bool:
        return self.format == FORMAT_V1 or hmac.compare_digest(
            self.generation_mac, generation_mac(audit_key, self.vault_id, self.generation))

    def advanced(self, generation: int, audit_key: bytes | bytearray) -> KeyFile:
        """The same wrapped keys with a new generation (no passphrase needed)."""
        return replace(self, generation=generation, generation_mac=generation_mac(audit_key, self.vault_id, generation))


def generation_mac(audit_key: bytes | bytearray, vault_id: str, generation: int) -> bytes:
    return hmac.new(bytes(audit_key), f"voluntas-generation\0{vault_id}\0{generation}".encode(), "sha256").digest()


def wrap(keys: Keys, passphrase: bytes, vault_id: str, kdf: KdfParams, generation: int = 0) -> KeyFile:
    salt = os.urandom(16)
    nonce = os.urandom(12)
    draft = KeyFile(vault_id, kdf, salt, nonce, b"")
    kek = kdf.derive(passphrase, salt)
    plain = bytes(keys.db) + bytes(keys.audit)
    try:
        wrapped = ChaCha20Poly1305(kek).encrypt(nonce, plain, draft.aad())
    finally:
        wipe(kek)
        wipe(plain)
    return replace(draft, wrapped=wrapped).advanced(generation, keys.audit)


def read(path: Path) -> KeyFile:
    if not path.is_file():
        raise VoluntasError("V005", path=str(path))
    try:
        data = path.read_bytes()
        if len(data) > MAX_KEYFILE_BYTES:
            raise ValueError("too large")
        doc = json.loads(data)
        if not isinstance(doc, dict) or doc.get("format") not in (FORMAT, FORMAT_V1):
            raise ValueError("unknown format")
        keyfile = KeyFile(str(doc["vault_id"]), _kdf(doc["kdf"]), _unb64(doc["salt"]), _unb64(doc["nonce"]),
                          _unb64(doc["wrapped"]), format=doc["format"])
        wrapped_len = 48 if keyfile.format == FORMAT_V1 else 2 * KEY_BYTES + 16
        if len(keyfile.salt) != 16 or len(keyfile.nonce) != 12 or len(keyfile.wrapped) != wrapped_len:
            raise ValueError("wrong field sizes")
        if keyfile.format == FORMAT:
            if doc.get("header_sha256") != hashlib.sha256(keyfile.aad()).hexdigest():
                raise ValueError("the header was changed")
            generation = doc.get("generation")
            if not isinstance(generation, int) or isinstance(generation, bool) or not 0 <= generation < 2**62:
                raise ValueError("bad generation")
            keyfile = replace(keyfile, generation=generation, generation_mac=bytes.fromhex(doc["generation_mac"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        reason = err.args[0] if isinstance(err, ValueError) and err.args else type(err).__name__
        raise VoluntasError("V006", path=str(path), reason=str(reason)[:80]) from None
    return keyfile


def _kdf(doc: Any) -> KdfParams:
    if not isinstance(doc, dict) or set(doc) != {"profile", "memory_kib", "time_cost", "parallelism"}:
        raise ValueError("bad KDF parameters")
    if doc["profile"] not in ("production", "fast"):
        raise ValueError("bad KDF profile")
    for name, (low, high) in BOUNDS.items():
        if not _is_int(doc[name]) or not low <= doc[name] <= high:
            raise ValueError(f"KDF {name} out of bounds")
    if doc["memory_kib"] < 8 * doc["parallelism"]:
        raise ValueError("KDF memory_kib out of bounds")
    return KdfParams(**doc)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def write(path: Path, keyfile: KeyFile) -> None:
    write_atomic(path, keyfile.to_bytes())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
