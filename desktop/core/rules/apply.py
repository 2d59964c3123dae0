"""Applying one rule to an environment, and recording it as a fired entry."""

from __future__ import annotations

from collections.abc import Collection

from desktop.core.expr import evaluate
from desktop.core.rules.model import Env, Fired, Rule


def holds(rule: Rule, env: Env, fired: Collection[str] = ()) -> bool:
    """Is the rule's condition true? null counts as false (protocol.md section 2)."""
    if rule.condition is None:
        raise ValueError(f"{rule.id} has a prose condition; its module applies it")
    return evaluate(rule.condition, env.values, fired=fired.__contains__) is True


def fire(rule: Rule, env: Env, outcome: str | None = None, *, scope: str = "interview",
         interview: int | None = None, destination: str | None = None, option: str | None = None) -> Fired:
    """The fired entry of `rule`: inputs_used from every ${id} of its condition (rules.md section 0)."""
    code = outcome if outcome is not None else (rule.outcome or rule.flag or "")
    return Fired(rule=rule, outcome=code, inputs_used=env.inputs(rule.refs), interview=interview,
                 destination=destination, option=option, scope=scope)
