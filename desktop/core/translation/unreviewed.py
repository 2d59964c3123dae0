"""Which strings shown with a question were not reviewed (issue 8, item 3).

The session records an audit event UNREVIEWED_EVENT (question id, language) whenever it saves an answer
whose shown text (label, hint, choices: session.shown_text) holds a string without a valid sign-off; the
dossier lists those questions with the strings concerned (dossier_unreviewed).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from desktop.core.forms.captive import captive_strings
from desktop.core.forms.model import Form
from desktop.core.forms.session import UNREVIEWED_EVENT
from desktop.core.translation.shown import SOURCE_LANGUAGE, form_catalog

__all__ = ["UNREVIEWED_EVENT", "dossier_unreviewed", "shown_contexts", "summary", "unreviewed_shown"]


def shown_contexts(form: Form, qid: str) -> list[tuple[str, str]]:
    """(msgctxt, English) of every string session.shown_text puts together for a question."""
    return captive_strings(form, qid)


def unreviewed_shown(form: Form, qid: str, lang: str, locales: Path | None = None) -> list[str]:
    """The msgctxt of each string shown with `qid` in `lang` that has no valid sign-off (English: none)."""
    if lang == SOURCE_LANGUAGE:
        return []
    cat = form_catalog(lang, locales)
    return [ctx for ctx, english in shown_contexts(form, qid) if not cat.lookup(ctx, english).reviewed]


def dossier_unreviewed(form: Form, events: Iterable[tuple[str, str | None, str | None]],
                       locales: Path | None = None) -> list[tuple[str, str, list[str]]]:
    """From an interview's audit events (event, question id, language): each question recorded as shown with
    unreviewed text, once per language, in form order, with the strings that are still unreviewed now (a
    list emptied by a later sign-off means a reviewer has since approved exactly that text)."""
    seen = {(qid, lang) for event, qid, lang in events if event == UNREVIEWED_EVENT and qid and lang}
    order = list(form.questions)
    out = []
    for qid, lang in sorted(seen, key=lambda k: (order.index(k[0]) if k[0] in order else len(order), k[1])):
        still = unreviewed_shown(form, qid, lang, locales) if qid in form.questions else []
        out.append((qid, lang, still))
    return out


def summary(listed: Iterable[tuple[str, str, list[str]]]) -> str:
    """One line for the dossier's audit table: "set_interp (ko), ses_dt (ko)", or "-" when none."""
    return ", ".join(f"{qid} ({lang})" for qid, lang, _still in listed) or "-"
