"""The translator's review sheet as a PDF: every string of a form in order, the English beside the
translation, with question ids, types, choices, skip rules in words, notes, review status and glossary
warnings (issue 8). Fonts and page furniture are desktop.core.typeset's (Hangul and Cyrillic runs, n / N).

    render(sheet) -> bytes          write(sheet, path)

The sheet is in English on purpose: its reader compares a translation with the English source.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.core.atomic import write_atomic
from desktop.core.translation.sheet import READY, UNREVIEWED, Block, Line, Sheet
from desktop.core.translation.shown import FUZZY, UNTRANSLATED
from desktop.core.typeset import fonts, layout
from desktop.core.typeset.layout import BODY, H1, H2, SMALL, para

PAGE = landscape(layout.PAGE)
WIDTH = PAGE[0] - 2 * layout.MARGIN
SHADE = {READY: None, UNREVIEWED: "#fbf1d9", FUZZY: "#f6e3e0", UNTRANSLATED: "#f6e3e0"}
WARN = "#7a1f1f"
HOW_TO_READ = (
    "Each string has three columns: its field and review status, the English source, and the translation. "
    "A status other than 'reviewed' is printed in capitals and the row is shaded. 'NOT REVIEWED': no valid "
    "approval (none yet, or the English or the translation changed since). 'FUZZY' and 'UNTRANSLATED': the "
    "captive would see the English. 'asked when' is the skip rule in words; 'accepted when' the check on the "
    "answer. Glossary lines give the approved term (locales/glossary.yaml, legal-brief section D); a "
    "W301/W302 line is a warning to read, not an error. To approve what you have read: "
    "voluntas forms signoff --lang LANG --reviewer \"Full Name\" [--context PREFIX], "
    "or the translator preview in the window.")


def _facts(block: Block) -> list[Flowable]:
    head = "  |  ".join(f"{k}: {v}" for k, v in block.facts if k not in ("asked when", "accepted when",
                                                                           "calculated as"))
    out: list[Flowable] = [para(head, SMALL, bold=True)]
    for key, value in block.facts:
        if key in ("asked when", "accepted when", "calculated as"):
            out.append(para(f"{key}: {value}", SMALL))
    return out


def _rows(ln: Line) -> tuple[list[list[Flowable | str]], list[tuple[object, ...]]]:
    status = Paragraph(fonts.markup(ln.words, bold=ln.needs_work) + "<br/>" + fonts.markup(ln.context), SMALL)
    translation = ln.translation or "(no translation)"
    rows: list[list[Flowable | str]] = [[status, para(ln.english, BODY), para(translation, BODY)]]
    extra = [f"Translator note: {n}" for n in ln.notes] + [f"Glossary: {t}" for t in ln.terms]
    for text in extra:
        rows.append(["", para(text, SMALL), ""])
    for w in ln.warnings:
        rows.append(["", Paragraph(fonts.markup("WARNING " + w, bold=True), SMALL), ""])
    styles: list[tuple[object, ...]] = []
    shade = SHADE[ln.status]
    if shade:
        styles.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(shade)))
    for i in range(1, len(rows)):
        styles.append(("SPAN", (1, i), (2, i)))
    if ln.warnings:
        first = len(rows) - len(ln.warnings)
        styles.append(("TEXTCOLOR", (0, first), (-1, -1), colors.HexColor(WARN)))
    if extra:
        styles.append(("SPAN", (0, 1), (0, len(extra))))
    return rows, styles


def _table(lines: tuple[Line, ...]) -> list[Flowable]:
    out: list[Flowable] = []
    for ln in lines:
        rows, styles = _rows(ln)
        table = Table(rows, colWidths=[WIDTH * 0.16, WIDTH * 0.42, WIDTH * 0.42], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            *styles,
        ]))
        out.append(table)
    return out


def _block(block: Block, lang: str) -> list[Flowable]:
    if block.kind == "section":
        title = block.lines[0]
        return [para(f"Section {block.id}: {title.english}", H2), *_table(block.lines)]
    if block.kind == "rules":
        return [para("Rules text (rules.yaml): shown to legal advisers, never to the captive", H2),
                *_table(block.lines)]
    if block.kind == "choices":
        head = [para(f"Choices of list {block.id}", SMALL, bold=True), *_facts(block)[1:]]
        return [*head, *_table(block.lines)]
    if block.kind == "form":
        return [para("Form title; the captive view's neutral page and decline cue", H2), *_table(block.lines)]
    return [Spacer(1, 4), KeepTogether([*_facts(block), *_table(block.lines[:1])]), *_table(block.lines[1:])]


def _cover(sheet: Sheet, today: str) -> list[Flowable]:
    counts = sheet.counts()
    total = sum(counts.values())
    warned = sum(1 for ln in sheet.lines if ln.warnings)
    rows = [["Form", f"{sheet.form_id} {sheet.version}"], ["Languages", f"English beside {sheet.language}"],
            ["Printed", today], ["Strings", str(total)],
            ["Reviewed", str(counts[READY])], ["Translated, not reviewed", str(counts[UNREVIEWED])],
            ["Fuzzy (English shown)", str(counts[FUZZY])], ["Untranslated (English shown)", str(counts[UNTRANSLATED])],
            ["Strings with glossary warnings", str(warned)]]
    table = Table([[para(a, SMALL, bold=True), para(b, BODY)] for a, b in rows],
                  colWidths=[WIDTH * 0.3, WIDTH * 0.7], hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [para(f"Translation review sheet: {sheet.form_id} ({sheet.language})", H1), table, Spacer(1, 8),
            para("How to read this sheet", H2), para(HOW_TO_READ, BODY)]


def render(sheet: Sheet, today: datetime.date | None = None) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    fonts.register()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN,
                            topMargin=layout.MARGIN, bottomMargin=layout.MARGIN + 4,
                            title="Voluntas translation review sheet", author="", subject="", creator="Voluntas",
                            keywords="")
    day = (today or datetime.date.today()).isoformat()
    story = _cover(sheet, day)
    for block in sheet.blocks:
        story += _block(block, sheet.language)
    left = f"{sheet.form_id} {sheet.version}, English / {sheet.language}, {day}"
    canvas = layout.canvas_class(left, "Review sheet: not for the captive")
    doc.build(story, canvasmaker=_sized(canvas))
    return buf.getvalue()


def _sized(base: type[layout.NumberedCanvas]) -> type[layout.NumberedCanvas]:
    """The dossier canvas places its footer for A4 portrait; the sheet is landscape."""

    class SheetCanvas(base):  # type: ignore[valid-type,misc]
        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFillColor(colors.HexColor("#444444"))
            y = 10 * mm
            layout.draw_runs(self, layout.MARGIN, y, self.footer_left, 7.5)
            layout.draw_runs(self, PAGE[0] / 2, y, self.footer_banner, 7.5, centre=True)
            self.setFont(fonts.LATIN, 7.5)
            self.drawRightString(PAGE[0] - layout.MARGIN, y, f"{self._pageNumber} / {total}")
            self.restoreState()

    return SheetCanvas


def write(sheet: Sheet, path: Path, today: datetime.date | None = None) -> int:
    """Render and write atomically; returns the size in bytes."""
    data = render(sheet, today)
    write_atomic(Path(path), data, 0o644)
    return len(data)
