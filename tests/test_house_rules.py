"""House rules that a tool checks: the core runs without Qt; Python source stays ASCII."""

from __future__ import annotations

import ast
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
