"""Shared by the forms tests: the acceptance cases' answers, an in-memory session storage, a small form,
and the tables of docs/spec/protocol-tables.md (so tests compare the form with its written specification)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.forms.session import Session
from tests.conftest import CASES

VIGNETTES = sorted(CASES.glob("V*.json"))


def interviews(path: Path) -> list[tuple[dt.date, dict[str, Any]]]:
    case = json.loads(path.read_text(encoding="utf-8"))
    return [(dt.date.fromisoformat(i["interview_date"]), i["answers"]) for i in case["interviews"]]


def v(name: str, index: int = 0) -> tuple[dt.date, dict[str, Any]]:
    day, answers = interviews(CASES / f"{name}.json")[index]
    return day, copy.deepcopy(answers)


class MemoryStorage:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, Any, str, str]] = []

    def save_answer(self, interview_id: str, question_id: str, value: Any, lang: str, text_hash: str) -> None:
        self.rows.append((interview_id, question_id, value, lang, text_hash))

    def record_event(self, interview_id: str, event: str, question_id: str | None = None,
                     lang: str | None = None) -> None:
        self.rows.append((interview_id, "event:" + event, question_id, lang or "", ""))

    def answers(self, interview_id: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for iid, qid, value, _, _ in self.rows:
            if iid == interview_id:
                out[qid] = value
        return {k: val for k, val in out.items() if val is not None}


def walk(s: Session, answers: dict[str, Any], until: str | None = None) -> None:
    """Answer what is asked, question by question, as an interviewer would."""
    for _ in range(400):
        q = s.current
        if q is None or q == until:
            return
        if q in answers and q not in s.answers:
            outcome = s.answer(q, answers[q])
            assert outcome.saved, (q, outcome)
        before = s.current
        assert s.next() == []
        if s.current == before:
            return
    raise AssertionError("the walk did not end")


MINI = """\
form: mini
version: 1.0.0
title: Mini
session_date: ses_dt
gates: {capacity: cap_ok, consent: con_ok, record: gate}
minimal_record: {reason: why, keep: [ses_dt, agree]}
sections:
  - id: A0
    title: Start
    questions:
      - {id: ses_dt, type: date, by: I, captive: none, required: true, label: Date}
      - {id: able, type: yes_no, by: I, captive: none, required: true, label: Able}
      - {id: cap_ok, type: calculate, label: Capacity, calculation: "${able}='yes'"}
      - id: agree
        type: select_one
        list: L_AGREE
        by: C
        required: true
        label: Agree?
        relevance: ${cap_ok}
        captive: choices
        captive_text: Do you agree?
      - {id: con_ok, type: calculate, label: Consent, calculation: "${agree}='yes'"}
      - {id: gate, type: calculate, label: Gate, calculation: "${cap_ok} and ${con_ok}"}
      - {id: why, type: calculate, label: W, relevance: "not(${gate})", calculation: "if(${cap_ok}, 'no', 'cap')"}
choice_lists:
  L_AGREE:
    - {code: yes, label: Yes}
    - {code: no, label: No, exclusive: true}
captive_page: {wait: Please wait., decline: You may decline any question.}
"""


DASH = "\u2013"  # the tables write an en dash for "none"


@dataclass
class Protocol:
    sections: dict[str, str] = field(default_factory=dict)  # id -> title
    questions: list[dict[str, str]] = field(default_factory=list)  # rows of "Questions", in order
    calculations: dict[str, str] = field(default_factory=dict)
    constraints: dict[str, str] = field(default_factory=dict)
    choices: list[dict[str, str]] = field(default_factory=list)  # rows of "Choice lists"
    minimal_record: list[str] = field(default_factory=list)


def _cell(text: str) -> str:
    text = text.strip()
    if text.startswith("`") and text.endswith("`"):
        text = text[1:-1]
    return "" if text == DASH else text


def _tables(lines: list[str]) -> list[tuple[str, str, list[dict[str, str]]]]:
    """(chapter heading, sub heading, rows) for each table."""
    out: list[tuple[str, str, list[dict[str, str]]]] = []
    chapter = sub = ""
    header: list[str] | None = None
    for line in lines:
        if line.startswith("## "):
            chapter, sub, header = line[3:].strip(), "", None
        elif line.startswith("### "):
            sub, header = line[4:].strip(), None
        elif line.startswith("|"):
            cells = [c for c in line.strip().strip("|").split("|")]
            if header is None:
                header = [c.strip() for c in cells]
                out.append((chapter, sub, []))
            elif not set(line.replace("|", "").strip()) <= {"-", ":", " "}:
                out[-1][2].append(dict(zip(header, (_cell(c) for c in cells))))
        else:
            header = None
    return out


def read_protocol(path: Path) -> Protocol:
    p = Protocol()
    for chapter, sub, rows in _tables(path.read_text(encoding="utf-8").splitlines()):
        if chapter == "Questions":
            m = re.match(r"(A\d+) (.+)", sub)
            assert m, sub
            p.sections[m.group(1)] = m.group(2)
            p.questions.extend(rows)
        elif chapter == "Calculations":
            p.calculations.update({r["id"]: r["expression"] for r in rows})
        elif chapter == "Constraints":
            p.constraints.update({r["id"]: r["constraint"] for r in rows})
        elif chapter == "Minimal record":
            for r in rows:
                for name in r["kept field"].split(","):
                    p.minimal_record.append(name.replace("(calculated)", "").strip())
        elif chapter == "Choice lists":
            p.choices.extend(rows)
    return p
