"""The review sheet (voluntas forms review): every string of the form in both languages, read back with
pdftotext; and a sign-off that lapses when the English or the translation changes (issue 8)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.core.languages import TRANSLATED
from desktop.core.translation.sheet import build
from desktop.core.translation.shown import form_strings
from desktop.core.translation.signoff import sign_off
from tests.i18n.i18ntools import FORM, copy_form_and_locales, edit_po, po

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
LABEL = f"{FORM}.set_interp.label"


def squeeze(text: str) -> str:
    """Without whitespace: pdftotext breaks lines inside table cells."""
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    """In content-stream order (-raw): each table cell's lines stay together, columns never interleave."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("lang", TRANSLATED)
def test_sheet_holds_every_string_in_both_languages(lang: str, tmp_path: Path) -> None:
    from desktop.cli import main

    out = tmp_path / f"review-{lang}.pdf"
    assert main(["forms", "review", "--lang", lang, "--out", str(out)]) == 0
    text = squeeze(pdf_text(out))
    sheet = build(FORM, lang)
    assert {ln.context for ln in sheet.lines} == {m.context for m in form_strings(FORM)}
    assert [ln.context for ln in sheet.lines if squeeze(ln.english) not in text] == []
    assert [ln.context for ln in sheet.lines if squeeze(ln.translation) not in text] == []
    # question ids, types, a skip rule in words, and the status of every string
    for expected in ("id: set_int_aff", "type: one choice", 'asked when: set_interp ("Is an interpreter used?") '
                     'is "Yes"', "NOT REVIEWED"):
        assert squeeze(expected) in text


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    from desktop.cli import main

    assert main(["forms", "review", "--lang", "xx", "--out", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def status(forms: Path, locales: Path, lang: str, context: str) -> str:
    return next(ln.status for ln in build(FORM, lang, forms, locales).lines if ln.context == context)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_changing_the_english_source_unreviews_the_approved_translation(lang: str, tmp_path: Path) -> None:
    forms, locales = copy_form_and_locales(tmp_path)
    assert sign_off(po(locales, lang), "Test Reviewer") > 400
    assert status(forms, locales, lang, LABEL) == "reviewed"
    form_yaml = forms / FORM / "form.yaml"
    form_yaml.write_text(form_yaml.read_text("utf-8").replace("label: Is an interpreter used?",
                                                              "label: Is an interpreter present?"), "utf-8")
    # before the catalog is updated, the changed English has no translation at all
    assert status(forms, locales, lang, LABEL) == "untranslated"
    # `i18n_tools update` marks it fuzzy under the new English: still not reviewed
    edit_po(po(locales, lang), LABEL, msgid="Is an interpreter present?", fuzzy=True)
    assert status(forms, locales, lang, LABEL) == "fuzzy"
    # the translator clears the flag without a new sign-off: translated, but the approval no longer holds
    edit_po(po(locales, lang), LABEL, fuzzy=False)
    assert status(forms, locales, lang, LABEL) == "unreviewed"
    assert status(forms, locales, lang, f"{FORM}.set_int_aff.label") == "reviewed"  # the others keep theirs
    sign_off(po(locales, lang), "Test Reviewer", context_prefix=LABEL)
    assert status(forms, locales, lang, LABEL) == "reviewed"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_changing_a_translation_unreviews_it(lang: str, tmp_path: Path) -> None:
    forms, locales = copy_form_and_locales(tmp_path)
    sign_off(po(locales, lang), "Test Reviewer")
    before = next(ln.translation for ln in build(FORM, lang, forms, locales).lines if ln.context == LABEL)
    edit_po(po(locales, lang), LABEL, msgstr=before + " ?")
    assert status(forms, locales, lang, LABEL) == "unreviewed"
    edit_po(po(locales, lang), LABEL, msgstr=before)  # exactly what was approved
    assert status(forms, locales, lang, LABEL) == "reviewed"


def test_forms_i18n_counts_reviewed_strings(tmp_path: Path) -> None:
    from desktop.core.translation.shown import form_stats

    forms, locales = copy_form_and_locales(tmp_path)
    assert form_stats(FORM, "uk", forms, locales).reviewed == 0
    count = sign_off(po(locales, "uk"), "Test Reviewer", context_prefix=f"{FORM}.A1")
    stats = form_stats(FORM, "uk", forms, locales)
    assert count >= 1 and stats.reviewed == count and stats.to_json()["unreviewed"] == stats.translated - count
