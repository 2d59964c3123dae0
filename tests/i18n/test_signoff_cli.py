"""A translator signs off with `voluntas forms signoff` (no source checkout tools needed), and
`voluntas forms i18n` counts the interface catalog too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import paths
from desktop.cli import main
from tests.i18n.i18ntools import FORM, copy_form_and_locales, edit_po, po


def status(capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["forms", "i18n", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    forms = {r["language"]: r for r in doc["forms"] if r["form"] == FORM}
    return {"forms": forms, "interface": {r["language"]: r for r in doc["interface"]}}


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _forms, locales = copy_form_and_locales(tmp_path)
    monkeypatch.setattr(paths, "locales_dir", lambda: locales)
    return locales


def test_signoff_of_a_section_counts_as_reviewed_and_lapses_on_change(
        locales: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = status(capsys)
    assert main(["forms", "signoff", "--lang", "uk", "--reviewer", "Olena K.", "--context", f"{FORM}.con_"]) == 0
    out = capsys.readouterr().out
    count = int(out.split()[0])
    assert count > 5 and "Olena K." in out and "forms.review.json" in out
    after = status(capsys)
    assert after["forms"]["uk"]["reviewed"] == before["forms"]["uk"]["reviewed"] + count
    assert after["forms"]["ko"] == before["forms"]["ko"] and after["interface"] == before["interface"]
    other = "\u0406\u043d\u0448\u0438\u0439 \u0442\u0435\u043a\u0441\u0442"  # "another text"
    edit_po(po(locales, "uk"), f"{FORM}.con_free.label", msgstr=other)
    assert status(capsys)["forms"]["uk"]["reviewed"] == after["forms"]["uk"]["reviewed"] - 1


def test_signoff_of_the_interface_catalog(locales: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = status(capsys)["interface"]["ko"]
    assert before["total"] > 100 and before["translated"] == before["total"]
    assert main(["forms", "signoff", "--lang", "ko", "--domain", "desktop", "--reviewer", "Kim"]) == 0
    after = status(capsys)["interface"]["ko"]
    assert after["reviewed"] == after["translated"] and after["unreviewed"] == 0
    assert (locales / "ko" / "LC_MESSAGES" / "desktop.review.json").is_file()
    capsys.readouterr()
    assert main(["forms", "i18n"]) == 0
    text = capsys.readouterr().out
    assert f"interface ko: {after['total']} strings" in text


@pytest.mark.parametrize("argv", [["--lang", "en", "--reviewer", "X"], ["--lang", "uk"],
                                  ["--lang", "uk", "--reviewer", " "]])
def test_bad_signoff_is_a_usage_error_and_writes_nothing(
        locales: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    review = locales / "uk" / "LC_MESSAGES" / "forms.review.json"
    before = review.read_bytes()
    try:
        code = main(["forms", "signoff", *argv])
    except SystemExit as exc:  # argparse refuses the arguments themselves
        code = int(str(exc.code))
    assert code == 2
    assert review.read_bytes() == before
