"""House rules that a tool checks: the core runs without Qt; Python source stays ASCII."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_never_imports_pyside6() -> None:
    offenders = []
    for path in (ROOT / "desktop" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names
                          if n.split(".")[0] == "PySide6" or n.startswith("desktop.ui")]
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys\nimport desktop.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'desktop.core.'):\n    importlib.import_module(m.name)\n"
        "print('PySide6' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stdout.strip() == "False", proc.stderr


def test_python_source_is_ascii() -> None:
    offenders = []
    for folder in ("desktop", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            try:
                path.read_bytes().decode("ascii")
            except UnicodeDecodeError as err:
                offenders.append(f"{path.relative_to(ROOT)}: byte {err.start}")
    assert offenders == []


SQL_CALLS = {"execute", "executemany", "executescript", "cursor", "conn_or_raise", "transaction"}
SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|REPLACE|"
                       r"VACUUM|ATTACH|WITH)\b")
SQL_INSIDE = re.compile(r"\b(INSERT (OR \w+ )?INTO|DELETE FROM|SELECT\b.*\bFROM|UPDATE \w+ SET)\b", re.DOTALL)


def sql_outside_the_vault(root: Path) -> list[str]:
    """file:line of each database call or SQL text in desktop/ outside desktop/core/vault/."""
    vault = root / "desktop" / "core" / "vault"
    offenders: list[tuple[str, int, str]] = []
    for path in sorted((root / "desktop").rglob("*.py")):
        if path.is_relative_to(vault):
            continue
        where = path.relative_to(root)
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
                offenders.append((str(where), node.lineno, f".{node.func.attr}()"))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                    SQL_START.search(node.value) or SQL_INSIDE.search(node.value)):
                offenders.append((str(where), node.lineno, "SQL text"))
    return [f"{file}:{line}: {what}" for file, line, what in sorted(offenders)]


def test_sql_lives_only_in_the_vault() -> None:
    """One owner of the database: everything else calls the vault's named methods, never a connection."""
    offenders = sql_outside_the_vault(ROOT)
    assert not offenders, "database calls or SQL outside desktop/core/vault:\n" + "\n".join(offenders)


def test_the_sql_rule_sees_a_call_and_a_statement(tmp_path: Path) -> None:
    (tmp_path / "desktop" / "core" / "vault").mkdir(parents=True)
    (tmp_path / "desktop" / "core" / "vault" / "ok.py").write_text('c.execute("SELECT 1")\n', "utf-8")
    (tmp_path / "desktop" / "bad.py").write_text(
        'x = 1\nv.conn_or_raise().execute("DELETE FROM answers")\nq = f"INSERT OR REPLACE INTO t VALUES ({x})"\n'
        'label = "Delete the vault"\n', "utf-8")
    assert sql_outside_the_vault(tmp_path) == [
        "desktop/bad.py:2: .conn_or_raise()", "desktop/bad.py:2: .execute()", "desktop/bad.py:2: SQL text",
        "desktop/bad.py:3: SQL text"]


def test_the_kdf_profile_variable_is_read_in_one_place() -> None:
    """VOLUNTAS_KDF_PROFILE (the test suite's switch to the fast KDF) is read by one function of the core;
    elsewhere it may only be set (the demo)."""
    readers = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "get", "getenv", "pop", "__getitem__") and any(
                    isinstance(a, ast.Constant) and a.value == "VOLUNTAS_KDF_PROFILE" for a in node.args):
                readers.add(path.relative_to(ROOT).as_posix())
            elif (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
                  and isinstance(node.slice, ast.Constant) and node.slice.value == "VOLUNTAS_KDF_PROFILE"):
                readers.add(path.relative_to(ROOT).as_posix())
    assert readers == {"desktop/core/vault/keyfile.py"}


def test_the_windows_talk_to_a_typed_facade() -> None:
    """desktop/ui takes the facade (desktop.facade.Core, desktop.desk_app.DeskCore) with its type, never as Any,
    and never reaches past it into the vault's records."""
    offenders = []
    for path in (ROOT / "desktop" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if (isinstance(node, ast.arg) and node.arg == "core" and isinstance(node.annotation, ast.Name)
                    and node.annotation.id == "Any"):
                offenders.append(f"{where}: core: Any")
            elif isinstance(node, ast.Attribute) and node.attr == "records":
                offenders.append(f"{where}: .records")
    assert offenders == []
