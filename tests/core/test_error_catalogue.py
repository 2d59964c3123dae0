"""One catalogue of coded errors: desktop.core.errors knows every code on its own (no module adds codes
when it is imported), every code raised in desktop/ is in it, every code in it is raised somewhere, and each
raise site passes exactly the {fields} of its template."""

from __future__ import annotations

import ast
import json
import re
import string
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "desktop"
CATALOGUE = "desktop/core/errors.py"
CODE = re.compile(r"[A-Z]\d{3}")
# The one raise site whose code is a variable: casefile.bad(), for C002 and the text-limit code C007 that
# an AnswerError carries (forms/values.py TEXT_LIMIT_CODE).
INDIRECT = {"desktop/core/casefile.py": {"C002", "C007"}}


def fresh_catalogue() -> tuple[dict[str, list[object]], list[str]]:
    code = ("import json, sys\nimport desktop.core.errors as e\n"
            "print(json.dumps([e.ERRORS, sorted(m for m in sys.modules if m.startswith('desktop'))]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    errors, modules = json.loads(proc.stdout)
    return errors, modules


CATALOGUE_ERRORS, LOADED = fresh_catalogue()


def sources() -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(ROOT).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(DESKTOP.rglob("*.py"))]


def fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def callee(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def raise_sites() -> list[tuple[str, int, ast.Call]]:
    return [(path, node.lineno, node) for path, tree in sources() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and callee(node) == "VoluntasError"]


def literal_code(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.fullmatch(node.value):
        return node.value
    return None


def codes_used() -> dict[str, set[str]]:
    """Code -> modules: raised with VoluntasError("X123"), compared with an error's .code, passed to bad() or
    AnswerError, or kept in a *_CODE constant."""
    used: dict[str, set[str]] = {}
    for path, tree in sources():
        for node in ast.walk(tree):
            found: list[ast.AST] = []
            if isinstance(node, ast.Call) and callee(node) == "VoluntasError" and node.args:
                found = [node.args[0]]
            elif isinstance(node, ast.Call) and callee(node) in ("bad", "AnswerError"):
                found = [*node.args, *(k.value for k in node.keywords)]
            elif isinstance(node, ast.Compare) and any(isinstance(x, ast.Attribute) and x.attr == "code"
                                                       for x in (node.left, *node.comparators)):
                for x in (node.left, *node.comparators):
                    found += list(x.elts) if isinstance(x, ast.Tuple | ast.Set | ast.List) else [x]
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.endswith("_CODE")
                                                      for t in node.targets):
                found = [node.value]
            for x in found:
                if (code := literal_code(x)) is not None:
                    used.setdefault(code, set()).add(path)
    return used


def test_the_catalogue_stands_alone() -> None:
    assert LOADED == ["desktop", "desktop.core", "desktop.core.errors"]
    assert {"V026", "C008", "F021", "R022", "D006", "S042"} <= set(CATALOGUE_ERRORS)  # every area's
    for code, (template, exit_code) in CATALOGUE_ERRORS.items():
        assert CODE.fullmatch(code) and isinstance(template, str) and isinstance(exit_code, int), code


def test_no_module_adds_to_the_catalogue() -> None:
    for path, tree in sources():
        if path == CATALOGUE:
            continue
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Name) and node.id == "ERRORS"), f"{path}:{node.lineno}"
            assert not (isinstance(node, ast.Attribute) and node.attr == "ERRORS"), f"{path}:{node.lineno}"


def test_every_code_used_is_in_the_catalogue_and_every_catalogued_code_is_used() -> None:
    used = codes_used()
    assert {c: sorted(m) for c, m in used.items() if c not in CATALOGUE_ERRORS} == {}
    assert sorted(set(CATALOGUE_ERRORS) - set(used)) == []


def test_only_known_sites_raise_a_code_held_in_a_variable() -> None:
    indirect = {path for path, _line, node in raise_sites() if not (node.args and literal_code(node.args[0]))}
    assert indirect == set(INDIRECT)


def test_each_raise_site_passes_the_fields_of_its_template() -> None:
    wrong = []
    for path, line, node in raise_sites():
        if any(k.arg is None for k in node.keywords):  # **fields: not visible here
            continue
        passed = {k.arg for k in node.keywords if k.arg}
        code = literal_code(node.args[0]) if node.args else None
        for c in [code] if code else sorted(INDIRECT.get(path, ())):
            if fields(CATALOGUE_ERRORS[c][0]) != passed:
                wrong.append(f"{path}:{line}: {c} passes {sorted(passed)}, "
                             f"the template has {sorted(fields(CATALOGUE_ERRORS[c][0]))}")
    assert wrong == []


def test_problem_codes_of_form_and_rules_files_are_not_error_codes() -> None:
    from desktop.core.forms.codes import TEMPLATES as FORM_PROBLEMS
    from desktop.core.rules.problems import TEMPLATES as RULE_PROBLEMS

    assert set(FORM_PROBLEMS) & set(CATALOGUE_ERRORS) == set()
    assert set(RULE_PROBLEMS) & set(CATALOGUE_ERRORS) == set()
