"""T13: decrypt every page of a SQLCipher 4 database and its WAL with the raw key (security.md T13).

Page size 4096; each page ends with a 16-byte IV and a 64-byte HMAC (reserve 80); page 1 starts with
the 16-byte salt, which SQLCipher writes even with a raw key. AES-256-CBC, no padding.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

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
