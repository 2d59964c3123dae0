"""Marked words shared by several screens (states, languages)."""

from __future__ import annotations

from desktop import i18n
from desktop.core.languages import NAMES
from desktop.i18n import N_, _

STATES = {
    "draft": N_("draft"),
    "finalized": N_("finalized"),
    "sealed": N_("sealed"),
    "sent": N_("sent"),
    "receipt": N_("receipt received"),
}


def state(code: str) -> str:
    return _(STATES[code]) if code in STATES else code


def lang(code: str) -> str:
    return _(NAMES[code]) if code in NAMES else code


def after_colon(text: str) -> str:
    """A label placed after a colon: Ukrainian writes it lower-case (not an acronym such as KNDR)."""
    if i18n.language() == "uk" and len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
