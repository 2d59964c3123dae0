"""`voluntas docs quick-card`: one A4 page a reader can print, in English or Ukrainian, read back with
Poppler; a translation not signed off says so on the card. The guide it summarises covers what it must."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop import i18n, paths
from desktop.core import quick_card
from desktop.core.translation.signoff import sign_off
from tests.conftest import ROOT, run_cli
from tests.i18n.i18ntools import copy_form_and_locales

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
GUIDE = ROOT / "docs" / "interviewer-guide.md"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def flat(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_card_is_one_page_with_every_text(lang: str, tmp_path: Path) -> None:
    out = tmp_path / f"card-{lang}.pdf"
    proc = run_cli("docs", "quick-card", "--lang", lang, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert pages(out) == 1
    text = flat(pdf_text(out))
    translate = i18n.translator(lang)
    for english in quick_card.strings():
        # pdftotext may break a line anywhere a paragraph wraps: compare the first words of each text
        start = " ".join(flat(translate(english)).split()[:3])
        assert start in text, english
    assert "[U+" not in text  # no character fell outside the fonts
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSans" in fonts and all(" yes " in ln for ln in fonts.splitlines()[2:]), fonts


def test_ukrainian_card_says_its_translation_is_unreviewed_until_signed_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "card-uk.pdf"
    proc = run_cli("docs", "quick-card", "--lang", "uk", "--out", str(out))
    assert "not reviewed" in proc.stderr
    notice = flat(i18n.translator("uk")(quick_card.UNREVIEWED))
    assert notice in flat(pdf_text(out))
    en = tmp_path / "card-en.pdf"
    run_cli("docs", "quick-card", "--out", str(en), check=True)
    assert flat(quick_card.UNREVIEWED) not in flat(pdf_text(en))
    _forms, locales = copy_form_and_locales(tmp_path)
    monkeypatch.setattr(paths, "locales_dir", lambda: locales)
    assert quick_card.unreviewed_strings("uk") == len(quick_card.strings())
    sign_off(locales / "uk" / "LC_MESSAGES" / "desktop.po", "Reviewer")
    assert quick_card.unreviewed_strings("uk") == 0


def test_guide_covers_before_during_after_seizure_and_moving() -> None:
    heads = re.findall(r"^#{2,3} (.+)$", GUIDE.read_text(encoding="utf-8"), re.M)
    for want in ("Before the interview", "During the interview", "What the captive sees", "After the interview",
                 "If the laptop is seized", "Moving to a new laptop"):
        assert want in heads


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("docs", "quick-card", "--lang", "xx", "--out", str(tmp_path / "c.pdf"))
    assert proc.returncode == 2 and not (tmp_path / "c.pdf").exists()
