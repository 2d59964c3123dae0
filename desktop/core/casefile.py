"""Reading a case file (domain/case-format.md section 2): its JSON shape, dates, order and languages.

Checking each answer against the form is the forms module's job; this module makes sure the file
is a well-formed case before anyone looks at the answers. Every problem names the file and the
JSON path, as "V01.json: interview 1: answers.ses_dt: ...".
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import VoluntasError

MAX_CASE_BYTES = 64 * 1024 * 1024
LANGS = ("en", "ko", "uk")
SET_LANG_TO_CODE = {"korean": "ko", "ukrainian": "uk", "english": "en"}


@dataclass(frozen=True)
class CaseInterview:
    index: int  # 1-based position in the file
    interview_date: dt.date
    answers: dict[str, Any]
    captive_lang: str
    interviewer_lang: str


@dataclass(frozen=True)
class CaseFile:
    path: Path
    case_id: str | None
    config: dict[str, Any]
    interviews: list[CaseInterview] = field(default_factory=list)

    def problem(self, where: str, problem: str) -> VoluntasError:
        return VoluntasError("C002", file=self.path.name, where=where, problem=problem)


def load(path: Path) -> CaseFile:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_CASE_BYTES:
            raise VoluntasError("C003", file=str(path), reason="larger than 64 MiB")
        text = path.read_text("utf-8")
    except OSError as err:
        raise VoluntasError("C003", file=str(path), reason=err.strerror or type(err).__name__) from None
    except UnicodeDecodeError:
        raise VoluntasError("C003", file=str(path), reason="not UTF-8 text") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise VoluntasError("C001", file=path.name, reason=err.msg, line=err.lineno, column=err.colno) from None
    return parse(doc, path)


def parse(doc: Any, path: Path) -> CaseFile:
    def bad(where: str, problem: str) -> VoluntasError:
        return VoluntasError("C002", file=path.name, where=where, problem=problem)

    if not isinstance(doc, dict):
        raise bad("top level", "the case file must be a JSON object")
    case_id = doc.get("case_id")
    if case_id is not None and not isinstance(case_id, str):
        raise bad("case_id", "must be a string")
    config = doc.get("config", {})
    if not isinstance(config, dict):
        raise bad("config", "must be an object")
    raw = doc.get("interviews")
    if not isinstance(raw, list) or not raw:
        raise bad("interviews", "must be a non-empty array of interviews")
    interviews: list[CaseInterview] = []
    previous: dt.date | None = None
    for index, item in enumerate(raw, start=1):
        where = f"interview {index}"
        if not isinstance(item, dict):
            raise bad(where, "must be an object")
        date = _date(item.get("interview_date"), lambda p, w=where: bad(f"{w}: interview_date", p))
        answers = item.get("answers")
        if not isinstance(answers, dict):
            raise bad(f"{where}: answers", "missing, or not an object")
        if previous is not None and date < previous:
            raise bad(f"{where}: interview_date", f"{date} is earlier than the interview before it ({previous})")
        if "ses_dt" in answers and answers["ses_dt"] is not None and answers["ses_dt"] != date.isoformat():
            raise bad(f"{where}: answers.ses_dt", f"{answers['ses_dt']!r} differs from interview_date {date}")
        captive, interviewer = _languages(item.get("languages"), answers, lambda p, w=where: bad(f"{w}: languages", p))
        interviews.append(CaseInterview(index, date, dict(answers), captive, interviewer))
        previous = date
    return CaseFile(path, case_id, dict(config), interviews)


def _date(value: Any, bad: Any) -> dt.date:
    if not isinstance(value, str):
        raise bad("missing, or not a YYYY-MM-DD string")
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad(f"{value!r} is not a valid YYYY-MM-DD date") from None


def _languages(value: Any, answers: dict[str, Any], bad: Any) -> tuple[str, str]:
    default_captive = SET_LANG_TO_CODE.get(answers.get("set_lang") or "", "ko")
    if value is None:
        return default_captive, "en"
    if not isinstance(value, dict) or set(value) - {"captive", "interviewer"}:
        raise bad("must be an object with the keys captive and interviewer")
    captive = value.get("captive", default_captive)
    interviewer = value.get("interviewer", "en")
    for lang in (captive, interviewer):
        if lang not in LANGS:
            raise bad(f"{lang!r} is not one of en, ko, uk")
    return str(captive), str(interviewer)
