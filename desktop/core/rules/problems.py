"""Problems found in a rules file (R1xx); the coded errors of the ruleset (R0xx) are in desktop.core.errors.

Ruleset problems print as FILE:LINE:COL: CODE message, like the form loader's, so `voluntas forms check`
can list both. Expression problems keep the form module's E1xx/E2xx codes.
"""

from __future__ import annotations

from typing import Any

from desktop.core.errors import N_
from desktop.core.forms.problems import FormDefinitionError, FormProblem

TEMPLATES: dict[str, str] = {
    "R101": N_("unknown key '{key}'{where}"),
    "R102": N_("missing key '{key}'{where}"),
    "R103": N_("{field}: {value} is not {expected}"),
    "R104": N_("{field}: '{code}' is not one of {allowed}"),
    "R105": N_("duplicate rule id '{id}'"),
    "R106": N_("the tables must be in the order {expected}"),
    "R107": N_("rule {id}: {field}: {message}"),
    "R108": N_("rule {id} is missing: the engine implements it and it must be declared"),
    "R109": N_("the form '{form}' named by the rules cannot be used: {reason}"),
}


# Same shape as the form loader's problems, so `voluntas forms check` lists both alike.
RuleProblem = FormProblem


class RulesetError(FormDefinitionError):
    """The rules file cannot be used; `problems` lists every problem found, in file order."""


def render(pcode: str, /, **fields: Any) -> str:
    return TEMPLATES[pcode].format(**fields)
