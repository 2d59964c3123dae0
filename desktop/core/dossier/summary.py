"""The results a lawyer reads first, as words in the interviewer's language (the dossier's cover and
the desk's case report draw this; no layout here).

Built from the evaluation JSON, so a dossier and the desk's re-evaluation summarise alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.core.dossier.words import Words
from desktop.core.errors import N_

DECISION_SUPPORT = N_("This is decision support for legal advisers, not a legal determination. Every result "
                      "needs legal review against the answers and the sources cited.")
OWN_WORDS = "wsh_open"
CHOSEN = ("wsh_pref", "wsh_second", "wsh_dest")


@dataclass(frozen=True)
class Summary:
    status: str
    grounds: str
    wish_interview: str  # "interview 2 on 2026-04-01", or "" when no wish was recorded
    own_words: str
    chosen: tuple[tuple[str, str], ...]  # (question label, answer label)
    reliability: str
    reasons: tuple[str, ...]
    risk: tuple[tuple[str, str], ...]  # (destination, result)
    options: tuple[tuple[str, str, str], ...]  # (option title, result, conditions)
    flags: str
    ruleset: str
    unsigned_rules: tuple[str, ...] | None  # None: the evaluation carries no review state
    unreviewed: tuple[str, ...] | None = field(default_factory=tuple)  # shown with unreviewed text; None: no
    # record of the text shown (imported answers)
    repeat: bool = False


def rule_text(w: Words, rule_id: str) -> str:
    """A rule's explanation in the dossier's language, prefixed with its id (ids are cited, not codes)."""
    try:
        rule = w.rs.rule(rule_id)
    except KeyError:
        return rule_id
    return f"{rule_id}: {w.data(f'{rule_id}.explanation', rule.explanation)}"


def summarise(w: Words, ev: Mapping[str, Any], answers: Sequence[Mapping[str, Any]],
              dates: Sequence[str], unreviewed: Sequence[str] | None = ()) -> Summary:
    """`answers` and `dates`: per interview, in the evaluation's order (interview n is answers[n-1])."""
    st, wi, ri, op = ev["status"], ev["wish"], ev["risk"], ev["options"]
    current = wi.get("current") or None
    own, chosen, at = "", [], ""
    if current is not None:
        n = int(current["interview"])
        given = answers[n - 1] if 0 < n <= len(answers) else {}
        own = str(given.get(OWN_WORDS) or "") if given.get(OWN_WORDS) != "declined" else w.answer(OWN_WORDS,
                                                                                                     "declined")
        chosen = [(w.question(q), w.answer(q, given.get(q))) for q in CHOSEN]
        at = w.ui(N_("interview {n} on {date}")).format(n=n, date=dates[n - 1] if n <= len(dates) else "-")
    risk = tuple((w.destination(d), w.result(code)) for d, code in ri["result"].items())
    options = tuple((w.option(o), w.result(code), "; ".join(w.condition(c) for c in op["conditions"].get(o, [])))
                    for o, code in op["result"].items())
    rs = ev.get("ruleset", {})
    review = rs.get("review") if isinstance(rs, Mapping) else None
    unsigned = tuple(rule_text(w, r) for r in review.get("unreviewed_rules", [])) if isinstance(review, Mapping) \
        else None
    return Summary(
        status=w.result(st["result"]), grounds=w.codes(st["grounds"]), wish_interview=at, own_words=own,
        chosen=tuple(chosen), reliability=w.result(wi["result"]),
        reasons=tuple(rule_text(w, r) for r in wi.get("reasons", [])), risk=risk, options=options,
        flags=w.codes(ev.get("flags", [])), ruleset=f"{rs.get('id', '-')} {rs.get('version', '-')}",
        unsigned_rules=unsigned, unreviewed=None if unreviewed is None else tuple(unreviewed),
        repeat=bool(wi.get("repeat_interview")))
