"""The syntax of the expression language (protocol.md section 2): parse (lark, LALR) into an AST, and the ids
an expression refers to."""

from __future__ import annotations

from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from desktop.core.expr.nodes import (
    ARITY,
    And,
    Call,
    Compare,
    Expr,
    ExprError,
    Lit,
    Or,
    Ref,
)

MAX_LENGTH = 20000
MAX_DEPTH = 40

_GRAMMAR = r"""
// protocol.md section 2. Comparisons take one operator at most, so they cannot chain.
start: or_expr
or_expr: and_expr (_OR and_expr)*
and_expr: cmp_expr (_AND cmp_expr)*
cmp_expr: primary (CMP_OP primary)?
?primary: REF -> ref
        | STRING -> string
        | INT -> integer
        | TRUE -> true
        | FALSE -> false
        | FNAME _LPAR [or_expr (_COMMA or_expr)*] _RPAR -> call
        | FNAME -> bare
        | _LPAR or_expr _RPAR -> group

_OR: "or"
_AND: "and"
TRUE: "true"
FALSE: "false"
CMP_OP: "<=" | ">=" | "!=" | "=" | "<" | ">"
REF: /\$\{[a-z][a-z0-9_]*\}/
STRING: /'[^']*'/
INT: /[0-9]+/
FNAME: /[a-z][a-z0-9_]*(-[a-z0-9_]+)*/
_LPAR: "("
_RPAR: ")"
_COMMA: ","

%ignore /[ \t\r\n]+/
"""


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(_GRAMMAR, parser="lalr", propagate_positions=True, maybe_placeholders=False)


def parse(text: str) -> Expr:
    """Parse `text`; raise ExprError (code E1xx, 1-based column) on any syntax error."""
    if not text.strip():
        raise ExprError("E109", 1)
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth > MAX_DEPTH:
            raise ExprError("E108", None, limit=f"{MAX_DEPTH} levels")
    if len(text) > MAX_LENGTH:
        raise ExprError("E108", None, limit=f"{MAX_LENGTH} characters")
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as err:
        raise _syntax_error(err, text) from None
    return _build(tree.children[0])


def _syntax_error(err: UnexpectedInput, text: str) -> ExprError:
    col = getattr(err, "column", None)
    col = col if isinstance(col, int) and col > 0 else None
    if isinstance(err, UnexpectedCharacters):
        pos = err.pos_in_stream if isinstance(err.pos_in_stream, int) else -1
        ch = text[pos] if 0 <= pos < len(text) else ""
        if ch == "'":
            return ExprError("E103", col)
        if ch == "$":
            return ExprError("E104", col)
        return ExprError("E101", col, what=f"character {ch!r}")
    if isinstance(err, UnexpectedEOF):
        return ExprError("E110", len(text))
    if isinstance(err, UnexpectedToken):
        tok = err.token
        if tok.type == "$END":
            return ExprError("E110", len(text))
        if tok.type == "CMP_OP":
            before = text[: tok.start_pos or 0].rstrip()
            if before and before[-1] in "=<>!":  # '==' or '= <' is a typo, not a chain
                return ExprError("E101", col, what=repr(str(tok)))
            return ExprError("E102", col)
        return ExprError("E101", col, what=repr(str(tok)))
    return ExprError("E101", col, what="input")


def _col(node: Tree[Token] | Token) -> int:
    if isinstance(node, Token):
        return node.column or 1
    return getattr(node.meta, "column", 1) or 1


def _build(node: Tree[Token] | Token) -> Expr:
    assert isinstance(node, Tree)
    kind, kids = node.data, node.children
    if kind in ("or_expr", "and_expr"):
        items = tuple(_build(k) for k in kids)
        if len(items) == 1:
            return items[0]
        return Or(items, _col(node)) if kind == "or_expr" else And(items, _col(node))
    if kind == "cmp_expr":
        if len(kids) == 1:
            return _build(kids[0])
        op = kids[1]
        assert isinstance(op, Token)
        return Compare(str(op), _build(kids[0]), _build(kids[2]), op.column or 1)
    if kind == "group":
        return _build(kids[0])
    tok = kids[0]
    assert isinstance(tok, Token)
    col = tok.column or 1
    if kind == "ref":
        return Ref(str(tok)[2:-1], col)
    if kind == "string":
        return Lit(str(tok)[1:-1], col)
    if kind == "integer":
        return Lit(int(str(tok)), col)
    if kind in ("true", "false"):
        return Lit(kind == "true", col)
    name = str(tok)
    if kind == "bare":
        if name in ARITY:
            raise ExprError("E107", col, name=name, expected=ARITY[name], got="no parentheses")
        raise ExprError("E106", col, name=name)
    if name not in ARITY:
        raise ExprError("E105", col, name=name)
    args = tuple(_build(k) for k in kids[1:])
    if len(args) != ARITY[name]:
        raise ExprError("E107", col, name=name, expected=ARITY[name], got=len(args))
    return Call(name, args, col)


def _walk(expr: Expr) -> list[Expr]:
    out: list[Expr] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        out.append(node)
        if isinstance(node, Compare):
            stack.extend((node.right, node.left))
        elif isinstance(node, (And, Or)):
            stack.extend(reversed(node.items))
        elif isinstance(node, Call):
            stack.extend(reversed(node.args))
    return out


def refs(expr: Expr) -> list[str]:
    """The ${ids} of `expr`, in order of first appearance, each once."""
    return list(dict.fromkeys(n.name for n in _walk(expr) if isinstance(n, Ref)))


def fired_refs(expr: Expr) -> list[str]:
    """Rule ids named in fired('ID'), in order of first appearance, each once."""
    out = [n.args[0].value for n in _walk(expr)
           if isinstance(n, Call) and n.name == "fired" and isinstance(n.args[0], Lit)]
    return list(dict.fromkeys(str(v) for v in out))
