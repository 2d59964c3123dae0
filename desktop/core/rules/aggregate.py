"""Wish reliability for the case (rules.md section 5.2): confirmation over time, change of mind.

WR-14 and WR-15 compare interviews with each other, so their conditions are prose applied here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.core.rules.model import JSON, Fired, Ruleset
from desktop.core.rules.results import WishInterview, WishResult
from desktop.core.rules.wish import OPTION_CODES, REASON_CODES, REPEAT_CODES, highest

CURRENT = (("pref", "wsh_pref"), ("second", "wsh_second"), ("dest", "wsh_dest"),
           ("rok_intent", "wsh_rok_intent"), ("ua_asylum", "wsh_ua_asylum"))
REASK = ("capacity", "postponed", "consent_invalid")


def _wr14(rs: Ruleset, valid: Sequence[WishInterview], gap: int) -> Fired | None:
    """WR-14: L reliable with an option; an earlier reliable J with the same option >= gap days before,
    and every reliable K between J and L with that option too. J = the earliest such."""
    last = valid[-1]
    if last.result != "RELIABLE_PROVISIONAL" or last.pref not in OPTION_CODES:
        return None
    reliable = [w for w in valid[:-1] if w.result == "RELIABLE_PROVISIONAL"]
    for pos, j in enumerate(reliable):
        days = (last.interview_date - j.interview_date).days
        between = reliable[pos + 1:]
        if j.pref == last.pref and days >= gap and all(k.pref == last.pref for k in between):
            rule = rs.rule("WR-14")
            inputs = (("wsh_pref", last.pref), ("confirming_interview", j.index), ("days", days),
                      ("cfg_confirm_gap", gap))
            return Fired(rule=rule, outcome=rule.outcome or "", inputs_used=inputs, interview=last.index)
    return None


def _wr15(rs: Ruleset, valid: Sequence[WishInterview]) -> Fired | None:
    """WR-15: L states an option and an earlier reliable J stated a different option; J = the latest."""
    last = valid[-1]
    if last.pref not in OPTION_CODES:
        return None
    for j in reversed(valid[:-1]):
        if j.result == "RELIABLE_PROVISIONAL" and j.pref in OPTION_CODES and j.pref != last.pref:
            rule = rs.rule("WR-15")
            inputs = (("wsh_pref", last.pref), ("earlier_interview", j.index), ("earlier_pref", j.pref))
            return Fired(rule=rule, outcome=rule.outcome or "", inputs_used=inputs, interview=last.index)
    return None


def wish_for_case(rs: Ruleset, per: Sequence[WishInterview], valid_ids: Sequence[int],
                  current: Mapping[str, JSON] | None, mr_reason: str | None, mr_reask: JSON,
                  gap: int) -> WishResult:
    """`per`: every interview's result; `valid_ids`: indexes of A; `current`: L's answers (None if no L);
    `mr_reason`/`mr_reask`: of the last interview of the case."""
    valid = [w for w in per if w.index in valid_ids]
    flags = tuple(sorted({flag for w in valid for flag in w.flags}))
    if not valid:
        last = per[-1]
        fired = tuple(f for f in last.fired if f.rule.id == "WR-0")
        repeat = mr_reason in REASK or (mr_reason == "declined" and mr_reask == "yes")
        return WishResult(result="NOT_ASSESSED", repeat_interview=repeat, reasons=_reasons(fired),
                          flags=flags, current=None, interviews=tuple(per), fired=fired)
    last = valid[-1]
    case_fired = list(last.fired)
    wr14 = _wr14(rs, valid, gap)
    wr15 = _wr15(rs, valid) if wr14 is None else None
    if wr14 is not None:
        result = "RELIABLE_CONFIRMED"
        case_fired.append(wr14)
    else:
        result = highest(rs, [last.result, "DOUBTS"]) if wr15 is not None else last.result
        if wr15 is not None:
            case_fired.append(wr15)
    cur: dict[str, JSON] = {"interview": last.index}
    cur.update({key: (current or {}).get(qid) for key, qid in CURRENT})
    return WishResult(result=result, repeat_interview=result in REPEAT_CODES,
                      reasons=_reasons(tuple(case_fired)), flags=flags, current=cur, interviews=tuple(per),
                      fired=tuple(case_fired))


def _reasons(fired: tuple[Fired, ...]) -> tuple[str, ...]:
    return tuple(f.rule.id for f in fired if f.outcome in REASON_CODES)
