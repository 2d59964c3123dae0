"""Case-file answers against the shipped form: the vignettes, and every kind of invalid input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.forms.answers import AnswerError, check_answers, resolve
from desktop.core.forms.loader import shipped_form
from desktop.core.forms.model import Form
from tests.forms.formtools import VIGNETTES, interviews, v


@pytest.fixture(scope="module")
def form() -> Form:
    return shipped_form()


def test_there_are_thirteen_vignettes() -> None:
    assert [p.stem for p in VIGNETTES] == [f"V{i:02d}" for i in range(1, 14)]


@pytest.mark.parametrize("path", VIGNETTES, ids=lambda p: p.stem)
def test_vignettes_are_valid_complete_and_warning_free(form: Form, path: Path) -> None:
    for n, (day, answers) in enumerate(interviews(path), 1):
        check_answers(form, answers, f"interview {n}", session_date=day)
        check_answers(form, answers, f"interview {n}")  # ses_dt taken from the answers
        r = resolve(form, answers, {}, day)
        assert r.missing == []
        if path.stem == "V04":  # entered before the capacity stop, discarded by the minimal record
            assert r.warnings == [("cap_pain", "minimal_record"), ("cap_meds", "minimal_record"),
                                  ("cap_meds_txt", "minimal_record"), ("cap_trauma", "minimal_record")]
            assert (r.valid, r.mr_reason) == (False, "capacity")
            assert r.values["cap_meds"] is None and "cap_trauma" not in r.stored
        else:
            assert r.warnings == []
        if path.stem == "V11":
            assert (r.valid, r.mr_reason) == (False, "declined")
        elif path.stem != "V04":
            assert (r.valid, r.mr_reason) == (True, None)


def test_calculations(form: Form) -> None:
    day, answers = v("V01")
    r = resolve(form, answers, {"cfg_min_reflect": 7, "cfg_nr_override": {}}, day)
    assert r.values["cap_days"] == 60  # 2025-01-09 to 2025-03-10
    assert r.values["cmp_age_ses"] == 25 and r.values["cmp_minor"] is False
    assert r.values["cmp_all_expl"] is True and r.values["cmp_teach_ok"] is True
    assert r.values["cmp_private"] is True and r.values["cmp_int_indep"] is True
    assert r.values["cmp_reflect_days"] == 14
    assert r.values["mr_reason"] is None  # not relevant for a valid interview
    assert r.values["cfg_min_reflect"] == 7 and "cfg_nr_override" not in r.values
    assert r.values["wsh_sure"] is None and r.stored["wsh_sure"] == "declined"
    assert r.values["set_present"] == ("nobody",) and r.values["ses_dt"] == dt.date(2025, 3, 10)
    day, answers = v("V12")
    assert resolve(form, answers, {}, day).values["cmp_minor"] is True


def test_session_date_is_set_from_the_interview_date(form: Form) -> None:
    day, answers = v("V01")
    del answers["ses_dt"]
    r = resolve(form, answers, {}, day)
    assert r.stored["ses_dt"] == "2025-03-10" and r.missing == []
    answers["ses_dt"] = "2025-03-11"
    with pytest.raises(AnswerError) as err:
        resolve(form, answers, {}, day, where="interview 1")
    assert str(err.value) == "interview 1: answers.ses_dt: '2025-03-11' differs from the interview date 2025-03-10"


# --- invalid input: one test per kind, the message names interview, field and problem ----------------

@pytest.mark.parametrize(("qid", "value", "problem"), [
    ("id_af", "army", "'army' is not a code of L_AF"),
    ("id_af", "", "'' is not a code of L_AF"),
    ("set_rec_other", "maybe", "'maybe' is not a code of yes_no_unknown"),
    ("foo", "x", "unknown question id (not in form pow_interview)"),
    ("cmp_gate", True, "'cmp_gate' is calculated by the app and must not be given"),
    ("ses_no", "1", "expected an integer, got a string"),
    ("ses_no", True, "expected an integer, got a boolean"),
    ("ses_no", 1.0, "expected an integer, got a number"),
    ("ses_case", 5, "expected a string, got an integer"),
    ("set_present", "nobody", "expected an array of codes, got a string"),
    ("set_present", [1], "expected codes (strings) in the array, got an integer"),
    ("id_af", ["kpa"], "expected a code (string), got an array"),
    ("wsh_fear_code", ["execution", "torture", "execution"], "'execution' is repeated"),
    ("set_present", ["medical", "nobody"], "'nobody' cannot be combined with other codes of L_PRESENT"),
    ("wsh_fear_code", ["none", "unknown"], "'none' cannot be combined with other codes of L_FEAR"),
    ("ses_no", "declined", "'declined' is allowed only for the captive's own text, date and integer answers"),
    ("dec_concerns", "declined", "'declined' is allowed only for the captive's own text, date and integer answers"),
    ("dec_nopress_sig", "declined", "'declined' is allowed only"),
    ("wsh_more_time", "declined", "'declined' is not a code of yes_no"),
    ("set_lang", "declined", "'declined' is not a code of L_LANG"),
    ("id_dob", "1999-02-30", "'1999-02-30' is not a valid date (YYYY-MM-DD)"),
    ("id_dob", "19990315", "'19990315' is not a valid date (YYYY-MM-DD)"),
    ("id_dob", "15.03.1999", "'15.03.1999' is not a valid date"),
    ("inf_first_dt", 20250224, "expected a date string YYYY-MM-DD, got an integer"),
])
def test_invalid_values(form: Form, qid: str, value: Any, problem: str) -> None:
    day, answers = v("V01")
    answers[qid] = value
    with pytest.raises(AnswerError) as err:
        check_answers(form, answers, "interview 1", session_date=day)
    assert err.value.where == f"interview 1: answers.{qid}"
    assert err.value.problem.startswith(problem), err.value.problem
    assert str(err.value).startswith(f"interview 1: answers.{qid}: ")


@pytest.mark.parametrize(("changes", "qid", "message"), [
    ({"ses_no": 0}, "ses_no", "The interview number starts at 1."),
    ({"ses_no": 2, "ses_prev_dt": "2025-03-11"}, "ses_prev_dt", "cannot be after this session"),
    ({"set_present": ["guard_earshot"]}, "set_private", "not out of earshot"),
    ({"cap_capture_dt": "2025-03-11"}, "cap_capture_dt", "capture cannot be after"),
    ({"cap_pain": 11}, "cap_pain", "Pain is rated from 0 to 10."),
    ({"con_scope": ["notes", "audio"]}, "con_scope", "every item is ticked"),
    ({"con_decision": "consents_partly"}, "con_scope", "at least one item is left out"),
    ({"con_how": "audio", "con_decision": "consents_partly", "con_scope": ["notes"]}, "con_how", "audio"),
    ({"id_dob": "2025-03-11"}, "id_dob", "birth cannot be after"),
    ({"inf_first_dt": "2025-03-11"}, "inf_first_dt", "cannot have been first explained after"),
    ({"wsh_pref": "o7", "wsh_second": "o7"}, "wsh_second", "must differ"),
    ({"wsh_sure": 0}, "wsh_sure", "Certainty is rated from 1 to 5."),
    ({"wsh_sure": 6}, "wsh_sure", "Certainty is rated from 1 to 5."),
    ({"dec_support": "no"}, "dec_support", "decision support"),
])
def test_violated_constraints(form: Form, changes: dict[str, Any], qid: str, message: str) -> None:
    day, answers = v("V01")
    answers.update(changes)
    with pytest.raises(AnswerError) as err:
        check_answers(form, answers, "interview 1", session_date=day)
    assert err.value.where == f"interview 1: answers.{qid}"
    assert message in err.value.problem


def test_constraints_that_hold_at_the_edges(form: Form) -> None:
    day, answers = v("V01")
    answers.update({"cap_pain": 0, "wsh_pref": "undecided", "wsh_second": "undecided",
                    "con_decision": "consents_partly", "con_scope": ["notes", "audio"], "con_how": "audio",
                    "set_private": "no", "set_present": ["guard_earshot"], "id_dob": "2025-03-10"})
    check_answers(form, answers, "interview 1", session_date=day)


def test_constraints_are_not_checked_on_discarded_or_declined_answers(form: Form) -> None:
    day, answers = v("V04")
    answers["cap_pain"] = 11  # discarded with the minimal record, so never checked
    check_answers(form, answers, "interview 1", session_date=day)
    day, answers = v("V01")
    answers["cap_pain"] = "declined"  # the captive may decline his pain rating
    check_answers(form, answers, "interview 1", session_date=day)


def test_answers_must_be_an_object(form: Form) -> None:
    with pytest.raises(AnswerError) as err:
        check_answers(form, ["x"], "interview 2")  # type: ignore[arg-type]
    assert str(err.value) == "interview 2: answers: must be an object"


# --- relevance, discards, missing inputs --------------------------------------------------------------

def test_non_relevant_answers_are_discarded_with_warnings_in_protocol_order(form: Form) -> None:
    day, answers = v("V01")
    answers["id_belief_when"] = "On arrival."  # id_belief = war, so not relevant
    answers["ses_prev_dt"] = "2025-01-01"  # ses_no = 1, so not relevant
    r = resolve(form, answers, {}, day)
    assert r.warnings == [("ses_prev_dt", "not_relevant"), ("id_belief_when", "not_relevant")]
    assert "id_belief_when" not in r.stored and r.values["ses_prev_dt"] is None


def test_failed_gate_warns_minimal_record_first_in_case_file_order(form: Form) -> None:
    day, answers = v("V11")
    answers["wsh_pref"] = "o7"
    answers["con_scope"] = ["notes"]  # kept field, but not relevant when he declines
    answers["cap_injury"] = "no"
    r = resolve(form, answers, {}, day)
    assert r.warnings == [("wsh_pref", "minimal_record"), ("cap_injury", "minimal_record"),
                          ("con_scope", "not_relevant")]


def test_empty_values_count_as_unanswered(form: Form) -> None:
    day, answers = v("V01")
    answers.update({"wsh_open": "", "vol_obs": [], "id_af": None})
    r = resolve(form, answers, {}, day)
    assert r.missing == ["id_af", "wsh_open", "vol_obs"]
    assert "id_unit" not in r.missing  # not relevant: ${id_af} != 'declined' is false for null


def test_missing_for_a_failed_gate_lists_only_minimal_record_fields(form: Form) -> None:
    day, answers = v("V04")
    del answers["mr_sig"], answers["ses_org"]
    r = resolve(form, answers, {}, day)
    assert r.missing == ["ses_org", "mr_sig"]


@pytest.mark.parametrize(("changes", "reason"), [
    ({"cap_assess": None}, "capacity"),  # a gate can never pass by omission
    ({"cap_orient": "none"}, "capacity"),
    ({"con_decision": "postpones"}, "postponed"),
    ({"con_teach": "inadequate"}, "consent_invalid"),
    ({"con_limits": "no"}, "consent_invalid"),
    ({"con_decision": "consents_partly", "con_scope": ["audio"], "con_how": "oral"}, "consent_invalid"),
])
def test_minimal_record_reasons(form: Form, changes: dict[str, Any], reason: str) -> None:
    day, answers = v("V01")
    answers.update(changes)
    r = resolve(form, answers, {}, day)
    assert (r.valid, r.mr_reason) == (False, reason)
    assert set(r.missing) <= set(form.minimal_record)
    assert "mr_sig" in r.missing and "wsh_pref" not in r.stored


# --- fuzz: whatever a case file holds, the answer is AnswerError or a result, never a traceback ----------

_FORM = shipped_form()
_CODES = sorted({c.code for cl in _FORM.choice_lists.values() for c in cl.choices})
json_values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 30), st.floats(allow_nan=False), st.sampled_from(_CODES),
    st.sampled_from(["", "declined", "2025-01-01", "2025-02-29", "2024-02-29", "x" * 5]),
    st.lists(st.sampled_from(_CODES), max_size=4), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from([*_FORM.questions, "nope"]), json_values, max_size=6))
def test_fuzz_answers_raise_only_answer_error(changes: dict[str, Any]) -> None:
    day, answers = v("V01")
    answers.update(changes)
    try:
        check_answers(_FORM, answers, "interview 1", session_date=day)
    except AnswerError as err:
        assert err.where.startswith("interview 1: answers") and err.problem
        return
    r = resolve(_FORM, answers, {}, day)
    assert isinstance(r.valid, bool)
