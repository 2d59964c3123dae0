"""The dossier as a PDF (reportlab): the cover with the results (cover.py), contents, his wish, the
evaluation in words (evalpages.py), consent and capacity record, every question asked with the text in
the captive's language beside the interviewer's, an audit summary, the hashes.

Fonts are embedded and subset. The document information holds no names: title and creator only.
Interface strings are marked with N_ and translated by the caller's `translate`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import (
    Flowable,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.dossier.assemble import DIFFERS, NOT_RECORDED, Dossier, InterviewPart, Item
from desktop.core.dossier.cover import DRAFT, contents, cover, wish_section
from desktop.core.dossier.evalpages import evaluation
from desktop.core.dossier.manifest import sha256_json
from desktop.core.dossier.summary import Summary, summarise
from desktop.core.dossier.toc import Anchor
from desktop.core.dossier.words import Words
from desktop.core.errors import N_
from desktop.core.identity import fingerprint
from desktop.core.rules import BANNER, shipped_ruleset
from desktop.core.translation.unreviewed import summary
from desktop.core.typeset import fonts, layout
from desktop.core.typeset.layout import BODY, H2, H3, QHEAD, SMALL, para

Translate = Callable[[str], str]
TITLE = "Voluntas interview dossier"  # document information: no names, no case code
GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
    ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
])
EVENTS = {  # audit event names as words; an event not listed here is printed as recorded
    "answer": N_("answers saved"), "answer_cleared": N_("answers cleared"), "attachment": N_("attachments"),
    "note": N_("notes"), "imported": N_("imported"), "interview_started": N_("interview started"),
    "finalized": N_("finalized"), "stopped": N_("stopped"), "minimal_record": N_("minimal record"),
    "captive_language_changed": N_("captive's language changed"),
    "interviewer_language_changed": N_("interviewer's language changed"),
    "text_unreviewed": N_("shown with an unreviewed translation"),
}
RECORD_IDS = ("set_private", "set_present", "set_interp", "cap_assess", "con_decision", "con_scope", "con_how")


def render(d: Dossier, translate: Translate = str) -> bytes:
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    fonts.register()
    _ = translate
    lang = d.interviews[0].row.interviewer_lang
    rs = shipped_ruleset(d.form.id)
    w = Words(rs, lang)
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=layout.PAGE, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN,
                          topMargin=layout.MARGIN, bottomMargin=layout.MARGIN + 4, title=TITLE, author="",
                          subject="", creator="Voluntas", keywords="")
    width = layout.PAGE[0] - 2 * layout.MARGIN
    cover_bottom = layout.SIG_BOX[3] + 20
    cover_frame = Frame(layout.MARGIN, cover_bottom, width, layout.PAGE[1] - layout.MARGIN - cover_bottom,
                        id="cover")
    body = Frame(layout.MARGIN, layout.MARGIN + 4, width, layout.PAGE[1] - 2 * layout.MARGIN - 4, id="body")
    caption = _(N_("Electronic signature of the interviewer's device (PAdES); see the last page to check it."))
    doc.addPageTemplates([
        PageTemplate("cover", [cover_frame], onPage=lambda c, _d: layout.cover_signature_area(c, caption)),
        PageTemplate("body", [body]),
    ])
    summary = _summary(d, w)
    sections = [("wish", _(N_("His wish"))), ("evaluation", _(N_("Evaluation"))),
                ("record", _(N_("Consent and capacity")))]
    sections += [(f"q{p.index}", _(N_("Interview {n} on {date}: questions and answers")).format(
        n=p.index, date=p.row.interview_date)) for p in d.interviews]
    sections += [("audit", _(N_("Audit summary"))), ("hashes", _(N_("Hashes and keys")))]
    story: list[Flowable] = [NextPageTemplate("body")]
    story += cover(d, summary, w, width)
    story += [FrameBreak()]
    story += contents(sections, w)
    story += [Spacer(1, 10)]  # his wish follows the contents on page 2
    story += wish_section(d, d.evaluation, w, width, lambda part: Words(rs, part.row.captive_lang))
    story += evaluation(d.evaluation, d.problems, w, width)
    story += _record(d, _, width)
    for part in d.interviews:
        story += _questions(d, part, _, width, w)
    story += _audit(d, _, width)
    story += _hashes(d, _, width)
    watermark = _(DRAFT) if d.draft else ""
    doc.build(story, canvasmaker=layout.canvas_class(d.case_code, _(BANNER), watermark))
    return buf.getvalue()


def _summary(d: Dossier, w: Words) -> Summary | None:
    if d.evaluation is None:
        return None
    unreviewed: list[str] = []
    for part in d.interviews:
        unreviewed += [w.question(q) for q, _lang, _still in part.unreviewed]
    checks = [i.text_check for p in d.interviews for s in p.sections for i in s.items]
    recorded = bool(unreviewed) or any(c != NOT_RECORDED for c in checks)  # imported: no record of it
    return summarise(w, d.evaluation, [p.answers for p in d.interviews],
                     [p.row.interview_date for p in d.interviews],
                     tuple(dict.fromkeys(unreviewed)) if recorded else None)


def _table(rows: list[list[Any]], widths: list[float], style: TableStyle = GRID) -> Table:
    cells = [[c if isinstance(c, Flowable) else para(str(c), SMALL) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=0, hAlign="LEFT")
    table.setStyle(style)
    return table


def _record(d: Dossier, _: Translate, width: float) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), Anchor("record", _(N_("Consent and capacity"))),
                           para(_(N_("Consent and capacity")), H2)]
    ev_rows = {i["index"]: i for i in (d.evaluation or {}).get("interviews", [])}
    for part in d.interviews:
        info = ev_rows.get(part.index, {})
        gate = _(N_("passed")) if info.get("valid") else _(N_("not passed"))
        rows = [[_(N_("Capacity and consent gates")), gate]]
        if info.get("mr_reason"):
            rows.append([_(N_("Minimal record, reason")), str(info["mr_reason"])])
        items = {i.qid: i for s in part.sections for i in s.items}
        rows += [[items[q].text_interviewer, items[q].shown_interviewer] for q in RECORD_IDS if q in items]
        out += [para(_(N_("Interview {n} on {date}")).format(n=part.index, date=part.row.interview_date), H3),
                _table(rows, [width * 0.45, width * 0.55])]
    return out


def _questions(d: Dossier, part: InterviewPart, _: Translate, width: float, w: Words) -> list[Flowable]:
    row = part.row
    title = _(N_("Interview {n} on {date}: questions and answers")).format(n=part.index, date=row.interview_date)
    out: list[Flowable] = [PageBreak(), Anchor(f"q{part.index}", title), para(title, H2)]
    out.append(para(_(N_("Captive's language: {c}. Interviewer's language: {i}.")).format(
        c=w.lang_name(row.captive_lang), i=w.lang_name(row.interviewer_lang)), SMALL))
    same = row.captive_lang == row.interviewer_lang
    checks = [i.text_check for s in part.sections for i in s.items]
    if checks and all(c == NOT_RECORDED for c in checks):
        out.append(para(_(N_("These answers were imported: no hash of the text shown was recorded.")), SMALL))
    for section in part.sections:
        title = section.title_captive if same else f"{section.title_captive} / {section.title_interviewer}"
        out.append(para(f"{section.id}. {title}", H3))
        for item in section.items:
            out += _item(item, _, width, same, all(c == NOT_RECORDED for c in checks))
    return out


def _item(item: Item, _: Translate, width: float, same: bool, imported: bool) -> list[Flowable]:
    who = {"C": _(N_("captive's answer")), "I": _(N_("interviewer's entry"))}.get(item.by or "", "")
    head = para(f"{item.qid}  {who}", QHEAD)
    if same:
        question: Flowable = _table([[para(item.text_captive, BODY)]], [width])
    else:
        question = _table([[para(item.text_captive, BODY), para(item.text_interviewer, BODY)]],
                          [width / 2, width / 2], TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out: list[Flowable] = [head, question]
    if item.value is not None:
        out.append(para(_(N_("Answer")) + ":", SMALL))
        out += layout.long_text(item.shown_captive)
        if not same and item.shown_interviewer != item.shown_captive:
            out += layout.long_text(item.shown_interviewer)
    out = [KeepTogether(out[:4]), *out[4:]]  # never a question or "Answer:" alone at a page's foot
    if item.note:
        out.append(para(_(N_("Note")) + ":", SMALL))
        out += layout.long_text(item.note)
    if item.text_check == DIFFERS:
        out.append(para(_(N_("The text recorded as shown differs from the catalog used for this dossier.")),
                        SMALL, bold=True))
    elif item.text_check == NOT_RECORDED and not imported:
        out.append(para(_(N_("No hash of the text shown was recorded (imported answer).")), SMALL))
    return out


def _audit(d: Dossier, _: Translate, width: float) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), Anchor("audit", _(N_("Audit summary"))), para(_(N_("Audit summary")), H2)]
    for part in d.interviews:
        seconds = part.duration_ms // 1000
        items = {i.qid: i for s in part.sections for i in s.items}
        present = items["set_present"].shown_interviewer if "set_present" in items else "-"
        ev = part.events
        rows = [
            [_(N_("Duration")), f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"],
            [_(N_("Pauses")), str(sum(n for e, n in ev.items() if "pause" in e))],
            [_(N_("Language changes")), str(sum(n for e, n in ev.items() if "language" in e))],
            [_(N_("Re-consent")), str(sum(n for e, n in ev.items() if "consent" in e))],
            [_(N_("Present")), present],
            [_(N_("Audit events")), ", ".join(f"{_(EVENTS.get(e, e))} {n}" for e, n in sorted(ev.items()))],
            [_(N_("Attachments")), str(len(part.attachments))],
            [_(N_("Shown with unreviewed translations")), summary((q, g, list(s)) for q, g, s in part.unreviewed)],
            [_(N_("Audit events")) + " (n)", str(part.audit_seq)],
            [_(N_("Audit-chain head")), part.audit_head],
        ]
        out += [para(_(N_("Interview {n} on {date}")).format(n=part.index, date=part.row.interview_date), H3),
                _table(rows, [width * 0.3, width * 0.7])]
    return out


def _hashes(d: Dossier, _: Translate, width: float) -> list[Flowable]:
    rows = [[_(N_("Form")) + f" {d.form.id} {d.form.version}", d.form.sha256],
            [_(N_("Ruleset")) + f" {d.ruleset['id']} {d.ruleset['version']}", d.ruleset["sha256"]]]
    rows += [[_(N_("Catalog")) + f" {lang}", digest] for lang, digest in sorted(d.catalogs.items())]
    if d.evaluation is not None:
        rows.append([_(N_("Evaluation (canonical JSON)")), sha256_json(d.evaluation)])
    rows += [[_(N_("Manifest key (Ed25519)")), fingerprint(d.ed25519_public)],
             [_(N_("Signing certificate")), fingerprint(d.certificate)]]
    check = _(N_("To check this file: 'voluntas dossier verify FILE.pdf --trust interviewer-cert.pem', Poppler's "
                 "'pdfsig FILE.pdf', or a PDF reader that trusts the certificate above. The attached "
                 "manifest.json is signed with the Ed25519 key above (manifest.sig) and holds the SHA-256 "
                 "of this document as rendered, before the manifest and the signature were added."))
    title = _(N_("Hashes and keys"))
    return [Anchor("hashes", title), para(title, H2), _table(rows, [width * 0.3, width * 0.7]), Spacer(1, 6),
            para(check, SMALL), Paragraph("", BODY)]
