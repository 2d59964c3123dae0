"""The tables of rules.yaml: each read with its own columns and checked against its own codes."""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop.core.expr.nodes import Lit
from desktop.core.rules.model import DESTINATIONS, OPTIONS, OverlayChange, Rule
from desktop.core.rules.rows import Rows
from desktop.core.rules.yamlmap import Map

# Rows the engine refers to by id; each must be declared (rules.md sections 4 to 7).
REQUIRED = {
    "status": ("ST-0",),
    "wish_interview": ("WR-0", "WR-13", "WR-13b"),
    "wish_case": ("WR-14", "WR-15"),
    "factors": tuple(f"F{i}" for i in range(1, 8)),
    "risk": ("NR-1", "NR-2", "NR-3", "NR-4", "NR-5", "NR-6", "NR-7", "NR-8", "NR-9"),
}
STATUS_EFFECTS = ("result", "ground", "flag", "finding")


def _strings(rows: Rows, m: Any, key: str, where: str) -> tuple[str, ...]:
    return rows.strings(m, key, where) if isinstance(m, Map) else ()


def check_tables(rows: Rows, tables: Map) -> dict[str, Any]:
    """Every field of Ruleset that comes from `tables`."""
    out: dict[str, Any] = {}
    status_m, wish_m, case_m = tables["status"], tables["wish_interview"], tables["wish_case"]
    out["status"] = _status(rows, status_m)
    precedence = _strings(rows, wish_m, "precedence", "wish_interview: ")
    flags = _strings(rows, wish_m, "flags", "wish_interview: ")
    out["precedence"] = precedence
    for key, m in (("wish_interview", wish_m), ("wish_case", case_m)):
        found = rows.table(m.get("rules") if isinstance(m, Map) else None, key, ("outcome", "flag"), m)
        for rule in found:
            rows.codes(rule, m, "outcome", rule.outcome, precedence)
            rows.codes(rule, m, "flag", rule.flag, flags)
        out[key] = tuple(found)
    out["factors"] = _factors(rows, tables["factors"])
    out["risk"] = _risk(rows, tables["risk"])
    out.update(_options(rows, tables["options"]))
    for table, ids in REQUIRED.items():
        have = {r.id for r in out[table]}
        for rule_id in ids:
            if rule_id not in have:
                rows.add(tables, "R108", id=rule_id)
    return out


def _status(rows: Rows, m: Any) -> tuple[Rule, ...]:
    codes = {k: _strings(rows, m, k, "status: ") for k in ("results", "grounds", "flags", "findings")}
    found = rows.table(m.get("rules") if isinstance(m, Map) else None, "status", ("outcome", "effect"), m)
    allowed = {"result": codes["results"], "ground": codes["grounds"], "flag": codes["flags"],
               "finding": codes["findings"]}
    for rule in found:
        rows.codes(rule, m, "effect", rule.effect, STATUS_EFFECTS)
        if rule.effect in allowed:
            rows.codes(rule, m, "outcome", rule.outcome, allowed[rule.effect])
    return tuple(found)


def _factors(rows: Rows, m: Any) -> tuple[Rule, ...]:
    out: list[Rule] = []
    for row in m.get("rules", []) if isinstance(m, Map) else []:
        if not isinstance(row, Map):
            continue
        rule_id = rows.get(row, "id", str, "factors: ") or "?"
        where = f"factor {rule_id}: "
        text = rows.get(row, "condition", str, where) or ""
        expr = rows.expression(row, rule_id, "condition", text, ())
        variable = rows.get(row, "variable", str, where)
        rows.codes(Rule(rule_id, "factors", "", None, None, "", (), False, row.line), row, "variable",
                   variable, [f"ev_f{i}" for i in range(1, 8)])
        scope = rows.get(row, "scope", str, where)
        rows.codes(Rule(rule_id, "factors", "", None, None, "", (), False, row.line), row, "scope",
                   scope, ("caseload", "any_valid_interview"))
        out.append(Rule(id=rule_id, table="factors", source=text, condition=expr, outcome=variable,
                        explanation=rows.get(row, "meaning", str, where) or "", citations=(), verify=False,
                        line=row.line, effect=scope))
    return tuple(out)


def _risk(rows: Rows, m: Any) -> tuple[Rule, ...]:
    results = _strings(rows, m, "results", "risk: ")
    flags = _strings(rows, m, "flags", "risk: ")
    found = rows.table(m.get("rules") if isinstance(m, Map) else None, "risk",
                       ("outcome", "outcome_expression", "effect", "destination"), m)
    for rule in found:
        rows.codes(rule, m, "destination", rule.destination, (*DESTINATIONS, "overridden"))
        rows.codes(rule, m, "effect", rule.effect, ("result", "flag", "note"))
        if rule.effect == "result" and rule.id != "NR-9":
            rows.codes(rule, m, "outcome", rule.outcome, results)
            rows.outcome_type(rule, results)
        elif rule.effect == "flag":
            rows.codes(rule, m, "outcome", rule.outcome, flags)
    return tuple(found)


def _options(rows: Rows, m: Any) -> dict[str, Any]:
    if not isinstance(m, Map):
        rows.add(m, "R102", key="options", where=" in tables")
        return {"options": {}, "overlay": None, "overlay_changes": (), "optional_conditions": {},
                "condition_labels": {}, "option_titles": {}}
    results = _strings(rows, m, "results", "options: ")
    labels = {k: str(v) for k, v in (m.get("condition_codes") or {}).items()}
    optional: dict[str, Rule] = {}
    for code, spec in (m.get("optional_conditions") or {}).items():
        rule = rows.rule(Map({"id": code, **spec, "explanation": "", "citations": [], "verify": False})
                         if isinstance(spec, Map) else spec, "options", (), ())
        if rule is not None:
            optional[code] = rule
    options: dict[str, tuple[Rule, ...]] = {}
    titles: dict[str, str] = {}
    raw = m.get("options")
    for option in OPTIONS:
        om = raw.get(option) if isinstance(raw, Map) else None
        if not isinstance(om, Map):
            rows.add(m, "R102", key=option, where=" in options")
            continue
        titles[option] = str(om.get("title", ""))
        found = rows.table(om.get("rules"), "options", ("outcome", "conditions"), om)
        options[option] = tuple(dataclasses.replace(r, option=option) for r in found)
        for rule in found:
            rows.codes(rule, om, "outcome", rule.outcome, results)
            for code in rule.conditions:
                bare = code.strip("[]")
                rows.codes(rule, om, "conditions", bare, labels)
                if code.startswith("[") and bare not in optional:
                    rows.codes(rule, om, "conditions", code, optional)
        if not found or found[-1].condition != Lit(True, 1):
            rows.add(om, "R107", id=option, field="rules", message="the last row must have the condition true")
    overlay = rows.table(m.get("overlay"), "options", ("outcome", "changes"), m)
    changes = _overlay_changes(rows, m.get("overlay"), results, labels)
    if len(overlay) != 1 or overlay[0].id != "DM-5":
        rows.add(m, "R108", id="DM-5")
    return {"options": options, "overlay": overlay[0] if overlay else None, "overlay_changes": tuple(changes),
            "optional_conditions": optional, "condition_labels": labels, "option_titles": titles}


def _overlay_changes(rows: Rows, raw: Any, results: tuple[str, ...], labels: dict[str, str]) -> tuple[
        OverlayChange, ...]:
    first = raw[0] if isinstance(raw, list) and raw and isinstance(raw[0], Map) else Map()
    out = []
    for item in first.get("changes") or []:
        if not isinstance(item, Map):
            continue
        change = OverlayChange(options=_strings(rows, item, "options", "DM-5: "),
                               when=_strings(rows, item, "when", "DM-5: "), result=str(item.get("result")),
                               conditions=_strings(rows, item, "conditions", "DM-5: "))
        probe = Rule("DM-5", "options", "", None, None, "", (), False, item.line)
        for option in change.options:
            rows.codes(probe, item, "changes.options", option, OPTIONS)
        for code in (*change.when, change.result):
            rows.codes(probe, item, "changes", code, results)
        for code in change.conditions:
            rows.codes(probe, item, "changes.conditions", code, labels)
        out.append(change)
    return tuple(out)
