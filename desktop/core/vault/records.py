"""What the vault stores: cases, interviews, answers, notes, attachments, settings, identity.

Saving an answer is one transaction with its audit event and returns only after the commit, so
the window can truthfully say "saved". Times are elapsed milliseconds since the interview's start;
only the start reads the wall clock.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlcipher3

from desktop.core.bus import bus
from desktop.core.clock import Clock
from desktop.core.errors import N_, VoluntasError
from desktop.core.forms.values import MAX_TEXT_CHARS
from desktop.core.identity import Identity
from desktop.core.languages import LANGUAGES as LANGS
from desktop.core.secrets_mem import wipe
from desktop.core.vault import audit
from desktop.core.vault.audit import AuditEntry
from desktop.core.vault.db import Connection

CASE_CODE_MAX = 64


def case_code_problem(code: str) -> str | None:
    """Why `code` cannot be a case code (a template with {limit}, translated where shown), or None.

    A code is shown in lists, file names and terminals: a newline or an escape sequence in it could
    forge rows or rewrite the screen."""
    if not code.strip():
        return N_("The case code is empty.")
    if len(code) > CASE_CODE_MAX:
        return N_("The case code is too long: at most {limit} characters.")
    if not code.isprintable() or code != code.strip():
        return N_("The case code holds a control character, a line break or spaces at its ends: "
                  "use letters, digits and dashes.")
    return None


@dataclass(frozen=True)
class ImportedInterview:
    captive_lang: str
    interviewer_lang: str
    interview_date: str
    answers: dict[str, Any]


@dataclass(frozen=True)
class InterviewRow:
    id: str
    case_id: str
    case_code: str
    form_id: str
    form_version: str
    captive_lang: str
    interviewer_lang: str
    state: str
    interview_date: str


def text_hash(text: str) -> str:
    """The hash recorded for the exact text shown with a question."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Records:
    def __init__(self, conn: Callable[[], Connection], clock: Clock, key: Callable[[], bytes]) -> None:
        self._conn = conn
        self.clock = clock
        self._key = key
        self._identities: list[Identity] = []  # handed out; their private keys are zeroed at lock
        # chain -> head as this session last committed it; dropped on any rollback, so it never runs ahead
        self._heads: dict[str, tuple[int, str]] = {}
        self._resumed: dict[str, tuple[float, int]] = {}  # interview -> (monotonic at resume, base ms)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlcipher3.OperationalError as err:
            self._heads.clear()
            _rollback(conn)
            raise VoluntasError("V011", path="vault", reason=str(err)) from None
        except BaseException:
            self._heads.clear()
            _rollback(conn)
            raise

    def audit(self, conn: Connection, chain: str, event: str, elapsed_ms: int, question_id: str | None = None,
              lang: str | None = None, text_hash: str | None = None, stored: str | None = None) -> str:
        """Append an audit entry inside transaction(); the only way entries are written. `stored` is
        the value as stored, for an answer or a note: the entry then covers it."""
        seq, digest = audit.append(conn, self._key(), chain, event, elapsed_ms, question_id, lang, text_hash, stored,
                                   self._heads.get(chain))
        self._heads[chain] = (seq, digest)
        return digest

    # -- identity and settings --------------------------------------------------------------
    def store_identity(self, ident: Identity) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO identity VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                (ident.interviewer, ident.organisation, ident.device_id, ident.ed25519_private,
                 ident.ecdsa_private, ident.certificate, self.clock.iso_now()),
            )
            self.audit(conn, audit.VAULT_CHAIN, "vault_created", 0)

    def identity(self) -> Identity:
        row = self._conn().execute(
            "SELECT interviewer, organisation, device_id, ed25519_private, ecdsa_private, certificate "
            "FROM identity WHERE id = 1"
        ).fetchone()
        if row is None:
            raise VoluntasError("V015", what="identity", ident="1")
        ident = Identity(row[0], row[1], row[2], bytes(row[3]), bytes(row[4]), bytes(row[5]))
        self._identities.append(ident)
        return ident

    def forget_secrets(self) -> None:
        """At lock: zero the private keys of every identity handed out (held here, so never freed first)."""
        for ident in self._identities:
            wipe(ident.ed25519_private)
            wipe(ident.ecdsa_private)
        self._identities.clear()

    def get_setting(self, key: str, default: Any = None) -> Any:
        return read_setting(self._conn(), key, default)

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction() as conn:
            write_setting(conn, key, value)

    # -- cases and interviews ---------------------------------------------------------------
    def create_case(self, code: str) -> str:
        _check_code(code)
        case_id = str(uuid.uuid4())
        with self.transaction() as conn:
            conn.execute("INSERT INTO cases VALUES (?, ?, ?)", (case_id, code, self.clock.iso_now()))
        return case_id

    def import_case(self, code: str, form_id: str, form_version: str,
                    interviews: list[ImportedInterview]) -> tuple[str, list[str]]:
        """A whole case file as drafts of one new case, in one transaction with its audit events:
        interrupted anywhere (a signal, a full disk), the vault holds exactly what it held before.
        Nothing was shown on this device, so the answer events carry no text hashes."""
        _check_code(code)
        case_id, ids = str(uuid.uuid4()), []
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM cases WHERE code = ?", (code,)).fetchone():
                raise VoluntasError("V023", case_code=code)
            conn.execute("INSERT INTO cases VALUES (?, ?, ?)", (case_id, code, self.clock.iso_now()))
            for item in interviews:
                iid = str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO interviews (id, case_id, form_id, form_version, captive_lang, interviewer_lang, "
                    "interview_date, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (iid, case_id, form_id, form_version, item.captive_lang, item.interviewer_lang,
                     item.interview_date, self.clock.iso_now()))
                self.audit(conn, iid, "interview_started", 0, lang=item.captive_lang)
                self.audit(conn, audit.VAULT_CHAIN, "interview_created", 0, iid)
                self._import(conn, iid, item.answers, item.captive_lang, {})
                ids.append(iid)
        return case_id, ids

    def purge_answers(self, interview_id: str, question_ids: list[str], event: str = "minimal_record") -> None:
        """Clear several answers and record `event` in one transaction (the minimal record after a
        refusal): all of them are gone with their audit events, or none."""
        elapsed = self.elapsed_ms(interview_id)
        with self.transaction() as conn:
            self.require_draft(conn, interview_id)
            for qid in question_ids:
                conn.execute("DELETE FROM answers WHERE interview_id = ? AND question_id = ?", (interview_id, qid))
                self.audit(conn, interview_id, "answer_cleared", elapsed, qid)
            self.audit(conn, interview_id, event, elapsed)
        bus.announce("vault.purged", interview_id=interview_id)

    def create_interview(self, case_id: str, form_id: str, form_version: str, captive_lang: str,
                         interviewer_lang: str, interview_date: str) -> str:
        for lang in (captive_lang, interviewer_lang):
            if lang not in LANGS:
                raise ValueError(lang)
        interview_id = str(uuid.uuid4())
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
                raise VoluntasError("V015", what="case", ident=case_id)
            conn.execute(
                "INSERT INTO interviews (id, case_id, form_id, form_version, captive_lang, interviewer_lang, "
                "interview_date, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (interview_id, case_id, form_id, form_version, captive_lang, interviewer_lang, interview_date,
                 self.clock.iso_now()),
            )
            self.audit(conn, interview_id, "interview_started", 0, lang=captive_lang)
            self.audit(conn, audit.VAULT_CHAIN, "interview_created", 0, interview_id)
        self._resumed[interview_id] = (self.clock.monotonic(), 0)
        return interview_id

    def elapsed_ms(self, interview_id: str) -> int:
        """Milliseconds of interview time: stored time plus time since this session resumed it."""
        if interview_id not in self._resumed:
            row = self._conn().execute("SELECT elapsed_ms FROM interviews WHERE id = ?", (interview_id,)).fetchone()
            if row is None:
                raise VoluntasError("V015", what="interview", ident=interview_id)
            self._resumed[interview_id] = (self.clock.monotonic(), int(row[0]))
        start, base = self._resumed[interview_id]
        return base + int((self.clock.monotonic() - start) * 1000)

    def require_draft(self, conn: Connection, interview_id: str) -> None:
        """Raise V015 (unknown) or V016 (not a draft) unless `interview_id` is a draft."""
        row = conn.execute("SELECT state FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is None:
            raise VoluntasError("V015", what="interview", ident=interview_id)
        if row[0] != "draft":
            raise VoluntasError("V016", ident=interview_id, state=row[0])

    # -- autosave ---------------------------------------------------------------------------
    def save_answer(self, interview_id: str, question_id: str, value: Any, lang: str, shown_hash: str) -> None:
        """Store one answer with its audit event in one transaction; returns after the commit."""
        elapsed = self.elapsed_ms(interview_id)
        encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        with self.transaction() as conn:
            # Three statements: the position, the time and the chain's anchored head move in one UPDATE.
            known = self._heads.get(interview_id) or audit.head(conn, interview_id)
            e = audit.entry(self._key(), known, interview_id, "answer", elapsed, question_id, lang, shown_hash, encoded)
            moved = conn.execute("UPDATE interviews SET elapsed_ms = ?, position = ?, audit_seq = ?, audit_head = ?, "
                                 "audit_mac = ? WHERE id = ? AND state = 'draft'",
                                 (elapsed, question_id, *e.anchor, interview_id))
            if moved.rowcount != 1:
                self.require_draft(conn, interview_id)  # raises the precise reason
            conn.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (interview_id, question_id, encoded, lang, shown_hash, elapsed),
            )
            audit.insert(conn, e, anchor=False)
            self._heads[interview_id] = (e.seq, e.digest)
        bus.announce("answer.saved", interview_id=interview_id, question_id=question_id)

    def import_answers(self, interview_id: str, answers: dict[str, Any], lang: str,
                       shown_hashes: dict[str, str]) -> None:
        """Store a whole interview read from a case file in one transaction."""
        with self.transaction() as conn:
            self.require_draft(conn, interview_id)
            self._import(conn, interview_id, answers, lang, shown_hashes)

    def _import(self, conn: Connection, interview_id: str, answers: dict[str, Any], lang: str,
                shown_hashes: dict[str, str]) -> None:
        self.audit(conn, interview_id, "imported", 0, None, lang)
        for question_id, value in answers.items():
            encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            shown = shown_hashes.get(question_id, "")
            conn.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, 0)",
                         (interview_id, question_id, encoded, lang, shown))
            self.audit(conn, interview_id, "answer", 0, question_id, lang, shown, encoded)

    def clear_answer(self, interview_id: str, question_id: str) -> None:
        elapsed = self.elapsed_ms(interview_id)
        with self.transaction() as conn:
            self.require_draft(conn, interview_id)
            conn.execute("DELETE FROM answers WHERE interview_id = ? AND question_id = ?", (interview_id, question_id))
            self.audit(conn, interview_id, "answer_cleared", elapsed, question_id)

    def save_note(self, interview_id: str, question_id: str, text: str, lang: str) -> None:
        if len(text) > MAX_TEXT_CHARS:  # the same limit as a free-text answer: a dossier stays quick to render
            raise VoluntasError("V026", limit=f"{MAX_TEXT_CHARS:,}", count=f"{len(text):,}")
        elapsed = self.elapsed_ms(interview_id)
        with self.transaction() as conn:
            self.require_draft(conn, interview_id)
            conn.execute("INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?, ?)",
                         (interview_id, question_id, text, lang, elapsed))
            self.audit(conn, interview_id, "note", elapsed, question_id, lang, None, text)

    def add_attachment(self, interview_id: str, question_id: str | None, media_type: str, data: bytes) -> str:
        elapsed = self.elapsed_ms(interview_id)
        attachment_id = str(uuid.uuid4())
        digest = hashlib.sha256(data).hexdigest()
        with self.transaction() as conn:
            self.require_draft(conn, interview_id)
            conn.execute("INSERT INTO attachments VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (attachment_id, interview_id, question_id, media_type, digest, data, elapsed))
            self.audit(conn, interview_id, "attachment", elapsed, question_id, None, digest)
        return attachment_id

    def record_event(self, interview_id: str, event: str, question_id: str | None = None,
                     lang: str | None = None) -> None:
        """An audit event with no answer: a language change, a pause, re-consent, a stop."""
        elapsed = self.elapsed_ms(interview_id)
        with self.transaction() as conn:
            self.require_draft(conn, interview_id)  # a sealed interview's chain is gone: nothing may extend it
            self.audit(conn, interview_id, event, elapsed, question_id, lang)

    # -- reading ----------------------------------------------------------------------------
    def answers(self, interview_id: str) -> dict[str, Any]:
        rows = self._conn().execute(
            "SELECT question_id, value FROM answers WHERE interview_id = ?", (interview_id,)
        ).fetchall()
        return {qid: json.loads(value) for qid, value in rows}

    def answer_rows(self, interview_id: str) -> list[tuple[str, Any, str, str, int]]:
        rows = self._conn().execute(
            "SELECT question_id, value, lang, text_hash, elapsed_ms FROM answers WHERE interview_id = ? "
            "ORDER BY elapsed_ms, question_id", (interview_id,)
        ).fetchall()
        return [(q, json.loads(v), lang, h, int(ms)) for q, v, lang, h, ms in rows]

    def notes(self, interview_id: str) -> dict[str, str]:
        rows = self._conn().execute(
            "SELECT question_id, text FROM notes WHERE interview_id = ?", (interview_id,)
        ).fetchall()
        return {q: t for q, t in rows}

    def position(self, interview_id: str) -> str | None:
        row = self._conn().execute("SELECT position FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        return None if row is None else row[0]

    def list_interviews(self) -> list[InterviewRow]:
        rows = self._conn().execute(
            "SELECT i.id, i.case_id, c.code, i.form_id, i.form_version, i.captive_lang, i.interviewer_lang, "
            "i.state, i.interview_date "
            "FROM interviews i JOIN cases c ON c.id = i.case_id ORDER BY c.code, i.interview_date, i.id"
        ).fetchall()
        return [InterviewRow(*row) for row in rows]

    def audit_head(self, chain: str) -> str:
        return audit.head(self._conn(), chain)[1]

    def audit_position(self, chain: str) -> tuple[int, str]:
        """(seq, hash) of the chain's newest entry."""
        return audit.head(self._conn(), chain)

    def audit_entries(self, chain: str) -> list[AuditEntry]:
        return audit.entries(self._conn(), chain)

    def attachment_list(self, interview_id: str) -> list[tuple[str, str, str]]:
        """(question id or "", media type, SHA-256) of each attachment, in the order they were added."""
        rows = self._conn().execute(
            "SELECT COALESCE(question_id, ''), media_type, sha256 FROM attachments "
            "WHERE interview_id = ? ORDER BY elapsed_ms, id", (interview_id,)).fetchall()
        return [(str(a), str(b), str(c)) for a, b, c in rows]

    def case_codes(self) -> list[tuple[str, str]]:
        """(case id, code) of every case, in no particular order."""
        return [(str(a), str(b)) for a, b in self._conn().execute("SELECT id, code FROM cases").fetchall()]

    def log_event(self, event: str, text_hash: str | None = None) -> None:
        """An entry in the vault's own chain, alone in its transaction (an export, say)."""
        with self.transaction() as conn:
            self.audit(conn, audit.VAULT_CHAIN, event, 0, text_hash=text_hash)


def read_setting(conn: Connection, key: str, default: Any = None) -> Any:
    """A setting's JSON value on `conn` (inside a transaction too), `default` when unset."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def write_setting(conn: Connection, key: str, value: Any) -> None:
    """Store a setting as JSON on `conn`; inside the caller's transaction."""
    conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, json.dumps(value, sort_keys=True)))


def _check_code(code: str) -> None:
    problem = case_code_problem(code)
    if problem is not None:
        raise VoluntasError("V024", problem=problem.format(limit=CASE_CODE_MAX))


def _rollback(conn: Connection) -> None:
    try:
        conn.execute("ROLLBACK")
    except sqlcipher3.Error:
        pass  # the transaction was already rolled back by SQLite (e.g. on a full disk)
