"""The expression language of protocol.md section 2, shared by forms and rules: parse (lark, LALR) into an
AST (syntax), check it statically (static), then evaluate it by walking the AST (evaluation; nothing calls
eval()). Null semantics follow the protocol exactly. Never imports Qt, forms or rules.
"""

from desktop.core.expr.evaluation import evaluate
from desktop.core.expr.nodes import Expr, ExprError, ExprProblem, Value, VType
from desktop.core.expr.static import check, infer
from desktop.core.expr.syntax import fired_refs, parse, refs

__all__ = ["Expr", "ExprError", "ExprProblem", "VType", "Value", "check", "evaluate", "fired_refs",
           "infer", "parse", "refs"]
