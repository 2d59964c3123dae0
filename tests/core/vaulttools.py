"""Helpers for the vault tests: a real vault in a tmp folder, marker scans."""

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
