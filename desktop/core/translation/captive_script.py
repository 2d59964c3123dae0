"""The captive script: everything the captive can ever see, in order, in his language, for translators and
an ethics review (`voluntas forms captive-script --lang LANG --out FILE.pdf|.md`).

Built from the same screens as the captive view (forms/captive.py), so it cannot show what he never sees.
The framing (headings, the question ids, the review state) is English for the reader; his text is as shown.

    build(form_id, lang) -> Script      markdown(script) -> str      pdf(script) -> bytes
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from desktop.core.forms.captive import KEYS, Pair, Screen, script
from desktop.core.forms.loader import shipped_form
from desktop.core.translation.shown import FormCatalog, form_catalog

NEUTRAL = "(every interviewer item: what the interviewer declares, observes, judges or signs)"


@dataclass(frozen=True)
class Page:
    qid: str  # "" for the neutral page
    kind: str  # choices / question / none
    lines: tuple[tuple[str, str], ...]  # (role, text): question, hint, choice, decline, wait
    unreviewed: int  # strings of this page without a valid sign-off


@dataclass(frozen=True)
class Script:
    form_id: str
    version: str
    language: str
    pages: tuple[Page, ...]

    def texts(self) -> list[str]:
        return [text for p in self.pages for _role, text in p.lines]


def _page(qid: str, kind: str, sc: Screen, cat: FormCatalog) -> Page:
    lines: list[tuple[str, str]] = []
    unreviewed = 0

    def add(role: str, pair: Pair | None, prefix: str = "") -> None:
        nonlocal unreviewed
        if pair is None:
            return
        shown = cat.lookup(*pair)
        unreviewed += not shown.reviewed
        lines.append((role, prefix + shown.text))

    add("question", sc.question)
    add("hint", sc.hint)
    for n, pair in enumerate(sc.choices):
        add("choice", pair, f"{KEYS[n] if n < len(KEYS) else ''}.  ")
    add("decline", sc.decline)
    add("wait", sc.wait)
    return Page(qid, kind, tuple(lines), unreviewed)


def build(form_id: str, lang: str) -> Script:
    form = shipped_form(form_id)
    cat = form_catalog(lang)
    pages = tuple(_page(qid, form.questions[qid].captive if qid else "none", sc, cat) for qid, sc in script(form))
    return Script(form.id, form.version, lang, pages)


def _title(s: Script) -> str:
    return f"Captive script: {s.form_id} {s.version}, language {s.language}"


INTRO = ("Everything the captive view can show him, in the order of the interview, exactly as shown (his "
         "language). Each question he answers shows his question, his hint, his choices (keys 1-9, 0, then "
         "letters) and the cue that he may decline. Interviewer items show only the neutral page, listed once. "
         "Never shown: interviewer labels and hints, coded lists, notes, the evaluation, case codes.")


def markdown(s: Script) -> str:
    out = [f"# {_title(s)}", "", INTRO, ""]
    for n, p in enumerate(s.pages, 1):
        head = f"## {n}. {p.qid or 'Neutral page'}"
        head += f" ({p.kind})" if p.qid else f" {NEUTRAL}"
        out += [head, ""]
        if p.unreviewed:
            out += [f"_{p.unreviewed} string(s) not yet reviewed._", ""]
        for role, text in p.lines:
            body = text.replace("\n", " ")
            if role == "choice":
                body = body.replace(".", "\\.", 1)  # "1\." stays a key, not a numbered list
            out.append(f"- {body}" if role == "choice" else f"> {body}" if role == "decline" else
                       f"**{body}**" if role in ("question", "wait") else body)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def pdf(s: Script, today: datetime.date | None = None) -> bytes:
    from reportlab.platypus import KeepTogether, SimpleDocTemplate

    from desktop.core.typeset import fonts, layout
    from desktop.core.typeset.layout import BODY, H1, H2, H3, SMALL, para

    fonts.register()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=layout.PAGE, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN,
                            topMargin=layout.MARGIN, bottomMargin=layout.MARGIN + 4, title=_title(s), author="",
                            subject="", creator="Voluntas", keywords="")
    story = [para(_title(s), H1), para(INTRO, BODY)]
    for n, p in enumerate(s.pages, 1):
        head = f"{n}. {p.qid} ({p.kind})" if p.qid else f"{n}. Neutral page {NEUTRAL}"
        block = [para(head, H2)]
        if p.unreviewed:
            block.append(para(f"{p.unreviewed} string(s) not yet reviewed", SMALL))
        for role, text in p.lines:
            style = H3 if role in ("question", "wait") else SMALL if role == "decline" else BODY
            block.append(para(text, style))
        story.append(KeepTogether(block))
    day = (today or datetime.date.today()).isoformat()
    doc.build(story, canvasmaker=layout.canvas_class(f"{s.form_id} {s.version}, {s.language}, {day}",
                                                      "Captive script: what the captive can see"))
    return buf.getvalue()
