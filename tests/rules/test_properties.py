"""Properties over valid answer sets: start from the vignettes' answers and vary coded answers."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.core.errors import VoluntasError
from desktop.core.rules import evaluate_case, parse_case, shipped_ruleset
from tests.rules.rulestools import DOCS, QUESTIONS, answer_value

STATUS = {"POW", "PRESUMED_POW", "REFER", "NOT_EVALUATED"}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.filter_too_much])


@st.composite
def case(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(DOCS)))
    doc.pop("expected", None)
    for interview in doc["interviews"]:
        ids = draw(st.lists(st.sampled_from(sorted(QUESTIONS)), max_size=6, unique=True))
        for qid in ids:
            interview["answers"][qid] = draw(answer_value(qid))
    return doc


def run(doc: dict[str, Any]) -> Any:
    try:
        return evaluate_case(shipped_ruleset(), parse_case(doc, "case.json"))
    except VoluntasError:
        assume(False)  # a variation that breaks a constraint is invalid input, not a property failure


@SETTINGS
@given(case())
def test_status_is_never_not_a_pow_and_every_set_explains(doc: dict[str, Any]) -> None:
    ev = run(doc)
    out = ev.to_json()
    assert out["status"]["result"] in STATUS
    for key in ("status", "wish", "risk", "options"):
        assert len(out[key]["fired"]) >= 1, key
        assert out[key]["needs_legal_review"] is True
    for w in out["wish"]["interviews"]:
        assert len(w["fired"]) >= 1
    assert set(out["options"]["result"]) == {f"o{i}" for i in range(1, 9)}
    assert out["flags"] == sorted(set(out["status"]["flags"]) | set(out["wish"]["flags"])
                                  | set(out["risk"]["flags"]))


@SETTINGS
@given(case())
def test_same_input_same_bytes(doc: dict[str, Any]) -> None:
    first = run(doc).dumps()
    second = run(copy.deepcopy(doc)).dumps()
    assert first == second
    assert json.loads(first)["banner"] == "Support for legal advisers. Not a legal determination."


NOT_RELIABLE_CAUSES: list[dict[str, Any]] = [
    {"vol_told": "yes"},
    {"vol_threat": "yes"},
    {"set_rec_other": "yes"},
    {"ses_org": "detaining"},
    {"dec_nopress": "no"},
    {"cap_orient": "partial"},
    {"set_interp": "yes", "set_int_aff": "ua_security", "set_int_prior": "no", "set_int_dialect": "yes",
     "set_int_oath": "yes", "set_int_ok": "yes", "dec_interp": "sig:interpreter"},
]


@SETTINGS
@given(case(), st.sampled_from(NOT_RELIABLE_CAUSES))
def test_a_cause_of_not_reliable_never_raises_reliability(doc: dict[str, Any], cause: dict[str, Any]) -> None:
    before = run(doc)
    changed = copy.deepcopy(doc)
    changed["interviews"][-1]["answers"].update(cause)
    after = run(changed)
    rank = shipped_ruleset().precedence.index  # lower index = worse
    assert rank(after.wish.result) <= rank(before.wish.result)
    assert rank(after.wish.interviews[-1].result) <= rank(before.wish.interviews[-1].result)
    if after.interviews[-1].valid:
        assert after.wish.result == "NOT_RELIABLE"
