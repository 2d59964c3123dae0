"""Evaluation of expression ASTs with the null semantics of protocol.md section 2 (no eval())."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping

from desktop.core.expr.nodes import And, Call, Compare, Expr, ExprError, Lit, Or, Ref, Value


class _Eval:
    def __init__(self, env: Mapping[str, Value], fired: Callable[[str], bool] | None,
                 today: datetime.date | None) -> None:
        self.env, self.fired, self.today = env, fired, today

    def value(self, e: Expr) -> Value:
        if isinstance(e, Lit):
            return e.value
        if isinstance(e, Ref):
            if e.name not in self.env:
                raise ExprError("E201", e.column, name=e.name)
            return self.env[e.name]
        if isinstance(e, And):
            return all(self.cond(i) for i in e.items)
        if isinstance(e, Or):
            return any(self.cond(i) for i in e.items)
        if isinstance(e, Compare):
            return _compare(e, self.value(e.left), self.value(e.right))
        return self.call(e)

    def cond(self, e: Expr) -> bool:
        v = self.value(e)
        if v is None or isinstance(v, bool):
            return v is True
        raise ExprError("E206", e.column, kind=_kind(v))

    def call(self, e: Call) -> Value:
        name, args = e.name, e.args
        if name == "not":
            return not self.cond(args[0])
        if name == "if":
            return self.value(args[1]) if self.cond(args[0]) else self.value(args[2])
        if name == "today":
            return self.today or datetime.date.today()
        if name == "fired":
            rule = self.value(args[0])
            if self.fired is None or not isinstance(rule, str):
                raise ExprError("E208", e.column)
            return bool(self.fired(rule))
        vals = [self.value(a) for a in args]
        if name == "selected":
            lst, code = vals
            if lst is None:
                return False
            _need(e, 1, lst, tuple, "a list")
            assert isinstance(lst, tuple)
            return code in lst
        if name == "count-selected":
            if vals[0] is None:
                return 0
            _need(e, 1, vals[0], tuple, "a list")
            return len(vals[0])  # type: ignore[arg-type]
        a, b = vals
        if a is None or b is None:
            return None
        _need(e, 1, a, datetime.date, "a date")
        _need(e, 2, b, datetime.date, "a date")
        assert isinstance(a, datetime.date) and isinstance(b, datetime.date)
        if name == "days":
            return (b - a).days
        return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def _kind(v: Value) -> str:
    if isinstance(v, bool):
        return "a condition"
    if isinstance(v, int):
        return "an integer"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, datetime.date):
        return "a date"
    return "a list"


def _need(e: Call, index: int, v: Value, typ: type, expected: str) -> None:
    if not isinstance(v, typ) or (typ is datetime.date and isinstance(v, datetime.datetime)):
        raise ExprError("E207", e.column, index=index, name=e.name, expected=expected, kind=_kind(v))


def _compare(e: Compare, a: Value, b: Value) -> bool:
    if a is None or b is None:
        return False
    if isinstance(a, tuple) or isinstance(b, tuple):
        raise ExprError("E203", e.column, name="value")
    if type(a) is not type(b):
        raise ExprError("E204", e.column, left=_kind(a), right=_kind(b))
    op = e.op
    if op == "=":
        return a == b
    if op == "!=":
        return a != b
    if isinstance(a, (bool, str)):
        raise ExprError("E205", e.column, op=op, kind=_kind(a))
    assert isinstance(a, (int, datetime.date)) and isinstance(b, (int, datetime.date))
    if op == "<":
        return a < b  # type: ignore[operator]
    if op == "<=":
        return a <= b  # type: ignore[operator]
    if op == ">":
        return a > b  # type: ignore[operator]
    return a >= b  # type: ignore[operator]


def evaluate(expr: Expr, env: Mapping[str, Value], fired: Callable[[str], bool] | None = None,
             today: datetime.date | None = None) -> Value:
    """The value of `expr` with ${id} taken from `env`. Raises ExprError on a type error at run time."""
    return _Eval(env, fired, today).value(expr)
