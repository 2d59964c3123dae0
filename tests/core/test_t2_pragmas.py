"""T2: the crypto and durability settings are what security.md pins."""

from __future__ import annotations

from pathlib import Path

from desktop.core.vault import db
from tests.core.vaulttools import make_vault


def test_pragmas_are_pinned(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    conn = vault.conn_or_raise()
    values = db.pragma_values(conn)
    major = int(str(values["cipher_version"]).split(".")[0])
    assert major >= 4
    assert values["cipher_hmac_algorithm"] == "HMAC_SHA512"
    assert values["cipher_kdf_algorithm"] == "PBKDF2_HMAC_SHA512"
    assert str(values["cipher_use_hmac"]) == "1"
    assert str(values["cipher_plaintext_header_size"]) == "0"
    assert str(values["cipher_memory_security"]) == "1"
    assert values["secure_delete"] == 1
    assert values["journal_mode"] == "wal"
    assert values["synchronous"] == 2
    assert values["temp_store"] == 2
    options = [row[0] for row in conn.execute("PRAGMA compile_options")]
    assert "TEMP_STORE=2" in options or "TEMP_STORE=3" in options
    print(values)
    vault.lock()
    assert (tmp_path / "v" / "vault.db").read_bytes()[:16] != b"SQLite format 3\x00"
