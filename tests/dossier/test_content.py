"""What a reader gets out of the PDF: exact text in every script, long answers intact, no names in metadata."""

from __future__ import annotations

import io
import re
from pathlib import Path

from fontTools.ttLib import TTFont

from desktop import paths
from desktop.core.dossier import build_dossier, export_dossier
from desktop.core.dossier.assemble import translator
from desktop.core.forms.loader import shipped_form
from desktop.core.forms.model import context
from desktop.core.languages import TRANSLATED
from desktop.core.typeset import fonts
from tests.core.vaulttools import make_vault
from tests.dossier.dossiertools import KO_MARK, UK_MARK, flat, import_case, needs_poppler, pdftext, sample_vault


@needs_poppler
def test_korean_and_ukrainian_text_comes_out_exactly(tmp_path: Path) -> None:
    vault, cases = sample_vault(tmp_path / "v")
    form = shipped_form()
    try:
        for (lang, mark), case_id in zip((("ko", KO_MARK), ("uk", UK_MARK)), cases[1:], strict=True):
            out = tmp_path / f"{lang}.pdf"
            export_dossier(vault, case_id, out)
            text = flat(pdftext(out))
            assert flat(mark) in text, lang
            asked = form.questions["wsh_fear"].captive_text or ""  # the dossier shows the question as he read it
            label = translator(lang)(context(form, "wsh_fear", "captive_text"), asked)
            assert label != asked and flat(label) in text, lang
    finally:
        vault.lock()
    assert all(c in text for c in "\u0491\u0454\u0456\u0457\u0490\u0404\u0406\u0407")  # the uk dossier


@needs_poppler
def test_a_1mb_answer_flows_across_pages_intact(tmp_path: Path) -> None:
    words = ("\u0491\u0430\u043d\u043e\u043a \u0454 \u0456 \u0457\u0436\u0430 "
             "\ub9c8\uc74c\uc774 \ud3b8\ud569\ub2c8\ub2e4 ").split(" ")
    body = "\n".join(" ".join(words[(i + j) % len(words)] for j in range(40)) for i in range(4000))
    answer = "START-MARK " + body + " END-MARK"
    assert len(answer.encode("utf-8")) > 1_000_000
    vault = make_vault(tmp_path / "v")
    try:
        case_id = import_case(vault, "V02", "uk", "en", {"wsh_open": answer})
        out = tmp_path / "big.pdf"
        result = export_dossier(vault, case_id, out)
    finally:
        vault.lock()
    text = pdftext(out)
    squeezed = re.sub(r"\s+", "", text)
    assert "START-MARK" in squeezed and "END-MARK" in squeezed
    for ch in ("\u0491", "\u0457", "\ub9c8"):  # not one character lost
        assert squeezed.count(ch) >= answer.count(ch)
    assert result.pages > 100


def test_every_run_is_drawn_by_its_font() -> None:
    """reportlab drops a glyph its font lacks silently: check each run against the font file's cmap."""
    from babel.messages.pofile import read_po

    folder = paths.resources_dir() / "fonts"
    cmaps = {name: set(TTFont(folder / file).getBestCmap()) for name, file in fonts.FILES.items()}
    texts = [UK_MARK, KO_MARK, "\uc548\ub155 \u0491\u0454\u0456\u0457 mixed \u202f\u20b4\u2713 \U0001F9A9\x00"]
    for lang in TRANSLATED:
        with (paths.locales_dir() / lang / "LC_MESSAGES" / "forms.po").open("rb") as fh:
            texts += [str(m.string) for m in read_po(fh) if m.string]
    checked = 0
    for text in texts:
        for font, chunk in fonts.safe_runs(text):
            lost = {c for c in chunk if ord(c) not in cmaps[font] and c not in "\n\r\t"}
            assert not lost, (font, sorted(lost))
            checked += len(chunk)
    assert checked > 10_000
    # the negative control: NanumGothic alone would lose the Ukrainian letters
    assert {c for c in "\u0491\u0454\u0456\u0457" if ord(c) not in cmaps[fonts.HANGUL]}
    assert "[U+1F9A9]" in fonts.markup("\U0001F9A9") and "[U+0000]" in fonts.markup("\x00")


def test_no_names_in_the_metadata(tmp_path: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    vault = make_vault(tmp_path / "v")
    try:
        case_id = import_case(vault, "V05", "ko", "en", code="NK-CODE-7")
        pdf = build_dossier(vault, case_id).pdf
    finally:
        vault.lock()
    reader = PdfFileReader(io.BytesIO(pdf))
    info = reader.trailer["/Info"]
    values = " ".join(str(v) for v in info.values())
    xmp = reader.root["/Metadata"].get_object().data.decode("utf-8") if "/Metadata" in reader.root else ""
    for name in ("Test Interviewer", "Test Org", "NK-CODE-7", "NK-A"):
        assert name not in values and name not in xmp
    assert not str(info.get("/Author", "")) and "/Name" not in reader.embedded_signatures[0].sig_object
