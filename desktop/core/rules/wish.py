"""Wish reliability per interview (rules.md section 5.1)."""

from __future__ import annotations

import datetime

from desktop.core.rules.apply import fire, holds
from desktop.core.rules.model import Env, Fired, Rule, Ruleset
from desktop.core.rules.results import WishInterview

DOUBT_CODES = ("NOT_ASSESSED", "NOT_RELIABLE", "DOUBTS")
REPEAT_CODES = ("NOT_RELIABLE", "DOUBTS")


def highest(rs: Ruleset, codes: list[str]) -> str:
    """The code of highest precedence (rules.md 5: NOT_ASSESSED > ... > RELIABLE_CONFIRMED)."""
    return min(codes, key=rs.precedence.index)


def wish_for_interview(rs: Ruleset, index: int, date: datetime.date, valid: bool, env: Env) -> WishInterview:
    if not valid:
        # only WR-0 is evaluated for an interview that is not valid
        wr0 = rs.rule("WR-0")
        fired = [fire(wr0, env, interview=index)] if holds(wr0, env) else []
        result = highest(rs, [f.outcome for f in fired] or ["NOT_ASSESSED"])
        return WishInterview(index=index, interview_date=date, result=result, repeat_interview=False,
                             pref=None, fired=tuple(fired), flags=())
    entries: dict[str, Fired] = {}
    wr13: Rule | None = None
    for rule in rs.wish_interview:
        if rule.id == "WR-0":
            continue
        if rule.id == "WR-13":
            wr13 = rule  # prose, decided after all other rows
            continue
        if holds(rule, env, entries):
            entries[rule.id] = fire(rule, env, interview=index)
    # WR-13 (rules.md 5.1): no other row with outcome NOT_RELIABLE or DOUBTS fired
    if wr13 is not None and not any(f.rule.outcome in REPEAT_CODES for f in entries.values()):
        entries[wr13.id] = Fired(rule=wr13, outcome=wr13.outcome or "RELIABLE_PROVISIONAL", inputs_used=(),
                                 interview=index)
    order = [r.id for r in rs.wish_interview]
    fired = sorted(entries.values(), key=lambda f: order.index(f.rule.id))
    outcomes = [f.rule.outcome for f in fired if f.rule.outcome is not None]
    result = highest(rs, outcomes) if outcomes else "RELIABLE_PROVISIONAL"
    flags = tuple(sorted({f.rule.flag for f in fired if f.rule.flag is not None}))
    pref = env.show("wsh_pref")
    return WishInterview(index=index, interview_date=date, result=result,
                         repeat_interview=result in REPEAT_CODES, pref=pref if isinstance(pref, str) else None,
                         fired=tuple(fired), flags=flags)
