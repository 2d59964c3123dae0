"""The vault's life: create, unlock, lock, change passphrase, check, wipe.

One connection per unlock. The database key exists in memory only as a bytearray that is zeroed
as soon as SQLCipher has it; the audit key stays (in a bytearray zeroed at lock) to MAC the chain.
A state generation, kept in the database and (MAC'd) in the key file, moves forward at every seal,
purge, passphrase change and lock, so an older vault.db put back under the key file is refused.
A passphrase change re-keys the database: the old key file and passphrase then open nothing.
"""

from __future__ import annotations

import hmac
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from desktop.core import identity as identity_mod
from desktop.core.atomic import fsync_dir
from desktop.core.bus import bus
from desktop.core.clock import SYSTEM, Clock
from desktop.core.errors import VoluntasError
from desktop.core.passphrase import estimate
from desktop.core.secrets_mem import sqlcipher_raw_key, wipe
from desktop.core.vault import audit, db, keyfile, migrations
from desktop.core.vault.desk_store import DeskStore
from desktop.core.vault.files import ProcessLock, VaultPaths
from desktop.core.vault.opening import (
    open_keys,
    private_tag,
    refuse_fast_when_packaged,
    state_mac,
    upgrade_to_keyed,
)
from desktop.core.vault.outbox_store import OutboxStore
from desktop.core.vault.recipients_store import RecipientStore
from desktop.core.vault.records import Records
from desktop.core.vault.seal_store import SealStore
from desktop.core.vault.throttle import Throttle

# Announced after a seal or a purge has committed: an older database would bring deleted plaintext back.
ADVANCE_ON = ("interview.sealed", "outbox.purged", "vault.purged")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str = ""


class Vault:
    """An unlocked vault. Use Vault.create() or Vault.unlock(); call lock() when done."""

    def __init__(self, paths: VaultPaths, conn: db.Connection, lock: ProcessLock, kf: keyfile.KeyFile,
                 audit_key: bytearray, clock: Clock) -> None:
        self.paths = paths
        self._conn: db.Connection | None = conn
        self._lock = lock
        self.keyfile = kf
        self._audit_key = bytes(audit_key)  # an unshared copy, zeroed at lock
        wipe(audit_key)
        self.clock = clock
        self.records = Records(self.conn_or_raise, clock, self.audit_key)
        self.sealing = SealStore(self.conn_or_raise, self.records)
        self.outbox = OutboxStore(self.conn_or_raise, self.records)
        self.recipients = RecipientStore(self.conn_or_raise, self.records)
        self.desk = DeskStore(self.conn_or_raise, self.records)
        for event in ADVANCE_ON:
            bus.subscribe(event, self._advance_listener)

    def _advance_listener(self, **_payload: object) -> None:
        if self._conn is not None:
            try:
                self.advance_generation()
            except (VoluntasError, sqlcipher3.Error):
                pass  # never fail the seal or purge that announced; lock tries again

    @property
    def kdf(self) -> keyfile.KdfParams:
        return self.keyfile.kdf

    def audit_key(self) -> bytes:
        if self._conn is None:
            raise VoluntasError("V010")
        return self._audit_key

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
        profile = kdf_profile or keyfile.kdf_profile_from_env()
        refuse_fast_when_packaged(profile)
        kdf = keyfile.params_for_profile(profile)
        lock = ProcessLock(paths)
        lock.acquire()
        try:
            dbkey = bytearray(secrets.token_bytes(32))
            keys = keyfile.Keys(dbkey, keyfile.audit_key_for(dbkey))
            wrapped = keyfile.wrap(keys, passphrase.encode("utf-8"), str(uuid.uuid4()), kdf)
            os.close(os.open(paths.db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # SQLite copies its mode
            conn = db.connect(paths.db, keys.db, create=True)  # zeroes the database key
            migrations.migrate(conn)
            vault = cls(paths, conn, lock, wrapped, keys.audit, clock)
            vault._set_generation(conn, 0, insert=True)
            ident = identity_mod.generate(interviewer, organisation, str(uuid.uuid4()), clock.wall())
            vault.records.store_identity(ident)
            keyfile.write(paths.key, wrapped)
            Throttle(paths.throttle, wrapped.vault_id, clock.epoch).reset_new()
            paths.make_private()
            fsync_dir(paths.root)
        except BaseException:
            lock.release()
            raise
        bus.announce("vault.unlocked", kdf_profile=kdf.profile, root=str(paths.root))
        return vault

    @classmethod
    def unlock(cls, root: Path, passphrase: str, clock: Clock = SYSTEM) -> Vault:
        paths = VaultPaths(Path(root))
        if paths.root.exists() and not paths.root.is_dir():
            raise VoluntasError("V022", path=str(paths.root), reason="it is a file, not a folder")
        if not paths.exists():
            raise VoluntasError("V001", path=str(paths.root))
        wrapped = keyfile.read(paths.key)
        refuse_fast_when_packaged(wrapped.kdf.profile)
        if not paths.db.is_file():
            raise VoluntasError("V008", path=str(paths.db), reason="the database file is missing")
        throttle = Throttle(paths.throttle, wrapped.vault_id, clock.epoch)
        throttle.check()
        lock = ProcessLock(paths)
        lock.acquire()
        try:
            throttle.begin()  # counted before the try: an unwritable counter blocks it
            secret = passphrase.encode("utf-8")
            wrapped, keys, conn = open_keys(paths, wrapped, secret)
            throttle.reset()
            paths.make_private()
            try:
                vault = cls._finish_unlock(paths, conn, lock, wrapped, keys, secret, clock)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise
        bus.announce("vault.unlocked", kdf_profile=vault.kdf.profile, root=str(paths.root))
        return vault

    @classmethod
    def _finish_unlock(cls, paths: VaultPaths, conn: db.Connection, lock: ProcessLock, wrapped: keyfile.KeyFile,
                       keys: keyfile.Keys, secret: bytes, clock: Clock) -> Vault:
        akey = bytes(keys.audit)
        try:
            migrations.migrate(conn, after={3: lambda c: upgrade_to_keyed(c, akey, wrapped.generation)})
        finally:
            wipe(akey)
        # A crash between a seal's commit and its checkpoint leaves old pages in the WAL: fold them now.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        if wrapped.format == keyfile.FORMAT_V1:  # storage before issue 13: the key file gains its audit key
            wrapped = keyfile.wrap(keys, secret, wrapped.vault_id, wrapped.kdf, wrapped.generation)
            keyfile.write(paths.key, wrapped)
        wipe(keys.db)
        vault = cls(paths, conn, lock, wrapped, keys.audit, clock)
        if not wrapped.generation_ok(vault._audit_key):
            raise VoluntasError("V006", path=str(paths.key), reason="the state counter does not verify")
        found = vault._generation(conn)
        if found is None or found < wrapped.generation:
            raise VoluntasError("V018", path=str(paths.db), found="missing" if found is None else found,
                                expected=wrapped.generation)
        if found > wrapped.generation:  # a crash after the database moved on and before the key file did
            vault._write_generation(found)
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
        """Move the state generation on, close the connection (SQLCipher wipes its key memory), zero
        the audit key and release the process lock."""
        if self._conn is not None:
            try:
                try:
                    self.advance_generation()
                except (VoluntasError, sqlcipher3.Error):
                    pass  # a full disk must not keep the vault open; the next unlock repairs the counter
                self.records.forget_secrets()
                self._conn.close()
            finally:
                for event in ADVANCE_ON:
                    bus.unsubscribe(event, self._advance_listener)
                self._conn = None
                wipe(self._audit_key)
                self._lock.release()
                bus.announce("vault.locked")

    def checkpoint(self) -> None:
        """Move the WAL into the database and truncate it, so deleted pages do not linger in the WAL."""
        self.conn_or_raise().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def private_tag(self, text: str) -> str:
        """A keyed tag of `text` (a folder path): equal texts give equal tags, the text is not kept."""
        return "tag:" + private_tag(self.audit_key(), text)

    # -- the state generation -----------------------------------------------------------------
    def _generation(self, conn: db.Connection) -> int | None:
        row = conn.execute("SELECT generation, mac FROM vault_state WHERE id = 1").fetchone()
        if row is None or not hmac.compare_digest(bytes(row[1]), state_mac(self._audit_key, int(row[0]))):
            return None
        return int(row[0])

    def _set_generation(self, conn: db.Connection, generation: int, insert: bool = False) -> None:
        verb = "INSERT" if insert else "INSERT OR REPLACE"
        conn.execute(f"{verb} INTO vault_state VALUES (1, ?, ?)",
                     (generation, state_mac(self._audit_key, generation)))

    def _write_generation(self, generation: int) -> None:
        self.keyfile = self.keyfile.advanced(generation, self._audit_key)
        keyfile.write(self.paths.key, self.keyfile)

    def advance_generation(self) -> int:
        """Database first, then the key file: a crash between leaves the database ahead, which the
        next unlock accepts and repairs; only a database behind its key file is a rollback."""
        with self.records.transaction() as conn:
            generation = (self._generation(conn) or 0) + 1
            self._set_generation(conn, generation)
        self._write_generation(generation)
        return generation

    # -- passphrase change ----------------------------------------------------------------------
    def change_passphrase(self, old: str, new: str, check_policy: bool = True,
                          kdf: keyfile.KdfParams | None = None) -> keyfile.KdfParams:
        """Re-key the database under a new random key wrapped by `new`, with production KDF
        parameters unless `kdf` is given (tests). The new key file waits beside the old one until
        the re-key commits; unlock finishes or drops an interrupted change."""
        if check_policy:
            strength = estimate(new)
            if not strength.acceptable:
                raise VoluntasError("V009", reasons="; ".join(strength.reasons))
        conn = self.conn_or_raise()
        keyfile.read(self.paths.key).open(old.encode("utf-8")).wipe()  # the old passphrase, checked
        params = kdf or keyfile.calibrate()
        dbkey = bytearray(secrets.token_bytes(32))
        generation = (self._generation(conn) or 0) + 1
        akey = bytearray(self._audit_key)
        try:
            fresh = keyfile.wrap(keyfile.Keys(dbkey, akey), new.encode("utf-8"), self.keyfile.vault_id, params,
                                 generation)
        finally:
            wipe(akey)
        keyfile.write(self.paths.key_next, fresh)
        with self.records.transaction() as tx:
            self._set_generation(tx, generation)
            self.records.audit(tx, audit.VAULT_CHAIN, "passphrase_changed", 0)
        raw = sqlcipher_raw_key(dbkey)
        wipe(dbkey)
        try:
            conn.reset_key(raw)
        except sqlcipher3.Error as err:
            raise VoluntasError("V011", path=str(self.paths.db), reason=str(err)) from None
        finally:
            wipe(raw)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # no page under the old key stays
        try:
            os.replace(self.paths.key_next, self.paths.key)
            fsync_dir(self.paths.root)
        except OSError as err:
            raise VoluntasError("V011", path=str(self.paths.key), reason=err.strerror or "") from None
        self.keyfile = fresh
        return params

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
            problems = audit.verify(conn, self._audit_key)
            results.append(CheckResult("audit_chain", not problems, "; ".join(problems[:10])))
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
        for key in (paths.key, paths.key_next):
            if key.exists():
                size = max(key.stat().st_size, 1)
                with open(key, "r+b") as fh:
                    fh.write(secrets.token_bytes(size))
                    fh.flush()
                    os.fsync(fh.fileno())
                key.unlink()
                removed.append(key)
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
