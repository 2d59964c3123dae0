"""Case-file answers against the form: every kind of invalid input of case-format.md 2.3, then resolve.

check_answers raises AnswerError for the first problem; resolve (resolve.py) settles relevance,
calculations, the gate and the minimal record.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from desktop.core.expr import evaluate, refs
from desktop.core.forms.model import Form
from desktop.core.forms.resolve import MINIMAL_RECORD, NOT_RELEVANT, Resolved, resolve, validated
from desktop.core.forms.values import AnswerError, field_where, parse_date

__all__ = ["MINIMAL_RECORD", "NOT_RELEVANT", "AnswerError", "Resolved", "check_answers", "check_constraints",
           "resolve"]


def check_answers(form: Form, answers: Mapping[str, Any], where: str, *,
                  session_date: datetime.date | None = None, config: Mapping[str, Any] | None = None) -> None:
    """Raise AnswerError naming the field if `answers` is invalid input for `form`.

    Pass `session_date` (the interview date) when known; otherwise the session-date answer is used, and
    if there is none, constraints that need the session date are not checked here.
    """
    given = validated(form, answers, where)
    if session_date is None and form.session_date in given:
        session_date = parse_date(given[form.session_date])
    resolved = resolve(form, answers, config or {}, session_date, where=where)
    check_constraints(form, resolved, where, session_known=session_date is not None)


def check_constraints(form: Form, resolved: Resolved, where: str, *, session_known: bool = True) -> None:
    """protocol.md section 5: each constraint whose question has a non-null value must hold."""
    for qid, q in form.questions.items():
        if q.constraint is None or resolved.values.get(qid) is None:
            continue
        if not session_known and form.session_date in refs(q.constraint):
            continue
        if evaluate(q.constraint, resolved.values) is not True:
            shown = json.dumps(resolved.stored.get(qid), ensure_ascii=False)
            raise AnswerError(field_where(where, qid),
                              f"{shown} is not allowed: {q.constraint_message} (constraint: {q.constraint_src})")
