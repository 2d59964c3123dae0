"""The cover (what a lawyer reads in a minute), the contents page and the wish section.

Everything is in the interviewer's language (Words); his own words are printed as he gave them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.core.dossier.assemble import Dossier, InterviewPart
from desktop.core.dossier.summary import DECISION_SUPPORT, Summary
from desktop.core.dossier.toc import Anchor, TocLine
from desktop.core.dossier.words import Words
from desktop.core.errors import N_
from desktop.core.typeset import layout
from desktop.core.typeset.layout import BODY, H1, H2, H3, SMALL, para

DRAFT = N_("DRAFT, not finalized")
CELL = 1200  # characters of an answer inside a table cell
COVER_WORDS = 450  # characters of his own words on the cover; the wish section has them all
WISH_IDS = ("wsh_open", "wsh_pref", "wsh_second", "wsh_dest", "wsh_reasons_txt", "wsh_rok_intent",
            "wsh_ua_asylum", "wsh_sure", "wsh_more_time", "wsh_change_why")
COVER_GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
])
NOTICE = ParagraphStyle("notice", parent=layout.BANNER, fontSize=8.5, leading=11, spaceBefore=2, spaceAfter=0)
Section = tuple[str, str]  # (anchor key, title)


def grid(rows: list[list[Any]], widths: list[float], style: TableStyle = COVER_GRID) -> Table:
    cells = [[c if isinstance(c, (Flowable, list)) else para(str(c), SMALL) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(style)
    return table


def lines(items: list[str] | tuple[str, ...]) -> list[Paragraph]:
    return [para(i, SMALL) for i in items] or [para("-", SMALL)]


def cover(d: Dossier, s: Summary | None, w: Words, width: float) -> list[Flowable]:
    _ = w.ui
    first = d.interviews[0].row
    dates = ", ".join(p.row.interview_date for p in d.interviews)
    # a sealed dossier is rendered as its interviews are finalized: they no longer count as drafts
    states = {p.row.state if d.draft or p.row.state != "draft" else "finalized" for p in d.interviews}
    state = "; ".join(sorted(w.state(x) for x in states))
    facts = [
        [_(N_("Case")), d.case_code, _(N_("Made")), d.created],
        [_(N_("Interviewer")), d.interviewer, _(N_("Organisation")), d.organisation or "-"],
        [_(N_("Interviews")), f"{len(d.interviews)}: {dates} ({state})", _(N_("Languages")),
         _(N_("{captive} (captive), {interviewer} (interviewer)")).format(
             captive=w.lang_name(first.captive_lang), interviewer=w.lang_name(first.interviewer_lang))],
        [_(N_("Ruleset")), s.ruleset if s else f"{d.ruleset['id']} {d.ruleset['version']}", _(N_("Form")),
         f"{d.form.id} {d.form.version}"],
    ]
    out: list[Flowable] = [para(_(N_("Interview dossier")), H1)]
    if d.draft:
        out.append(para(_(DRAFT), layout.BANNER))
    out.append(grid(facts, [width * 0.15, width * 0.38, width * 0.15, width * 0.32]))
    out.append(para(_(N_("Results")), H3))
    if s is None:
        out += [para(p, BODY) for p in d.problems]
    else:
        out.append(grid(_results(s, w), [width * 0.24, width * 0.76]))
    out += [Spacer(1, 4), para(_(DECISION_SUPPORT), NOTICE)]
    return out


def _results(s: Summary, w: Words) -> list[list[Any]]:
    _ = w.ui
    words = s.own_words if len(s.own_words) <= COVER_WORDS else s.own_words[:COVER_WORDS] + " [...] " + _(
        N_("(the whole answer is in the wish section)"))
    reliability = [para(s.reliability, SMALL, bold=True), *[para(first_sentence(r), SMALL) for r in s.reasons]]
    if s.repeat:
        reliability.append(para(_(N_("Repeat the interview.")), SMALL))
    rows: list[list[Any]] = [
        [_(N_("POW status")), [para(s.status, SMALL, bold=True), para(_(N_("Grounds: {codes}")).format(
            codes=s.grounds), SMALL)]],
        [_(N_("His wish, in his own words")), words or _(N_("No wish recorded."))],
        [_(N_("His wish, as chosen")), lines([f"{q}: {a}" for q, a in s.chosen] or [_(N_("No wish recorded."))])],
        [_(N_("Reliability of the wish")), reliability],
        [_(N_("Risk on return")), lines([f"{d}: {r}" for d, r in s.risk])],
        [_(N_("Options")), lines([f"{o}: {r}" + (f" ({c})" if c else "") for o, r, c in s.options])],
        [_(N_("Flags")), s.flags],
        [_(N_("Translations shown to him")), _unreviewed(s, w)],
        [_(N_("Legal sign-off of the rules")), _signoff(s, w)],
    ]
    if s.wish_interview:
        rows[1][0] = f"{rows[1][0]} ({s.wish_interview})"
    return rows


def first_sentence(text: str) -> str:
    cut = text.find(". ")
    return text if cut < 0 else text[:cut + 1]


def _unreviewed(s: Summary, w: Words) -> str:
    if s.unreviewed is None:
        return w.ui(N_("No record of the text shown: the answers were imported."))
    if not s.unreviewed:
        return w.ui(N_("All reviewed by a translator."))
    return w.ui(N_("{count} question(s) were shown with translations no translator has reviewed: {labels}")).format(
        count=len(s.unreviewed), labels=_short(s.unreviewed))


def _signoff(s: Summary, w: Words) -> str:
    if s.unsigned_rules is None:
        return w.ui(N_("Not recorded by this ruleset version."))
    if not s.unsigned_rules:
        return w.ui(N_("Every rule that fired has a legal sign-off."))
    ids = [r.split(":", 1)[0] for r in s.unsigned_rules]
    return w.ui(N_("{count} rule(s) that fired have no legal sign-off: {rules}")).format(
        count=len(ids), rules=", ".join(ids))


def _short(items: tuple[str, ...], most: int = 4) -> str:
    shown = "; ".join(items[:most])
    return shown + (f"; ... (+{len(items) - most})" if len(items) > most else "")


def contents(sections: list[Section], w: Words) -> list[Flowable]:
    return [para(w.ui(N_("Contents")), H2), *[TocLine(key, title) for key, title in sections]]


def wish_section(d: Dossier, ev: dict[str, Any] | None, w: Words, width: float,
                 tr_captive: Callable[[InterviewPart], Words]) -> list[Flowable]:
    """Per interview: what he said he wants, the reliability found, his words as given."""
    _ = w.ui
    out: list[Flowable] = [Anchor("wish", _(N_("His wish"))), para(_(N_("His wish")), H2)]
    per = {int(i["index"]): i for i in (ev or {}).get("wish", {}).get("interviews", [])}
    for part in d.interviews:
        info = per.get(part.index)
        head = _(N_("Interview {n} on {date}")).format(n=part.index, date=part.row.interview_date)
        out.append(para(head, H3))
        result = w.result(info["result"]) if info else _(N_("No wish recorded."))
        rows: list[list[Any]] = [[_(N_("Reliability at this interview")), result]]
        captive = tr_captive(part)
        same = part.row.captive_lang == part.row.interviewer_lang
        below: list[Flowable] = []
        for qid in WISH_IDS:
            if qid not in part.answers:
                continue
            value = part.answers[qid]
            shown = w.answer(qid, value)
            if not same and isinstance(value, (str, list)) and w.form.questions[qid].list_id:
                shown = f"{shown}\n{captive.answer(qid, value)}"
            if len(shown) > CELL:  # a table cell cannot break across pages: the whole text follows the table
                below += [para(w.question(qid), SMALL, bold=True), *layout.long_text(shown)]
                shown = shown[:CELL] + " [...] " + _(N_("(continued below the table)"))
            rows.append([w.question(qid), shown])
        out.append(grid(rows, [width * 0.34, width * 0.66]))
        out += below
    return out
