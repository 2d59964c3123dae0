"""The results of an evaluation (case-format.md section 3), as plain data with their JSON form."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.core.rules.model import JSON, Fired

FORMAT = "voluntas-evaluation/1"


@dataclass(frozen=True)
class InterviewFacts:
    """One interview after normalisation (rules.md section 1, step 1)."""

    index: int
    interview_date: datetime.date
    valid: bool
    mr_reason: str | None
    missing: tuple[str, ...]  # sorted ids
    warnings: tuple[tuple[str, str], ...]  # (id, code) in case-format.md 3.1 order

    def to_json(self) -> dict[str, JSON]:
        return {"index": self.index, "interview_date": self.interview_date.isoformat(), "valid": self.valid,
                "mr_reason": self.mr_reason, "missing_inputs": list(self.missing)}


@dataclass(frozen=True)
class StatusResult:
    result: str
    grounds: tuple[str, ...]
    flags: tuple[str, ...]
    interview: int | None
    fired: tuple[Fired, ...]


@dataclass(frozen=True)
class WishInterview:
    index: int
    interview_date: datetime.date
    result: str
    repeat_interview: bool
    pref: str | None
    fired: tuple[Fired, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True)
class WishResult:
    result: str
    repeat_interview: bool
    reasons: tuple[str, ...]
    flags: tuple[str, ...]
    current: Mapping[str, JSON] | None
    interviews: tuple[WishInterview, ...]
    fired: tuple[Fired, ...]


@dataclass(frozen=True)
class RiskResult:
    result: Mapping[str, str]  # destination -> REAL / POSSIBLE / NOT_SHOWN, in rules.md order
    basis: str
    factors: tuple[str, ...]
    flags: tuple[str, ...]
    fired: tuple[Fired, ...]
    legal_basis: tuple[str, ...]


@dataclass(frozen=True)
class OptionsResult:
    result: Mapping[str, str]
    conditions: Mapping[str, tuple[str, ...]]
    fired: tuple[Fired, ...]


@dataclass(frozen=True)
class Evaluation:
    case_id: str | None
    ruleset: tuple[str, str, str]  # id, version, sha256
    banner: str
    config: Mapping[str, Any]
    interviews: tuple[InterviewFacts, ...]
    status: StatusResult
    wish: WishResult
    risk: RiskResult
    options: OptionsResult
    flags: tuple[str, ...]
    # how many fired rules lack a valid legal sign-off: {"fired", "unreviewed", "unreviewed_rules"}
    review: Mapping[str, Any] = field(default_factory=dict)

    def missing(self, which: str) -> list[dict[str, JSON]]:
        """{"interview", "id"} pairs for the latest valid interview, every interview or every valid one."""
        chosen = {
            "latest": [i for i in self.interviews if i.index == self.status.interview],
            "all": list(self.interviews),
            "valid": [i for i in self.interviews if i.valid],
        }[which]
        return [{"interview": i.index, "id": qid} for i in chosen for qid in i.missing]

    def to_json(self) -> dict[str, JSON]:
        """The document `voluntas evaluate --json` prints, keys in case-format.md order."""
        st, wi, ri, op = self.status, self.wish, self.risk, self.options
        latest = self.missing("latest")
        return {
            "format": FORMAT,
            "case_id": self.case_id,
            "banner": self.banner,
            "ruleset": {"id": self.ruleset[0], "version": self.ruleset[1], "sha256": self.ruleset[2],
                        "review": dict(self.review)},
            "config": dict(self.config),
            "interviews": [i.to_json() for i in self.interviews],
            "status": {
                "set": "status", "result": st.result, "grounds": list(st.grounds), "flags": list(st.flags),
                "interview": st.interview, "fired": [f.to_json() for f in st.fired],
                "missing_inputs": latest, "needs_legal_review": True,
            },
            "wish": {
                "set": "wish", "result": wi.result, "repeat_interview": wi.repeat_interview,
                "reasons": list(wi.reasons), "flags": list(wi.flags),
                "current": dict(wi.current) if wi.current is not None else None,
                "interviews": [{
                    "index": w.index, "interview_date": w.interview_date.isoformat(), "result": w.result,
                    "repeat_interview": w.repeat_interview, "pref": w.pref,
                    "fired": [f.to_json() for f in w.fired],
                } for w in wi.interviews],
                "fired": [f.to_json() for f in wi.fired],
                "missing_inputs": self.missing("all"), "needs_legal_review": True,
            },
            "risk": {
                "set": "risk", "result": dict(ri.result), "basis": ri.basis, "factors": list(ri.factors),
                "flags": list(ri.flags), "fired": [f.to_json() for f in ri.fired],
                "legal_basis": list(ri.legal_basis), "missing_inputs": self.missing("valid"),
                "needs_legal_review": True,
            },
            "options": {
                "set": "options", "result": dict(op.result),
                "conditions": {k: list(v) for k, v in op.conditions.items()},
                "fired": [f.to_json() for f in op.fired], "missing_inputs": latest,
                "needs_legal_review": True,
            },
            "flags": list(self.flags),
            "warnings": [{"interview": i.index, "id": qid, "code": code}
                         for i in self.interviews for qid, code in i.warnings],
        }

    def dumps(self) -> str:
        """The JSON document as text: fixed key order, UTF-8 characters kept, a final newline."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
