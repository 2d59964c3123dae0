"""The live session: autosave through a Storage, relevance, navigation, gates, minimal record, re-consent."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from desktop.core.forms.answers import resolve
from desktop.core.forms.loader import shipped_form
from desktop.core.forms.model import Form
from desktop.core.forms.session import CONSTRAINT, INVALID, REQUIRED_DECLINABLE, Problem, Session
from tests.forms.formtools import MemoryStorage, v, walk


def said(problems: list[Problem]) -> list[str]:
    return [p.message() for p in problems]


@pytest.fixture(scope="module")
def form() -> Form:
    return shipped_form()


def new(form: Form, day: dt.date = dt.date(2025, 3, 10), **kw: Any) -> tuple[Session, MemoryStorage]:
    storage = MemoryStorage()
    return Session(form, storage, "iv1", session_date=day, **{"unreviewed": None, **kw}), storage


def test_full_interview_is_saved_and_complete(form: Form) -> None:
    day, answers = v("V01")
    s, storage = new(form, day)
    assert s.current == "ses_case"
    walk(s, answers)
    assert s.finished() and s.stop_reason is None and s.current == "dec_support"
    saved = storage.answers("iv1")
    assert saved == answers
    r = resolve(form, saved, {}, day)
    assert (r.valid, r.warnings, r.missing) == (True, [], [])
    assert all(lang == "en" and re.fullmatch(r"[0-9a-f]{64}", h) for _, _, _, lang, h in storage.rows)
    assert all(done == total for done, total in s.completeness().values())


def test_consent_gate_blocks_a4_to_a7_until_passed(form: Form) -> None:
    day, answers = v("V01")
    s, _ = new(form, day)
    walk(s, answers, until="con_who")
    assert s.current == "con_who"
    assert not s.jump("A4") and not s.jump("A7")
    assert not s.answer("id_af", "kpa").saved
    assert s.stop_reason is None  # nothing decided yet: A10 is not offered
    assert not any(q.startswith("mr_") for q in s.navigable())
    walk(s, answers, until="id_warn")
    assert s.current == "id_warn" and s.jump("A7") and s.current == "vol_told"


def test_capacity_stop_keeps_the_minimal_record(form: Form) -> None:
    day, answers = v("V01")
    answers.update({"cap_assess": "not_able", "mr_reask": "not_asked", "mr_sig": "sig:x"})
    s, storage = new(form, day)
    walk(s, answers, until="cap_assess")
    s.answer("cap_assess", "not_able")
    assert s.stop_reason == "capacity"
    assert not s.answer("cap_pain", 3).saved  # outside the minimal record
    assert not s.jump("A3")
    assert s.missing() == ["mr_reask", "mr_sig"]
    assert s.jump("A10") and s.current == "mr_reask"
    walk(s, answers)
    assert s.finished()
    r = resolve(form, storage.answers("iv1"), {}, day)
    assert (r.valid, r.mr_reason, r.missing) == (False, "capacity", [])


@pytest.mark.parametrize(("decision", "reason"), [("declines", "declined"), ("postpones", "postponed")])
def test_refusal_leads_to_minimal_record(form: Form, decision: str, reason: str) -> None:
    day, answers = v("V11")
    answers["con_decision"] = decision
    s, _ = new(form, dt.date(2025, 3, 3))
    walk(s, {**v("V01")[1], **answers, "ses_dt": "2025-03-03"}, until="con_decision")
    s.answer("con_decision", decision)
    assert s.stop_reason == reason
    assert s.next() == [] and s.current == "mr_reask"


def test_required_and_constraint_checks(form: Form) -> None:
    s, storage = new(form)
    assert said(s.next()) == ["An answer is required."] and s.current == "ses_case"
    assert s.answer("ses_case", "NK-A").saved and s.next() == [] and s.current == "ses_dt"  # pre-filled
    assert s.next() == [] and s.current == "ses_no"
    assert s.back() == "ses_dt"
    out = s.answer("ses_no", 0)
    assert (out.saved, said(out.problems)) == (False, ["The interview number starts at 1."])
    assert out.problems == [Problem(CONSTRAINT, {"qid": "ses_no", "message": "The interview number starts at 1."})]
    out = s.answer("ses_no", "two")
    assert not out.saved and said(out.problems) == ["expected an integer, got a string"]
    assert out.problems[0].code == INVALID
    assert not s.answer("ses_org", "army").saved
    assert "ses_no" not in storage.answers("iv1")
    day, answers = v("V01")
    walk(s, {**answers, "ses_dt": "2025-03-10"}, until="cap_pain")
    assert said(s.next()) == ["An answer is required (he may decline)."]
    assert s.next() == [Problem(REQUIRED_DECLINABLE)]
    assert s.answer("cap_pain", "declined").saved


def test_constraint_of_an_earlier_answer_is_reported_when_a_later_one_breaks_it(form: Form) -> None:
    day, answers = v("V01")
    s, _ = new(form, day)
    walk(s, answers, until="set_present")
    out = s.answer("set_present", ["guard_earshot"])
    assert out.saved and out.problems and "earshot" in out.problems[0].message()
    assert out.problems[0].code == CONSTRAINT and out.problems[0].fields["qid"] == "set_private"
    assert not s.finished()


def test_reconsent_when_people_present_change(form: Form) -> None:
    day, answers = v("V01")
    s, storage = new(form, day)
    walk(s, answers, until="id_warn")
    out = s.answer("set_present", ["nobody", "medical"])
    assert not out.saved and "'nobody' cannot be combined" in out.problems[0].message()
    out = s.answer("set_present", ["medical"])
    assert out.reconsent and not out.saved and s.ended == "reconsent"
    assert s.navigable() == [] and not s.answer("id_af", "kpa").saved
    nxt = s.follow_up("iv2")
    saved = storage.answers("iv2")
    assert (saved["ses_no"], saved["ses_prev_dt"], saved["ses_case"]) == (2, "2025-03-10", "NK-A")
    assert (saved["ses_dt"], saved["ses_org"]) == ("2025-03-10", "icrc")
    assert saved["set_present"] == ["medical"]
    assert "con_who" not in saved and not nxt.jump("A4")


def test_minor_module_and_self_harm_prompt(form: Form) -> None:
    day, answers = v("V01")
    s, _ = new(form, day)
    walk(s, answers, until="id_dob")
    assert not s.jump("A8")
    s.answer("id_dob", "2007-06-01")
    assert s.values["cmp_minor"] is True and s.jump("A8") and s.current == "min_guardian"
    s.answer("id_dob", "1999-03-15")
    assert not s.jump("A8")
    assert s.alerts() == []
    s.answer("cap_selfharm", "yes")
    assert s.alerts() == ["self_harm_referral"]


def test_text_hash_follows_the_language_shown(form: Form) -> None:
    s_en, en = new(form)
    s_ko, ko = new(form, lang="ko", translate=lambda ctx, text: f"[ko] {text}")
    s_en.answer("ses_case", "NK-A")
    s_ko.answer("ses_case", "NK-A")
    assert en.rows[-1][3:] != ko.rows[-1][3:]
    assert ko.rows[-1][3] == "ko"


def test_resume_from_stored_answers(form: Form) -> None:
    day, answers = v("V01")
    storage = MemoryStorage()
    s = Session(form, storage, "iv1", session_date=day, unreviewed=None, answers=answers)
    assert s.finished() and storage.rows == []  # nothing re-saved
