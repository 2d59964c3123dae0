"""The language rule (issue item 7) and the review status through a form change, on copies of the shipped
form and catalogs inside tmp_path."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from desktop import paths
from desktop.core import languages
from desktop.core.translation.shown import FUZZY, TRANSLATED, UNTRANSLATED, captive_language, form_catalog, form_stats
from desktop.core.translation.signoff import sign_off
from desktop.i18n_tools import update
from tests.i18n.i18ntools import copy_tree

LABEL = "pow_interview.con_free.label"
OLD = "I explained that he may refuse, skip or stop at any time, with no effect on his treatment"
NEW = "I explained that he may refuse, skip or stop at any time, with no effect at all on his treatment"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    copy_tree(paths.forms_dir(), tmp_path / "forms")
    copy_tree(paths.locales_dir(), tmp_path / "locales")
    return tmp_path


def edit_po(po: Path, context: str, string: str | None = None, fuzzy: bool | None = None) -> None:
    cat = read_po(io.BytesIO(po.read_bytes()))
    m = next(m for m in cat if m.context == context)
    if string is not None:
        m.string = string
    if fuzzy is not None:
        (m.flags.add if fuzzy else m.flags.discard)("fuzzy")
    buf = io.BytesIO()
    write_po(buf, cat, width=100)
    po.write_bytes(buf.getvalue())


def test_english_is_always_allowed() -> None:
    decision = captive_language("pow_interview", "en")
    assert decision.allowed and decision.unreviewed == ()


@pytest.mark.parametrize("lang", languages.TRANSLATED)
def test_shipped_languages_are_allowed_and_flagged_unreviewed(lang: str) -> None:
    decision = captive_language("pow_interview", lang)
    assert decision.allowed, decision.message()
    st = form_stats("pow_interview", lang)
    assert st.total == st.translated > 400 and st.fuzzy == st.untranslated == 0
    assert len(decision.unreviewed) == st.total - st.reviewed
    assert ("not yet reviewed" in decision.message()) == bool(decision.unreviewed)


def test_an_untranslated_string_bars_the_language(tree: Path) -> None:
    po = tree / "locales" / "uk" / "LC_MESSAGES" / "forms.po"
    edit_po(po, LABEL, string="")
    decision = captive_language("pow_interview", "uk", tree / "forms", tree / "locales")
    assert not decision.allowed
    assert decision.fields["untranslated"] == 1 and "cannot be the captive's language" in decision.message()
    assert captive_language("pow_interview", "ko", tree / "forms", tree / "locales").allowed


def test_a_fuzzy_string_bars_the_language(tree: Path) -> None:
    po = tree / "locales" / "ko" / "LC_MESSAGES" / "forms.po"
    edit_po(po, LABEL, fuzzy=True)
    cat = form_catalog("ko", tree / "locales")
    assert cat.lookup(LABEL, OLD).status == FUZZY
    assert cat.lookup(LABEL, OLD).text == OLD  # a fuzzy translation is never shown
    decision = captive_language("pow_interview", "ko", tree / "forms", tree / "locales")
    assert not decision.allowed and decision.fields["fuzzy"] == 1


def test_changed_english_bars_the_language_until_translated_then_it_is_unreviewed(tree: Path) -> None:
    locales, forms = tree / "locales", tree / "forms"
    po = locales / "ko" / "LC_MESSAGES" / "forms.po"
    assert sign_off(po, "Reviewer A") > 400
    assert form_catalog("ko", locales).lookup(LABEL, OLD).reviewed
    assert captive_language("pow_interview", "ko", forms, locales).unreviewed == ()

    form = forms / "pow_interview" / "form.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    # before re-extraction the catalog has no entry for the new English
    assert form_catalog("ko", locales).lookup(LABEL, NEW).status == UNTRANSLATED
    assert not captive_language("pow_interview", "ko", forms, locales).allowed

    update(root=tree, locales=locales, domains=("forms",))
    shown = form_catalog("ko", locales).lookup(LABEL, NEW)
    assert shown.status == FUZZY and not shown.reviewed
    assert not captive_language("pow_interview", "ko", forms, locales).allowed

    edit_po(po, LABEL, fuzzy=False)  # the translator checks it and keeps the wording
    shown = form_catalog("ko", locales).lookup(LABEL, NEW)
    assert shown.status == TRANSLATED and not shown.reviewed
    decision = captive_language("pow_interview", "ko", forms, locales)
    assert decision.allowed and decision.unreviewed == (LABEL,)

    sign_off(po, "Reviewer B", context_prefix=LABEL)
    assert form_catalog("ko", locales).lookup(LABEL, NEW).reviewed


def test_shown_text_and_its_hash() -> None:
    import hashlib

    shown = form_catalog("uk").lookup(LABEL, OLD)
    assert shown.status == TRANSLATED and shown.text != OLD
    assert shown.sha256 == hashlib.sha256(shown.text.encode("utf-8")).hexdigest()
    assert form_catalog("en").lookup(LABEL, OLD).text == OLD


def test_translation_record_for_the_interview() -> None:
    from desktop.core.translation.shown import translation_record

    rec = translation_record("pow_interview", "ko")
    assert rec["allowed"] is True and len(str(rec["catalog_sha256"])) == 64
    assert isinstance(rec["unreviewed"], list) and len(rec["unreviewed"]) <= int(str(rec["total"]))
    assert translation_record("pow_interview", "en")["unreviewed"] == []
