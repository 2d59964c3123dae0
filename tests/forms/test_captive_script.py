"""`voluntas forms captive-script`: everything the captive can see, in order, in his language; and never a
word of what is meant for the interviewer (labels, hints, coded lists, declarations), in any language."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop.core.forms.loader import shipped_form
from desktop.core.forms.model import context
from desktop.core.languages import LANGUAGES
from desktop.core.translation import captive_script
from desktop.core.translation.shown import form_catalog
from tests.conftest import run_cli


def interviewer_only(lang: str) -> set[str]:
    """Every interviewer label, hint and message of the shipped form, and every choice of a list he is never
    shown, as the catalog of `lang` gives them; minus any string that is also one of his."""
    form = shipped_form()
    cat = form_catalog(lang)
    shown = set(captive_script.build(form.id, lang).texts())
    his_lists = {q.list_id for q in form.questions.values() if q.captive == "choices"}
    out: set[str] = set()
    for qid, q in form.questions.items():
        for field, text in (("label", q.label), ("hint", q.hint), ("constraint_message", q.constraint_message)):
            if text:
                out.add(cat.lookup(context(form, qid, field), text).text)
    for lid, cl in form.choice_lists.items():
        if lid not in his_lists:
            out |= {cat.lookup(context(form, lid, c.code, "label"), c.label).text for c in cl.choices}
    stripped = {t.split(".  ", 1)[-1] for t in shown}  # choices carry their key
    return {t for t in out if t not in shown and t not in stripped}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_interviewer_only_text_in_the_captive_script(lang: str) -> None:
    script = captive_script.build("pow_interview", lang)
    forbidden = interviewer_only(lang)
    assert len(forbidden) > 150  # the form's interviewer text is really being looked for
    for page in script.pages:
        for _role, text in page.lines:
            body = text.split(".  ", 1)[-1]
            assert body not in forbidden, (page.qid, text)
            for bad in forbidden:
                assert len(bad) < 12 or bad not in text, (page.qid, bad)


def test_the_script_follows_the_interview_and_covers_every_question_he_answers() -> None:
    form = shipped_form()
    script = captive_script.build(form.id, "ko")
    asked = [q.id for q in form.questions.values() if q.type != "calculate" and q.captive != "none"]
    assert [p.qid for p in script.pages if p.qid] == asked
    assert [p.qid for p in script.pages].count("") == 1  # the neutral page, once
    wish = next(p for p in script.pages if p.qid == "wsh_pref")
    choices = [t for role, t in wish.lines if role == "choice"]
    assert len(choices) == 10 and choices[9].startswith("0.") and choices[0].startswith("1.")
    assert not any("O1" in t for t in choices)


def test_cli_writes_pdf_and_markdown(tmp_path: Path) -> None:
    pdf, md = tmp_path / "script-ko.pdf", tmp_path / "script-uk.md"
    proc = run_cli("forms", "captive-script", "--lang", "ko", "--out", str(pdf))
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    form = shipped_form()
    ko = form_catalog("ko")
    want = ko.lookup(context(form, "wsh_open", "captive_text"), form.questions["wsh_open"].captive_text or "").text
    assert want.split()[0] in text and "Captive script" in text
    assert ko.lookup(context(form, "con_who", "label"), form.questions["con_who"].label).text not in text
    assert run_cli("forms", "captive-script", "--lang", "uk", "--out", str(md)).returncode == 0
    body = md.read_text("utf-8")
    assert body.startswith("# Captive script") and "\u0417\u0430\u0447\u0435\u043a\u0430\u0439\u0442\u0435" in body


def test_cli_refuses_a_bad_output_or_language(tmp_path: Path) -> None:
    bad = run_cli("forms", "captive-script", "--lang", "ko", "--out", str(tmp_path / "x.txt"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and not (tmp_path / "x.txt").exists()
    assert run_cli("forms", "captive-script", "--lang", "xx", "--out", str(tmp_path / "x.md")).returncode == 2
