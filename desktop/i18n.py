"""gettext for two domains: `desktop` (the interface) and `forms` (form text).

Catalogs are read from locales/<lang>/LC_MESSAGES/<domain>.po. The build compiles them
(`python -m desktop.i18n_tools compile` writes <domain>.mo beside each .po, gitignored, stamped with the
sha256 of its .po); a .mo is used only while its stamp matches the .po, otherwise the .po is compiled in
memory on first use, so a fresh clone, a wheel and a frozen bundle all work and a stale .mo is never shown.
Fuzzy strings are never used: they show the English source.
"""

from __future__ import annotations

import gettext
import hashlib
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from desktop import paths
from desktop.core.languages import LANGUAGES as LANGUAGES  # the interface offers the core's list
from desktop.core.languages import SOURCE

DOMAINS = ("desktop", "forms")

_current = "en"
_listeners: list[Callable[[str], None]] = []


def N_(text: str) -> str:
    """Mark a string for extraction; translate it where it is shown."""
    return text


@cache
def catalog(lang: str, domain: str) -> gettext.NullTranslations:
    """The compiled catalog of `domain` in `lang` (NullTranslations for English or no file)."""
    po = paths.locales_dir() / lang / "LC_MESSAGES" / f"{domain}.po"
    if lang == SOURCE or not po.is_file():
        return gettext.NullTranslations()
    data = po.read_bytes()
    compiled = _compiled(po.with_suffix(".mo"), hashlib.sha256(data).hexdigest())
    if compiled is not None:
        return compiled
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    cat = read_po(io.BytesIO(data), locale=lang, domain=domain)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def _compiled(mo: Path, po_sha256: str) -> gettext.GNUTranslations | None:
    """The build's .mo, only if it was compiled from exactly this .po (X-Voluntas-Source-SHA256)."""
    try:
        with mo.open("rb") as fh:
            translations = gettext.GNUTranslations(fh)
    except (OSError, ValueError, UnicodeError):
        return None
    return translations if translations.info().get("x-voluntas-source-sha256") == po_sha256 else None


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang
    for listener in list(_listeners):
        listener(lang)


def language() -> str:
    return _current


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(text: str) -> str:
    return catalog(_current, "desktop").gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(_current, "desktop").ngettext(singular, plural, n)


def pgettext(context: str, text: str) -> str:
    return catalog(_current, "desktop").pgettext(context, text)


def translator(lang: str, domain: str = "desktop") -> Callable[[str], str]:
    return catalog(lang, domain).gettext
