"""Shared helpers for the catalog tests: the shipped catalogs, read with babel."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message

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
    import shutil

    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.mo"))
    return dst
