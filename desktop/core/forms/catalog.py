"""The translatable text of a form: msgctxt "<form>.<id>.<field>", translator notes as comments.

One place defines the contexts, so the extractor (for .pot files) and the session (text shown and
hashed) agree. extract_form is a Babel extraction method:
    pybabel extract -F babel.cfg with  [desktop.core.forms.catalog:extract_form: forms/**/form.yaml]
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from desktop.core.forms.loader import load_form_bytes
from desktop.core.forms.model import BUILTIN_LISTS, Form


@dataclass(frozen=True)
class Message:
    context: str
    text: str
    note: str | None
    line: int


def context(form: Form, *parts: str) -> str:
    return ".".join((form.id, *parts))


def form_messages(form: Form) -> list[Message]:
    """Every string a user or captive may see, in file order, each with its msgctxt."""
    out = [Message(context(form, "title"), form.title, form.translator_note, 1)]
    for s in form.sections:
        out.append(Message(context(form, s.id, "title"), s.title, s.translator_note, s.line))
        if s.hint:
            out.append(Message(context(form, s.id, "hint"), s.hint, s.translator_note, s.line))
        for qid in s.question_ids:
            q = form.questions[qid]
            for name, text in (("label", q.label), ("hint", q.hint), ("constraint_message", q.constraint_message)):
                if text:
                    out.append(Message(context(form, qid, name), text, q.translator_note, q.line))
    for lid, cl in form.choice_lists.items():
        for c in cl.choices:
            note = c.translator_note or ("Built-in answer list." if lid in BUILTIN_LISTS else None)
            out.append(Message(context(form, lid, c.code, "label"), c.label, note, c.line))
    return out


def extract_form(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                 options: Mapping[str, Any]) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method: yields pgettext messages; refuses a form the loader refuses."""
    name = str(getattr(fileobj, "name", "form.yaml"))
    form = load_form_bytes(fileobj.read(), name)
    for m in form_messages(form):
        yield m.line, "pgettext", (m.context, m.text), [m.note] if m.note else []
