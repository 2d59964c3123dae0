"""One answer against its question: JSON type, codes, dates, "declined" (protocol.md 1, case-format.md 2.2)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from typing import Any

from desktop.core.expr.nodes import Value
from desktop.core.forms.model import DECLINED, Form, Question

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Free text, counted in characters the same way at import and in the window. One answer: about four
# printed pages, ten times a long spoken answer. One interview: about twenty pages, so that its dossier
# still exports in seconds (the dossier lays out every character).
MAX_TEXT_CHARS = 10_000
MAX_INTERVIEW_TEXT_CHARS = 50_000
TEXT_LIMIT_CODE = "C007"


class AnswerError(Exception):
    """Invalid input: `where` names the field (e.g. "interview 1: answers.id_af"), `problem` says why;
    `code` is the error code of desktop.core.errors it is reported with."""

    def __init__(self, where: str, problem: str, code: str = "C002") -> None:
        self.where = where
        self.problem = problem
        self.code = code
        super().__init__(f"{where}: {problem}")


def field_where(where: str, qid: str) -> str:
    return f"{where}: answers.{qid}" if where else f"answers.{qid}"


_TOKEN = re.compile(r"[A-Za-z0-9_.:/+-]{0,24}")


def show(value: Any) -> str:
    """A value for messages: a code-like token or a number is quoted ('army', 11, ["a", "b"]) so the
    file can be fixed; anything that may be what the captive said is only described ("a text of 31
    characters"): a message never quotes interview content (issue 13)."""
    if isinstance(value, str):
        return "'" + value + "'" if _TOKEN.fullmatch(value) else f"a text of {len(value)} characters"
    if isinstance(value, list):
        if all(isinstance(v, str) and _TOKEN.fullmatch(v) for v in value) and len(value) <= 6:
            return json.dumps(value, ensure_ascii=True)
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"an object of {len(value)} keys"
    return json.dumps(value, ensure_ascii=True, default=str)[:24]


def json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    return "an object"


def parse_date(text: str) -> datetime.date | None:
    """The date of a strict YYYY-MM-DD string, else None."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def check_value(form: Form, q: Question, raw: Any, where: str) -> Any:
    """The answer as stored (None when unanswered); AnswerError when the value is not allowed."""
    if q.type == "calculate":
        raise AnswerError(where, f"'{q.id}' is calculated by the app and must not be given")
    if raw is None:
        return None
    if raw == DECLINED and q.type in ("text", "date", "integer", "signature"):
        if q.declinable:
            return DECLINED
        raise AnswerError(where, "'declined' is allowed only for the captive's own text, date and integer answers")
    if q.type in ("text", "signature"):
        _want(raw, str, "a string", where)
        return raw or None
    if q.type == "date":
        _want(raw, str, "a date string YYYY-MM-DD", where)
        if parse_date(raw) is None:
            raise AnswerError(where, f"{show(raw)} is not a valid date (YYYY-MM-DD)")
        return raw
    if q.type == "integer":
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise AnswerError(where, f"expected an integer, got {json_kind(raw)}")
        return raw
    choices = form.choices(q.id)
    assert choices is not None
    if q.type != "select_multiple":
        _want(raw, str, "a code (string)", where)
        if raw not in choices.codes:
            raise AnswerError(where, f"{show(raw)} is not a code of {choices.id}")
        return raw
    if not isinstance(raw, list):
        raise AnswerError(where, f"expected an array of codes, got {json_kind(raw)}")
    seen: list[str] = []
    for item in raw:
        if not isinstance(item, str):
            raise AnswerError(where, f"expected codes (strings) in the array, got {json_kind(item)}")
        if item not in choices.codes:
            raise AnswerError(where, f"{show(item)} is not a code of {choices.id}")
        if item in seen:
            raise AnswerError(where, f"{show(item)} is repeated")
        seen.append(item)
    excl = [c for c in seen if c in choices.exclusive]
    if excl and len(seen) > 1:
        raise AnswerError(where, f"{show(excl[0])} cannot be combined with other codes of {choices.id}")
    return seen or None


def check_text_limits(form: Form, stored: Mapping[str, Any], where: str) -> None:
    """AnswerError (C007) naming the first free-text answer over the limit for one answer, or the one at
    which the interview's free text passes its limit. Never quotes the text."""
    total = 0
    for qid, value in stored.items():
        q = form.questions.get(qid)
        if q is None or q.type != "text" or not isinstance(value, str):
            continue
        total += len(value)
        if len(value) > MAX_TEXT_CHARS:
            raise AnswerError(field_where(where, qid), f"{len(value):,} characters, longer than the limit of "
                              f"{MAX_TEXT_CHARS:,} characters for one answer", TEXT_LIMIT_CODE)
        if total > MAX_INTERVIEW_TEXT_CHARS:
            raise AnswerError(field_where(where, qid), f"with this answer the free text of the interview "
                              f"reaches {total:,} characters, more than the limit of "
                              f"{MAX_INTERVIEW_TEXT_CHARS:,} characters for one interview", TEXT_LIMIT_CODE)


def _want(raw: Any, typ: type, expected: str, where: str) -> None:
    if not isinstance(raw, typ):
        raise AnswerError(where, f"expected {expected}, got {json_kind(raw)}")


def expr_value(q: Question, stored: Any) -> Value:
    """The value expressions see: "declined" text/date/integer is null, dates are dates, lists tuples."""
    if stored is None or (stored == DECLINED and q.type in ("text", "date", "integer", "signature")):
        return None
    if q.type == "date":
        return parse_date(stored)
    if q.type == "select_multiple":
        return tuple(stored)
    assert isinstance(stored, str | int)
    return stored
