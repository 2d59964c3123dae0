"""Static check of expressions: unknown ids and codes, type errors, misuse of fired().

Runs when a form or ruleset is loaded, so no interview can reach an expression that would fail.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from desktop.core.expr.codes import render
from desktop.core.expr.nodes import ANY, And, Call, Compare, Expr, ExprProblem, Lit, Or, Ref, VType

BOOL = VType("bool")
INT = VType("int")
DATE = VType("date")


class _Checker:
    def __init__(self, types: Mapping[str, VType], allow_fired: bool, known_rules: Collection[str]) -> None:
        self.types = types
        self.allow_fired = allow_fired
        self.known_rules = known_rules
        self.problems: list[ExprProblem] = []

    def add(self, pcode: str, column: int | None, /, **fields: object) -> None:
        self.problems.append(ExprProblem(pcode, render(pcode, **fields), column))

    def type_of(self, e: Expr) -> VType:
        if isinstance(e, Ref):
            if e.name not in self.types:
                self.add("E201", e.column, name=e.name)
                return ANY
            return self.types[e.name]
        if isinstance(e, Lit):
            if isinstance(e.value, bool):
                return BOOL
            if isinstance(e.value, int):
                return INT
            return VType("str", frozenset({e.value}))
        if isinstance(e, (And, Or)):
            for item in e.items:
                self.cond(item)
            return BOOL
        if isinstance(e, Compare):
            return self.compare(e)
        return self.call(e)

    def cond(self, e: Expr) -> None:
        t = self.type_of(e)
        if t.kind not in ("bool", "null"):
            self.add("E206", e.column, kind=str(t))

    def compare(self, e: Compare) -> VType:
        lt, rt = self.type_of(e.left), self.type_of(e.right)
        for side, t in ((e.left, lt), (e.right, rt)):
            if t.kind == "list":
                name = f"${{{side.name}}}" if isinstance(side, Ref) else "value"
                self.add("E203", e.column, name=name)
                return BOOL
        if "null" in (lt.kind, rt.kind):
            return BOOL
        if lt.kind != rt.kind:
            self.add("E204", e.column, left=str(lt), right=str(rt))
            return BOOL
        if e.op not in ("=", "!=") and lt.kind in ("str", "bool"):
            self.add("E205", e.column, op=e.op, kind=str(lt))
        self.code_check(e.left, lt, e.right, rt)
        self.code_check(e.right, rt, e.left, lt)
        return BOOL

    def code_check(self, lit: Expr, lit_t: VType, other: Expr, other_t: VType) -> None:
        if not (isinstance(lit, Lit) and isinstance(lit.value, str) and not isinstance(other, Lit)):
            return
        if other_t.codes is not None and lit.value not in other_t.codes:
            name = f"${{{other.name}}}" if isinstance(other, Ref) else "the other operand"
            self.add("E202", lit.column, code=lit.value, name=name)

    def arg(self, e: Call, index: int, expected: str, *kinds: str) -> VType:
        t = self.type_of(e.args[index - 1])
        if t.kind != "null" and t.kind not in kinds:
            self.add("E207", e.args[index - 1].column, index=index, name=e.name, expected=expected, kind=str(t))
        return t

    def call(self, e: Call) -> VType:
        name = e.name
        if name == "not":
            self.cond(e.args[0])
            return BOOL
        if name == "today":
            return DATE
        if name in ("days", "years"):
            self.arg(e, 1, "a date", "date")
            self.arg(e, 2, "a date", "date")
            return INT
        if name == "count-selected":
            self.arg(e, 1, "a list", "list")
            return INT
        if name == "selected":
            lst = self.arg(e, 1, "a list", "list")
            self.arg(e, 2, "a string", "str")
            code = e.args[1]
            if isinstance(code, Lit) and isinstance(code.value, str) and lst.codes is not None \
                    and code.value not in lst.codes:
                first = e.args[0]
                where = f"${{{first.name}}}" if isinstance(first, Ref) else "the list"
                self.add("E202", code.column, code=code.value, name=where)
            return BOOL
        if name == "if":
            self.cond(e.args[0])
            x, y = self.type_of(e.args[1]), self.type_of(e.args[2])
            return self.join(e, x, y)
        return self.fired(e)

    def join(self, e: Call, x: VType, y: VType) -> VType:
        if x.kind == "null":
            return y
        if y.kind == "null":
            return x
        if x.kind != y.kind:
            self.add("E210", e.column, left=str(x), right=str(y))
            return ANY
        codes = x.codes | y.codes if x.codes is not None and y.codes is not None else None
        return VType(x.kind, codes)

    def fired(self, e: Call) -> VType:
        if not self.allow_fired:
            self.add("E208", e.column)
            return BOOL
        rule = e.args[0]
        if not (isinstance(rule, Lit) and isinstance(rule.value, str)):
            self.add("E207", rule.column, index=1, name="fired", expected="a quoted rule id",
                     kind=str(self.type_of(rule)))
        elif rule.value not in self.known_rules:
            self.add("E209", rule.column, rule=rule.value)
        return BOOL


def infer(expr: Expr, types: Mapping[str, VType]) -> VType:
    """The static type of `expr` (kind "null" where it cannot be known)."""
    t = _Checker(types, True, ()).type_of(expr)
    if t.kind == "str" and t.codes is not None and isinstance(expr, Lit):
        return VType("str")
    return t


def check(expr: Expr, types: Mapping[str, VType], *, allow_fired: bool = False,
          known_rules: Collection[str] = (), want: str | None = None) -> list[ExprProblem]:
    """Every static problem of `expr`; `want`="bool" also requires a condition at the top."""
    checker = _Checker(types, allow_fired, known_rules)
    if want == "bool":
        checker.cond(expr)
    else:
        checker.type_of(expr)
    return checker.problems
