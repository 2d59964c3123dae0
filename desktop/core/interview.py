"""One open interview record: the session's flow and what the vault keeps beside its answers.

The window shows this object and calls it (house rule 6); the rules live here: where a resumed interview
goes on, the interviewer's notes, the minimal-record purge after a stop, the pause, language changes and
the new record after a re-consent stop.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Protocol

from desktop.core.errors import VoluntasError
from desktop.core.forms.model import Form
from desktop.core.forms.session import Session, Storage, Translate
from desktop.core.translation.unreviewed import unreviewed_shown

# Audit events of the interview's chain (docs/audit).
MINIMAL_RECORD = "minimal_record"
STOPPED = "stopped"
CAPTIVE_LANGUAGE_CHANGED = "captive_language_changed"
INTERVIEWER_LANGUAGE_CHANGED = "interviewer_language_changed"
CASE_REFERENCE = "ses_case"  # A0: the case code, filled in from the case the interview was started in


class Store(Storage, Protocol):
    """What an interview needs of the vault's records (desktop.core.vault.records.Records)."""

    def answers(self, interview_id: str) -> dict[str, object]: ...

    def notes(self, interview_id: str) -> dict[str, str]: ...

    def position(self, interview_id: str) -> str | None: ...

    def elapsed_ms(self, interview_id: str) -> int: ...

    def save_note(self, interview_id: str, question_id: str, text: str, lang: str) -> None: ...

    def purge_answers(self, interview_id: str, question_ids: list[str], event: str = MINIMAL_RECORD) -> None: ...

    def create_interview(self, case_id: str, form_id: str, form_version: str, captive_lang: str,
                         interviewer_lang: str, interview_date: str) -> str: ...


def new_record(store: Store, form: Form, case_id: str, captive_lang: str, interviewer_lang: str,
               day: datetime.date) -> str:
    """A new draft interview of `case_id` on `form`, dated `day`; its id."""
    return store.create_interview(case_id, form.id, form.version, captive_lang, interviewer_lang, day.isoformat())


class Interview:
    """The draft (or closed) record `interview_id` as the interviewer works on it.

    `texts(lang)` translates the form's strings into `lang`; `today()` dates a follow-up record."""

    def __init__(self, form: Form, store: Store, interview_id: str, *, case_id: str, interview_date: str,
                 captive_lang: str, interviewer_lang: str, texts: Callable[[str], Translate],
                 today: Callable[[], datetime.date]) -> None:
        self.form, self.store, self.texts, self.today = form, store, texts, today
        self.id, self.case_id, self.date = interview_id, case_id, interview_date
        self.captive_lang, self.interviewer_lang = captive_lang, interviewer_lang
        # raises VoluntasError when the record cannot be continued (a closed one missing its session date)
        self.session = Session(form, store, interview_id, session_date=datetime.date.fromisoformat(interview_date),
                               unreviewed=unreviewed_shown, lang=captive_lang, translate=texts(captive_lang),
                               answers=store.answers(interview_id))
        self.notes: dict[str, str] = dict(store.notes(interview_id))
        self._resume()

    def _resume(self) -> None:
        s, position = self.session, self.store.position(self.id)
        if position and position != self.form.session_date and position in s.navigable():
            s.current = position  # the last acknowledged answer ...
            if position in s.answers:
                s.next()  # ... so the question being asked then is the one after it

    def elapsed_seconds(self) -> int:
        return self.store.elapsed_ms(self.id) // 1000

    def fill_case_reference(self, code: str) -> bool:
        """A0's case reference is the code of the case just chosen, unless already answered."""
        s = self.session
        if not code or CASE_REFERENCE not in s.navigable() or CASE_REFERENCE in s.answers:
            return False
        return s.answer(CASE_REFERENCE, code).saved

    # -- notes -----------------------------------------------------------------------------------
    def note(self, qid: str) -> str:
        return self.notes.get(qid, "")

    def save_note(self, qid: str, text: str) -> bool:
        """Store the interviewer's note on `qid` if it changed (VoluntasError if refused); True if stored."""
        if text == self.notes.get(qid, ""):
            return False
        self.store.save_note(self.id, qid, text, self.interviewer_lang)
        self.notes[qid] = text
        return True

    # -- the stops -------------------------------------------------------------------------------
    def extra_answers(self) -> list[str]:
        """Answers outside the minimal record: removed when it is applied after a stop."""
        keep = set(self.form.minimal_record) | {self.form.session_date}
        return [q for q in self.session.answers if q not in keep]

    def keep_minimal_record(self) -> bool:
        """After a stop, remove every other answer (one transaction) and go on in the minimal record."""
        s = self.session
        if s.stop_reason is None:
            return False
        extra = self.extra_answers()
        self.store.purge_answers(self.id, extra, MINIMAL_RECORD)
        s.discard(extra)
        if s.current not in s.navigable():
            pages = s.navigable()
            s.current = pages[0] if pages else None
        return True

    def pause(self) -> None:
        """The interviewer stops for now; the record stays a draft to resume."""
        try:
            self.store.record_event(self.id, STOPPED, self.session.current, None)
        except VoluntasError as err:
            if err.code != "V016":  # a finalized record needs no stop event; any other failure is told
                raise

    def reconsent(self) -> None:
        """Continue in a new record of the same case after a re-consent stop (Session.follow_up)."""
        new_id = new_record(self.store, self.form, self.case_id, self.captive_lang, self.interviewer_lang,
                            self.today())
        self.session = self.session.follow_up(new_id)
        self.id = new_id
        self.notes = {}

    # -- languages -------------------------------------------------------------------------------
    def set_captive_lang(self, lang: str) -> None:
        """His language from now on (the caller has checked the language rule); recorded in the chain."""
        self.captive_lang = lang
        self.session.lang = lang
        self.session.translate = self.texts(lang)
        self.store.record_event(self.id, CAPTIVE_LANGUAGE_CHANGED, self.session.current, lang)

    def set_interviewer_lang(self, lang: str) -> None:
        self.interviewer_lang = lang
        self.store.record_event(self.id, INTERVIEWER_LANGUAGE_CHANGED, self.session.current, lang)

    @property
    def shared_language(self) -> bool:
        """In his own language the evaluation would be readable by him."""
        return self.captive_lang == self.interviewer_lang
