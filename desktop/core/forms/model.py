"""The form model: plain frozen data built by the loader, read by the session, the rules and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.expr.nodes import Expr, VType

TYPES = ("yes_no", "yes_no_unknown", "select_one", "select_multiple", "text", "date", "integer",
         "calculate", "signature")
CODED = ("yes_no", "yes_no_unknown", "select_one", "select_multiple")
# Types whose answer the captive may give as the string "declined" (protocol.md section 1).
DECLINABLE = ("text", "date", "integer")
DECLINED = "declined"
# What the captive view shows for a question (form.yaml `captive`): the question with its choices (he
# points at one), the question only (he answers in his own words), or a neutral page (interviewer items).
CAPTIVE_MODES = ("choices", "question", "none")


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    exclusive: bool = False
    translator_note: str | None = None
    line: int = 0
    captive_label: str | None = None  # his wording of the choice when the interviewer's differs


@dataclass(frozen=True)
class ChoiceList:
    id: str
    choices: tuple[Choice, ...]
    exclusive: frozenset[str] = frozenset()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)


# The implicit lists of protocol.md section 7; their labels are translated like any other.
BUILTIN_LISTS = {
    "yes_no": ChoiceList("yes_no", (Choice("yes", "Yes"), Choice("no", "No"))),
    "yes_no_unknown": ChoiceList("yes_no_unknown", (
        Choice("yes", "Yes"), Choice("no", "No"), Choice("unknown", "Unknown"),
        Choice("declined", "Declined to answer"))),
}


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    question_ids: tuple[str, ...]
    hint: str | None = None
    translator_note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    type: str
    list_id: str | None  # for yes_no / yes_no_unknown: the built-in list of that name
    by: str | None  # "C" the captive's own answer, "I" the interviewer's; None for calculate
    relevance: Expr | None
    relevance_src: str | None
    required: bool
    label: str
    hint: str | None
    constraint: Expr | None
    constraint_src: str | None
    constraint_message: str | None
    calculation: Expr | None
    calculation_src: str | None
    translator_note: str | None
    value_type: VType
    line: int = 0
    captive: str = "none"  # one of CAPTIVE_MODES
    captive_text: str | None = None  # the question as asked of him (shown in the captive view)
    captive_hint: str | None = None  # his hint, or the scale's anchors

    @property
    def declinable(self) -> bool:
        """May the answer be the string "declined"? Only the captive's text, date and integer answers."""
        return self.by == "C" and self.type in DECLINABLE


@dataclass(frozen=True)
class Gates:
    capacity: str
    consent: str
    record: str


@dataclass(frozen=True)
class Form:
    id: str
    version: str
    title: str
    sections: tuple[Section, ...]
    questions: dict[str, Question]  # protocol order, calculations included
    choice_lists: dict[str, ChoiceList]  # includes the built-in yes_no and yes_no_unknown
    source_path: Path
    sha256: str
    session_date: str = "ses_dt"
    gates: Gates = field(default_factory=lambda: Gates("", "", ""))
    minimal_record: tuple[str, ...] = ()
    mr_reason: str = ""
    translator_note: str | None = None
    captive_wait: str = ""  # the neutral page shown to him while the interviewer records his own items
    captive_decline: str = ""  # the standing cue that he may decline any question

    def choices(self, question_id: str) -> ChoiceList | None:
        q = self.questions[question_id]
        return self.choice_lists[q.list_id] if q.list_id else None

    def section_of(self, question_id: str) -> Section:
        sid = self.questions[question_id].section
        return next(s for s in self.sections if s.id == sid)


def context(form: Form, *parts: str) -> str:
    """The msgctxt of one of the form's strings: "<form>.<id>.<field>" (locales/README.md). The one place that
    defines it, so the extractor (.pot files), the session (text shown and hashed) and the dossier agree."""
    return ".".join((form.id, *parts))
