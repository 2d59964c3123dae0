"""Stable problem codes of expressions, each with an English template (pyxform style).

E1xx: expression syntax. E2xx: expression meaning (static check). Codes never change meaning once shipped.
The form file's codes (F0xx-F2xx) are desktop.core.forms.codes.
"""

from __future__ import annotations

from typing import Any

from desktop.core.errors import N_

TEMPLATES: dict[str, str] = {
    # expression syntax
    "E101": N_("syntax error: unexpected {what}"),
    "E102": N_("comparisons do not chain: join them with 'and' or 'or'"),
    "E103": N_("unterminated string: a string starts and ends with '"),
    "E104": N_("bad reference: write ${{name}} with a lower-case name"),
    "E105": N_("unknown function '{name}'"),
    "E106": N_("bare word '{name}': quote strings ('{name}'); functions need parentheses"),
    "E107": N_("{name}() takes {expected} argument(s), got {got}"),
    "E108": N_("expression too long or too deeply nested (limit {limit})"),
    "E109": N_("the expression is empty"),
    "E110": N_("the expression ends too early"),
    # expression meaning
    "E201": N_("unknown id '{name}'"),
    "E202": N_("'{code}' is not a code of {name}"),
    "E203": N_("a list ({name}) cannot be compared; use selected() or count-selected()"),
    "E204": N_("cannot compare {left} with {right}"),
    "E205": N_("'{op}' needs integers or dates, not {kind}"),
    "E206": N_("expected a condition (true or false), got {kind}"),
    "E207": N_("argument {index} of {name}() must be {expected}, not {kind}"),
    "E208": N_("fired() may only be used in rule conditions"),
    "E209": N_("fired('{rule}'): no such rule earlier in the table"),
    "E210": N_("the branches of if() have different types ({left}, {right})"),
}


def render(pcode: str, /, **fields: Any) -> str:
    """The English message of problem code `pcode`."""
    return TEMPLATES[pcode].format(**fields)
