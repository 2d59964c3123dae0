"""What the desk window shows: received cases, all interviews of a captive with the case-level
evaluation (confirmation over time, change of mind) and the reviewers' sign-off notes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.core.bus import bus
from desktop.core.errors import VoluntasError
from desktop.core.sync import link
from desktop.core.sync.desk import require_desk
from desktop.core.vault import Vault, audit


@dataclass(frozen=True)
class CaseSummary:
    case_code: str  # the desk case: the case code, with "~" and the interviewer key if another key used it first
    interviews: int
    bundles: int
    last_received: str
    signed_off: bool  # a sign-off that has not lapsed
    linked: tuple[str, ...] = ()  # the other desk cases evaluated together with this one


@dataclass(frozen=True)
class SignOff:
    reviewer: str
    note: str
    signed_at: str
    lapsed: bool = False  # the case got a new interview (or a link) after it


@dataclass(frozen=True)
class ReceivedInterview:
    interview_id: str
    interview_date: str
    form: str
    captive_lang: str
    interviewer_lang: str
    answers: dict[str, Any]
    notes: dict[str, str]
    bundle_id: str
    interviewer_key: str
    verification: dict[str, str]


@dataclass(frozen=True)
class CaseView:
    case_code: str
    interviews: tuple[ReceivedInterview, ...]
    evaluation: dict[str, Any] | None  # Evaluation.to_json(), or None with `problem` set
    problem: str
    signoffs: tuple[SignOff, ...]
    linked: tuple[str, ...] = ()  # the other desk cases evaluated together with this one


def list_cases(vault: Vault) -> list[CaseSummary]:
    require_desk(vault)
    conn = vault.conn_or_raise()
    out = []
    for code, bundles, last in conn.execute("SELECT case_code, count(*), max(received_at) FROM desk_bundles "
                                            "GROUP BY case_code ORDER BY case_code").fetchall():
        count = sum(len(json.loads(r[0])["interviews"]) for r in
                    conn.execute("SELECT record FROM desk_bundles WHERE case_code = ?", (code,)).fetchall())
        signed = any(not s.lapsed for s in signoffs(vault, code))
        others = tuple(c for c in link.group(conn, code) if c != code)
        out.append(CaseSummary(code, count, int(bundles), last, signed, others))
    return out


def case_view(vault: Vault, case_code: str) -> CaseView:
    from desktop.core.rules import evaluate_answers

    require_desk(vault)
    conn = vault.conn_or_raise()
    if conn.execute("SELECT 1 FROM desk_bundles WHERE case_code = ?", (case_code,)).fetchone() is None:
        raise VoluntasError("V015", what="case", ident=case_code)
    members = link.group(conn, case_code)  # only linked desk cases are evaluated together
    rows = [row for member in members for row in conn.execute(
        "SELECT bundle_id, key_fingerprint, record, verification FROM desk_bundles WHERE case_code = ? "
        "ORDER BY received_at", (member,)).fetchall()]
    items = []
    for bid, key_fp, record, verification in rows:
        for i in json.loads(record)["interviews"]:
            items.append(ReceivedInterview(
                str(i["id"]), str(i["interview_date"]), f"{i['form_id']}@{i['form_version']}", str(i["captive_lang"]),
                str(i["interviewer_lang"]), {a["question_id"]: a["value"] for a in i["answers"]},
                {n["question_id"]: n["text"] for n in i["notes"]}, bid, key_fp, json.loads(verification)))
    items.sort(key=lambda r: (r.interview_date, r.interview_id))
    evaluation: dict[str, Any] | None = None
    problem = ""
    try:
        ev = evaluate_answers([(r.interview_date, r.answers) for r in items], case_id=case_code)
        evaluation = ev.to_json()
    except VoluntasError as err:
        problem = err.message()
    return CaseView(case_code, tuple(items), evaluation, problem, tuple(signoffs(vault, case_code)),
                    tuple(m for m in members if m != case_code))


def signoffs(vault: Vault, case_code: str) -> list[SignOff]:
    """The sign-offs of the group `case_code` belongs to; those made before its last change lapsed."""
    conn = vault.conn_or_raise()
    floor = link.lapsed_up_to(conn, case_code)
    rows = conn.execute("SELECT reviewer, note, signed_at, seq FROM desk_signoff WHERE case_code = ? "
                        "ORDER BY seq", (link.root(conn, case_code),)).fetchall()
    return [SignOff(r[0], r[1], r[2], int(r[3]) <= floor) for r in rows]


def sign_off(vault: Vault, case_code: str, reviewer: str, note: str) -> SignOff:
    """Add a reviewer's sign-off note to a received case (notes are appended, never replaced)."""
    require_desk(vault)
    at = vault.clock.iso_now()
    with vault.records.transaction() as conn:
        if conn.execute("SELECT 1 FROM desk_bundles WHERE case_code = ?", (case_code,)).fetchone() is None:
            raise VoluntasError("V015", what="case", ident=case_code)
        case_code = link.root(conn, case_code)  # a sign-off covers the group evaluated together
        seq = conn.execute("SELECT COALESCE(max(seq), 0) + 1 FROM desk_signoff WHERE case_code = ?",
                           (case_code,)).fetchone()[0]
        conn.execute("INSERT INTO desk_signoff VALUES (?, ?, ?, ?, ?)", (case_code, seq, reviewer, note, at))
        vault.records.audit(conn, audit.VAULT_CHAIN, "case_signed_off", 0)
    bus.announce("desk.signed_off", case_code=case_code)
    return SignOff(reviewer, note, at)
