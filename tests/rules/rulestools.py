"""Shared by the rules tests: the acceptance cases as documents, and coded answers drawn at random."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from desktop.core.forms.model import CODED
from desktop.core.rules import shipped_ruleset
from tests.conftest import CASES

VIGNETTES = sorted(CASES.glob("V*.json"))
DOCS = [json.loads(p.read_text(encoding="utf-8")) for p in VIGNETTES]


def coded_questions() -> dict[str, tuple[str, tuple[str, ...], frozenset[str]]]:
    form = shipped_ruleset().form
    out = {}
    for qid, q in form.questions.items():
        if q.type in CODED and qid not in ("ses_org",):
            lst = form.choices(qid)
            assert lst is not None
            out[qid] = (q.type, lst.codes, lst.exclusive)
    return out


QUESTIONS = coded_questions()


@st.composite
def answer_value(draw: st.DrawFn, qid: str) -> Any:
    qtype, codes, exclusive = QUESTIONS[qid]
    if qtype != "select_multiple":
        return draw(st.sampled_from(codes))
    picked = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=4, unique=True))
    excl = [c for c in picked if c in exclusive]
    return [excl[0]] if excl else picked
