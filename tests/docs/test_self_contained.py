"""The repository stands on its own: no code or test reads a folder beside the checkout, and every link in
the README and docs/ points at a file of the repository (or a public standard)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

NOT_YET = {"tests/docs/test_self_contained.py"}  # this file names the pattern it looks for
OUTSIDE = re.compile(r"""\.\./shared|parent\s*/\s*["']shared["']|parents\[\d\]\s*/\s*["']shared["']""")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
PUBLIC = ("https://www.rfc-editor.org/", "https://c2sp.org/", "https://docs.python.org/", "https://www.icrc.org/",
          "https://ihl-databases.icrc.org/")


def python_files() -> list[Path]:
    return sorted(p for folder in ("desktop", "tests", "packaging") for p in (ROOT / folder).rglob("*.py"))


def docs() -> list[Path]:
    """Every Markdown file of the repository (its own tools' folders excluded)."""
    skip = {".venv", ".git", "build", "dist", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
    return sorted(p for p in ROOT.rglob("*.md") if not skip & set(p.relative_to(ROOT).parts)
                  and not any(part.endswith(".egg-info") for part in p.relative_to(ROOT).parts))


def test_no_code_or_test_reads_a_folder_beside_the_checkout() -> None:
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in python_files() if str(p.relative_to(ROOT)) not in NOT_YET
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if OUTSIDE.search(line)]
    assert hits == []


def test_every_relative_link_resolves() -> None:
    broken = []
    for doc in docs():
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path = target.split("#")[0]
            if path and not (doc.parent / path).exists():
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert broken == []


def test_no_link_leaves_the_repository_except_to_public_standards() -> None:
    outside = [f"{doc.relative_to(ROOT)}: {t}" for doc in docs()
               for t in LINK.findall(doc.read_text(encoding="utf-8"))
               if t.startswith(("http://", "https://")) and not t.startswith(PUBLIC)]
    assert outside == []


def test_readme_and_docs_name_no_file_outside_the_repository() -> None:
    named = [f"{doc.relative_to(ROOT)}:{n}" for doc in docs()
             for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1)
             if "../" + "shared" in line or "/work/" in line]  # spelled apart: this file names no such path
    assert named == []


def test_every_test_file_a_doc_names_exists() -> None:
    named = {(doc.relative_to(ROOT), m) for doc in docs()
             for m in re.findall(r"`(tests/[\w/]+\.py)`", doc.read_text(encoding="utf-8"))}
    assert sorted(f"{doc}: {m}" for doc, m in named if not (ROOT / m).is_file()) == []


def test_ci_runs_the_readme_test_command_in_a_fresh_clone() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    pattern = re.search(r'grep -m1 -E "(.+?)" README\.md', ci)
    assert pattern, "CI reads its command from the README"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [ln for ln in readme.splitlines() if re.search(pattern.group(1), ln)]
    assert len(lines) == 1 and lines[0].endswith(".venv/bin/python -m tests")
    assert "git clone" in ci and "mktemp -d" in ci
    assert "poppler-utils" in ci and "age" in ci
