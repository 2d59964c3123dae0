"""A table of contents with page numbers, in one rendering pass.

reportlab's own TableOfContents needs multiBuild (the whole dossier laid out twice). Here the contents
page is laid out with one line per section known in advance; each section's Anchor records the page it
lands on, each TocLine records where its number goes, and the canvas writes the numbers when it writes
the footers (layout.NumberedCanvas defers every page until the page count is known anyway).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph

from desktop.core.typeset.fonts import markup
from desktop.core.typeset.layout import BODY, MARGIN, PAGE

NUMBER_WIDTH = 30


class Anchor(Flowable):  # type: ignore[misc]
    """Zero-size marker before a section: records its page and adds a PDF bookmark."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title = key, title
        self.width = self.height = 0

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv: Any = self.canv
        pages: dict[str, int] = canv.toc_pages
        if self.key not in pages:
            pages[self.key] = canv.getPageNumber()
            canv.bookmarkPage(self.key)
            canv.addOutlineEntry(self.title, self.key, level=0)


class TocLine(Flowable):  # type: ignore[misc]
    """One contents line; the page number is drawn later, right-aligned on the same baseline."""

    def __init__(self, key: str, text: str) -> None:
        super().__init__()
        self.key = key
        self.para = Paragraph(markup(text), BODY)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        w, h = self.para.wrap(aw - NUMBER_WIDTH, ah)
        self.width, self.height = aw, h + 3
        return aw, h + 3

    def draw(self) -> None:
        canv: Any = self.canv
        self.para.drawOn(canv, 0, 3)
        _x, y = canv.absolutePosition(0, self.height - BODY.fontSize)
        canv.toc_slots.append((canv.getPageNumber(), PAGE[0] - MARGIN, y, self.key))
