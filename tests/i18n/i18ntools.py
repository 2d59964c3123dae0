"""Shared by the catalog and review tests: the shipped catalogs read with babel, copies of the shipped form
and catalogs in a test's folder, and small .po edits."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from desktop import paths
from desktop.core.languages import TRANSLATED
from desktop.i18n_tools import DOMAINS, po_path, read

CATALOGS = [(lang, domain) for lang in TRANSLATED for domain in DOMAINS]
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def catalog(lang: str, domain: str) -> Catalog:
    return read(po_path(paths.locales_dir(), lang, domain), lang, domain)


def messages(lang: str, domain: str) -> list[Message]:
    return [m for m in catalog(lang, domain) if m.id]


def strings(m: Message) -> list[str]:
    return [str(s) for s in (m.string if isinstance(m.string, (list, tuple)) else [m.string])]


def ids(m: Message) -> list[str]:
    return [str(s) for s in (m.id if isinstance(m.id, (list, tuple)) else [m.id])]


def where(m: Message) -> str:
    return f"{m.context or ''} {ids(m)[0][:60]!r}"


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.mo"))
    return dst


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
