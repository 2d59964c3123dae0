"""Opening a vault's keys: unwrap, open the database, finish or drop an interrupted passphrase
change, upgrade a vault made before storage version 3."""

from __future__ import annotations

import hmac
import os
import sys

from desktop.core.atomic import fsync_dir
from desktop.core.errors import VoluntasError
from desktop.core.vault import audit, db, keyfile
from desktop.core.vault.files import VaultPaths


def state_mac(key: bytes | bytearray, generation: int) -> bytes:
    return hmac.new(bytes(key), f"voluntas-db-generation\0{generation}".encode(), "sha256").digest()


def private_tag(key: bytes | bytearray, text: str) -> str:
    return hmac.new(bytes(key), b"voluntas-tag\0" + text.encode("utf-8"), "sha256").hexdigest()[:32]


def refuse_fast_when_packaged(profile: str) -> None:
    """The fast test KDF is for the test suite and scripted tests: a packaged build never uses it."""
    if profile == "fast" and getattr(sys, "frozen", False):
        raise VoluntasError("V021", what="this packaged build")


def upgrade_to_keyed(conn: db.Connection, akey: bytes, generation: int) -> None:
    """Storage version 3 on a vault made before it: key and anchor the chains, start the generation."""
    audit.rechain(conn, akey)
    for bundle_id, target in conn.execute("SELECT bundle_id, target FROM sent_log").fetchall():
        if not str(target).startswith("tag:"):  # a folder path kept by an older version
            conn.execute("UPDATE OR IGNORE sent_log SET target = ? WHERE bundle_id = ? AND target = ?",
                         ("tag:" + private_tag(akey, str(target)), bundle_id, target))
    conn.execute("INSERT OR REPLACE INTO vault_state VALUES (1, ?, ?)", (generation, state_mac(akey, generation)))


def open_keys(paths: VaultPaths, wrapped: keyfile.KeyFile,
              secret: bytes) -> tuple[keyfile.KeyFile, keyfile.Keys, db.Connection]:
    """Unwrap and open the database, finishing or dropping a passphrase change that was cut short."""
    pending = paths.key_next.is_file()
    try:
        keys = wrapped.open(secret)
    except VoluntasError as err:
        if err.code != "V003" or not pending:
            raise
        nxt = keyfile.read(paths.key_next)
        keys = nxt.open(secret)  # V003 again: the passphrase is neither
        try:
            conn = db.connect(paths.db, bytearray(keys.db))
        except VoluntasError:
            keys.wipe()
            paths.key_next.unlink()  # the re-key never happened: the old passphrase still opens the vault
            raise VoluntasError("V003") from None
        os.replace(paths.key_next, paths.key)  # the re-key happened: finish the change
        fsync_dir(paths.root)
        return nxt, keys, conn
    try:
        conn = db.connect(paths.db, bytearray(keys.db))
    except VoluntasError as err:
        keys.wipe()
        if err.code == "V008" and pending:
            raise VoluntasError("V020") from None
        if err.code == "V008" and paths.db.is_file():
            raise VoluntasError("V025", path=str(paths.key)) from None
        raise
    if pending:
        paths.key_next.unlink()  # the re-key never happened: drop the new key file
        fsync_dir(paths.root)
    return wrapped, keys, conn
