"""The translatable text of a form: msgctxt "<form>.<id>.<field>", translator notes as comments.

The contexts are desktop.core.forms.model.context, so the extractor (for .pot files) and the session
(text shown and hashed) agree. extract_form is a Babel extraction method:
    pybabel extract -F babel.cfg with  [desktop.core.translation.catalog:extract_form: forms/**/form.yaml]
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from desktop.core.forms.loader import load_form_bytes
from desktop.core.forms.model import BUILTIN_LISTS, Form, context

CAPTIVE_NOTE = ("Shown to the captive in the captive view: addressed to him, polite (ko: hapnida style, "
                "no bonin or dangsin), plain and neutral.")


@dataclass(frozen=True)
class Message:
    context: str
    text: str
    note: str | None
    line: int


def form_messages(form: Form) -> list[Message]:
    """Every string a user or captive may see, in file order, each with its msgctxt."""
    out = [Message(context(form, "title"), form.title, form.translator_note, 1)]
    for key, page_text in (("wait", form.captive_wait), ("decline", form.captive_decline)):
        if page_text:
            out.append(Message(context(form, "captive_page", key), page_text, CAPTIVE_NOTE, 1))
    for s in form.sections:
        out.append(Message(context(form, s.id, "title"), s.title, s.translator_note, s.line))
        if s.hint:
            out.append(Message(context(form, s.id, "hint"), s.hint, s.translator_note, s.line))
        for qid in s.question_ids:
            q = form.questions[qid]
            fields: tuple[tuple[str, str | None], ...] = (
                ("label", q.label), ("hint", q.hint), ("captive_text", q.captive_text),
                ("captive_hint", q.captive_hint), ("constraint_message", q.constraint_message))
            for name, text in fields:
                if text:
                    qnote = q.translator_note
                    if name.startswith("captive_"):
                        qnote = f"{CAPTIVE_NOTE} {qnote}" if qnote else CAPTIVE_NOTE
                    out.append(Message(context(form, qid, name), text, qnote, q.line))
    for lid, cl in form.choice_lists.items():
        for c in cl.choices:
            note = c.translator_note or ("Built-in answer list." if lid in BUILTIN_LISTS else None)
            out.append(Message(context(form, lid, c.code, "label"), c.label, note, c.line))
            if c.captive_label:
                out.append(Message(context(form, lid, c.code, "captive_label"), c.captive_label, CAPTIVE_NOTE, c.line))
    return out


def extract_form(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                 options: Mapping[str, Any]) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method: yields pgettext messages; refuses a form the loader refuses."""
    name = str(getattr(fileobj, "name", "form.yaml"))
    form = load_form_bytes(fileobj.read(), name)
    for m in form_messages(form):
        yield m.line, "pgettext", (m.context, m.text), [m.note] if m.note else []
