"""Stable problem codes of form files, each with an English template (pyxform style).

F0xx: the form file and its YAML. F1xx: the JSON Schema. F2xx: the form's meaning. Codes never change
meaning once shipped. The expression codes (E1xx, E2xx) are desktop.core.expr.codes.
"""

from __future__ import annotations

from typing import Any

from desktop.core.errors import N_
from desktop.core.yamlstrict import TEMPLATES as YAML_TEMPLATES

TEMPLATES: dict[str, str] = {
    **YAML_TEMPLATES,  # F001-F008: the file and its YAML (desktop.core.yamlstrict)
    # JSON Schema
    "F101": N_("unknown key '{key}'{where}"),
    "F102": N_("missing key '{key}'{where}"),
    "F103": N_("{field}: {value} is not of type {expected}"),
    "F104": N_("{field}: {value} is not one of {allowed}"),
    "F105": N_("{field}: {value} does not match the pattern {pattern}"),
    "F106": N_("{field}: {reason}"),
    # meaning of the form
    "F201": N_("duplicate section id '{id}'"),
    "F202": N_("duplicate question id '{id}' (first at line {line})"),
    "F203": N_("duplicate code '{code}' in list {list}"),
    "F204": N_("question '{id}' of type {type} needs a choice list ('list')"),
    "F205": N_("question '{id}' of type {type} takes no choice list"),
    "F206": N_("unknown choice list '{list}'"),
    "F207": N_("calculation '{id}' needs 'calculation'"),
    "F208": N_("'{key}' is only allowed on {allowed} questions ('{id}' is {type})"),
    "F209": N_("question '{id}' needs 'by' (C or I)"),
    "F210": N_("'{id}' refers to '{ref}', which comes later in the form"),
    "F211": N_("cycle: {path}"),
    "F212": N_("'{id}' refers to itself"),
    "F213": N_("{field}: unknown question id '{ref}'"),
    "F214": N_("{field}: '{ref}' must be a {expected}"),
    "F215": N_("choice list '{list}' is never used"),
    "F216": N_("reserved list name '{list}': yes_no and yes_no_unknown are built in"),
    "F217": N_("question '{id}' needs 'captive': what the captive view shows (choices, question or none)"),
    "F218": N_("question '{id}' of type {type} has no choices to show: use 'captive: question' or 'none'"),
    "F219": N_("question '{id}' is shown to the captive ({mode}) and needs 'captive_text', the question asked "
               "of him"),
    "F220": N_("'{key}' is never shown: question '{id}' has 'captive: none'"),
}


def render(pcode: str, /, **fields: Any) -> str:
    """The English message of problem code `pcode`."""
    return TEMPLATES[pcode].format(**fields)
