"""Legal sign-off of each rule, kept beside the ruleset like the translators' review files.

forms/<form>/rules.signoff.json:
    {"format": "voluntas-rules-signoff/1", "ruleset": "<id>",
     "signoffs": {"<rule id>": {"sha256": ..., "reviewer": ..., "date": "YYYY-MM-DD", "note": ...}}}

A sign-off is valid only while the rule's content hash still matches: a changed condition, outcome,
explanation or citation makes the rule unreviewed again, whoever signed it before (it "lapses").
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop.core.atomic import write_atomic
from desktop.core.errors import VoluntasError
from desktop.core.rules.model import Rule, Ruleset

FORMAT = "voluntas-rules-signoff/1"
FILE_NAME = "rules.signoff.json"

SIGNED_OFF, LAPSED, NONE = "signed_off", "lapsed", "none"


@dataclass(frozen=True)
class SignOff:
    sha256: str
    reviewer: str
    date: str  # YYYY-MM-DD
    note: str = ""


def rule_sha256(rs: Ruleset, rule: Rule) -> str:
    """The content a lawyer signs: condition, outcome (and what it does), explanation, citations."""
    outcome: dict[str, Any] = {
        "outcome": rule.outcome, "expression": rule.outcome_source, "effect": rule.effect, "flag": rule.flag,
        "destination": rule.destination, "conditions": list(rule.conditions),
    }
    if rule.id == rs.overlay.id:
        outcome["changes"] = [asdict(c) for c in rs.overlay_changes]
    content = {"id": rule.id, "condition": rule.source, "outcome": outcome, "explanation": rule.explanation,
               "citations": list(rule.citations)}
    data = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=list)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def signoff_path(rs: Ruleset) -> Path:
    return Path(rs.path).with_name(FILE_NAME)


def read_signoffs(path: Path) -> dict[str, SignOff]:
    """The sign-offs in `path`; an absent file means none. A damaged file is an error, never 'none'."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise VoluntasError("R020", file=str(path), reason=err.strerror or "cannot read") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise VoluntasError("R020", file=str(path), reason="not UTF-8 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("signoffs"), dict):
        raise VoluntasError("R020", file=str(path), reason=f"format is not {FORMAT}")
    out: dict[str, SignOff] = {}
    for rule_id, entry in doc["signoffs"].items():
        fields = ("sha256", "reviewer", "date")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in fields):
            raise VoluntasError("R020", file=str(path), reason=f"entry {rule_id} lacks sha256, reviewer or date")
        out[str(rule_id)] = SignOff(entry["sha256"], entry["reviewer"], entry["date"], str(entry.get("note", "")))
    return out


def state(rs: Ruleset, rule: Rule, signoffs: Mapping[str, SignOff]) -> str:
    found = signoffs.get(rule.id)
    if found is None:
        return NONE
    return SIGNED_OFF if found.sha256 == rule_sha256(rs, rule) else LAPSED


def states(rs: Ruleset, signoffs: Mapping[str, SignOff] | None = None) -> dict[str, str]:
    """Every rule's review state, in the order of the spec."""
    found = read_signoffs(signoff_path(rs)) if signoffs is None else signoffs
    return {rule.id: state(rs, rule, found) for rule in rs.all_rules()}


def sign(rs: Ruleset, rule_ids: Iterable[str], reviewer: str, note: str = "",
         today: datetime.date | None = None) -> list[str]:
    """Record a sign-off of each rule's current content; returns the ids signed. Written atomically."""
    if not reviewer.strip():
        raise VoluntasError("R022", field="reviewer")
    path = signoff_path(rs)
    found = read_signoffs(path)
    ids = list(dict.fromkeys(rule_ids))
    for rule_id in ids:
        try:
            rule = rs.rule(rule_id)
        except KeyError:
            raise VoluntasError("R021", rule=rule_id) from None
        found[rule_id] = SignOff(rule_sha256(rs, rule), reviewer.strip(),
                                 (today or datetime.date.today()).isoformat(), note.strip())
    order = [r.id for r in rs.all_rules()]
    ranked = sorted(found, key=lambda k: order.index(k) if k in order else len(order))
    doc = {"format": FORMAT, "ruleset": rs.id, "signoffs": {k: asdict(found[k]) for k in ranked}}
    write_atomic(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), mode=0o644)
    return ids


def signoff_summary(rs: Ruleset, fired_ids: Iterable[str]) -> dict[str, Any]:
    """`ruleset.review` of an evaluation: how many of the rules that fired lack a valid legal sign-off."""
    fired = list(dict.fromkeys(fired_ids))
    st = rs_states(rs)
    unreviewed = [rule_id for rule_id in fired if st.get(rule_id) != SIGNED_OFF]
    return {"fired": len(fired), "unreviewed": len(unreviewed), "unreviewed_rules": unreviewed}


_CACHE: dict[tuple[str, str, int, int], dict[str, str]] = {}


def rs_states(rs: Ruleset) -> dict[str, str]:
    """states() cached per ruleset and sign-off file version (the panel evaluates after every answer)."""
    path = signoff_path(rs)
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = (-1, -1)
    key = (rs.path, rs.sha256, *stamp)
    if key not in _CACHE:
        _CACHE.clear()
        try:
            _CACHE[key] = states(rs)
        except VoluntasError:  # a damaged file signs off nothing; `rules status` names the problem
            _CACHE[key] = states(rs, {})
    return _CACHE[key]
