"""Copies of the shipped form and catalogs in a test's folder, and small .po edits, for the review tests."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from desktop import paths

FORM = "pow_interview"


def copy_form_and_locales(tmp: Path) -> tuple[Path, Path]:
    forms, locales = tmp / "forms", tmp / "locales"
    shutil.copytree(paths.forms_dir() / FORM, forms / FORM)
    shutil.copytree(paths.locales_dir(), locales, ignore=shutil.ignore_patterns("*.mo"))
    return forms, locales


def po(locales: Path, lang: str, domain: str = "forms") -> Path:
    return locales / lang / "LC_MESSAGES" / f"{domain}.po"


def edit_po(path: Path, context: str, *, msgid: str | None = None, msgstr: str | None = None,
            fuzzy: bool | None = None) -> str:
    """Change one message of a catalog in place; returns its English before the change."""
    cat = read_po(io.BytesIO(path.read_bytes()))
    msg = next(m for m in cat if m.context == context)
    before = str(msg.id)
    if msgid is not None:
        cat.delete(msg.id, context=context)
        msg = cat.add(msgid, msg.string, context=context, auto_comments=msg.auto_comments,
                      locations=msg.locations, flags=msg.flags)
    if msgstr is not None:
        msg.string = msgstr
    if fuzzy is True:
        msg.flags.add("fuzzy")
    elif fuzzy is False:
        msg.flags.discard("fuzzy")
    buf = io.BytesIO()
    write_po(buf, cat, width=0)
    path.write_bytes(buf.getvalue())
    return before
