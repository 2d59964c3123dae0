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
from desktop.core.vault import Vault


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
    desk = vault.desk
    out = []
    for code, bundles, last in desk.cases():
        count = sum(len(json.loads(record)["interviews"]) for record in desk.records(code))
        signed = any(not s.lapsed for s in signoffs(vault, code))
        others = tuple(c for c in link.group(desk, code) if c != code)
        out.append(CaseSummary(code, count, bundles, last, signed, others))
    return out


def case_view(vault: Vault, case_code: str) -> CaseView:
    from desktop.core.rules import evaluate_answers

    require_desk(vault)
    desk = vault.desk
    if not desk.has_case(case_code):
        raise VoluntasError("V015", what="case", ident=case_code)
    members = link.group(desk, case_code)  # only linked desk cases are evaluated together
    rows = [row for member in members for row in desk.received(member)]
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
    floor = link.lapsed_up_to(vault.desk, case_code)
    return [SignOff(reviewer, note, at, seq <= floor)
            for reviewer, note, at, seq in vault.desk.signoffs(link.root(vault.desk, case_code))]


def sign_off(vault: Vault, case_code: str, reviewer: str, note: str) -> SignOff:
    """Add a reviewer's sign-off note to a received case (notes are appended, never replaced)."""
    require_desk(vault)
    at = vault.clock.iso_now()
    with vault.desk.change() as tx:
        if not tx.has_case(case_code):
            raise VoluntasError("V015", what="case", ident=case_code)
        case_code = link.root(tx, case_code)  # a sign-off covers the group evaluated together
        tx.add_signoff(case_code, reviewer, note, at)
        tx.audit("case_signed_off")
    bus.announce("desk.signed_off", case_code=case_code)
    return SignOff(reviewer, note, at)
