"""Explanations render in en, ko and uk with no untranslated string; `evaluate --json` stays English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import i18n
from desktop.core import languages
from desktop.core.rules import evaluate_file, shipped_ruleset
from desktop.core.rules.explain import report
from desktop.core.rules.translated import report_in
from desktop.core.translation.shown import TRANSLATED, form_catalog
from tests.conftest import CASES, run_cli
from tests.i18n.i18ntools import CYRILLIC, HANGUL, catalog

VIGNETTES = sorted(CASES.glob("V*.json"))


def rendered(path: Path, lang: str) -> tuple[str, list[str]]:
    """The report in lang, and every string it looked up that has no usable translation."""
    rs = shipped_ruleset()
    ev = evaluate_file(path, rs)
    misses: list[str] = []
    ui = {m.id: m for m in catalog(lang, "desktop") if m.id} if lang != "en" else {}
    data = form_catalog(lang)

    def translate(text: str) -> str:
        m = ui.get(text)
        if lang != "en" and (m is None or not m.string or m.fuzzy):
            misses.append(text)
        return i18n.catalog(lang, "desktop").gettext(text)

    def translate_data(key: str, english: str) -> str:
        shown = data.lookup(f"{rs.form.id}.rules.{key}", english)
        if english and shown.status != TRANSLATED:
            misses.append(key)
        return shown.text

    return report(ev, rs, translate, translate_data, lang), misses


@pytest.mark.parametrize("lang", languages.LANGUAGES)
@pytest.mark.parametrize("path", VIGNETTES, ids=lambda p: p.stem)
def test_report_has_no_untranslated_string(path: Path, lang: str) -> None:
    text, misses = rendered(path, lang)
    assert misses == []
    assert text.startswith({"en": "Support", "ko": "\ubc95", "uk": "\u041f"}[lang])
    if lang == "ko":
        assert not CYRILLIC.search(text) and HANGUL.search(text)
    if lang == "uk":
        assert not HANGUL.search(text) and CYRILLIC.search(text)


@pytest.mark.parametrize("lang", languages.TRANSLATED)
def test_report_in_matches_the_checked_rendering(lang: str) -> None:
    rs = shipped_ruleset()
    ev = evaluate_file(VIGNETTES[0], rs)
    assert report_in(ev, rs, lang) == rendered(VIGNETTES[0], lang)[0]
    assert report_in(ev, rs, "en") == report(ev, rs)


@pytest.mark.parametrize("lang", languages.TRANSLATED)
def test_every_rule_and_rules_text_is_translated(lang: str) -> None:
    rs = shipped_ruleset()
    cat = form_catalog(lang)
    pre = f"{rs.form.id}.rules."
    for rule in rs.all_rules():
        field = "meaning" if rule.table == "factors" else "explanation"
        if rule.explanation:
            shown = cat.lookup(f"{pre}{rule.id}.{field}", rule.explanation)
            assert shown.status == TRANSLATED and shown.text != rule.explanation, rule.id
    for option, title in rs.option_titles.items():
        assert cat.lookup(f"{pre}{option}.title", title).status == TRANSLATED
    for code, label in rs.condition_labels.items():
        assert cat.lookup(f"{pre}{code}.condition", label).status == TRANSLATED
    for n, text in enumerate(rs.legal_basis, 1):
        assert cat.lookup(f"{pre}legal_basis.{n}.text", text).status == TRANSLATED
    assert cat.lookup(f"{pre}banner", rs.banner).status == TRANSLATED


def test_evaluate_json_stays_english_in_every_language() -> None:
    outs = {}
    for lang in languages.LANGUAGES:
        proc = run_cli("--lang", lang, "evaluate", str(VIGNETTES[0]), "--json", check=True)
        outs[lang] = proc.stdout
    assert outs["en"] == outs["ko"] == outs["uk"]
    assert not HANGUL.search(outs["ko"]) and not CYRILLIC.search(outs["uk"])
    json.loads(outs["en"])


def test_evaluate_report_in_korean_from_the_cli() -> None:
    proc = run_cli("--lang", "ko", "evaluate", str(VIGNETTES[0]), check=True)
    rs = shipped_ruleset()
    assert proc.stdout == report_in(evaluate_file(VIGNETTES[0], rs), rs, "ko")
