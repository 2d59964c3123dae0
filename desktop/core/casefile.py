"""Reading a case file (case-format.md section 2): the JSON, the top level and each interview's frame.

Shared by `voluntas evaluate` and `voluntas interview import`. Answers themselves are checked against
the form later (desktop.core.forms.answers); here only what the form cannot know: the file, case_id,
the interviews array, dates and their order, ses_dt, and the languages the form was shown in.
Every problem raises a VoluntasError whose message names the file and the JSON path; the limits on the
read and the parse (size, depth, numbers) are in desktop.core.casejson.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.casejson import load_json, read_bounded
from desktop.core.errors import VoluntasError
from desktop.core.languages import LANGUAGES

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SET_LANG_TO_CODE = {"korean": "ko", "ukrainian": "uk", "english": "en"}


@dataclass(frozen=True)
class CaseInterview:
    """One interview object of the case file, its frame checked."""

    index: int  # 1-based position in the file
    interview_date: datetime.date
    answers: Mapping[str, Any]  # raw JSON values, checked against the form later
    captive_lang: str = "ko"  # the optional `languages` object, with case-format.md's defaults
    interviewer_lang: str = "en"


@dataclass(frozen=True)
class CaseFile:
    file: str  # as named to the user in messages
    case_id: str | None
    config: Mapping[str, Any]  # the raw overrides; see config.effective_config
    interviews: tuple[CaseInterview, ...]


def bad(file: str, where: str, problem: str, code: str = "C002") -> VoluntasError:
    """A problem at a JSON path; `code` is C002, or the code an AnswerError carries (C007)."""
    return VoluntasError(code, file=file, where=where, problem=problem)


def show(value: Any) -> str:
    """A JSON value for a message: quoted only when it looks like a code, a date or a number; otherwise
    described, never quoted (it may be interview content)."""
    from desktop.core.forms.values import show as show_value

    return show_value(value)


def parse_date(value: Any) -> datetime.date | None:
    """A strict YYYY-MM-DD calendar date, or None."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def read_case(path: str | Path, name: str | None = None) -> CaseFile:
    """Read and frame-check a case file. `name` is how messages name it (default: the path as given)."""
    file = name if name is not None else str(path)
    return parse_case(load_json(read_bounded(path, file), file), file)


def parse_case(doc: Any, file: str) -> CaseFile:
    """Check the top level and each interview's frame of a parsed case file."""
    if not isinstance(doc, dict):
        raise bad(file, "top level", "the file must hold a JSON object")
    case_id = doc.get("case_id")
    if case_id is not None and not isinstance(case_id, str):
        raise bad(file, "case_id", f"{show(case_id)} is not a string")
    config = doc.get("config", {})
    if not isinstance(config, dict):
        raise bad(file, "config", f"{show(config)} is not an object")
    if "interviews" not in doc:
        raise bad(file, "interviews", "missing: a case file needs at least one interview")
    raw = doc["interviews"]
    if not isinstance(raw, list):
        raise bad(file, "interviews", f"{show(raw)} is not an array")
    if not raw:
        raise bad(file, "interviews", "empty: a case file needs at least one interview")
    interviews: list[CaseInterview] = []
    for index, item in enumerate(raw, start=1):
        interviews.append(_interview(item, index, file, interviews[-1] if interviews else None))
    return CaseFile(file=file, case_id=case_id, config=config, interviews=tuple(interviews))


def _interview(item: Any, index: int, file: str, previous: CaseInterview | None) -> CaseInterview:
    where = f"interview {index}"
    if not isinstance(item, dict):
        raise bad(file, where, "an interview must be a JSON object")
    if "interview_date" not in item:
        raise bad(file, f"{where}: interview_date", "missing")
    date = parse_date(item["interview_date"])
    if date is None:
        raise bad(file, f"{where}: interview_date",
                  f"{show(item['interview_date'])} is not a valid YYYY-MM-DD date")
    if previous is not None and date < previous.interview_date:
        raise bad(file, f"{where}: interview_date",
                  f"{date.isoformat()} is earlier than interview {previous.index} "
                  f"({previous.interview_date.isoformat()}); interviews must be in chronological order")
    if "answers" not in item:
        raise bad(file, f"{where}: answers", "missing")
    answers = item["answers"]
    if not isinstance(answers, dict):
        raise bad(file, f"{where}: answers", f"{show(answers)} is not an object")
    ses_dt = answers.get("ses_dt")
    if ses_dt is not None and ses_dt != item["interview_date"]:
        raise bad(file, f"{where}: answers.ses_dt",
                  f"{show(ses_dt)} differs from interview_date {show(item['interview_date'])}")
    captive, interviewer = _languages(item.get("languages"), answers, file, where)
    return CaseInterview(index=index, interview_date=date, answers=answers, captive_lang=captive,
                         interviewer_lang=interviewer)


def _languages(value: Any, answers: Mapping[str, Any], file: str, where: str) -> tuple[str, str]:
    set_lang = answers.get("set_lang")
    default_captive = SET_LANG_TO_CODE.get(set_lang, "ko") if isinstance(set_lang, str) else "ko"
    if value is None:
        return default_captive, "en"
    if not isinstance(value, dict) or set(value) - {"captive", "interviewer"}:
        raise bad(file, f"{where}: languages", "must be an object with the keys captive and interviewer")
    captive = value.get("captive", default_captive)
    interviewer = value.get("interviewer", "en")
    for lang in (captive, interviewer):
        if lang not in LANGUAGES:
            raise bad(file, f"{where}: languages", f"{show(lang)} is not one of en, ko, uk")
    return str(captive), str(interviewer)
