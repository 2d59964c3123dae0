"""Form expressions in plain English words, for translators and reviewers (review sheet, preview).

    plain(form, expr) -> str    e.g. `set_interp ("Is an interpreter used?") is "Yes"`

A question is named by its English label and id; a code by its choice label. Nothing here evaluates.
"""

from __future__ import annotations

from desktop.core.expr.nodes import And, Call, Compare, Expr, Lit, Or, Ref
from desktop.core.forms.model import Form

OPS = {"=": "is", "!=": "is not", "<": "is less than", "<=": "is at most", ">": "is more than",
       ">=": "is at least"}


def question(form: Form, qid: str) -> str:
    q = form.questions.get(qid)
    return f'{qid} ("{q.label}")' if q is not None else qid


def _code(form: Form, ref: Expr | None, code: str) -> str:
    """A code as its choice label when the other side of the comparison is a coded question."""
    if isinstance(ref, Ref) and ref.name in form.questions:
        choices = form.choices(ref.name)
        if choices is not None:
            for c in choices.choices:
                if c.code == code:
                    return f'"{c.label}"'
    return f'"{code}"'


def _lit(form: Form, lit: Lit, other: Expr | None) -> str:
    if isinstance(lit.value, bool):
        return "true" if lit.value else "false"
    if isinstance(lit.value, int):
        return str(lit.value)
    return _code(form, other, lit.value)


def _part(form: Form, e: Expr, other: Expr | None = None, top: bool = False) -> str:
    if isinstance(e, Ref):
        return question(form, e.name)
    if isinstance(e, Lit):
        return _lit(form, e, other)
    if isinstance(e, Compare):
        return f"{_part(form, e.left, e.right)} {OPS.get(e.op, e.op)} {_part(form, e.right, e.left)}"
    if isinstance(e, (And, Or)):
        word = " and " if isinstance(e, And) else " or "
        text = word.join(_part(form, i) for i in e.items)
        return text if top else f"({text})"
    return _call(form, e)


def _call(form: Form, e: Call) -> str:
    a = e.args
    if e.name == "not" and a:
        return f"not {_part(form, a[0])}" if isinstance(a[0], (And, Or)) else f"not ({_part(form, a[0], top=True)})"
    if e.name == "selected" and len(a) == 2:
        return f"{_part(form, a[0])} includes {_part(form, a[1], a[0])}"
    if e.name == "count-selected" and a:
        return f"the number of answers ticked at {_part(form, a[0])}"
    if e.name in ("days", "years") and len(a) == 2:
        return f"{e.name} from {_part(form, a[0])} to {_part(form, a[1])}"
    if e.name == "today":
        return "today"
    if e.name == "if" and len(a) == 3:
        return f"(if {_part(form, a[0], top=True)} then {_part(form, a[1])}, else {_part(form, a[2])})"
    if e.name == "fired" and a:
        return f"rule {_part(form, a[0])} applies"
    return f"{e.name}({', '.join(_part(form, x) for x in a)})"


def plain(form: Form, expr: Expr | None) -> str:
    """The expression in words; a bare yes/no reference reads "... is true"."""
    if expr is None:
        return ""
    if isinstance(expr, Ref):
        return f"{question(form, expr.name)} is true"
    return _part(form, expr, top=True)
