"""The interviewer's quick card: docs/interviewer-guide.md in short, on one A4 page, in the dossier's fonts
(Hangul and Cyrillic runs) and page furniture.

    render(translate, language) -> bytes        write(path, translate, language) -> size

The text is marked here and translated in the `desktop` catalog; a translation not yet signed off is
printed with a line saying so, as everywhere else.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.core.atomic import write_atomic
from desktop.core.errors import N_
from desktop.core.typeset import fonts, layout
from desktop.core.typeset.layout import BODY, H1, H3, SMALL

Translate = Callable[[str], str]

TITLE = N_("Voluntas: the interviewer's quick card")
SUBTITLE = N_("Keep it with the laptop. It holds no names and no passphrase. The full guide: "
              "docs/interviewer-guide.md.")
UNREVIEWED = N_("This translation of the card has not yet been reviewed by a translator.")
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Before"), (
        N_("A passphrase of five or more random words, only in your head. Forgotten means lost."),
        N_("Your key fingerprints go to the legal team by a second route; add their recipient file."),
        N_("Room out of earshot of guards and officials. Interpreter independent, never one who "
           "interrogated him. Record who is present as it is."),
        N_("Charge the laptop. No paper with his name."),
    )),
    (N_("During"), (
        N_("Capacity first: if he is not fit to decide, stop. Only a minimal record is kept."),
        N_("Consent is his choice; refusing costs him nothing."),
        N_("A text marked 'not yet reviewed': read it with the interpreter first."),
        N_("He may decline any question (D). Never promise a destination, a date or a benefit."),
        N_("Self-harm mentioned: follow the referral prompt before anything else."),
        N_("Step away: Ctrl+L locks. Ctrl+Shift+S stops the interview, answers kept."),
        N_("The evaluation (Ctrl+E) is for you only: never show or read it to him."),
    )),
    (N_("What he sees"), (
        N_("F11: the captive view. Only the current question and its choices, in his language, large. "
           "No case code, evaluation, notes or your text."),
        N_("He points or presses; you confirm with Enter. Ctrl+Shift+F11 leaves it."),
    )),
    (N_("After"), (
        N_("Ctrl+R: read every answer back through the interpreter; sign the declarations."),
        N_("Finalize and seal at once: a sealed interview cannot be opened on this laptop."),
        N_("Outbox: export to the USB stick or synced folder; import receipts to remove the copies."),
    )),
    (N_("If the laptop is seized"), (
        N_("Only if it is safe: Settings, Quick wipe (5 seconds), or: voluntas vault wipe --yes."),
        N_("Your safety first. Forced to unlock: only drafts are readable, sealed interviews are not."),
        N_("Tell the legal team at once. A laptop that comes back is not used again."),
    )),
    (N_("Moving to a new laptop"), (
        N_("Lock the vault. Copy vault.db and vault.key together to the new laptop's data folder."),
        N_("Same passphrase there (the first try waits once); vault check; then wipe the old laptop."),
    )),
)
KEYS = (("F1", N_("every key")), ("Enter", N_("save, next question")), ("D", N_("he declined")),
        ("F11", N_("captive view")), ("Ctrl+R", N_("review")), ("Ctrl+L", N_("lock")))


def strings() -> list[str]:
    """Every text of the card, in order (English)."""
    out = [TITLE, SUBTITLE]
    for head, lines in SECTIONS:
        out += [head, *lines]
    return out + [w for _k, w in KEYS]


def _story(t: Translate, unreviewed: bool) -> list[Flowable]:
    bullet = ParagraphStyle("card", parent=BODY, fontSize=9.8, leading=12.6, leftIndent=10, bulletIndent=0,
                            bulletFontName=fonts.LATIN)
    head = ParagraphStyle("card_h", parent=H3, fontSize=11.5, leading=14, spaceBefore=7, spaceAfter=2)
    story: list[Flowable] = [Paragraph(fonts.markup(t(TITLE), bold=True), H1),
                             Paragraph(fonts.markup(t(SUBTITLE)), SMALL)]
    if unreviewed:
        story.append(Paragraph(fonts.markup(t(UNREVIEWED), bold=True), SMALL))
    story.append(Spacer(1, 2 * mm))
    for title, lines in SECTIONS:
        story.append(Paragraph(fonts.markup(t(title), bold=True), head))
        story += [Paragraph(fonts.markup(t(line)), bullet, bulletText="\u2022") for line in lines]
    cells = [[Paragraph(fonts.markup(k, bold=True), bullet), Paragraph(fonts.markup(t(w)), bullet)] for k, w in KEYS]
    rows = [cells[i] + (cells[i + 3] if i + 3 < len(cells) else ["", ""]) for i in range(3)]
    table = Table(rows, colWidths=[26 * mm, 61 * mm, 26 * mm, 61 * mm])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), fonts.LATIN)]))
    story += [Spacer(1, 3 * mm), table]
    return story


def render(translate: Translate, language: str, unreviewed: bool = False) -> bytes:
    """The card as PDF bytes; one page (a longer translation is set smaller rather than spill over)."""
    from reportlab.platypus import SimpleDocTemplate

    fonts.register()
    for scale in (1.0, 0.92, 0.85):
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=layout.PAGE, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN,
                                topMargin=layout.MARGIN * scale, bottomMargin=layout.MARGIN, title=translate(TITLE),
                                author="", subject="", creator="Voluntas", keywords="", lang=language,
                                initialFontName=fonts.LATIN)
        story = _story(translate, unreviewed)
        if scale < 1.0:
            for f in story:
                if isinstance(f, Paragraph):
                    f.style = _scaled(f.style, scale)
        canvas = layout.canvas_class("Voluntas", translate(TITLE))
        doc.build(story, canvasmaker=canvas)
        if doc.page == 1:
            break
    return buf.getvalue()


def _scaled(style: ParagraphStyle, scale: float) -> ParagraphStyle:
    return ParagraphStyle(style.name + "_s", parent=style, fontSize=style.fontSize * scale,
                          leading=style.leading * scale)


def unreviewed_strings(language: str) -> int:
    """How many of the card's texts have no valid translator sign-off in `language` (0 for English)."""
    if language == "en":
        return 0
    from babel.messages.pofile import read_po

    from desktop import paths
    from desktop.core.translation.signoff import is_reviewed, load, review_path

    po = paths.locales_dir() / language / "LC_MESSAGES" / "desktop.po"
    if not po.is_file():
        return len(strings())
    catalog = read_po(io.BytesIO(po.read_bytes()), locale=language)
    approvals = load(review_path(po))
    found = [catalog.get(s) for s in strings()]
    return sum(1 for m in found if m is None or not is_reviewed("desktop", m, approvals))


def write(path: Path, translate: Translate, language: str, unreviewed: bool = False) -> int:
    data = render(translate, language, unreviewed)
    write_atomic(Path(path), data, 0o644)
    return len(data)
