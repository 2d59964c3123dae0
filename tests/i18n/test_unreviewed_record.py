"""The interview records which shown strings were not reviewed (audit event text_unreviewed), and the dossier
can list them (unreviewed.dossier_unreviewed). Catalogs are copied into the test's folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from desktop.core.forms.loader import shipped_form
from desktop.core.forms.session import Session
from desktop.core.translation import unreviewed
from desktop.core.translation.signoff import sign_off
from desktop.core.translation.unreviewed import UNREVIEWED_EVENT, dossier_unreviewed, unreviewed_shown
from tests.i18n.i18ntools import FORM, copy_form_and_locales, po


class Storage:
    def __init__(self) -> None:
        self.events: list[tuple[str, str | None, str | None]] = []

    def save_answer(self, interview_id: str, question_id: str, value: Any, lang: str, text_hash: str) -> None:
        pass

    def record_event(self, interview_id: str, event: str, question_id: str | None = None,
                     lang: str | None = None) -> None:
        self.events.append((event, question_id, lang))


def session(lang: str) -> tuple[Session, Storage]:
    storage = Storage()
    return Session(shipped_form(), storage, "iv1", session_date=dt.date(2025, 3, 10),
                   unreviewed=unreviewed_shown, lang=lang), storage


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from desktop import paths

    _forms, loc = copy_form_and_locales(tmp_path)
    monkeypatch.setattr(paths, "locales_dir", lambda: loc)
    return loc


def test_an_answer_shown_with_unreviewed_text_is_recorded(locales: Path) -> None:
    s, storage = session("ko")
    s.answer("set_lang", "korean")
    assert (UNREVIEWED_EVENT, "set_lang", "ko") in storage.events
    form = shipped_form()
    codes = form.choice_lists["L_LANG"].codes
    assert unreviewed_shown(form, "set_lang", "ko") == [f"{FORM}.set_lang.captive_text",
                                                        *(f"{FORM}.L_LANG.{c}.label" for c in codes),
                                                        f"{FORM}.captive_page.decline"]
    # an interviewer item showed him only the neutral page
    assert unreviewed_shown(form, "set_interp", "ko") == [f"{FORM}.captive_page.wait"]
    listed = dossier_unreviewed(form, storage.events)  # the session date was saved first, also unreviewed
    assert [q for q, _lang, _ctx in listed] == ["ses_dt", "set_lang"]
    assert listed[1] == ("set_lang", "ko", unreviewed_shown(form, "set_lang", "ko"))


def test_reviewed_text_and_english_are_not_recorded(locales: Path) -> None:
    sign_off(po(locales, "ko"), "Test Reviewer")
    s, storage = session("ko")
    s.answer("set_interp", "yes")
    assert [e for e in storage.events if e[0] == UNREVIEWED_EVENT and e[1] == "set_interp"] == []
    s_en, storage_en = session("en")
    s_en.answer("set_interp", "yes")
    assert storage_en.events == []


def test_a_later_sign_off_shows_in_the_dossier_list(locales: Path) -> None:
    form = shipped_form()
    events = [(UNREVIEWED_EVENT, "set_int_ok", "uk"), ("answer", "set_int_ok", "uk")]
    assert dossier_unreviewed(form, events)[0][2]
    sign_off(po(locales, "uk"), "Test Reviewer", context_prefix=f"{FORM}.set_int_ok")
    sign_off(po(locales, "uk"), "Test Reviewer", context_prefix=f"{FORM}.yes_no_unknown.")
    sign_off(po(locales, "uk"), "Test Reviewer", context_prefix=f"{FORM}.captive_page.")
    assert dossier_unreviewed(form, events) == [("set_int_ok", "uk", [])]
    assert unreviewed.shown_contexts(form, "set_int_ok")[0] == (
        f"{FORM}.set_int_ok.captive_text", "Are you comfortable speaking through this interpreter?")


def test_summary_line_for_the_dossier() -> None:
    assert unreviewed.summary([("set_interp", "ko", []), ("ses_dt", "uk", ["x"])]) == "set_interp (ko), ses_dt (uk)"
    assert unreviewed.summary([]) == "-"
