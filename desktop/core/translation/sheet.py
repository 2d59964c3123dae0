"""A form for translators, as plain data: every string in form order with its translation, status, notes and
glossary warnings, grouped in blocks (the form, each section, each question with its choices, the rules
text). The review sheet (PDF) and the window's translator preview both read this.

    build(form_id, lang, forms=None, locales=None) -> Sheet
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from desktop import paths
from desktop.core.errors import N_
from desktop.core.forms.loader import load_form
from desktop.core.forms.model import Form, Question, context
from desktop.core.translation import glossary as gl
from desktop.core.translation.plain import plain
from desktop.core.translation.shown import FUZZY, TRANSLATED, UNTRANSLATED, FormCatalog, form_catalog, form_strings

READY, UNREVIEWED = "reviewed", "unreviewed"
STATUS_WORDS = {READY: "reviewed", UNREVIEWED: "translated, NOT REVIEWED",
                FUZZY: "FUZZY: English shown", UNTRANSLATED: "UNTRANSLATED: English shown"}
# Marked for the window's preview (translated there); the PDF sheet prints them in English.
TYPE_WORDS = {"yes_no": N_("yes / no"), "yes_no_unknown": N_("yes / no / unknown / declined"),
              "select_one": N_("one choice"), "select_multiple": N_("several choices"), "text": N_("free text"),
              "date": N_("date"), "integer": N_("whole number"), "calculate": N_("calculated, never asked"),
              "signature": N_("signature")}
FACT_WORDS = (N_("id"), N_("type"), N_("answered by"), N_("required"), N_("choices"), N_("asked when"),
              N_("accepted when"), N_("calculated as"), N_("list"), N_("codes"), N_("cannot be combined"),
              N_("section"), N_("version"), N_("file"), N_("the captive"), N_("the interviewer"),
              N_("nobody (calculated)"), N_("yes"))


@dataclass(frozen=True)
class Line:
    """One translatable string."""

    context: str
    english: str
    translation: str  # the msgstr, also when fuzzy; "" when untranslated
    shown: str  # what the captive would see (English unless translated and not fuzzy)
    status: str  # reviewed / unreviewed / fuzzy / untranslated
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # glossary warnings
    terms: tuple[str, ...] = ()  # glossary terms the English uses: "en = approved term"

    @property
    def field(self) -> str:
        return self.context.rsplit(".", 1)[-1]

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def needs_work(self) -> bool:
        return self.status != READY


@dataclass(frozen=True)
class Block:
    kind: str  # form / section / question / choices / rules
    id: str
    section: str
    facts: tuple[tuple[str, str], ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Sheet:
    form_id: str
    version: str
    language: str
    blocks: tuple[Block, ...]

    @property
    def lines(self) -> list[Line]:
        return [ln for b in self.blocks for ln in b.lines]

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in STATUS_WORDS}
        for ln in self.lines:
            out[ln.status] += 1
        return out


class _Lines:
    def __init__(self, cat: FormCatalog, lang: str, g: gl.Glossary | None) -> None:
        self.cat, self.lang, self.g = cat, lang, g
        self.notes: dict[str, tuple[str, ...]] = {}

    def line(self, ctx: str, english: str, note: str | None = None) -> Line:
        shown = self.cat.lookup(ctx, english)
        msg = self.cat.catalog.get(english, context=ctx) if self.cat.catalog is not None else None
        raw = msg.string if msg is not None else ""
        translation = str((raw[0] if isinstance(raw, (list, tuple)) else raw) or "")
        if self.lang == "en":
            translation = english
        status = shown.status if shown.status != TRANSLATED else (READY if shown.reviewed else UNREVIEWED)
        warnings: tuple[str, ...] = ()
        terms: tuple[str, ...] = ()
        if self.g is not None:
            found = self.g.terms_in(english)
            terms = tuple(f"{t.en} = {t.langs[self.lang].term}" for t in found if self.lang in t.langs)
            if translation and self.lang != "en":
                warnings = tuple(f"{code} {m}" for code, m in self.g.warnings(english, translation, self.lang))
        notes = (note,) if note else self.notes.get(ctx, ())
        return Line(ctx, english, translation, shown.text, status, notes, warnings, terms)


def _once(lines: list[Line]) -> tuple[Line, ...]:
    """Each note once per block: a question's note covers its hint, a list's note all its choices."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for ln in lines:
        out.append(replace(ln, notes=()) if ln.notes and ln.notes in seen else ln)
        seen.add(ln.notes)
    return tuple(out)


def _question_facts(form: Form, q: Question, listed: dict[str, str]) -> tuple[tuple[str, str], ...]:
    facts = [("id", q.id), ("type", TYPE_WORDS.get(q.type, q.type)),
             ("answered by", {"C": "the captive", "I": "the interviewer"}.get(q.by or "", "nobody (calculated)"))]
    if q.required:
        facts.append(("required", "yes"))
    if q.type != "calculate":
        facts.append(("captive view", {"choices": "his question and these choices", "question": "his question only",
                                       "none": "the neutral page"}.get(q.captive, q.captive)))
    if q.list_id:
        first = listed.get(q.list_id)
        facts.append(("choices", q.list_id if first is None else f"{q.list_id}, as listed at {first}"))
    if q.relevance is not None:
        facts.append(("asked when", plain(form, q.relevance)))
    if q.constraint is not None:
        facts.append(("accepted when", plain(form, q.constraint)))
    if q.calculation is not None:
        facts.append(("calculated as", plain(form, q.calculation)))
    return tuple(facts)


def _question(form: Form, q: Question, mk: _Lines, listed: dict[str, str]) -> list[Block]:
    lines = [mk.line(context(form, q.id, name), text, q.translator_note)
             for name, text in (("label", q.label), ("hint", q.hint), ("captive_text", q.captive_text),
                                ("captive_hint", q.captive_hint), ("constraint_message", q.constraint_message))
             if text]
    blocks = [Block("question", q.id, q.section, _question_facts(form, q, listed), _once(lines))]
    if q.list_id and q.list_id not in listed:
        listed[q.list_id] = q.id
        blocks.append(_choices(form, q.list_id, q.section, mk))
    return blocks


def _choices(form: Form, list_id: str, section: str, mk: _Lines) -> Block:
    cl = form.choice_lists[list_id]
    lines = _once([ln for c in cl.choices for ln in (
        mk.line(context(form, list_id, c.code, "label"), c.label, c.translator_note),
        *([mk.line(context(form, list_id, c.code, "captive_label"), c.captive_label)] if c.captive_label else []))])
    facts = [("list", list_id), ("codes", ", ".join(cl.codes))]
    if cl.exclusive:
        facts.append(("cannot be combined", ", ".join(sorted(cl.exclusive))))
    return Block("choices", list_id, section, tuple(facts), lines)


@lru_cache(maxsize=4)
def _form(path: str, _stamp: int) -> Form:
    return load_form(path)


def build(form_id: str, lang: str, forms: Path | None = None, locales: Path | None = None,
          glossary: gl.Glossary | None = None) -> Sheet:
    folder = (forms or paths.forms_dir()) / form_id
    form = _form(str(folder / "form.yaml"), (folder / "form.yaml").stat().st_mtime_ns)
    g = glossary
    if g is None and (locales or paths.locales_dir()).joinpath("glossary.yaml").is_file():
        g = gl.load((locales or paths.locales_dir()) / "glossary.yaml")
    mk = _Lines(form_catalog(lang, locales), lang, g)
    strings = form_strings(form_id, forms)
    mk.notes = {m.context: m.notes for m in strings}
    page = [mk.line(context(form, "captive_page", key), text) for key, text in
            (("wait", form.captive_wait), ("decline", form.captive_decline)) if text]
    blocks = [Block("form", form.id, "", (("id", form.id), ("version", form.version)),
                    (mk.line(context(form, "title"), form.title, form.translator_note), *page))]
    listed: dict[str, str] = {}
    for s in form.sections:
        head = [mk.line(context(form, s.id, "title"), s.title, s.translator_note)]
        if s.hint:
            head.append(mk.line(context(form, s.id, "hint"), s.hint, s.translator_note))
        blocks.append(Block("section", s.id, s.id, (("section", s.id),), tuple(head)))
        for qid in s.question_ids:
            blocks += _question(form, form.questions[qid], mk, listed)
    for list_id in form.choice_lists:
        if list_id not in listed:
            blocks.append(_choices(form, list_id, "", mk))
    done = {ln.context for b in blocks for ln in b.lines}
    rules = tuple(mk.line(m.context, m.msgid) for m in strings if m.context not in done)
    if rules:
        blocks.append(Block("rules", "rules", "", (("file", "rules.yaml"),), rules))
    return Sheet(form.id, form.version, lang, tuple(blocks))
