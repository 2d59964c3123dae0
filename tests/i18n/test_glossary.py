"""The glossary check (locales/glossary.yaml, desktop/core/translation/glossary.py, `voluntas forms check`):
a planted wrong term is flagged as a warning, the shipped catalogs pass. Words are escaped (house rule 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop import paths
from desktop.core.languages import TRANSLATED
from desktop.core.translation.glossary import AVOIDED_WORD, MISSING_TERM, check_po, load
from tests.i18n.i18ntools import FORM, copy_form_and_locales, edit_po, po

KO_INTERPRETER = "\ud1b5\uc5ed\uc6d0"  # tongyeogwon, the glossary term
KO_WRONG = "\ud1b5\uc5ed\uc0ac"  # tongyeoksa, ROK usage
KO_BUKHAN = "\ubd81\ud55c"
UK_INTERPRETER = "\u043f\u0435\u0440\u0435\u043a\u043b\u0430\u0434\u0430\u0447"
UK_WRONG = "\u0442\u043b\u0443\u043c\u0430\u0447"  # tlumach: not the approved term
LABEL = f"{FORM}.set_interp.label"


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("domain", ["forms", "desktop"])
def test_shipped_catalogs_pass(lang: str, domain: str) -> None:
    assert [str(w) for w in check_po(po(paths.locales_dir(), lang, domain), lang)] == []


@pytest.mark.parametrize(("lang", "right", "wrong"),
                         [("ko", KO_INTERPRETER, KO_WRONG), ("uk", UK_INTERPRETER, UK_WRONG)])
def test_a_planted_wrong_term_is_flagged(lang: str, right: str, wrong: str, tmp_path: Path) -> None:
    _forms, locales = copy_form_and_locales(tmp_path)
    path = po(locales, lang)
    text = next(str(m.string) for m in read_po(path.open("rb")) if m.context == LABEL)
    assert right in text.lower()
    edit_po(path, LABEL, msgstr=re.sub(right, wrong, text, flags=re.I))
    found = check_po(path, lang)
    assert [(w.code, w.context) for w in found] == [(MISSING_TERM, LABEL)]
    line = path.read_text("utf-8").splitlines()[found[0].line - 1]
    assert line.startswith(("msgctxt", "msgid")) and found[0].file == str(path)


def test_a_word_to_avoid_is_flagged(tmp_path: Path) -> None:
    _forms, locales = copy_form_and_locales(tmp_path)
    edit_po(po(locales, "ko"), f"{FORM}.id_af.label", msgstr=KO_BUKHAN + " ?")
    codes = {(w.code, w.context) for w in check_po(po(locales, "ko"), "ko")}
    assert (AVOIDED_WORD, f"{FORM}.id_af.label") in codes


def test_forms_check_prints_warnings_and_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    assert main(["forms", "check"]) == 0
    assert not re.search(r": W3\d\d ", capsys.readouterr().out)
    _forms, locales = copy_form_and_locales(tmp_path)
    text = po(locales, "ko").read_text("utf-8")
    po(locales, "ko").write_text(text.replace(KO_INTERPRETER, KO_WRONG), "utf-8")
    monkeypatch.setattr(paths, "locales_dir", lambda: locales)
    assert main(["forms", "check"]) == 0  # warnings never refuse a form
    out = capsys.readouterr().out
    assert re.search(r"^\S+forms\.po:\d+:1: W301 glossary 15 'interpreter'", out, re.M)


def test_glossary_holds_the_legal_brief_terms() -> None:
    """The 25 terms of the legal brief's glossary (checked against the brief when they were copied in), each
    with a Korean and a Ukrainian term; the ones the brief marks with "?" stay marked for a linguist."""
    terms = {t.id: t for t in load().terms}
    numbered = [tid for tid in terms if tid.isdigit()]
    assert numbered == [str(n) for n in range(1, 26)]
    for tid in numbered:
        assert terms[tid].en and all(terms[tid].langs[lang].term for lang in ("ko", "uk")), tid
    uncertain = {lang: [t for t in numbered if terms[t].langs[lang].uncertain] for lang in ("ko", "uk")}
    assert uncertain == {"ko": ["3", "6", "12", "13", "14", "18", "20", "21", "24"], "uk": ["7", "8", "13", "25"]}
