"""The rules document as a PDF, typeset like the dossier (its fonts: Hangul and Cyrillic runs; n / N pages)."""

from __future__ import annotations

import datetime
import io

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.core.rules.ruledoc import Entry, fields, header
from desktop.core.rules.signoff import LAPSED, SIGNED_OFF
from desktop.core.rules.words import Words
from desktop.core.typeset import fonts, layout
from desktop.core.typeset.layout import BANNER, BODY, H1, H2, H3, SMALL, para

WIDTH = layout.PAGE[0] - 2 * layout.MARGIN
SHADE = {SIGNED_OFF: "#e3f0e0", LAPSED: "#f6e3e0", "none": "#fbf1d9"}


def _entry(w: Words, e: Entry) -> Flowable:
    rows = [[para(label, SMALL, bold=True), para(text, BODY)] for label, text in fields(w, e)]
    table = Table(rows, colWidths=[WIDTH * 0.2, WIDTH * 0.8], hAlign="LEFT")
    last = len(rows) - (2 if e.note else 1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, last), (-1, last), colors.HexColor(SHADE.get(e.state, SHADE["none"]))),
    ]))
    return KeepTogether([para(e.rule_id, H3), table])


def render(w: Words, items: list[Entry], banner: str, footer: str, today: datetime.date | None = None) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    fonts.register()
    title, facts, how = header(w, items)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=layout.PAGE, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN,
                            topMargin=layout.MARGIN, bottomMargin=layout.MARGIN + 4, title=title, author="",
                            subject="", creator="Voluntas", keywords="")
    day = (today or datetime.date.today()).isoformat()
    story: list[Flowable] = [para(title, H1), Paragraph(fonts.markup(banner, bold=True), BANNER),
                             para(facts, BODY), Spacer(1, 4), para(how, SMALL), Spacer(1, 6)]
    section = None
    for e in items:
        if e.section != section:
            section = e.section
            story.append(para(section, H2))
        story.append(_entry(w, e))
    left = f"{w.rs.id} {w.rs.version}, {day}"
    doc.build(story, canvasmaker=layout.canvas_class(left, footer))
    return buf.getvalue()
