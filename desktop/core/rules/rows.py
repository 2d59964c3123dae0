"""Reading the rows of a rules.yaml table into Rule objects, checking each condition against the form.

A condition must parse, be a condition (true/false) and name only known questions, calculations,
configuration keys and engine variables, with only codes of their lists (desktop.core.expr.syntax.check).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from desktop.core.expr import Expr, ExprError, VType, check, infer, parse, refs
from desktop.core.rules.model import Rule
from desktop.core.rules.problems import RuleProblem, render
from desktop.core.rules.yamlmap import Map

# Rules whose condition is prose, and so applied in Python (module in rules.yaml's implemented_in).
PROSE_RULES = frozenset({"ST-0", "WR-13", "WR-13b", "WR-14", "WR-15", "NR-9", "nr7_procedure"})

COMMON = ("id", "condition", "prose", "inputs", "implemented_in", "explanation", "citations", "verify")


class Rows:
    """Builds rules for one file, collecting problems instead of stopping at the first."""

    def __init__(self, file: str, types: Mapping[str, VType]) -> None:
        self.file = file
        self.types = types
        self.problems: list[RuleProblem] = []
        self.seen_ids: set[str] = set()

    def add(self, at: Any, code: str, /, **fields: Any) -> None:
        line = getattr(at, "line", 1)
        column = getattr(at, "column", 1)
        self.problems.append(RuleProblem(self.file, line, column, code, render(code, **fields)))

    def expr_problem(self, m: Map, rule_id: str, field: str, code: str, message: str,
                     column: int | None = None) -> None:
        line, col = m.where(field, column) if isinstance(m, Map) else (1, 1)
        self.problems.append(RuleProblem(self.file, line, col, code,
                                         render("R107", id=rule_id, field=field, message=message)))

    def get(self, m: Map, key: str, kind: type | tuple[type, ...], where: str, optional: bool = False) -> Any:
        if key not in m:
            if not optional:
                self.add(m, "R102", key=key, where=where)
            return None
        value = m[key]
        if value is None and optional:
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.add(m, "R103", field=f"{where}{key}", value=repr(value), expected=f"a {name}")
            return None
        return value

    def strings(self, m: Map, key: str, where: str) -> tuple[str, ...]:
        value = self.get(m, key, list, where)
        if value is None:
            return ()
        if not all(isinstance(v, str) for v in value):
            self.add(m, "R103", field=f"{where}{key}", value=repr(value), expected="a list of strings")
            return ()
        return tuple(value)

    def expression(self, m: Map, rule_id: str, field: str, text: str, known: Collection[str],
                   want: str | None = "bool") -> Expr | None:
        try:
            expr = parse(text)
        except ExprError as err:
            self.expr_problem(m, rule_id, field, err.code, err.message, err.column)
            return None
        for found in check(expr, self.types, allow_fired=True, known_rules=tuple(known), want=want):
            self.expr_problem(m, rule_id, field, found.code, found.message, found.column)
        return expr

    def rule(self, m: Any, table: str, known: Collection[str], extra: tuple[str, ...]) -> Rule | None:
        """One row; `known` holds the ids of the rows above (what fired() may name)."""
        if not isinstance(m, Map):
            self.add(m, "R103", field=table, value=repr(m), expected="a mapping (one rule)")
            return None
        rule_id = self.get(m, "id", str, f"{table}: ")
        if rule_id is None:
            return None
        where = f"rule {rule_id}: "
        for key in m:
            if key not in COMMON and key not in extra:
                self.add(m, "R101", key=key, where=f" in rule {rule_id}")
        if rule_id in self.seen_ids:
            self.add(m, "R105", id=rule_id)
        self.seen_ids.add(rule_id)
        condition: Expr | None = None
        inputs: tuple[str, ...] = ()
        if "prose" in m:
            source = self.get(m, "prose", str, where) or ""
            inputs = self.strings(m, "inputs", where) if "inputs" in m else ()
            self.get(m, "implemented_in", str, where)
            if rule_id not in PROSE_RULES:
                self.expr_problem(m, rule_id, "prose", "R107", "no code implements this prose condition; "
                                  "write it as a condition")
        else:
            source = self.get(m, "condition", str, where) or ""
            if source:
                condition = self.expression(m, rule_id, "condition", source, known)
        outcome_expr = None
        text = ""
        if "outcome_expression" in m:
            text = self.get(m, "outcome_expression", str, where) or ""
            outcome_expr = self.expression(m, rule_id, "outcome_expression", text, known, want=None)
        refs_all = [*(refs(condition) if condition is not None else []),
                    *(refs(outcome_expr) if outcome_expr is not None else [])]
        outcome = self.get(m, "outcome", str, where, optional=True) if "outcome" in m else None
        citations = self.strings(m, "citations", where)
        return Rule(
            id=rule_id, table=table, source=source, condition=condition, outcome=outcome,
            explanation=self.get(m, "explanation", str, where) or "", citations=citations,
            verify=bool(self.get(m, "verify", bool, where)), line=m.line,
            refs=tuple(dict.fromkeys(refs_all)), outcome_expr=outcome_expr, inputs=inputs, outcome_source=text,
            effect=self.get(m, "effect", str, where, optional=True) if "effect" in extra else None,
            flag=self.get(m, "flag", str, where, optional=True) if "flag" in extra else None,
            destination=self.get(m, "destination", str, where) if "destination" in extra else None,
            conditions=self.strings(m, "conditions", where) if "conditions" in extra else (),
        )

    def table(self, rows: Any, table: str, extra: tuple[str, ...], where: Any) -> list[Rule]:
        if not isinstance(rows, list):
            self.add(where, "R103", field=f"{table}.rules", value=repr(rows), expected="a list of rules")
            return []
        out: list[Rule] = []
        for m in rows:
            rule = self.rule(m, table, [r.id for r in out], extra)
            if rule is not None:
                out.append(rule)
        return out

    def codes(self, rule: Rule, m: Any, field: str, value: str | None, allowed: Collection[str]) -> None:
        if value is not None and value not in allowed:
            self.add(rule if rule.line else m, "R104", field=f"rule {rule.id}: {field}", code=value,
                     allowed=", ".join(allowed))

    def outcome_type(self, rule: Rule, allowed: Collection[str]) -> None:
        """NR-3: the outcome expression must give one of the allowed results."""
        if rule.outcome_expr is None:
            return
        t = infer(rule.outcome_expr, self.types)
        if t.kind != "str" or t.codes is None or not t.codes <= set(allowed):
            self.add(rule, "R107", id=rule.id, field="outcome_expression",
                     message=f"must give one of {', '.join(allowed)}")
