"""A dossier of an interview at the free-text limits exports in seconds, with every character in it."""

from __future__ import annotations

import re
import time
from pathlib import Path

from desktop.core.dossier import export_dossier
from desktop.core.dossier.assemble import assemble
from desktop.core.forms.loader import shipped_form
from desktop.core.forms.values import MAX_INTERVIEW_TEXT_CHARS, MAX_TEXT_CHARS
from tests.core.vaulttools import make_vault
from tests.dossier.dossiertools import import_case, needs_poppler, pdftext

WORDS = ("\ub9c8\uc74c\uc774 \ud3b8\ud569\ub2c8\ub2e4 \u0491\u0430\u043d\u043e\u043a \u0457\u0436\u0430 "
         "captured near Kursk")


def answer(n: int, i: int) -> str:
    """n characters: words and line breaks in three scripts, or (every third answer) one unbroken word."""
    start, end = f"S{i}MARK ", f" E{i}MARK"
    fill = n - len(start) - len(end)
    if i % 3 == 2:
        body = ("\uac00\ub098\ub2e4\ub77c" * fill)[:fill]
    else:
        line = (WORDS + " ") * 3 + "\n"
        body = (line * (fill // len(line) + 1))[:fill]
    return start + body + end


@needs_poppler
def test_interview_at_the_limits_exports_in_seconds(tmp_path: Path) -> None:
    form = shipped_form()
    texts = [qid for qid, q in form.questions.items() if q.type == "text"]
    count = MAX_INTERVIEW_TEXT_CHARS // MAX_TEXT_CHARS
    changes = {qid: answer(MAX_TEXT_CHARS, i) for i, qid in enumerate(texts[:count])}
    changes.update({qid: None for qid in texts[count:]})
    assert sum(len(t) for t in changes.values() if t) == MAX_INTERVIEW_TEXT_CHARS
    vault = make_vault(tmp_path / "v")
    try:
        case_id = import_case(vault, "V01", "ko", "uk", changes)
        assembled = assemble(vault, case_id)
        assert assembled.problems == [] and assembled.evaluation is not None  # within the limits: evaluated
        started = time.monotonic()
        result = export_dossier(vault, case_id, tmp_path / "limits.pdf")
        seconds = time.monotonic() - started
    finally:
        vault.lock()
    assert seconds < 60, seconds  # about 3 to 7 s on a loaded 2-core machine; a 50 MB answer took minutes
    squeezed = re.sub(r"\s+", "", pdftext(tmp_path / "limits.pdf"))
    for i in range(count):
        assert f"S{i}MARK" in squeezed and f"E{i}MARK" in squeezed
    assert squeezed.count("\ub77c") >= changes[texts[2]].count("\ub77c")  # the unbroken answer, whole
    assert result.pages < 80
