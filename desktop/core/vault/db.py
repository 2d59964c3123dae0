"""One SQLCipher connection per unlock, keyed with a raw key and with its pragmas pinned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.core.errors import VoluntasError
from desktop.core.secrets_mem import sqlcipher_raw_key, wipe

Connection = Any  # sqlcipher3 ships no type stubs

# security.md section 4 and T2. Order matters: log level and memory security before the key.
PINNED = (
    ("temp_store", "MEMORY", 2),
    ("secure_delete", "ON", 1),
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", 2),
    ("foreign_keys", "ON", 1),
)


def connect(path: Path, key: bytearray, create: bool = False) -> Connection:
    """Open the database with `key` (zeroed here) and check the key by reading sqlite_master.

    A wrong key or a damaged first page raises V008. Nothing is written before the check passes.
    """
    if not create and not path.is_file():
        raise VoluntasError("V008", path=str(path), reason="the database file is missing")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5.0)
    raw = sqlcipher_raw_key(key)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.set_key(raw)
    finally:
        wipe(raw)
        wipe(key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as err:
        conn.close()
        raise VoluntasError("V008", path=str(path), reason=f"key check failed: {err}") from None
    for name, value, _ in PINNED:
        conn.execute(f"PRAGMA {name} = {value}")
    return conn


def pragma_values(conn: Connection) -> dict[str, Any]:
    names = ["cipher_version", "cipher_memory_security", "cipher_plaintext_header_size", "cipher_use_hmac",
             "cipher_hmac_algorithm", "cipher_kdf_algorithm", "temp_store", "secure_delete",
             "journal_mode", "synchronous", "foreign_keys"]
    out: dict[str, Any] = {}
    for name in names:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        out[name] = row[0] if row else None
    return out
