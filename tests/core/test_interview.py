"""The interview's rules beside the session's flow (desktop/core/interview.py), on a real vault through the
facade the window uses: where a resumed interview goes on, notes, the minimal-record purge, the pause, the
language changes and the new record after a re-consent stop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.facade import Core
from tests.core.vaulttools import make_vault
from tests.forms.formtools import v, walk

DAY = "2025-03-10"


@pytest.fixture
def core(tmp_path: Path) -> Iterator[Core]:
    c = Core(tmp_path / "v")
    c.vault = make_vault(c.root)
    yield c
    c.lock()


def events(core: Core, interview_id: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.event, e.question_id, e.lang) for e in core.records.audit_entries(interview_id)]


def started(core: Core, code: str = "CASE-1") -> tuple[str, str]:
    case = core.new_case(code)
    return case, core.new_interview(case, "ko", "en")


def test_a_resumed_interview_goes_on_after_the_last_answer_with_its_notes(core: Core) -> None:
    case, iid = started(core)
    run = core.open_interview(iid, case, DAY, "ko", "en")
    answers = {**v("V01")[1], "ses_dt": DAY}
    walk(run.session, answers, until="set_int_aff")
    last = [q for q in run.session.navigable() if q in run.session.answers][-1]
    assert run.save_note(last, "a note") and not run.save_note(last, "a note")  # unchanged: not stored again
    again = core.open_interview(iid, case, DAY, "ko", "en")
    assert again.session.current == "set_int_aff" and again.note(last) == "a note"
    assert again.session.answers == run.session.answers
    assert again.elapsed_seconds() >= 0


def test_after_a_refusal_only_the_minimal_record_is_kept(core: Core) -> None:
    case, iid = started(core)
    run = core.open_interview(iid, case, DAY, "ko", "en")
    assert not run.keep_minimal_record()  # no stop: nothing is purged
    answers = {**v("V01")[1], "ses_dt": DAY, "con_decision": "declines"}
    walk(run.session, answers, until="mr_reask")
    extra = run.extra_answers()
    assert run.session.stop_reason == "declined" and extra
    assert run.keep_minimal_record()
    keep = set(core.form().minimal_record) | {core.form().session_date}
    assert run.extra_answers() == [] and set(core.records.answers(iid)) <= keep
    assert run.session.current in run.session.navigable()
    assert ("minimal_record", None, None) in events(core, iid)
    assert sum(e == "answer_cleared" for e, _q, _l in events(core, iid)) == len(extra)


def test_pause_and_language_changes_are_recorded_in_the_chain(core: Core) -> None:
    case, iid = started(core)
    run = core.open_interview(iid, case, DAY, "ko", "en")
    here = run.session.current
    run.set_captive_lang("uk")
    run.set_interviewer_lang("ko")
    assert (run.captive_lang, run.interviewer_lang, run.session.lang) == ("uk", "ko", "uk")
    assert not run.shared_language
    run.pause()
    assert events(core, iid)[-3:] == [("captive_language_changed", here, "uk"),
                                      ("interviewer_language_changed", here, "ko"), ("stopped", here, None)]


def test_a_change_of_people_present_after_consent_continues_in_a_new_record(core: Core) -> None:
    case, iid = started(core)
    run = core.open_interview(iid, case, DAY, "ko", "en")
    walk(run.session, {**v("V01")[1], "ses_dt": DAY}, until="id_warn")
    run.save_note("id_warn", "kept with the old record")
    out = run.session.answer("set_present", ["medical"])
    assert out.reconsent
    run.reconsent()
    assert run.id != iid and run.case_id == case and run.notes == {}
    assert {r.id for r in core.list_interviews() if r.case_id == case} == {iid, run.id}
    assert run.session.answers.get("ses_no") == int(v("V01")[1].get("ses_no", 1)) + 1


def test_answers_given_to_unreviewed_korean_text_are_recorded_and_english_ones_are_not(core: Core) -> None:
    """The window's path (facade -> Interview -> Session) records which answers were given to wording no
    translator has signed off; the dossier lists them."""
    from desktop.core.translation.unreviewed import UNREVIEWED_EVENT

    answers = {**v("V01")[1], "ses_dt": DAY}
    flagged = {}
    for lang in ("ko", "en"):
        case = core.new_case(f"CASE-{lang}")
        iid = core.new_interview(case, lang, "en")
        walk(core.open_interview(iid, case, DAY, lang, "en").session, answers, until="set_int_aff")
        flagged[lang] = [e for e in events(core, iid) if e[0] == UNREVIEWED_EVENT]
    assert flagged["ko"] and all(lang == "ko" for _e, _q, lang in flagged["ko"])
    assert flagged["en"] == []


def test_a_pause_that_cannot_be_recorded_is_told_not_swallowed(core: Core) -> None:
    """Only a record that is no longer a draft (V016) takes no stop event; any other failure reaches the window."""
    from desktop.core.errors import VoluntasError

    case, iid = started(core)
    run = core.open_interview(iid, case, DAY, "ko", "en")
    assert core.vault is not None
    core.vault.lock()
    with pytest.raises(VoluntasError) as err:
        run.pause()
    assert err.value.code == "V010"
