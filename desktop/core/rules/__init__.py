"""Explainable evaluation (rules.md): POW status, wish reliability, non-refoulement risk, options.

Rules are data (forms/<form>/rules.yaml); this package loads them, applies them to a case and explains
the result. Every result carries the rules that fired with the inputs used, the explanation and the
citations. Decision support for legal advisers, never a legal determination.

Public API:
    shipped_ruleset(form_id="pow_interview") -> Ruleset
    load_ruleset(path, form=None) -> Ruleset                      raises RulesetError
    read_case(path, name=None) -> CaseFile                        raises VoluntasError (exit 2)
    parse_case(doc, file) -> CaseFile                             raises VoluntasError (exit 2)
    evaluate_case(ruleset, case) -> Evaluation                    raises VoluntasError (exit 2)
    evaluate_file(path, ruleset=None) -> Evaluation
    evaluate_answers(interviews, config=None, case_id=None, ruleset=None, name="case") -> Evaluation
        interviews: [(interview_date "YYYY-MM-DD", answers {question id: JSON value}), ...] in order
    Evaluation.to_json() -> dict; Evaluation.dumps() -> str       case-format.md section 3
    report(evaluation, ruleset, translate=str, translate_data=None) -> str
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.core.casefile import CaseFile, CaseInterview, parse_case, read_case
from desktop.core.rules.engine import evaluate_case
from desktop.core.rules.explain import BANNER, report
from desktop.core.rules.loader import load_ruleset, shipped_ruleset
from desktop.core.rules.model import Fired, Rule, Ruleset
from desktop.core.rules.problems import RulesetError
from desktop.core.rules.results import (
    Evaluation,
    InterviewFacts,
    OptionsResult,
    RiskResult,
    StatusResult,
    WishInterview,
    WishResult,
)


def evaluate_file(path: str | Path, ruleset: Ruleset | None = None) -> Evaluation:
    """Read and evaluate a case file with `ruleset` (default: the shipped one)."""
    return evaluate_case(ruleset or shipped_ruleset(), read_case(path))


def evaluate_answers(interviews: Sequence[tuple[str, Mapping[str, Any]]], config: Mapping[str, Any] | None = None,
                     case_id: str | None = None, ruleset: Ruleset | None = None, name: str = "case") -> Evaluation:
    """Evaluate answers held elsewhere (the vault, the window) exactly as a case file would be."""
    doc = {"case_id": case_id, "config": dict(config or {}),
           "interviews": [{"interview_date": date, "answers": dict(answers)} for date, answers in interviews]}
    return evaluate_case(ruleset or shipped_ruleset(), parse_case(doc, name))


__all__ = [
    "BANNER", "CaseFile", "CaseInterview", "Evaluation", "Fired", "InterviewFacts", "OptionsResult",
    "RiskResult", "Rule", "Ruleset", "RulesetError", "StatusResult", "WishInterview", "WishResult",
    "evaluate_answers", "evaluate_case", "evaluate_file", "load_ruleset", "parse_case", "read_case", "report",
    "shipped_ruleset",
]
