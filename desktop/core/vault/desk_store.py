"""The legal desk's tables as stored: the interviewer keys it trusts, the bundles and attachments it
received, the reviewers' sign-offs, and the links between desk cases (in settings, as JSON).

Reads run on the vault's connection, inside a change() or not; writes exist only on the DeskChange that
change() hands out, so they always run in its one transaction. Which case a bundle is filed under and
how links group cases is decided in desktop.core.sync.link; this stores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from desktop.core.vault import audit
from desktop.core.vault.db import Connection
from desktop.core.vault.records import Records, read_setting, write_setting

ROLE, AGE_IDENTITY = "desk.role", "desk.age_identity"  # settings
LINKS = "desk.links"  # settings: desk case -> the desk case its group is filed under (the first one linked)
FLOOR = "desk.signoff_floor"  # settings: group -> highest sign-off seq that lapsed
CHUNK = 8 * 1024 * 1024  # SQLite copies a bound blob twice: stored in pieces, memory stays near one bundle


@dataclass(frozen=True)
class Received:
    """A verified bundle as the desk files it."""

    bundle_id: str
    sha256: str
    key_fingerprint: str
    case_code: str
    manifest: bytes
    signature: bytes
    record: str  # JSON
    pdf: bytes | memoryview
    verification: str  # JSON
    receipt_name: str
    received_at: str


class DeskReads:
    def __init__(self, conn: Callable[[], Connection]) -> None:
        self._conn = conn

    def _json(self, key: str) -> dict[str, Any]:
        value = read_setting(self._conn(), key, {})
        return value if isinstance(value, dict) else {}

    def links(self) -> dict[str, Any]:
        return self._json(LINKS)

    def floors(self) -> dict[str, Any]:
        return self._json(FLOOR)

    def key_owners(self, case_code: str) -> set[str]:
        """Fingerprints of the interviewer keys whose bundles are filed under `case_code`."""
        return {r[0] for r in self._conn().execute(
            "SELECT DISTINCT key_fingerprint FROM desk_bundles WHERE case_code = ?", (case_code,))}

    def has_case(self, case_code: str) -> bool:
        return self._conn().execute("SELECT 1 FROM desk_bundles WHERE case_code = ?",
                                    (case_code,)).fetchone() is not None

    def last_signoff(self, case_code: str) -> int | None:
        """The highest sign-off seq of `case_code`, None when it has none."""
        seq = self._conn().execute("SELECT max(seq) FROM desk_signoff WHERE case_code = ?", (case_code,)).fetchone()[0]
        return None if seq is None else int(seq)

    def digest_of(self, bundle_id: str) -> str | None:
        """The SHA-256 of the bundle received under that id, None when none was."""
        row = self._conn().execute("SELECT sha256 FROM desk_bundles WHERE bundle_id = ?", (bundle_id,)).fetchone()
        return None if row is None else str(row[0])

    def bundle_with(self, sha256: str) -> str | None:
        """The id of the bundle received with these bytes, None when none was."""
        row = self._conn().execute("SELECT bundle_id FROM desk_bundles WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else str(row[0])

    def trusted_key(self, fingerprint: str) -> tuple[bytes, bytes] | None:
        """(raw Ed25519 public key, DER certificate) of an enrolled interviewer key."""
        row = self._conn().execute("SELECT ed25519_public, certificate FROM desk_keys WHERE fingerprint = ?",
                                   (fingerprint,)).fetchone()
        return None if row is None else (bytes(row[0]), bytes(row[1]))

    def enrolled(self) -> list[tuple[str, str, str, str, bytes]]:
        """(fingerprint, interviewer, organisation, device id, DER certificate), in the order enrolled."""
        rows = self._conn().execute(
            "SELECT fingerprint, interviewer, organisation, device_id, certificate FROM desk_keys ORDER BY enrolled_at"
        ).fetchall()
        return [(r[0], r[1], r[2], r[3], bytes(r[4])) for r in rows]

    def interviewers(self) -> list[tuple[str, str, str]]:
        """(fingerprint, interviewer, organisation) of every enrolled key."""
        rows = self._conn().execute("SELECT fingerprint, interviewer, organisation FROM desk_keys").fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def cases(self) -> list[tuple[str, int, str]]:
        """(desk case, bundles, last received) of every desk case, by case."""
        rows = self._conn().execute("SELECT case_code, count(*), max(received_at) FROM desk_bundles "
                                    "GROUP BY case_code ORDER BY case_code").fetchall()
        return [(r[0], int(r[1]), r[2]) for r in rows]

    def records(self, case_code: str) -> list[str]:
        """The record.json (as text) of each bundle filed under `case_code`."""
        return [r[0] for r in self._conn().execute("SELECT record FROM desk_bundles WHERE case_code = ?",
                                                   (case_code,)).fetchall()]

    def received(self, case_code: str) -> list[tuple[str, str, str, str]]:
        """(bundle id, interviewer key, record JSON, verification JSON) of the case's bundles, as received."""
        rows = self._conn().execute(
            "SELECT bundle_id, key_fingerprint, record, verification FROM desk_bundles WHERE case_code = ? "
            "ORDER BY received_at", (case_code,)).fetchall()
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def dossiers(self, case_code: str) -> list[tuple[str, str, bytes, str]]:
        """(bundle id, received at, dossier PDF, record JSON) of the case's bundles, in no particular order."""
        rows = self._conn().execute("SELECT bundle_id, received_at, pdf, record FROM desk_bundles WHERE case_code = ?",
                                    (case_code,)).fetchall()
        return [(r[0], r[1], bytes(r[2]), r[3]) for r in rows]

    def signoffs(self, case_code: str) -> list[tuple[str, str, str, int]]:
        """(reviewer, note, signed at, seq), oldest first."""
        rows = self._conn().execute("SELECT reviewer, note, signed_at, seq FROM desk_signoff WHERE case_code = ? "
                                    "ORDER BY seq", (case_code,)).fetchall()
        return [(r[0], r[1], r[2], int(r[3])) for r in rows]

    def receipts_due(self) -> list[tuple[str, str, str, str]]:
        """(bundle id, SHA-256, received at, receipt file name) of every bundle received, oldest first."""
        rows = self._conn().execute("SELECT bundle_id, sha256, received_at, receipt_name FROM desk_bundles "
                                    "ORDER BY received_at").fetchall()
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def file(self, bundle_id: str, name: str) -> bytes:
        """An attachment as received (its pieces joined); b"" when there is none of that name."""
        rows = self._conn().execute(
            "SELECT data FROM desk_files WHERE bundle_id = ? AND (name = ? OR (name > ? AND name < ?)) ORDER BY name",
            (bundle_id, name, name + "\x00", name + "\x01")).fetchall()
        return b"".join(bytes(r[0]) for r in rows)


class DeskChange(DeskReads):
    """The writes, inside one transaction opened by DeskStore.change()."""

    def __init__(self, conn: Callable[[], Connection], records: Records, tx: Connection) -> None:
        super().__init__(conn)
        self._records = records
        self._tx = tx

    def put_links(self, links: dict[str, Any]) -> None:
        write_setting(self._tx, LINKS, links)

    def put_floors(self, floors: dict[str, Any]) -> None:
        write_setting(self._tx, FLOOR, floors)

    def add_bundle(self, r: Received) -> None:
        self._tx.execute("INSERT INTO desk_bundles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (r.bundle_id, r.sha256, r.key_fingerprint, r.case_code, r.manifest, r.signature, r.record,
                          r.pdf, r.verification, r.receipt_name, r.received_at))

    def add_file(self, bundle_id: str, name: str, blob: bytes | memoryview) -> None:
        """One attachment as rows `name`, `name` NUL 000001, ...: a NUL never occurs in an archive name."""
        for i in range(0, max(len(blob), 1), CHUNK):
            self._tx.execute("INSERT INTO desk_files VALUES (?, ?, ?)",
                             (bundle_id, name if i == 0 else f"{name}\x00{i // CHUNK:06d}", blob[i:i + CHUNK]))

    def add_signoff(self, case_code: str, reviewer: str, note: str, signed_at: str) -> None:
        seq = self._tx.execute("SELECT COALESCE(max(seq), 0) + 1 FROM desk_signoff WHERE case_code = ?",
                               (case_code,)).fetchone()[0]
        self._tx.execute("INSERT INTO desk_signoff VALUES (?, ?, ?, ?, ?)", (case_code, seq, reviewer, note, signed_at))

    def move_signoffs(self, old: str, new: str) -> None:
        self._tx.execute("UPDATE desk_signoff SET case_code = ? WHERE case_code = ?", (new, old))

    def audit(self, event: str, text_hash: str | None = None) -> None:
        """An entry in the desk vault's own chain."""
        self._records.audit(self._tx, audit.VAULT_CHAIN, event, 0, text_hash=text_hash)


class DeskStore(DeskReads):
    def __init__(self, conn: Callable[[], Connection], records: Records) -> None:
        super().__init__(conn)
        self._records = records

    @contextmanager
    def change(self) -> Iterator[DeskChange]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        with self._records.transaction() as tx:
            yield DeskChange(self._conn, self._records, tx)

    def create(self, age_identity: str) -> None:
        """Make this vault a desk, holding its age identity, with the audit event."""
        with self._records.transaction() as conn:
            write_setting(conn, ROLE, "desk")
            write_setting(conn, AGE_IDENTITY, age_identity)
            self._records.audit(conn, audit.VAULT_CHAIN, "desk_created", 0)

    def enrol(self, fingerprint: str, public: bytes, certificate: bytes, names: list[str],
              replace: bool) -> Literal["enrolled", "replaced", "refused"]:
        """Trust an interviewer key (names: interviewer, organisation, device id) with its audit event. A
        known key with another certificate or names is replaced only when `replace`, else nothing is stored."""
        with self._records.transaction() as conn:
            known = conn.execute("SELECT certificate, interviewer, organisation, device_id FROM desk_keys "
                                 "WHERE fingerprint = ?", (fingerprint,)).fetchone()
            changed = known is not None and (bytes(known[0]), *known[1:]) != (certificate, *names)
            if changed and not replace:
                return "refused"
            conn.execute("INSERT INTO desk_keys VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET "
                         "certificate = excluded.certificate, interviewer = excluded.interviewer, "
                         "organisation = excluded.organisation, device_id = excluded.device_id",
                         (fingerprint, public, certificate, *names, self._records.clock.iso_now()))
            self._records.audit(conn, audit.VAULT_CHAIN, "interviewer_replaced" if changed else "interviewer_enrolled",
                                0, text_hash=hashlib.sha256(public + certificate).hexdigest() if changed
                                else fingerprint.replace(" ", ""))
        return "replaced" if changed else "enrolled"
