"""The translator preview (desktop/ui/preview.py), offscreen with pytest-qt, on copies of the shipped form and
catalogs: status in words, page by page, sign-off of ticked strings and of a section under a name. ASCII keys
only (qtbot.keyClicks with non-ASCII text aborts the process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop import i18n
from desktop.core.translation.preview import PreviewSource
from tests.i18n.i18ntools import FORM, copy_form_and_locales, edit_po, po


@pytest.fixture
def preview(qtbot: Any, tmp_path: Path) -> tuple[Any, Path]:
    from desktop.ui import tasks
    from desktop.ui.preview import PreviewPage

    i18n.set_language("en")
    forms, locales = copy_form_and_locales(tmp_path)
    edit_po(po(locales, "ko"), f"{FORM}.set_interp.label", fuzzy=True)
    edit_po(po(locales, "ko"), f"{FORM}.set_int_aff.label", msgstr="")
    page = PreviewPage(PreviewSource(forms, locales))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    tasks.wait()
    return page, locales


def go_to(page: Any, qid: str) -> None:
    page.go(next(n for n, p in enumerate(page.pages) if p.id == qid))


def statuses(page: Any) -> list[str]:
    return [row.status.text() for row in page.card.rows]


def test_pages_show_the_form_in_order_with_status_in_words(preview: tuple[Any, Path]) -> None:
    page, _locales = preview
    assert page.captive == "ko" and page.pages[0].kind == "title"
    ids = [p.id for p in page.pages if p.kind == "question"]
    assert ids.index("set_interp") < ids.index("set_int_aff")
    go_to(page, "set_interp")
    assert statuses(page)[0].startswith("FUZZY")
    assert page.card.rows[0].captive.text() == "Is an interpreter used?"  # the captive would see the English
    assert all(s.startswith("NOT REVIEWED") for s in statuses(page)[1:])
    go_to(page, "set_int_aff")
    assert statuses(page)[0].startswith("UNTRANSLATED")
    assert "asked when" in page.card.facts.text() and '"Yes"' in page.card.facts.text()
    assert "fuzzy" in page.summary.text() and "1 untranslated" in page.summary.text()
    before = page.index
    page.next.click()
    assert page.index == before + 1


def test_sign_off_ticked_strings_and_a_section(qtbot: Any, preview: tuple[Any, Path]) -> None:
    from desktop.ui import tasks

    page, locales = preview
    go_to(page, "set_private")
    page.card.rows[0].tick.setChecked(True)
    page.sign_ticked.click()
    assert page.message.text().startswith("Enter your full name")  # no name: nothing signed
    qtbot.keyClicks(page.reviewer, "Olena K")
    page.sign_ticked.click()
    tasks.wait()
    tasks.wait()
    doc = json.loads((locales / "ko" / "LC_MESSAGES" / "forms.review.json").read_text("utf-8"))
    assert set(doc["approvals"]) == {f"{FORM}.set_private.label"}
    assert doc["approvals"][f"{FORM}.set_private.label"]["reviewer"] == "Olena K"
    assert "1 strings signed off" in page.message.text()
    go_to(page, "set_private")
    assert statuses(page)[0] == "Reviewed"
    page.sign_section.click()  # section A1; the fuzzy and the untranslated string cannot be signed off
    tasks.wait()
    tasks.wait()
    doc = json.loads((locales / "ko" / "LC_MESSAGES" / "forms.review.json").read_text("utf-8"))
    assert f"{FORM}.set_place.label" in doc["approvals"] and f"{FORM}.set_interp.label" not in doc["approvals"]
    assert f"{FORM}.ses_case.label" not in doc["approvals"]  # section A0 untouched
    go_to(page, "set_place")
    assert set(statuses(page)) == {"Reviewed"}


def test_english_as_the_captive_language_has_nothing_to_sign(qtbot: Any, preview: tuple[Any, Path]) -> None:
    page, _locales = preview
    page.captive_box.setCurrentIndex(page.langs.index("en"))
    from desktop.ui import tasks

    tasks.wait()
    qtbot.keyClicks(page.reviewer, "Olena K")
    page.sign_section.click()
    assert page.message.text().startswith("English is the source")


def test_reachable_from_the_unlock_screen_only(qtbot: Any, window: Any) -> None:
    from desktop.ui import tasks
    from desktop.ui.preview import PreviewPage
    from desktop.ui.qt import Qt

    combo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_T, combo)
    assert not isinstance(window.stack.currentWidget(), PreviewPage)  # vault open: no preview over a case
    window.lock()
    assert window.stack.currentWidget() is window.unlock_page
    qtbot.keyClick(window, Qt.Key.Key_T, combo)
    page = window.stack.currentWidget()
    assert isinstance(page, PreviewPage)
    tasks.wait()
    assert page.pages and page.summary.text().startswith("Korean")
    page.back.click()
    assert window.stack.currentWidget() is window.unlock_page
