"""docs/protocol.md is `voluntas forms doc` of the shipped form, byte for byte; other languages mark what a
translator has not signed off."""

from __future__ import annotations

from pathlib import Path

from desktop import i18n
from desktop.commands.forms_doc import NOT_REVIEWED
from desktop.core.forms.loader import shipped_form
from tests.conftest import ROOT, run_cli

DOC = ROOT / "docs" / "protocol.md"


def test_committed_protocol_is_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "protocol.md"
    proc = run_cli("forms", "doc", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == DOC.read_bytes(), "stale: run voluntas forms doc --out docs/protocol.md"


def test_every_section_question_and_code_is_in_the_document() -> None:
    text = DOC.read_text(encoding="utf-8")
    form = shipped_form()
    for s in form.sections:
        assert f"## {s.id} {s.title}\n" in text
    for q in form.questions.values():
        assert f"### `{q.id}` {' '.join(q.label.split())}\n" in text
    for cl in form.choice_lists.values():
        for c in cl.choices:
            assert f"| `{c.code}`" in text, (cl.id, c.code)
            assert not c.captive_label or f" | {' '.join(c.captive_label.split())} |" in text, (cl.id, c.code)
    asked = [q for q in form.questions.values() if q.captive_text]
    assert asked, "the form words questions for the captive"
    for q in asked:
        assert f'- he is asked: "{" ".join(q.captive_text.split())}"' in text, q.id


def test_ukrainian_document_shows_the_translation_and_says_it_is_unreviewed(tmp_path: Path) -> None:
    out = tmp_path / "protocol-uk.md"
    proc = run_cli("forms", "doc", "--lang", "uk", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "\u0414\u0430\u0442\u0430" in text  # "Data" (date): Ukrainian form text
    assert "`ses_dt`" in text and "Date the session started\n" not in text
    mark = i18n.translator("uk")(NOT_REVIEWED)
    assert mark != NOT_REVIEWED and text.count(mark) > 100  # no uk form text is signed off yet


def test_unknown_form_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("forms", "doc", "--form", "nope", "--out", str(tmp_path / "x.md"))
    assert proc.returncode == 2 and "nope" in proc.stderr
    assert not (tmp_path / "x.md").exists()
