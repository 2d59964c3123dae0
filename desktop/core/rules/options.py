"""The options matrix (rules.md section 7): first true row per option, then the overlay DM-5."""

from __future__ import annotations

from typing import Any

from desktop.core.rules.apply import fire, holds
from desktop.core.rules.model import OPTIONS, Env, Fired, Ruleset
from desktop.core.rules.results import OptionsResult


def _optional(rs: Ruleset, code: str, env: Env, nr7_fired: bool) -> bool:
    """Is a bracketed condition code added? nr7_procedure: NR-7 fired (prose); others: their condition."""
    if code == "nr7_procedure":
        return nr7_fired
    return holds(rs.optional_conditions[code], env)


def evaluate_options(rs: Ruleset, values: dict[str, Any], nr7_fired: bool) -> OptionsResult:
    env = Env(values)
    result: dict[str, str] = {}
    conditions: dict[str, tuple[str, ...]] = {}
    fired: list[Fired] = []
    overlay = rs.overlay
    refer = holds(overlay, env)
    for option in OPTIONS:
        # every option's last row is `true` (checked on load), so exactly one row decides
        row = next(r for r in rs.options[option] if holds(r, env))
        outcome = row.outcome or ""
        codes: list[str] = []
        if outcome == "AVAILABLE_WITH_CONDITIONS":
            for code in row.conditions:
                if not code.startswith("["):
                    codes.append(code)
                elif _optional(rs, code.strip("[]"), env, nr7_fired):
                    codes.append(code.strip("[]"))
        fired.append(fire(row, env, scope="option", option=option))
        if refer:
            for change in rs.overlay_changes:
                if option in change.options and outcome in change.when:
                    # DM-5 fires only where it changes the result (rules.md 7, Overlay)
                    outcome, codes = change.result, list(change.conditions)
                    fired.append(fire(overlay, env, outcome, scope="option", option=option))
                    break
        result[option] = outcome
        conditions[option] = tuple(codes)
    return OptionsResult(result=result, conditions=conditions, fired=tuple(fired))
