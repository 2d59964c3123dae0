"""gettext for two domains: `desktop` (the interface) and `forms` (form text).

Catalogs are read from locales/<lang>/LC_MESSAGES/<domain>.po and compiled in memory when first
needed, so a checkout, a wheel and a frozen bundle need no separate .mo build step.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import cache

from desktop import paths

LANGUAGES = ("en", "ko", "uk")
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
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        cat = read_po(fh, locale=lang, domain=domain)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


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
