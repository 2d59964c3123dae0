"""Numbered schema migrations. Each runs in one transaction with its version record.

Never edit a shipped migration: add the next number. tests/core/fixtures keeps a vault made by
every shipped version, and a test opens each one with the current code.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from desktop.core.errors import VoluntasError
from desktop.core.vault.db import Connection

M001_INITIAL = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    interviewer TEXT NOT NULL,
    organisation TEXT NOT NULL,
    device_id TEXT NOT NULL,
    ed25519_private BLOB NOT NULL,
    ecdsa_private BLOB NOT NULL,
    certificate BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX cases_code ON cases (code);
CREATE TABLE interviews (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    captive_lang TEXT NOT NULL CHECK (captive_lang IN ('en', 'ko', 'uk')),
    interviewer_lang TEXT NOT NULL CHECK (interviewer_lang IN ('en', 'ko', 'uk')),
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'finalized', 'sealed')),
    interview_date TEXT NOT NULL,
    started_at TEXT NOT NULL,
    elapsed_ms INTEGER NOT NULL DEFAULT 0,
    position TEXT
);
CREATE INDEX interviews_case ON interviews (case_id);
CREATE TABLE answers (
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    value TEXT NOT NULL,
    lang TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    PRIMARY KEY (interview_id, question_id)
) WITHOUT ROWID;
CREATE TABLE notes (
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    PRIMARY KEY (interview_id, question_id)
) WITHOUT ROWID;
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question_id TEXT,
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    elapsed_ms INTEGER NOT NULL
);
CREATE INDEX attachments_interview ON attachments (interview_id);
CREATE TABLE audit (
    chain TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event TEXT NOT NULL,
    question_id TEXT,
    lang TEXT,
    text_hash TEXT,
    elapsed_ms INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (chain, seq)
) WITHOUT ROWID;
"""

# Seal, outbox, receipts (field side) and the legal desk's own tables (issue 7).
M002_SYNC = """
CREATE TABLE recipients (
    fingerprint TEXT PRIMARY KEY,
    age_recipient TEXT NOT NULL UNIQUE,
    desk_key BLOB NOT NULL,
    label TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE sealed (
    bundle_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    name TEXT NOT NULL UNIQUE,
    data BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    sealed_at TEXT NOT NULL
);
CREATE TABLE sealed_interviews (
    interview_id TEXT PRIMARY KEY REFERENCES interviews (id),
    bundle_id TEXT NOT NULL REFERENCES sealed (bundle_id)
);
CREATE INDEX sealed_interviews_bundle ON sealed_interviews (bundle_id);
CREATE TABLE sent_log (
    bundle_id TEXT NOT NULL,
    target TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (bundle_id, target)
) WITHOUT ROWID;
CREATE TABLE receipts (
    bundle_id TEXT PRIMARY KEY,
    bundle_sha256 TEXT NOT NULL,
    desk TEXT NOT NULL,
    interviews INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE desk_keys (
    fingerprint TEXT PRIMARY KEY,
    ed25519_public BLOB NOT NULL,
    certificate BLOB NOT NULL,
    interviewer TEXT NOT NULL,
    organisation TEXT NOT NULL,
    device_id TEXT NOT NULL,
    enrolled_at TEXT NOT NULL
);
CREATE TABLE desk_bundles (
    bundle_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    key_fingerprint TEXT NOT NULL REFERENCES desk_keys (fingerprint),
    case_code TEXT NOT NULL,
    manifest BLOB NOT NULL,
    signature BLOB NOT NULL,
    record TEXT NOT NULL,
    pdf BLOB NOT NULL,
    verification TEXT NOT NULL,
    receipt_name TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX desk_bundles_case ON desk_bundles (case_code);
CREATE TABLE desk_files (
    bundle_id TEXT NOT NULL REFERENCES desk_bundles (bundle_id),
    name TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (bundle_id, name)
) WITHOUT ROWID;
CREATE TABLE desk_signoff (
    case_code TEXT NOT NULL,
    seq INTEGER NOT NULL,
    reviewer TEXT NOT NULL,
    note TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    PRIMARY KEY (case_code, seq)
) WITHOUT ROWID;
"""

# Issue 13: the keyed audit chain (value MACs; each interview chain's head anchored in its interviews row,
# written by the same statement as the autosave's position; the vault chain's in audit_heads), the state
# generation that binds the database to its key file, and a sealed interview keeps no wall-clock start.
M003_INTEGRITY = """
ALTER TABLE audit ADD COLUMN value_mac BLOB;
ALTER TABLE interviews ADD COLUMN audit_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE interviews ADD COLUMN audit_head BLOB;
ALTER TABLE interviews ADD COLUMN audit_mac BLOB;
CREATE TABLE audit_heads (
    chain TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL,
    mac BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE vault_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL,
    mac BLOB NOT NULL
);
CREATE TRIGGER interviews_sealed AFTER UPDATE OF state ON interviews WHEN NEW.state = 'sealed' BEGIN
    UPDATE interviews SET started_at = '', audit_seq = 0, audit_head = NULL, audit_mac = NULL WHERE id = NEW.id;
END;
UPDATE interviews SET started_at = '' WHERE state = 'sealed';
"""

# (version, name, SQL). Append only.
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial", M001_INITIAL),
    (2, "sync", M002_SYNC),
    (3, "integrity", M003_INTEGRITY),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, after: dict[int, Callable[[Connection], None]] | None = None) -> list[int]:
    """Apply every pending migration; return the versions applied.

    `after[version]` runs inside that version's transaction (steps that need the vault's keys)."""
    found = current_version(conn)
    if found > LATEST:
        raise VoluntasError("V012", found=found, supported=LATEST)
    applied = []
    for version, name, sql in MIGRATIONS:
        if version <= found:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version == 1:
                conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
            for statement in _statements(sql):
                conn.execute(statement)
            if after and version in after:
                after[version](conn)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (version, name, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            )
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _statements(sql: str) -> list[str]:
    """Split on ';' at line ends, keeping a trigger's BEGIN ... END; body whole."""
    out: list[str] = []
    current: list[str] = []
    for line in sql.strip().splitlines():
        current.append(line)
        if line.rstrip().endswith(";") and (not current[0].lstrip().startswith("CREATE TRIGGER")
                                            or line.strip() == "END;"):
            out.append("\n".join(current).strip().rstrip(";"))
            current = []
    if "".join(current).strip():
        out.append("\n".join(current).strip())
    return out
