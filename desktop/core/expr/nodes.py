"""The expression AST, value types and expression errors (protocol.md section 2)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from desktop.core.expr.codes import render

Value = None | bool | int | str | datetime.date | tuple[str, ...]

KINDS = ("bool", "int", "str", "date", "list", "null")


@dataclass(frozen=True)
class VType:
    """The static type of a value. kind "null" means not known statically (matches anything).

    codes, when set, is the closed set of strings (kind str) or list items (kind list) allowed.
    """

    kind: str
    codes: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown value kind {self.kind!r}")

    def __str__(self) -> str:
        return {"bool": "a condition", "int": "an integer", "str": "a string", "date": "a date",
                "list": "a list", "null": "an unknown value"}[self.kind]


ANY = VType("null")


class ExprError(Exception):
    """A syntax error in an expression, or a failure while evaluating one."""

    def __init__(self, pcode: str, column: int | None = None, /, **fields: Any) -> None:
        code = pcode
        self.code = code
        self.column = column
        self.fields = fields
        self.message = render(code, **fields)
        super().__init__(f"{code} {self.message}" + (f" (column {column})" if column else ""))


@dataclass(frozen=True)
class ExprProblem:
    """A problem the static check found; column is 1-based within the expression text."""

    code: str
    message: str
    column: int | None

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


@dataclass(frozen=True)
class Ref:
    name: str
    column: int


@dataclass(frozen=True)
class Lit:
    value: bool | int | str
    column: int


@dataclass(frozen=True)
class Compare:
    op: str
    left: Expr
    right: Expr
    column: int


@dataclass(frozen=True)
class And:
    items: tuple[Expr, ...]
    column: int


@dataclass(frozen=True)
class Or:
    items: tuple[Expr, ...]
    column: int


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Expr, ...]
    column: int


Expr = Ref | Lit | Compare | And | Or | Call

ARITY: dict[str, int] = {
    "not": 1, "selected": 2, "count-selected": 1, "today": 0,
    "days": 2, "years": 2, "if": 3, "fired": 1,
}
