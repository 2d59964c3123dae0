"""Non-refoulement risk per destination (rules.md section 6), and the factors F1 to F7 (6.1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from desktop.core.expr import evaluate
from desktop.core.rules.apply import fire, holds
from desktop.core.rules.model import DESTINATIONS, Env, Fired, Ruleset
from desktop.core.rules.results import RiskResult


def factors(rs: Ruleset, valid: Sequence[Env]) -> dict[str, bool]:
    """ev_f1 ... ev_f7: caseload facts always hold; the others when true for at least one valid interview."""
    out: dict[str, bool] = {}
    for rule in rs.factors:
        variable = rule.outcome or ""
        if rule.effect == "caseload":
            out[variable] = holds(rule, Env({}))
        else:
            out[variable] = any(holds(rule, env) for env in valid)
    return out


def evaluate_risk(rs: Ruleset, values: dict[str, Any], overrides: Mapping[str, Mapping[str, str]],
                  individual: bool) -> tuple[RiskResult, dict[str, Any]]:
    """`values`: configuration and engine variables so far; returns the result and the ev_risk_* values.

    Order (rules.md 6.3): each destination's rules, then NR-9 if overridden, then NR-7 and NR-8.
    """
    values = dict(values)
    fired: list[Fired] = []
    ids: list[str] = []
    result: dict[str, str] = {}
    by_dest = {d: [r for r in rs.risk if r.destination == d and r.effect == "result"] for d in DESTINATIONS}
    for dest in DESTINATIONS:
        settled: str | None = None
        for rule in by_dest[dest]:
            env = Env(values)
            if not holds(rule, env, ids):
                continue
            outcome = rule.outcome
            if rule.outcome_expr is not None:  # NR-3
                computed = evaluate(rule.outcome_expr, env.values, fired=ids.__contains__)
                outcome = computed if isinstance(computed, str) else None
            if outcome is None:
                raise ValueError(f"{rule.id} gave no result")
            ids.append(rule.id)
            fired.append(fire(rule, env, outcome, scope="destination", destination=dest))
            settled = outcome
        if dest in overrides:
            # NR-9 (prose, rules.md 6.2): the legal team's override replaces the result; it is logged
            entry = overrides[dest]
            nr9 = rs.rule("NR-9")
            settled = entry["result"]
            fired.append(Fired(rule=nr9, outcome=settled, scope="destination", destination=dest,
                               inputs_used=tuple((k, entry[k]) for k in ("result", "reason", "source"))))
        if settled is None:
            raise ValueError(f"no risk rule settled {dest}")
        result[dest] = settled
        values[f"ev_risk_{dest}"] = settled
    flags: list[str] = []
    for rule in rs.risk:
        if rule.effect in ("flag", "note") and holds(rule, Env(values), ids):
            ids.append(rule.id)
            fired.append(fire(rule, Env(values), scope="destination", destination=rule.destination))
            if rule.effect == "flag" and rule.outcome:
                flags.append(rule.outcome)
    true_factors = sorted(r.id for r in rs.factors if values.get(r.outcome or "") is True)
    risk = RiskResult(result=result, basis="individual" if individual else "country_level",
                      factors=tuple(true_factors), flags=tuple(sorted(set(flags))), fired=tuple(fired),
                      legal_basis=rs.legal_basis)
    return risk, {f"ev_risk_{d}": result[d] for d in DESTINATIONS}
