"""POW status (rules.md section 4), from the latest valid interview L. Never "not a POW"."""

from __future__ import annotations

from desktop.core.rules.apply import fire, holds
from desktop.core.rules.model import Env, Fired, Ruleset
from desktop.core.rules.results import StatusResult


def evaluate_status(rs: Ruleset, latest: int | None, env: Env | None) -> StatusResult:
    """`latest` is the index of L and `env` its values (with the configuration); None when A is empty."""
    if latest is None or env is None:
        # ST-0 (prose, rules.md 4): no valid interview, so he is treated as a POW
        st0 = rs.rule("ST-0")
        entry = Fired(rule=st0, outcome=st0.outcome or "NOT_EVALUATED", inputs_used=(), interview=None)
        return StatusResult(result=entry.outcome, grounds=(), flags=(), interview=None, fired=(entry,))
    fired: list[Fired] = []
    ids: list[str] = []
    for rule in rs.status:
        if rule.condition is None:  # ST-0 only
            continue
        if holds(rule, env, ids):
            ids.append(rule.id)
            fired.append(fire(rule, env, interview=latest))
    grounds = sorted({f.outcome for f in fired if f.rule.effect == "ground"})
    flags = sorted(f.outcome for f in fired if f.rule.effect == "flag")
    # rules.md 4: REFER if ST-7 fired, else PRESUMED_POW on an Art. 5 ground, else POW
    if any(f.rule.effect == "result" and f.outcome == "REFER" for f in fired):
        result = "REFER"
    elif "GC3_5_PRESUMPTION" in grounds:
        result = "PRESUMED_POW"
    else:
        result = "POW"
    return StatusResult(result=result, grounds=tuple(grounds), flags=tuple(flags), interview=latest,
                        fired=tuple(fired))
