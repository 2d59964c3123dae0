"""How the tests are laid out, checked: tests share helpers through one module per folder, never by
importing another test module (a helper hidden in a test module moves or vanishes with that test)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_test_modules() -> list[tuple[Path, str]]:
    """(importing file, module) for every import of a module under tests/."""
    found = []
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tests"):
                mods = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                mods = [a.name for a in node.names if a.name.startswith("tests")]
            else:
                continue
            found += [(path, m) for m in mods if (TESTS.parent / (m.replace(".", "/") + ".py")).is_file()]
    return found


def test_no_test_imports_another_test_module() -> None:
    offenders = [f"{path.relative_to(TESTS.parent)} imports {mod}" for path, mod in imported_test_modules()
                 if mod.rsplit(".", 1)[-1].startswith("test_")]
    assert offenders == [], "move the shared helper into the folder's tools module:\n" + "\n".join(offenders)


def test_each_folder_shares_helpers_through_one_module() -> None:
    helpers: dict[Path, set[str]] = defaultdict(set)
    for _path, mod in imported_test_modules():
        file = TESTS.parent / (mod.replace(".", "/") + ".py")
        if file.name not in ("conftest.py", "__init__.py") and file.parent != TESTS:
            helpers[file.parent].add(file.name)
    several = {str(folder.relative_to(TESTS.parent)): sorted(names) for folder, names in helpers.items()
               if len(names) > 1}
    assert several == {}
    assert helpers, "positive control: the folders' tools modules are found"
