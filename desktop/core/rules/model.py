"""The ruleset as loaded from rules.yaml, and the fired entry every result carries."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.core.expr import Expr, Value, VType
from desktop.core.forms.model import Form
from desktop.core.rules.config import ConfigKey

JSON = Any  # a JSON-ready value: None, bool, int, str, list, dict

# The tables in the order rules.md section 1 applies them; rules.yaml must list the same.
TABLE_ORDER = ("status", "wish_interview", "wish_case", "factors", "risk", "options")
DESTINATIONS = ("dprk", "russia", "rok", "ukraine", "other")
OPTIONS = ("o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8")


@dataclass(frozen=True)
class Rule:
    """One row of a rules.md table. A prose rule has no condition; Python applies it (see implemented_in)."""

    id: str
    table: str
    source: str  # the condition text, or the prose
    condition: Expr | None
    outcome: str | None  # None: flag-only (WR-16) or computed (NR-3 outcome_expr, NR-9)
    explanation: str
    citations: tuple[str, ...]
    verify: bool
    line: int
    refs: tuple[str, ...] = ()  # inputs_used keys: ${ids} of condition and outcome expression
    outcome_expr: Expr | None = None
    effect: str | None = None  # status and risk: result, ground, flag, finding, note
    flag: str | None = None  # wish: the flag raised
    destination: str | None = None  # risk
    option: str | None = None  # options
    conditions: tuple[str, ...] = ()  # options: condition codes, "[code]" when optional
    inputs: tuple[str, ...] = ()  # prose rules: the inputs_used keys rules.md names
    outcome_source: str = ""  # the outcome expression's text (NR-3), for the legal sign-off hash


@dataclass(frozen=True)
class OverlayChange:
    options: tuple[str, ...]
    when: tuple[str, ...]
    result: str
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class Ruleset:
    id: str
    version: str
    sha256: str
    path: str
    banner: str
    form: Form
    config: tuple[ConfigKey, ...]
    types: Mapping[str, VType]  # questions, calculations, cfg_* and ev_*
    status: tuple[Rule, ...]
    wish_interview: tuple[Rule, ...]
    wish_case: tuple[Rule, ...]
    factors: tuple[Rule, ...]  # id F1..F7; outcome = the engine variable it sets
    risk: tuple[Rule, ...]
    options: Mapping[str, tuple[Rule, ...]]  # o1..o8
    overlay: Rule
    overlay_changes: tuple[OverlayChange, ...]
    optional_conditions: Mapping[str, Rule]  # confirm_wish, nr7_procedure
    condition_labels: Mapping[str, str]
    option_titles: Mapping[str, str]
    legal_basis: tuple[str, ...]
    precedence: tuple[str, ...]  # wish results, highest first
    answer_ids: frozenset[str] = frozenset()  # the form's questions that are answered, not calculated

    def rule(self, rule_id: str) -> Rule:
        for rule in self.all_rules():
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def all_rules(self) -> list[Rule]:
        out = [*self.status, *self.wish_interview, *self.wish_case, *self.factors, *self.risk]
        for rows in self.options.values():
            out.extend(rows)
        out.append(self.overlay)
        return out


def to_json(value: Value | Mapping[str, Any] | list[Any]) -> JSON:
    """An expression value (or a stored answer) as JSON: dates as YYYY-MM-DD, lists as arrays."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Fired:
    """A fired rule as shown in every result (case-format.md 3.2)."""

    rule: Rule
    outcome: str
    inputs_used: tuple[tuple[str, JSON], ...]
    interview: int | None = None
    destination: str | None = None
    option: str | None = None
    scope: str = "interview"  # which of interview / destination / option the entry names

    def to_json(self) -> dict[str, JSON]:
        out: dict[str, JSON] = {
            "rule": self.rule.id,
            "outcome": self.outcome,
            "explanation": self.rule.explanation,
            "citations": list(self.rule.citations),
            "inputs_used": {k: to_json(v) for k, v in self.inputs_used},
        }
        out[self.scope] = {"interview": self.interview, "destination": self.destination,
                           "option": self.option}[self.scope]
        return out


@dataclass(frozen=True)
class Env:
    """The values a table sees: `values` for expressions; `stored` answers for inputs_used.

    inputs_used shows a question's answer as stored ("declined" kept; null if unanswered or discarded),
    and any other id (calculation, configuration, engine variable) by its value.
    """

    values: Mapping[str, Value]
    stored: Mapping[str, Any] = field(default_factory=dict)
    answer_ids: frozenset[str] = frozenset()  # the form's non-calculated question ids

    def show(self, key: str) -> JSON:
        if key in self.answer_ids:
            return to_json(self.stored.get(key))
        return to_json(self.values.get(key))

    def inputs(self, keys: tuple[str, ...]) -> tuple[tuple[str, JSON], ...]:
        return tuple((k, self.show(k)) for k in keys)
