"""Shared by the core tests: a real vault in a tmp folder, marker scans, a clock the test moves."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from desktop.core.vault import Vault

PASSPHRASE = "correct horse battery staple under moonlight"


def make_vault(root: Path, passphrase: str = PASSPHRASE) -> Vault:
    return Vault.create(root, passphrase, "Test Interviewer", "Test Org", kdf_profile="fast")


def encodings(marker: str) -> list[bytes]:
    forms = [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le")]
    forms.append(base64.b64encode(marker.encode("utf-8"))[:-4] or base64.b64encode(marker.encode("utf-8")))
    return forms


def scan(tree: Path, needles: list[bytes]) -> tuple[int, int, list[str]]:
    """(files scanned, bytes scanned, hits as 'file: needle')."""
    files = size = 0
    hits: list[str] = []
    for dirpath, _dirs, names in os.walk(tree):
        for name in names:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            data = path.read_bytes()
            files += 1
            size += len(data)
            for needle in needles:
                if needle and needle in data:
                    hits.append(f"{path.relative_to(tree)}: {needle[:24]!r}")
    return files, size, hits


def tree_hashes(root: Path) -> dict[str, bytes]:
    import hashlib

    return {
        p.name: hashlib.sha256(p.read_bytes()).digest()
        for p in sorted(root.iterdir()) if p.is_file() and p.name != "vault.throttle" and p.name != "vault.lock"
    }


def raw_db(root: Path, passphrase: str = PASSPHRASE):  # type: ignore[no-untyped-def]
    """The database opened the way an attacker with the database key would: plain sqlcipher3, no app."""
    import sqlcipher3

    from desktop.core.secrets_mem import sqlcipher_raw_key
    from desktop.core.vault import keyfile

    conn = sqlcipher3.connect(str(root / "vault.db"), isolation_level=None)
    conn.set_key(sqlcipher_raw_key(keyfile.read(root / "vault.key").unwrap(passphrase.encode())))
    conn.execute("PRAGMA journal_mode = WAL")
    return conn


def sample_vault(root: Path, answers: int = 4) -> str:
    """A locked vault with one case, one draft interview and `answers` answers and a note; its id."""
    vault = make_vault(root)
    iid = vault.records.create_interview(vault.records.create_case("NK-1"), "f", "1", "ko", "en", "2025-01-01")
    for n in range(answers):
        vault.records.save_answer(iid, f"q{n}", f"value {n}", "ko", "ab" * 32)
    vault.records.save_note(iid, "q1", "a note", "en")
    vault.lock()
    return iid


def kept_identity(vault: Vault):  # type: ignore[no-untyped-def]
    """A private copy of the signing identity for a test that signs after locking (lock zeroes the vault's)."""
    import dataclasses

    ident = vault.records.identity()
    return dataclasses.replace(ident, ed25519_private=bytes(bytearray(ident.ed25519_private)),
                               ecdsa_private=bytes(bytearray(ident.ecdsa_private)))


class FakeTime:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now
