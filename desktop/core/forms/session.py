"""A live interview: answers with autosave, live relevance, navigation, completeness, gates, minimal record.

Flow as data (house rule 6): the UI shows `current` and calls answer/next/back/jump. Relevance does most
of the gating (A4-A9 need ${cmp_gate}); this module adds the stops of protocol.md section 6: a capacity
stop or a refusal switches the session to the minimal record (A10), and a change of interpreter or of
the people present after consent ends the record, to be continued in a new one (follow_up).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.core.errors import N_
from desktop.core.expr import evaluate, refs
from desktop.core.forms.captive import captive_strings
from desktop.core.forms.model import Form
from desktop.core.forms.resolve import scalar_config, settle
from desktop.core.forms.values import MAX_INTERVIEW_TEXT_CHARS, MAX_TEXT_CHARS, AnswerError, check_value

# protocol.md section 6: these changes after consent require consent again, in a new record.
RECONSENT_IDS = ("set_interp", "set_int_aff", "set_present")
# protocol.md section 6: shown at once, whatever happens next (do no harm).
SELF_HARM = ("cap_selfharm", "yes")
SESSION_NO, PREVIOUS_DATE = "ses_no", "ses_prev_dt"
Translate = Callable[[str, str], str]  # (msgctxt, English) -> text shown
# (form, question id, language) -> the strings shown with it that no translator has signed off
Unreviewed = Callable[[Form, str, str], list[str]]
UNREVIEWED_EVENT = "text_unreviewed"  # the audit event of an answer given to unreviewed text
# The limits of forms/values.py as the window says them (a test keeps the numbers equal).
ANSWER_TOO_LONG = N_("An answer can hold at most 10,000 characters.")
INTERVIEW_TOO_LONG = N_("The free-text answers of one interview can hold at most 50,000 characters together; "
                        "this answer would pass that limit. Shorten this answer or another one.")
# Why an answer or a move was refused, by stable code (never changes meaning once shipped). The window says
# each in its language; a constraint in the form's own translation of question {qid}.
ENDED, NOT_ASKED, INVALID, ANSWER_LONG, INTERVIEW_LONG = "I001", "I002", "I003", "I004", "I005"
RECONSENT, CONSTRAINT, REQUIRED, REQUIRED_DECLINABLE = "I006", "I007", "I008", "I009"
PROBLEMS: dict[str, str] = {
    ENDED: N_("This record has ended; continue in the new interview record."),
    NOT_ASKED: N_("'{id}' is not asked now."),
    INVALID: "{reason}",  # the answer check's own words (forms/values.py), never the value itself
    ANSWER_LONG: ANSWER_TOO_LONG,
    INTERVIEW_LONG: INTERVIEW_TOO_LONG,
    RECONSENT: N_("Consent must be given again: a new interview record starts."),
    CONSTRAINT: "{message}",  # the form's constraint_message of {qid}, translated by the form catalog
    REQUIRED: N_("An answer is required."),
    REQUIRED_DECLINABLE: N_("An answer is required (he may decline)."),
}
VERBATIM = (INVALID, CONSTRAINT)  # their text is the field itself: no template to translate


class Storage(Protocol):
    def save_answer(self, interview_id: str, question_id: str, value: Any, lang: str, text_hash: str) -> None:
        """Commit one answer durably (None = unanswered) before returning."""

    def record_event(self, interview_id: str, event: str, question_id: str | None = None,
                     lang: str | None = None) -> None:
        """Commit an audit event that carries no answer (e.g. an unreviewed translation was shown)."""


def shown_text(form: Form, qid: str, translate: Translate) -> str:
    """The exact text of the captive's screen while `qid` is asked (forms/captive.py): his question, hint,
    choices and the decline cue, or the neutral page for an interviewer item."""
    return "\n".join(translate(ctx, english) for ctx, english in captive_strings(form, qid))


@dataclass(frozen=True)
class Problem:
    """A coded refusal: `code` (PROBLEMS) and the named fields of its template."""

    code: str
    fields: Mapping[str, str] = field(default_factory=dict)

    def message(self, translate: Callable[[str], str] | None = None) -> str:
        """The English message, or with the template translated by `translate` (gettext)."""
        template = PROBLEMS[self.code]
        if translate is not None and self.code not in VERBATIM:
            template = translate(template)
        return template.format(**self.fields)


def constraint_problem(form: Form, qid: str) -> Problem:
    return Problem(CONSTRAINT, {"qid": qid, "message": form.questions[qid].constraint_message or ""})


@dataclass(frozen=True)
class Outcome:
    saved: bool
    problems: list[Problem] = field(default_factory=list)
    reconsent: bool = False


class Session:
    def __init__(self, form: Form, storage: Storage, interview_id: str, *, session_date: datetime.date,
                 unreviewed: Unreviewed | None, lang: str = "en", translate: Translate | None = None,
                 config: Mapping[str, Any] | None = None, answers: Mapping[str, Any] | None = None) -> None:
        # `unreviewed` comes from the translation package (translation.unreviewed.unreviewed_shown); it is
        # passed in, not imported, so the form model does not depend on translation. None: a test that
        # needs no translation check.
        self.form, self.storage, self.interview_id = form, storage, interview_id
        self.lang, self.unreviewed = lang, unreviewed
        self.translate: Translate = translate or (lambda _ctx, text: text)
        self.config = scalar_config(config or {})
        self.answers: dict[str, Any] = {}
        for qid, raw in (answers or {}).items():  # resuming: stored answers are checked like a case file
            value = check_value(form, form.questions[qid], raw, qid) if qid in form.questions else None
            if value is not None:
                self.answers[qid] = value
        self.ended: str | None = None
        self.pending: tuple[str, Any] | None = None
        if form.session_date not in self.answers:
            self._save(form.session_date, session_date.isoformat())
        self._refresh()
        pages = self.navigable()
        self.current: str | None = pages[0] if pages else None

    # --- state -----------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.values, self.relevant = settle(self.form, self.answers, self.config)

    def _save(self, qid: str, value: Any) -> None:
        digest = hashlib.sha256(shown_text(self.form, qid, self.translate).encode("utf-8")).hexdigest()
        # Storage first: if the commit fails (a full disk), the session still holds what is on disk.
        self.storage.save_answer(self.interview_id, qid, value, self.lang, digest)
        if value is None:
            self.answers.pop(qid, None)
        else:
            self.answers[qid] = value
        if value is not None and self.unreviewed is not None and self.unreviewed(self.form, qid, self.lang):
            self.storage.record_event(self.interview_id, UNREVIEWED_EVENT, qid, self.lang)  # flagged and recorded

    def discard(self, qids: Iterable[str]) -> None:
        """Forget answers the caller has removed from storage (the minimal record), and settle again."""
        for qid in qids:
            self.answers.pop(qid, None)
        self._refresh()

    def _answered(self, section_id: str) -> bool:
        section = next(s for s in self.form.sections if s.id == section_id)
        return all(qid in self.answers for qid in section.question_ids
                   if self.form.questions[qid].required and self.relevant[qid])

    @property
    def stop_reason(self) -> str | None:
        """None while the interview goes on; else the minimal-record reason (capacity, declined, ...)."""
        gates, v = self.form.gates, self.values
        if v.get(gates.record) is True:
            return None
        capacity = self.form.questions[gates.capacity].calculation
        inputs = refs(capacity) if capacity is not None else []
        if v.get(gates.capacity) is not True:
            stopped = all(v.get(r) is not None for r in inputs)
        else:  # consent is decided once every relevant required consent question is answered
            stopped = self._answered(self.form.questions[gates.consent].section)
        reason = v.get(self.form.mr_reason)
        return reason if stopped and isinstance(reason, str) else None

    def alerts(self) -> list[str]:
        return ["self_harm_referral"] if self.answers.get(SELF_HARM[0]) == SELF_HARM[1] else []

    def navigable(self) -> list[str]:
        """Questions that can be shown now, in protocol order."""
        if self.ended:
            return []
        stopped = self.stop_reason is not None
        mr_section = self.form.questions[self.form.mr_reason].section
        keep = set(self.form.minimal_record)
        return [qid for qid, q in self.form.questions.items()
                if q.type != "calculate" and self.relevant[qid]
                and ((qid in keep) if stopped else q.section != mr_section)]

    def missing(self) -> list[str]:
        return [q for q in self.navigable() if self.form.questions[q].required and q not in self.answers]

    def problems(self) -> list[tuple[str, str]]:
        """(id, message) of every answered question whose constraint fails now."""
        out = []
        for qid, q in self.form.questions.items():
            if q.constraint is not None and self.values.get(qid) is not None \
                    and evaluate(q.constraint, self.values) is not True:
                out.append((qid, q.constraint_message or ""))
        return out

    def completeness(self) -> dict[str, tuple[int, int]]:
        """Per section: (required questions answered, required questions to answer now)."""
        out = {s.id: (0, 0) for s in self.form.sections}
        for qid in self.navigable():
            if self.form.questions[qid].required:
                done, total = out[self.form.questions[qid].section]
                out[self.form.questions[qid].section] = (done + (qid in self.answers), total + 1)
        return out

    def finished(self) -> bool:
        return not self.ended and not self.missing() and not self.problems()

    # --- actions ---------------------------------------------------------------------------------------
    def answer(self, qid: str, value: Any) -> Outcome:
        if self.ended:
            return Outcome(False, [Problem(ENDED)])
        if qid not in self.navigable():
            return Outcome(False, [Problem(NOT_ASKED, {"id": qid})])
        try:
            stored = check_value(self.form, self.form.questions[qid], value, qid)
        except AnswerError as err:
            return Outcome(False, [Problem(INVALID, {"reason": err.problem})])
        too_long = self._too_long(qid, stored)
        if too_long:
            return Outcome(False, [Problem(too_long)])
        if qid in RECONSENT_IDS and self.values.get(self.form.gates.record) is True \
                and stored != self.answers.get(qid):
            self.ended, self.pending = "reconsent", (qid, stored)
            return Outcome(False, [Problem(RECONSENT)], True)
        trial = {k: v for k, v in self.answers.items() if k != qid}
        if stored is not None:
            trial[qid] = stored
        values, _ = settle(self.form, trial, self.config)
        q = self.form.questions[qid]
        if q.constraint is not None and values[qid] is not None and evaluate(q.constraint, values) is not True:
            return Outcome(False, [constraint_problem(self.form, qid)])
        self._save(qid, stored)
        self._refresh()
        return Outcome(True, [constraint_problem(self.form, i) for i, _m in self.problems() if i != qid])

    def _too_long(self, qid: str, stored: Any) -> str | None:
        if self.form.questions[qid].type != "text" or not isinstance(stored, str):
            return None
        if len(stored) > MAX_TEXT_CHARS:
            return ANSWER_LONG
        others = sum(len(v) for k, v in self.answers.items()
                     if k != qid and isinstance(v, str) and self.form.questions[k].type == "text")
        return INTERVIEW_LONG if others + len(stored) > MAX_INTERVIEW_TEXT_CHARS else None

    def _move(self, step: int) -> str | None:
        order = list(self.form.questions)
        here = order.index(self.current) if self.current else -1
        pages = self.navigable()
        ahead = [q for q in pages if (order.index(q) - here) * step > 0]
        if ahead:
            self.current = ahead[0] if step > 0 else ahead[-1]
        return self.current

    def next(self) -> list[Problem]:
        """Move on; refused (with the reason) while the current required question has no answer."""
        q = self.form.questions[self.current] if self.current else None
        if q and q.required and q.id in self.navigable() and q.id not in self.answers:
            return [Problem(REQUIRED_DECLINABLE if q.by == "C" else REQUIRED)]
        self._move(1)
        return []

    def back(self) -> str | None:
        return self._move(-1)

    def jump(self, section_id: str) -> bool:
        pages = [q for q in self.navigable() if self.form.questions[q].section == section_id]
        if pages:
            self.current = pages[0]
        return bool(pages)

    def follow_up(self, interview_id: str) -> Session:
        """The next interview record after a re-consent stop: A0 carried over, A1-A3 asked again."""
        if self.ended != "reconsent" or self.pending is None:
            raise ValueError("the record has not ended for re-consent")
        first = self.form.sections[0].question_ids
        skip = (PREVIOUS_DATE, self.form.session_date)  # the new session saves its own date
        carried = {q: self.answers[q] for q in first if q in self.answers and q not in skip}
        carried[SESSION_NO] = int(self.answers.get(SESSION_NO, 1)) + 1
        carried[PREVIOUS_DATE] = self.answers[self.form.session_date]
        day = datetime.date.fromisoformat(self.answers[self.form.session_date])
        nxt = Session(self.form, self.storage, interview_id, session_date=day, unreviewed=self.unreviewed,
                      lang=self.lang, translate=self.translate, config=self.config, answers=carried)
        for qid, value in carried.items():
            nxt._save(qid, value)
        nxt._refresh()
        qid, value = self.pending
        if qid in nxt.navigable():
            nxt.answer(qid, value)
        return nxt
