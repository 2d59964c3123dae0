"""The vault's life: create, unlock, lock, change passphrase, check, wipe.

One connection per unlock. The database key exists in memory only as a bytearray that is zeroed
as soon as SQLCipher has it; passphrase change rewraps that key without touching the database.
"""

from __future__ import annotations

import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from desktop.core import identity as identity_mod
from desktop.core.atomic import fsync_dir
from desktop.core.clock import SYSTEM, Clock
from desktop.core.errors import VoluntasError
from desktop.core.events import bus
from desktop.core.passphrase import estimate
from desktop.core.secrets_mem import wipe
from desktop.core.vault import audit, db, keyfile, migrations
from desktop.core.vault.files import ProcessLock, VaultPaths
from desktop.core.vault.records import Records
from desktop.core.vault.throttle import Throttle


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str = ""


class Vault:
    """An unlocked vault. Use Vault.create() or Vault.unlock(); call lock() when done."""

    def __init__(self, paths: VaultPaths, conn: db.Connection, lock: ProcessLock, kdf: keyfile.KdfParams,
                 clock: Clock) -> None:
        self.paths = paths
        self._conn: db.Connection | None = conn
        self._lock = lock
        self.kdf = kdf
        self.clock = clock
        self.records = Records(self.conn_or_raise, clock)

    # -- life cycle -------------------------------------------------------------------------
    @classmethod
    def create(cls, root: Path, passphrase: str, interviewer: str, organisation: str,
               kdf_profile: str | None = None, clock: Clock = SYSTEM, check_policy: bool = True) -> Vault:
        paths = VaultPaths(Path(root))
        if paths.exists():
            raise VoluntasError("V002", path=str(paths.root))
        if check_policy:
            strength = estimate(passphrase, [interviewer, organisation])
            if not strength.acceptable:
                raise VoluntasError("V009", reasons="; ".join(strength.reasons))
        profile = kdf_profile or os.environ.get("VOLUNTAS_KDF_PROFILE") or "production"
        kdf = keyfile.params_for_profile(profile)
        lock = ProcessLock(paths)
        lock.acquire()
        try:
            key = bytearray(secrets.token_bytes(32))
            wrapped = keyfile.wrap(key, passphrase.encode("utf-8"), str(uuid.uuid4()), kdf)
            conn = db.connect(paths.db, key, create=True)  # zeroes key
            migrations.migrate(conn)
            vault = cls(paths, conn, lock, kdf, clock)
            ident = identity_mod.generate(interviewer, organisation, str(uuid.uuid4()), clock.wall())
            vault.records.store_identity(ident)
            keyfile.write(paths.key, wrapped)
            Throttle(paths.throttle, wrapped.vault_id, clock.epoch).reset_new()
            fsync_dir(paths.root)
        except BaseException:
            lock.release()
            raise
        bus.announce("vault.unlocked")
        return vault

    @classmethod
    def unlock(cls, root: Path, passphrase: str, clock: Clock = SYSTEM) -> Vault:
        paths = VaultPaths(Path(root))
        if not paths.exists():
            raise VoluntasError("V001", path=str(paths.root))
        wrapped = keyfile.read(paths.key)
        if not paths.db.is_file():
            raise VoluntasError("V008", path=str(paths.db), reason="the database file is missing")
        throttle = Throttle(paths.throttle, wrapped.vault_id, clock.epoch)
        throttle.check()
        lock = ProcessLock(paths)
        lock.acquire()
        try:
            try:
                key = wrapped.unwrap(passphrase.encode("utf-8"))
            except VoluntasError:
                throttle.record_failure()
                raise
            throttle.reset()
            conn = db.connect(paths.db, key)
            migrations.migrate(conn)
            # A crash between a seal's commit and its checkpoint leaves old pages in the WAL: fold them now.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except BaseException:
            lock.release()
            raise
        vault = cls(paths, conn, lock, wrapped.kdf, clock)
        bus.announce("vault.unlocked")
        return vault

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def conn_or_raise(self) -> db.Connection:
        if self._conn is None:
            raise VoluntasError("V010")
        return self._conn

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()  # a `with` block locks the vault however it ends

    def lock(self) -> None:
        """Close the connection (SQLCipher wipes its key memory) and release the process lock."""
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
                self._lock.release()
                bus.announce("vault.locked")

    def change_passphrase(self, old: str, new: str, check_policy: bool = True) -> None:
        if check_policy:
            strength = estimate(new)
            if not strength.acceptable:
                raise VoluntasError("V009", reasons="; ".join(strength.reasons))
        current = keyfile.read(self.paths.key)
        key = current.unwrap(old.encode("utf-8"))
        try:
            fresh = current.rewrap(key, new.encode("utf-8"))
        finally:
            wipe(key)
        keyfile.write(self.paths.key, fresh)  # atomic: exactly one of old/new opens the vault
        with self.records.transaction() as conn:
            self.records.audit(conn, audit.VAULT_CHAIN, "passphrase_changed", 0)

    # -- checks -----------------------------------------------------------------------------
    def check(self) -> list[CheckResult]:
        conn = self.conn_or_raise()
        results = []
        try:
            bad = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            results.append(CheckResult("cipher_integrity_check", not bad, "; ".join(str(r[0]) for r in bad[:5])))
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            ok = [r[0] for r in rows] == ["ok"]
            results.append(CheckResult("integrity_check", ok, "" if ok else "; ".join(str(r[0]) for r in rows[:5])))
            fk = conn.execute("PRAGMA foreign_key_check").fetchall()
            results.append(CheckResult("foreign_key_check", not fk, f"{len(fk)} dangling rows" if fk else ""))
            problems = audit.verify(conn)
            results.append(CheckResult("audit_chain", not problems, "; ".join(problems)))
        except sqlcipher3.DatabaseError as err:
            name = "cipher_integrity_check" if not results else "integrity_check"
            results.append(CheckResult(name, False, str(err)))
        return results

    # -- wipe -------------------------------------------------------------------------------
    @staticmethod
    def wipe(root: Path) -> list[Path]:
        """Crypto-erase: overwrite and delete the wrapped key first, then every vault file.

        Works on a locked, open or damaged vault. Returns the files removed.
        """
        paths = VaultPaths(Path(root))
        removed: list[Path] = []
        if paths.key.exists():
            size = max(paths.key.stat().st_size, 1)
            with open(paths.key, "r+b") as fh:
                fh.write(secrets.token_bytes(size))
                fh.flush()
                os.fsync(fh.fileno())
            paths.key.unlink()
            removed.append(paths.key)
            fsync_dir(paths.root)
        for path in [paths.db, *paths.sidecars(), paths.throttle]:
            if path.exists():
                path.unlink()
                removed.append(path)
        if paths.staging.exists():
            for item in sorted(paths.staging.rglob("*"), reverse=True):
                item.unlink() if not item.is_dir() else item.rmdir()
            paths.staging.rmdir()
        for leftover in paths.root.glob(".*.part"):
            leftover.unlink()
        if paths.lock.exists():
            paths.lock.unlink()
            removed.append(paths.lock)
        if paths.root.exists():
            fsync_dir(paths.root)
            try:
                paths.root.rmdir()
            except OSError:
                pass  # not ours alone: leave the folder, it holds nothing of the vault
        bus.announce("vault.wiped")
        return removed
