"""`voluntas rules doc`: every rule in the spec's order, its condition in words (labels, not expression syntax),
in the chosen language, with citations, the verification mark and the legal review state."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.core.languages import LANGUAGES
from desktop.core.rules import load_ruleset, shipped_ruleset
from desktop.core.rules import signoff as so
from tests.conftest import ROOT, run_cli

SYNTAX = re.compile(r"\$\{|selected\(|fired\(|!=|\bnot\(")


def doc_md(tmp_path: Path, lang: str, *extra: str) -> str:
    out = tmp_path / f"rules-{lang}.md"
    proc = run_cli("rules", "doc", "--lang", lang, "--out", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_in_spec_order_in_words(tmp_path: Path, lang: str) -> None:
    text = doc_md(tmp_path, lang)
    ids = re.findall(r"^### (\S+)$", text, flags=re.M)
    assert ids == [r.id for r in shipped_ruleset().all_rules()]
    assert not SYNTAX.search(text), SYNTAX.search(text)
    art118 = {"en": "GC III Art. 118", "ko": "\uc81c\ub124\ubc14 \uc81c3\ud611\uc57d \uc81c118\uc870",
              "uk": "\u0416\u041a III, \u0441\u0442. 118"}[lang]
    assert text.count(art118) >= 3  # treaty citations as a reader of the language writes them
    assert "M.S. v Belgium (ECtHR 2012), no. 50012/08" in text  # case names kept as written


def test_english_conditions_use_question_and_choice_labels(tmp_path: Path) -> None:
    text = doc_md(tmp_path, "en")
    st7 = text.split("### ST-7")[1].split("###")[0]
    assert "Which armed forces did you serve in?" in st7 and "Not military" in st7
    assert "Did you carry your weapon openly in combat?" in st7 and "\u201cNo\u201d" in st7
    assert "not_military" not in st7 and "id_af" not in st7
    assert "NOT REVIEWED" in st7 and "await verification by a legal reviewer" in st7


@pytest.mark.parametrize("lang, must, never", [
    ("ko", "\uc801\uc6a9 \uc870\uac74", "Applies when"),  # the field label in Korean, not English
    ("uk", "\u0417\u0430\u0441\u0442\u043e\u0441\u043e\u0432\u0443\u0454\u0442\u044c\u0441\u044f", "Applies when"),
])
def test_translated_document_has_no_english_furniture(tmp_path: Path, lang: str, must: str, never: str) -> None:
    text = doc_md(tmp_path, lang)
    assert must in text and never not in text
    assert "NOT REVIEWED" not in text


def test_review_state_shows_sign_off_and_lapse(tmp_path: Path) -> None:
    folder = tmp_path / "pow_interview"
    shutil.copytree(ROOT / "forms" / "pow_interview", folder, ignore=shutil.ignore_patterns(so.FILE_NAME))
    rules = folder / "rules.yaml"
    so.sign(load_ruleset(rules), ["ST-1", "NR-8"], "A. Lawyer", "compared with Othman")
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("The legal team must weigh them", "The legal team should weigh them", 1),
                     encoding="utf-8")
    out = doc_md(tmp_path, "en", "--rules", str(rules))
    st1 = out.split("### ST-1\n")[1].split("###")[0]
    nr8 = out.split("### NR-8\n")[1].split("###")[0]
    assert "signed off by A. Lawyer on" in st1 and "Note: compared with Othman" in st1
    assert "LAPSED: signed off by A. Lawyer" in nr8 and "compared with Othman" not in nr8
    assert "1 signed off, 1 lapsed" in out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang, letters", [("en", "Applies when"), ("ko", "\uaddc\uce59"),
                                           ("uk", "\u0456\u0457\u0454")])
def test_pdf_is_typeset_with_every_glyph(tmp_path: Path, lang: str, letters: str) -> None:
    out = tmp_path / f"rules-{lang}.pdf"
    proc = run_cli("rules", "doc", "--lang", lang, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    found = set(text)
    assert all(ch in found for ch in letters if not ch.isspace()) or letters in text
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(out)], capture_output=True,
                                                             text=True, check=True).stdout).group(1))
    assert pages >= 15
    assert "DM-O3-REFER" in text and "WR-13b" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    used = [line.split()[0] for line in fonts.splitlines()[2:] if line.split()[-3] != "[none]"]
    assert any("DejaVuSans" in name for name in used)
    if lang == "ko":
        assert any("NanumGothic" in name for name in used)
