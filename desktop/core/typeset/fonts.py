"""Fonts for every PDF the app writes (the dossier, the review sheet, the captive script, the quick card, the
rules document, the desk report): Hangul in NanumGothic, everything else in DejaVu Sans, as runs.

No Korean font has the Ukrainian letters (platform-notes.md section 3) and reportlab drops a glyph its
font lacks without a trace, so text is cut into runs and each run is checked against its font's
character map. A character neither font has is printed as a visible [U+XXXX], never dropped: the
exact value is in the signed manifest.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from desktop import paths

LATIN, HANGUL = "DejaVuSans", "NanumGothic"
FILES = {LATIN: "DejaVuSans.ttf", LATIN + "-Bold": "DejaVuSans-Bold.ttf",
         HANGUL: "NanumGothic.ttf", HANGUL + "-Bold": "NanumGothicBold.ttf"}
# Hangul jamo, compatibility jamo, syllables, extended jamo; CJK punctuation and ideographs go with them.
_HANGUL = re.compile("[\u1100-\u11ff\u3000-\u303f\u3130-\u318f\u3200-\u32ff\u4e00-\u9fff\ua960-\ua97f"
                     "\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef]+")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@cache
def register() -> None:
    """Register the four bundled fonts and their bold families with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.resources_dir() / "fonts"
    for name, file in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    for base in (LATIN, HANGUL):
        addMapping(base, 0, 0, base)
        addMapping(base, 1, 0, base + "-Bold")
        addMapping(base, 0, 1, base)
        addMapping(base, 1, 1, base + "-Bold")


@cache
def charmap(font: str) -> frozenset[int]:
    """Code points the registered font can draw."""
    from reportlab.pdfbase import pdfmetrics

    register()
    face = pdfmetrics.getFont(font).face
    return frozenset(face.charToGlyph)


def runs(text: str) -> list[tuple[str, str]]:
    """(font, text) runs: Hangul runs in NanumGothic, the rest in DejaVu Sans; spaces stay in the run."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _HANGUL.finditer(text):
        if m.start() > pos:
            out.append((LATIN, text[pos:m.start()]))
        out.append((HANGUL, m.group()))
        pos = m.end()
    if pos < len(text):
        out.append((LATIN, text[pos:]))
    return _merge_spaces(out)


def _merge_spaces(out: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A Latin run that is only spaces between two Hangul runs joins them (fewer font switches)."""
    merged: list[tuple[str, str]] = []
    for font, chunk in out:
        if merged and merged[-1][0] == HANGUL and font == LATIN and chunk.strip() == "" and "\n" not in chunk:
            merged[-1] = (HANGUL, merged[-1][1] + chunk)
        elif merged and merged[-1][0] == font:
            merged[-1] = (font, merged[-1][1] + chunk)
        else:
            merged.append((font, chunk))
    return merged


def missing(font: str, chunk: str) -> set[str]:
    """Characters of `chunk` that `font` cannot draw (line breaks excepted)."""
    have = charmap(font)
    return {c for c in set(chunk) if ord(c) not in have and c not in "\n\r\t"}


def safe_runs(text: str) -> list[tuple[str, str]]:
    """runs(), with each character no font can draw replaced by a visible [U+XXXX] in DejaVu."""
    text = _CONTROL.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
    out: list[tuple[str, str]] = []
    for font, chunk in runs(text):
        gaps = missing(font, chunk)
        if not gaps:
            out.append((font, chunk))
            continue
        other = HANGUL if font == LATIN else LATIN
        for c in chunk:
            if c not in gaps:
                pick, piece = font, c
            elif ord(c) in charmap(other):
                pick, piece = other, c
            else:
                pick, piece = LATIN, f"[U+{ord(c):04X}]"
            if out and out[-1][0] == pick:
                out[-1] = (pick, out[-1][1] + piece)
            else:
                out.append((pick, piece))
    return out


def markup(text: str, bold: bool = False) -> str:
    """reportlab paragraph markup of plain text: escaped, runs in their fonts, line breaks kept."""
    parts = []
    for font, chunk in safe_runs(text):
        body = escape(chunk).replace("\r\n", "\n").replace("\n", "<br/>")
        name = font + "-Bold" if bold else font
        parts.append(body if font == LATIN and not bold else f'<font name="{name}">{body}</font>')
    return "".join(parts)
