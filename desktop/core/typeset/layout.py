"""Page furniture shared by every PDF the app writes: styles, the cover's signature box (dossier, desk report),
page numbers "n / N", banner footer."""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph

from desktop.core.typeset.fonts import LATIN, markup, safe_runs

PAGE = A4
MARGIN = 18 * mm
# Where pyHanko puts the visible signature on page 1 (x1, y1, x2, y2 in points); the cover keeps it free.
SIG_BOX = (int(MARGIN), int(24 * mm), int(PAGE[0] - MARGIN), int(56 * mm))
CHUNK = 1500  # characters per paragraph: reportlab's line breaking is quadratic in a paragraph's length
_LONG_WORD = re.compile(r"\S{60,}")

BODY = ParagraphStyle("body", fontName=LATIN, fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10, textColor=colors.HexColor("#444444"))
MONO = ParagraphStyle("mono", parent=BODY, fontSize=7.5, leading=9.5, wordWrap="CJK")
H1 = ParagraphStyle("h1", parent=BODY, fontSize=17, leading=21, spaceAfter=8, fontName=LATIN + "-Bold")
H2 = ParagraphStyle("h2", parent=BODY, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4,
                    fontName=LATIN + "-Bold", keepWithNext=1)
H3 = ParagraphStyle("h3", parent=BODY, fontSize=10.5, leading=13.5, spaceBefore=6, spaceAfter=2,
                    fontName=LATIN + "-Bold", keepWithNext=1)
QHEAD = ParagraphStyle("qhead", parent=SMALL, spaceBefore=5, keepWithNext=1)
ANSWER = ParagraphStyle("answer", parent=BODY, leftIndent=8)
ANSWER_CJK = ParagraphStyle("answer_cjk", parent=ANSWER, wordWrap="CJK")
BANNER = ParagraphStyle("banner", parent=BODY, fontName=LATIN + "-Bold", fontSize=10.5, leading=14,
                        textColor=colors.HexColor("#7a1f1f"), borderColor=colors.HexColor("#7a1f1f"),
                        borderWidth=1, borderPadding=5, spaceBefore=6, spaceAfter=10)


def para(text: str, style: ParagraphStyle = BODY, bold: bool = False) -> Paragraph:
    return Paragraph(markup(text, bold or style.fontName.endswith("-Bold")), style)


def long_text(text: str, style: ParagraphStyle = ANSWER) -> list[Paragraph]:
    """Long text as paragraphs of at most CHUNK characters, cut at a space where there is one, so it
    flows across pages in linear time. Line breaks of the original are kept."""
    out: list[Paragraph] = []
    for line in text.split("\n"):
        while len(line) > CHUNK:
            cut = line.rfind(" ", CHUNK // 2, CHUNK)
            cut = CHUNK if cut < 0 else cut + 1
            out.append(_piece(line[:cut], style))
            line = line[cut:]
        out.append(_piece(line, style))
    return out


def _piece(text: str, style: ParagraphStyle) -> Paragraph:
    cjk = style is ANSWER and _LONG_WORD.search(text) is not None
    return Paragraph(markup(text) if text else "&nbsp;", ANSWER_CJK if cjk else style)


class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
    """Draws "n / N", the case code and the banner on every page once the page count is known."""

    footer_left = ""
    footer_banner = ""
    watermark = ""  # "DRAFT, not finalized" across every page of a draft

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = LATIN  # else every page lists Helvetica, not embedded
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self.toc_pages: dict[str, int] = {}  # filled by toc.Anchor; the same objects in every page state
        self.toc_slots: list[tuple[int, float, float, str]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        self.saveState()
        self.setFillColor(colors.HexColor("#444444"))
        self.setFont(LATIN, 7.5)
        y = 10 * mm
        draw_runs(self, MARGIN, y, self.footer_left, 7.5)
        draw_runs(self, PAGE[0] / 2, y, self.footer_banner, 7.5, centre=True)
        self.setFont(LATIN, 7.5)
        self.drawRightString(PAGE[0] - MARGIN, y, f"{self._pageNumber} / {total}")
        for page, x, y_slot, key in self.toc_slots:
            if page == self._pageNumber and key in self.toc_pages:
                self.setFont(LATIN, BODY.fontSize)
                self.drawRightString(x, y_slot, str(self.toc_pages[key]))
        if self.watermark:
            self._watermark()
        self.restoreState()

    def _watermark(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.saveState()
        self.setFillColor(colors.Color(0.7, 0.1, 0.1, alpha=0.18))
        self.translate(PAGE[0] / 2, PAGE[1] / 2)
        self.rotate(50)
        size = 40.0
        width = sum(stringWidth(chunk, font + "-Bold", size) for font, chunk in safe_runs(self.watermark))
        size = min(size, size * (PAGE[1] * 0.8) / max(width, 1))
        draw_runs(self, 0, -size / 3, self.watermark, size, centre=True, bold=True)
        self.restoreState()
        self.setFillColor(colors.HexColor("#7a1f1f"))
        draw_runs(self, PAGE[0] / 2, PAGE[1] - 10 * mm, self.watermark, 9, centre=True, bold=True)


def draw_runs(canv: rl_canvas.Canvas, x: float, y: float, text: str, size: float, centre: bool = False,
              bold: bool = False) -> None:
    """One line of text on the canvas, each run in its own font (drawString has no fallback either)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = [(font + "-Bold" if bold else font, chunk) for font, chunk in safe_runs(text)]
    if centre:
        x -= sum(stringWidth(chunk, font, size) for font, chunk in pieces) / 2
    for font, chunk in pieces:
        canv.setFont(font, size)
        canv.drawString(x, y, chunk)
        x += stringWidth(chunk, font, size)


def canvas_class(left: str, banner: str, watermark: str = "") -> type[NumberedCanvas]:
    """A canvas class carrying this document's footer text (and a draft's watermark)."""
    return type("DossierCanvas", (NumberedCanvas,), {"footer_left": left, "footer_banner": banner,
                                                     "watermark": watermark})


def cover_signature_area(canv: rl_canvas.Canvas, caption: str) -> None:
    """The caption above the box on page 1 that the PAdES signature appearance fills."""
    x1, y1, x2, y2 = SIG_BOX
    canv.saveState()
    canv.setStrokeColor(colors.HexColor("#999999"))
    canv.setDash(2, 2)
    canv.rect(x1 - 2, y1 - 2, x2 - x1 + 4, y2 - y1 + 4)
    canv.setFillColor(colors.HexColor("#444444"))
    draw_runs(canv, x1, y2 + 5, caption, 8)
    canv.restoreState()
