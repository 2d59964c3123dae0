"""What a dossier shows, as plain data read from the vault, the form, the catalogs and the rules.

No layout here: pdf.py draws this, manifest.py hashes and signs it. Form text is looked up in the
captive's and the interviewer's languages through the form catalogs; the stored text hash of each
answer is compared with the text the catalog gives now, so a dossier says whether the words shown
then are the words printed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop import paths
from desktop.core.errors import N_, VoluntasError
from desktop.core.forms.model import Form, context
from desktop.core.forms.session import shown_text
from desktop.core.vault.records import InterviewRow
from desktop.core.vault.vault import Vault

Translate = Callable[[str, str], str]  # (msgctxt, English) -> text in one language
MATCH, DIFFERS, NOT_RECORDED = "match", "differs", "not_recorded"


@dataclass(frozen=True)
class Item:
    qid: str
    by: str | None
    text_captive: str
    text_interviewer: str
    value: Any
    shown_captive: str  # the answer as words in the captive's language (codes -> labels)
    shown_interviewer: str
    note: str | None
    lang: str
    text_hash: str
    text_check: str  # MATCH / DIFFERS / NOT_RECORDED


@dataclass(frozen=True)
class SectionPart:
    id: str
    title_captive: str
    title_interviewer: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class InterviewPart:
    row: InterviewRow
    index: int
    sections: tuple[SectionPart, ...]
    answers: dict[str, Any]
    notes: dict[str, str]
    audit_seq: int
    audit_head: str
    duration_ms: int
    events: dict[str, int]  # audit event -> count
    attachments: tuple[tuple[str, str, str], ...]  # (question or "", media type, sha256)
    unreviewed: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # shown with unreviewed text: (qid, lang, still)


@dataclass(frozen=True)
class Dossier:
    case_id: str
    case_code: str
    organisation: str
    interviewer: str
    device_id: str
    form: Form
    ruleset: dict[str, str]
    catalogs: dict[str, str]  # lang -> sha256 of locales/<lang>/LC_MESSAGES/forms.po
    evaluation: dict[str, Any] | None
    report: str
    interviews: tuple[InterviewPart, ...]
    ed25519_public: bytes
    certificate: bytes
    created: str
    problems: list[str] = field(default_factory=list)
    draft: bool = False  # exported before finalize: marked on every page, in the manifest; the desk refuses it


def translator(lang: str) -> Translate:
    """The form text in `lang`, from the translator's catalog."""
    from desktop.core.translation.shown import form_catalog

    return form_catalog(lang).translate


def catalog_hashes() -> dict[str, str]:
    out = {}
    for po in sorted(paths.locales_dir().glob("*/LC_MESSAGES/forms.po")):
        out[po.parent.parent.name] = hashlib.sha256(po.read_bytes()).hexdigest()
    return out


def select(vault: Vault, case_or_ids: str | Sequence[str]) -> list[InterviewRow]:
    """The interviews of a case (by id or unique code), or the given interview ids of one case."""
    rows = vault.records.list_interviews()
    if isinstance(case_or_ids, str):
        chosen = [r for r in rows if r.case_id == case_or_ids] or [r for r in rows if r.id == case_or_ids]
        if not chosen and len({r.case_id for r in rows if r.case_code == case_or_ids}) == 1:
            chosen = [r for r in rows if r.case_code == case_or_ids]
        if not chosen:
            raise VoluntasError("D001", what="case", ident=case_or_ids)
        return chosen
    by_id = {r.id: r for r in rows}
    out: list[InterviewRow] = []
    for ident in case_or_ids:
        if ident not in by_id:
            raise VoluntasError("D001", what="interview", ident=ident)
        if out and by_id[ident].case_id != out[0].case_id:
            raise VoluntasError("D002", ident=ident)
        out.append(by_id[ident])
    if not out:
        raise VoluntasError("D001", what="interview", ident="-")
    return sorted(out, key=lambda r: (r.interview_date, r.id))


SIGNATURE = N_("[signature, {count} characters, sha256 {digest}]")


def show_value(form: Form, qid: str, value: Any, tr: Translate, ui: Callable[[str], str] = str) -> str:
    """An answer as words: choice codes become their labels in the language of `tr` (`ui`: interface words)."""
    q = form.questions.get(qid)
    choices = form.choices(qid) if q else None
    if q is not None and q.type == "signature" and isinstance(value, str):
        digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]
        return ui(SIGNATURE).format(count=len(value), digest=digest)
    if choices is not None:
        labels = {c.code: tr(context(form, choices.id, c.code, "label"), c.label) for c in choices.choices}
        codes = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(c, str(c)) for c in codes)  # codes are in the signed manifest
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def _items(form: Form, answers: dict[str, Any], notes: dict[str, str], meta: dict[str, tuple[str, str]],
           tr_c: Translate, tr_i: Translate, langs: tuple[str, str] = ("en", "en")) -> tuple[SectionPart, ...]:
    from desktop import i18n

    ui_c, ui_i = i18n.translator(langs[0]), i18n.translator(langs[1])
    parts = []
    for s in form.sections:
        items = []
        for qid in s.question_ids:
            if qid not in answers and qid not in notes:
                continue
            q = form.questions[qid]
            lang, digest = meta.get(qid, ("", ""))
            check = NOT_RECORDED
            if digest:
                shown = hashlib.sha256(shown_text(form, qid, tr_c).encode("utf-8")).hexdigest()
                check = MATCH if shown == digest else DIFFERS
            value = answers.get(qid)
            asked = q.captive != "none" and q.captive_text  # his question as the captive view showed it
            label_c = tr_c(context(form, qid, "captive_text"), q.captive_text) if asked and q.captive_text \
                else tr_c(context(form, qid, "label"), q.label)
            items.append(Item(
                qid, q.by, label_c, tr_i(context(form, qid, "label"), q.label),
                value, show_value(form, qid, value, tr_c, ui_c) if value is not None else "",
                show_value(form, qid, value, tr_i, ui_i) if value is not None else "", notes.get(qid), lang, digest,
                check,
            ))
        if items:
            title = context(form, s.id, "title")
            parts.append(SectionPart(s.id, tr_c(title, s.title), tr_i(title, s.title), tuple(items)))
    return tuple(parts)


def _interview(vault: Vault, form: Form, row: InterviewRow, index: int) -> InterviewPart:
    records = vault.records
    rows = records.answer_rows(row.id)
    answers = {q: v for q, v, _lang, _h, _ms in rows}
    meta = {q: (lang, h) for q, _v, lang, h, _ms in rows}
    notes = records.notes(row.id)
    entries = records.audit_entries(row.id)
    events: dict[str, int] = {}
    for e in entries:
        events[e.event] = events.get(e.event, 0) + 1
    seq, head = records.audit_position(row.id)
    found = records.attachment_list(row.id)
    sections = _items(form, answers, notes, meta, translator(row.captive_lang), translator(row.interviewer_lang),
                      (row.captive_lang, row.interviewer_lang))
    from desktop.core.translation.unreviewed import dossier_unreviewed

    unreviewed = dossier_unreviewed(form, [(e.event, e.question_id, e.lang) for e in entries])
    return InterviewPart(row, index, sections, answers, notes, seq, head,
                         max((e.elapsed_ms for e in entries), default=0), events,
                         tuple(found),
                         tuple((q, lang, tuple(still)) for q, lang, still in unreviewed))


def assemble(vault: Vault, case_or_ids: str | Sequence[str], form: Form | None = None,
             now: dt.datetime | None = None) -> Dossier:
    from desktop.core.forms.loader import shipped_form
    from desktop.core.rules import evaluate_answers, shipped_ruleset
    from desktop.core.rules.translated import report_in

    chosen = select(vault, case_or_ids)
    form = form or shipped_form(chosen[0].form_id)
    ident = vault.records.identity()
    parts = tuple(_interview(vault, form, row, i) for i, row in enumerate(chosen, 1))
    ruleset = shipped_ruleset(form.id)
    problems: list[str] = []
    evaluation: dict[str, Any] | None = None
    text = ""
    try:
        ev = evaluate_answers([(p.row.interview_date, p.answers) for p in parts], case_id=chosen[0].case_code,
                              ruleset=ruleset)
        evaluation = ev.to_json()
        text = report_in(ev, ruleset, chosen[0].interviewer_lang)
    except VoluntasError as err:
        problems.append(err.message())
    rs = {"id": ruleset.id, "version": ruleset.version, "sha256": ruleset.sha256}
    created = (now or vault.clock.wall()).astimezone(dt.UTC).replace(microsecond=0)
    return Dossier(chosen[0].case_id, chosen[0].case_code, ident.organisation, ident.interviewer, ident.device_id,
                   form, rs, catalog_hashes(), evaluation, text, parts, ident.ed25519_public(), ident.certificate,
                   created.isoformat().replace("+00:00", "Z"), problems,
                   draft=any(p.row.state == "draft" for p in parts))

