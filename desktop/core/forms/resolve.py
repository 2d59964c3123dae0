"""One pass in protocol order: relevance, calculations, the record gate and the minimal record.

protocol.md sections 3, 4 and 6; case-format.md 2.2 and 3.1 (warnings and missing inputs).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.core.expr import evaluate
from desktop.core.expr.nodes import Value
from desktop.core.forms.model import Form
from desktop.core.forms.values import (
    AnswerError,
    check_text_limits,
    check_value,
    expr_value,
    field_where,
    parse_date,
    show,
)

NOT_RELEVANT = "not_relevant"
MINIMAL_RECORD = "minimal_record"


@dataclass
class Resolved:
    values: dict[str, Value]  # every question and calculation, and the scalar configuration keys
    stored: dict[str, Any]  # answers as stored after discards ("declined" kept); unanswered ids absent
    warnings: list[tuple[str, str]]  # (id, "minimal_record" | "not_relevant"), case-format.md 3.1 order
    missing: list[str]  # required, relevant, unanswered, protocol order
    valid: bool  # the record gate (cmp_gate) passed
    mr_reason: str | None
    relevant: dict[str, bool] = field(default_factory=dict)


def settle(form: Form, given: Mapping[str, Any], config: Mapping[str, Value]) -> tuple[
        dict[str, Value], dict[str, bool]]:
    """(values, relevance) of every question after one pass in protocol order; no discards."""
    env: dict[str, Value] = dict(config)
    relevant: dict[str, bool] = {}
    for qid, q in form.questions.items():
        rel = q.relevance is None or evaluate(q.relevance, env) is True
        relevant[qid] = rel
        if not rel:
            env[qid] = None
        elif q.calculation is not None:
            env[qid] = evaluate(q.calculation, env)
        else:
            env[qid] = expr_value(q, given.get(qid))
    return env, relevant


def scalar_config(config: Mapping[str, Any]) -> dict[str, Value]:
    """Configuration keys usable in expressions (objects such as cfg_nr_override are left out)."""
    return {k: v for k, v in config.items() if v is None or isinstance(v, bool | int | str)}


def validated(form: Form, answers: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Every answered id -> stored value, in case-file order; AnswerError on the first invalid one."""
    if not isinstance(answers, Mapping):
        raise AnswerError(f"{where}: answers" if where else "answers", "must be an object")
    out: dict[str, Any] = {}
    for qid, raw in answers.items():
        at = field_where(where, str(qid))
        if qid not in form.questions:
            raise AnswerError(at, f"unknown question id (not in form {form.id})")
        value = check_value(form, form.questions[qid], raw, at)
        if value is not None:
            out[qid] = value
    check_text_limits(form, out, where)
    return out


def resolve(form: Form, answers: Mapping[str, Any], config: Mapping[str, Any],
            session_date: datetime.date | None, *, where: str = "") -> Resolved:
    """Settle one interview. `session_date` (the interview date) becomes the session-date answer."""
    given = validated(form, answers, where)
    sd = form.session_date
    if session_date is not None:
        if sd in given and parse_date(given[sd]) != session_date:
            raise AnswerError(field_where(where, sd),
                              f"{show(given[sd])} differs from the interview date {session_date.isoformat()}")
        given[sd] = session_date.isoformat()
    env_config = scalar_config(config)
    values, relevant = settle(form, given, env_config)
    warnings: list[tuple[str, str]] = []
    valid = values.get(form.gates.record) is True
    if not valid:
        keep = set(form.minimal_record) | {sd}
        warnings = [(qid, MINIMAL_RECORD) for qid in given if qid not in keep]
        given = {qid: v for qid, v in given.items() if qid in keep}
        values, relevant = settle(form, given, env_config)
    stored: dict[str, Any] = {}
    for qid in form.questions:
        if qid in given:
            if relevant[qid]:
                stored[qid] = given[qid]
            else:
                warnings.append((qid, NOT_RELEVANT))
    kept = set(form.minimal_record)
    missing = [qid for qid, q in form.questions.items()
               if q.required and relevant[qid] and qid not in stored and (valid or qid in kept)]
    reason = values.get(form.mr_reason) if not valid else None
    return Resolved(values=values, stored=stored, warnings=warnings, missing=missing, valid=valid,
                    mr_reason=reason if isinstance(reason, str) else None, relevant=relevant)
