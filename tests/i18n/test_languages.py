"""One list of languages (desktop.core.languages): what the app ships, each with its names and catalogs;
no other module in desktop/ writes the list again."""

from __future__ import annotations

import ast
from pathlib import Path

from desktop import i18n, paths
from desktop.core import languages

ROOT = Path(__file__).resolve().parents[2]
# The vault's schema keeps its own CHECK (a migration is history, never edited); the quick card is printed
# in the interviewers' languages only, a list of its own.
ALLOWED = {"desktop/core/languages.py", "desktop/core/vault/migrations.py", "desktop/commands/docs.py"}


def test_the_app_speaks_english_korean_and_ukrainian() -> None:
    assert languages.LANGUAGES == ("en", "ko", "uk") and languages.SOURCE == "en"
    assert languages.TRANSLATED == ("ko", "uk")
    assert i18n.LANGUAGES is languages.LANGUAGES


def test_each_language_has_its_names_and_each_translated_one_its_catalogs() -> None:
    assert list(languages.NATIVE_NAMES) == list(languages.NAMES) == list(languages.LANGUAGES)
    for lang in languages.TRANSLATED:
        for domain in i18n.DOMAINS:
            assert (paths.locales_dir() / lang / "LC_MESSAGES" / f"{domain}.po").is_file(), (lang, domain)


def test_no_other_module_writes_the_list() -> None:
    """A tuple, list or set of two or more distinct language codes, e.g. ("ko", "uk"), is written only in
    the core (("en", "en") is a pair of languages, not a list)."""
    codes = set(languages.LANGUAGES)
    offenders = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text("utf-8"))
        pairs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
                 and isinstance(n.targets[0], ast.Tuple)}  # a, b = "ko", "en": two values, not a list
        for node in ast.walk(tree):
            if rel not in ALLOWED and id(node) not in pairs and isinstance(node, ast.Tuple | ast.List | ast.Set):
                values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
                if len(values) == len(node.elts) == len(set(values)) >= 2 and set(values) <= codes:
                    offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []
