"""Wish reliability per interview (rules.md section 5.1)."""

from __future__ import annotations

import datetime

from desktop.core.rules.apply import fire, holds
from desktop.core.rules.model import Env, Fired, Rule, Ruleset
from desktop.core.rules.results import WishInterview

REASON_CODES = ("NOT_ASSESSED", "NOT_RELIABLE", "DOUBTS", "NO_WISH")  # wish.reasons (rules.md 5.2)
REPEAT_CODES = ("NOT_RELIABLE", "DOUBTS")
OPTION_CODES = ("o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8")  # a stated wish; undecided/declined are none
# Decided after every other row (rules.md 5.1): WR-13 when he stated a wish, WR-13b when he did not.
FINAL_ROWS = ("WR-13", "WR-13b")


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
    final: dict[str, Rule] = {}
    for rule in rs.wish_interview:
        if rule.id == "WR-0":
            continue
        if rule.id in FINAL_ROWS:
            final[rule.id] = rule  # prose, decided after all other rows
            continue
        if holds(rule, env, entries):
            entries[rule.id] = fire(rule, env, interview=index)
    pref = env.show("wsh_pref")
    if not any(f.rule.outcome in REPEAT_CODES for f in entries.values()):
        # no doubt about how the interview was held: was a wish stated (WR-13) or not (WR-13b)?
        row = final.get("WR-13" if pref in OPTION_CODES else "WR-13b")
        if row is not None and row.outcome is not None:
            entries[row.id] = Fired(rule=row, outcome=row.outcome, inputs_used=(("wsh_pref", pref),),
                                    interview=index)
    order = [r.id for r in rs.wish_interview]
    fired = sorted(entries.values(), key=lambda f: order.index(f.rule.id))
    outcomes = [f.rule.outcome for f in fired if f.rule.outcome is not None]
    result = highest(rs, outcomes) if outcomes else "NO_WISH"
    flags = tuple(sorted({f.rule.flag for f in fired if f.rule.flag is not None}))
    return WishInterview(index=index, interview_date=date, result=result,
                         repeat_interview=result in REPEAT_CODES, pref=pref if isinstance(pref, str) else None,
                         fired=tuple(fired), flags=flags)
