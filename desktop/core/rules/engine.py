"""The evaluation pipeline (rules.md section 1): normalise, status, wish, engine variables, risk, options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.casefile import CaseFile, CaseInterview, bad
from desktop.core.forms.answers import AnswerError, check_constraints, resolve
from desktop.core.rules.aggregate import wish_for_case
from desktop.core.rules.config import effective_config
from desktop.core.rules.model import Env, Ruleset
from desktop.core.rules.options import evaluate_options
from desktop.core.rules.results import Evaluation, InterviewFacts
from desktop.core.rules.risk import evaluate_risk, factors
from desktop.core.rules.signoff import signoff_summary
from desktop.core.rules.status import evaluate_status
from desktop.core.rules.wish import wish_for_interview

READY = ("RELIABLE_PROVISIONAL", "RELIABLE_CONFIRMED")
SERIOUS = ("serious", "serious_lasting")


@dataclass(frozen=True)
class Normalised:
    facts: InterviewFacts
    env: Env  # settled values plus the configuration, and the answers as stored


def normalise(rs: Ruleset, iv: CaseInterview, config: Mapping[str, Any], file: str) -> Normalised:
    """Step 1: check the answers against the form, settle relevance and calculations, apply the gates."""
    where = f"interview {iv.index}"
    try:
        # resolve checks ids, types and codes first; constraints hold on the settled values
        res = resolve(rs.form, iv.answers, config, iv.interview_date, where=where)
        check_constraints(rs.form, res, where)
    except AnswerError as err:
        raise bad(file, err.where, err.problem, err.code) from None
    values: dict[str, Any] = dict(res.values)
    values.update((k, v) for k, v in config.items() if k in rs.types)
    facts = InterviewFacts(index=iv.index, interview_date=iv.interview_date, valid=bool(res.valid),
                           mr_reason=res.mr_reason, missing=tuple(sorted(res.missing)),
                           warnings=tuple((qid, code) for qid, code in res.warnings))
    return Normalised(facts=facts, env=Env(values, res.stored, rs.answer_ids))


def evaluate_case(rs: Ruleset, case: CaseFile) -> Evaluation:
    """Evaluate a frame-checked case file. Raises VoluntasError (exit 2) on invalid input."""
    config = effective_config(rs.config, case.config, case.file)
    runs = [normalise(rs, iv, config, case.file) for iv in case.interviews]
    valid = [r for r in runs if r.facts.valid]
    latest = valid[-1] if valid else None
    status = evaluate_status(rs, latest.facts.index if latest else None, latest.env if latest else None)
    per = [wish_for_interview(rs, r.facts.index, r.facts.interview_date, r.facts.valid, r.env) for r in runs]
    last = runs[-1]
    wish = wish_for_case(
        rs, per, [r.facts.index for r in valid], latest.env.stored if latest else None,
        last.facts.mr_reason, last.env.show("mr_reask"), int(config["cfg_confirm_gap"]),
    )
    values: dict[str, Any] = {k: v for k, v in config.items() if k in rs.types}
    lv = latest.env.values if latest else {}
    values.update({
        "ev_status": status.result,
        "ev_wish": wish.result,
        "ev_wish_ready": wish.result in READY,
        "ev_pref": lv.get("wsh_pref"),
        "ev_rok_intent": lv.get("wsh_rok_intent"),
        "ev_ua_asylum": lv.get("wsh_ua_asylum"),
        "ev_injury_serious": lv.get("cap_injury_sev") in SERIOUS,
    })
    values.update(factors(rs, [r.env for r in valid]))
    risk, risk_vars = evaluate_risk(rs, values, config.get("cfg_nr_override") or {}, latest is not None)
    values.update(risk_vars)
    options = evaluate_options(rs, values, any(f.rule.id == "NR-7" for f in risk.fired))
    flags = sorted({*status.flags, *wish.flags, *risk.flags})
    fired = [*status.fired, *wish.fired, *(f for w in wish.interviews for f in w.fired), *risk.fired,
             *options.fired]
    return Evaluation(
        case_id=case.case_id, ruleset=(rs.id, rs.version, rs.sha256), banner=rs.banner, config=config,
        interviews=tuple(r.facts for r in runs), status=status, wish=wish, risk=risk, options=options,
        flags=tuple(flags), review=signoff_summary(rs, (f.rule.id for f in fired)),
    )
