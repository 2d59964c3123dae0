"""The key file: the random database key, wrapped with ChaCha20-Poly1305 under Argon2id(passphrase).

The AAD binds the format, the KDF parameters, the salt and the vault id, so none of them can be
swapped without the unwrap failing. Only this file holds the wrapped key: destroying it
crypto-erases the database.
"""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from desktop.core.atomic import write_atomic
from desktop.core.errors import VoluntasError
from desktop.core.secrets_mem import wipe

FORMAT = "voluntas-keyfile/1"
MAX_KEYFILE_BYTES = 4096
MIB = 1024


@dataclass(frozen=True)
class KdfParams:
    profile: str  # "production" or "fast" (tests only; the window shows a banner)
    memory_kib: int
    time_cost: int
    parallelism: int

    def derive(self, passphrase: bytes, salt: bytes) -> bytes:
        return hash_secret_raw(passphrase, salt, self.time_cost, self.memory_kib, self.parallelism, 32, Type.ID)


# Floor of security.md section 4: 256 MiB, t=3, p=2; never below RFC 9106's 64 MiB / t=3.
PRODUCTION_FLOOR = KdfParams("production", 256 * MIB, 3, 2)
FAST = KdfParams("fast", 8 * MIB, 1, 1)


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


def params_for_profile(profile: str) -> KdfParams:
    if profile == "fast":
        return FAST
    if profile == "production":
        return calibrate()
    raise VoluntasError("V017", profile=profile)


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def aad(self) -> bytes:
        head = {"format": FORMAT, "kdf": asdict(self.kdf), "salt": _b64(self.salt), "vault_id": self.vault_id}
        return json.dumps(head, sort_keys=True, separators=(",", ":")).encode()

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "vault_id": self.vault_id,
            "kdf": asdict(self.kdf),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()

    def unwrap(self, passphrase: bytes) -> bytearray:
        """The database key, or V003 for a wrong passphrase (no hint of how close)."""
        kek = self.kdf.derive(passphrase, self.salt)
        try:
            raw = ChaCha20Poly1305(kek).decrypt(self.nonce, self.wrapped, self.aad())
        except InvalidTag:
            raise VoluntasError("V003") from None
        finally:
            wipe(kek)
        key = bytearray(raw)
        wipe(raw)
        return key

    def rewrap(self, key: bytearray, passphrase: bytes, kdf: KdfParams | None = None) -> KeyFile:
        return wrap(key, passphrase, self.vault_id, kdf or self.kdf)


def wrap(key: bytearray, passphrase: bytes, vault_id: str, kdf: KdfParams) -> KeyFile:
    salt = os.urandom(16)
    nonce = os.urandom(12)
    draft = KeyFile(vault_id, kdf, salt, nonce, b"")
    kek = kdf.derive(passphrase, salt)
    plain = bytes(key)
    try:
        wrapped = ChaCha20Poly1305(kek).encrypt(nonce, plain, draft.aad())
    finally:
        wipe(kek)
        wipe(plain)
    return KeyFile(vault_id, kdf, salt, nonce, wrapped)


def read(path: Path) -> KeyFile:
    if not path.is_file():
        raise VoluntasError("V005", path=str(path))
    try:
        data = path.read_bytes()
        if len(data) > MAX_KEYFILE_BYTES:
            raise ValueError("too large")
        doc = json.loads(data)
        if doc.get("format") != FORMAT:
            raise ValueError("unknown format")
        kdf = KdfParams(**doc["kdf"])
        keyfile = KeyFile(str(doc["vault_id"]), kdf, _unb64(doc["salt"]), _unb64(doc["nonce"]), _unb64(doc["wrapped"]))
        if len(keyfile.salt) != 16 or len(keyfile.nonce) != 12 or len(keyfile.wrapped) != 48:
            raise ValueError("wrong field sizes")
        if kdf.profile not in ("production", "fast") or kdf.memory_kib < FAST.memory_kib:
            raise ValueError("bad KDF parameters")
    except (OSError, ValueError, KeyError, TypeError) as err:
        reason = err.args[0] if isinstance(err, ValueError) and err.args else type(err).__name__
        raise VoluntasError("V006", path=str(path), reason=str(reason)[:80]) from None
    return keyfile


def write(path: Path, keyfile: KeyFile) -> None:
    write_atomic(path, keyfile.to_bytes())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
