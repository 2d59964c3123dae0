"""The desk's report on a received case, in words: every interview (date, interviewer, languages, his
wish and its reliability), the case-level evaluation and why, the evaluation as it stood after each
interview, the sign-offs, and whether the desk evaluated with another ruleset than the dossiers name.

    case_story(vault, case_code, lang) -> CaseStory       read only; the text and the PDF draw it
    story_text(story) -> str                                `voluntas desk case CASE` (readable)
The signed PDF is in reportpdf.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.dossier.summary import DECISION_SUPPORT, Summary, summarise
from desktop.core.dossier.words import Words
from desktop.core.errors import N_, VoluntasError
from desktop.core.sync.caseview import CaseView, SignOff, case_view
from desktop.core.vault import Vault


@dataclass(frozen=True)
class InterviewLine:
    index: int
    date: str
    interviewer: str
    languages: str
    wish: str
    reliability: str


@dataclass(frozen=True)
class Step:
    """The case-level evaluation after the interviews up to `index`."""

    index: int
    date: str
    status: str
    wish: str
    reliability: str


@dataclass(frozen=True)
class DossierLine:
    bundle_id: str
    received: str
    sha256: str
    ruleset: str  # as named in the dossier's manifest, "" if unreadable
    pdf: bytes


@dataclass(frozen=True)
class CaseStory:
    case_code: str
    lang: str
    interviews: tuple[InterviewLine, ...]
    summary: Summary | None
    problem: str
    steps: tuple[Step, ...]
    signoffs: tuple[SignOff, ...]
    dossiers: tuple[DossierLine, ...]
    ruleset: str  # the ruleset the desk evaluated with
    ruleset_note: str  # set when a dossier names another ruleset
    evaluation: Mapping[str, Any] | None
    words: Words


def _dossiers(vault: Vault, case_code: str) -> tuple[DossierLine, ...]:
    from desktop.core.dossier import embedded_manifest
    from desktop.core.sync import link

    rows = [row for member in link.group(vault.desk, case_code) for row in vault.desk.dossiers(member)]  # linked too

    def first_date(record: str) -> str:
        dates = [str(i.get("interview_date", "")) for i in json.loads(record).get("interviews", [])]
        return min(dates) if dates else ""

    # in the order of the interviews they hold (bundles received together arrive in any order)
    rows.sort(key=lambda r: (first_date(r[3]), str(r[1]), str(r[0])))
    out = []
    for bid, received, pdf, _record in rows:
        doc = embedded_manifest(bytes(pdf)) or {}
        rs = doc.get("ruleset") if isinstance(doc.get("ruleset"), dict) else {}
        named = f"{rs.get('id', '')} {rs.get('version', '')}".strip() if rs else ""
        out.append(DossierLine(str(bid), str(received), hashlib.sha256(bytes(pdf)).hexdigest(), named, bytes(pdf)))
    return tuple(out)


def _interviewers(vault: Vault) -> dict[str, str]:
    return {str(fp): f"{name}, {org}" if org else str(name) for fp, name, org in vault.desk.interviewers()}


def _steps(view: CaseView, w: Words) -> tuple[Step, ...]:
    from desktop.core.rules import evaluate_answers

    out = []
    items = view.interviews
    for n in range(1, len(items) + 1):
        try:
            ev = evaluate_answers([(r.interview_date, r.answers) for r in items[:n]], case_id=view.case_code).to_json()
        except VoluntasError:
            continue
        cur = ev["wish"].get("current")
        wish = w.answer("wsh_pref", cur.get("pref")) if cur else w.ui(N_("No wish recorded."))
        out.append(Step(n, items[n - 1].interview_date, w.result(ev["status"]["result"]), wish,
                        w.result(ev["wish"]["result"])))
    return tuple(out)


def case_story(vault: Vault, case_code: str, lang: str) -> CaseStory:
    from desktop.core.rules import shipped_ruleset

    view = case_view(vault, case_code)
    rs = shipped_ruleset()
    w = Words(rs, lang)
    names = _interviewers(vault)
    ev = view.evaluation
    per = {int(i["index"]): i for i in (ev or {}).get("wish", {}).get("interviews", [])}
    lines = []
    for n, r in enumerate(view.interviews, 1):
        wish = w.answer("wsh_pref", r.answers["wsh_pref"]) if "wsh_pref" in r.answers else "-"
        reliability = w.result(per[n]["result"]) if n in per else "-"
        langs = f"{w.lang_name(r.captive_lang)} / {w.lang_name(r.interviewer_lang)}"
        lines.append(InterviewLine(n, r.interview_date, names.get(r.interviewer_key, r.interviewer_key), langs,
                                   wish, reliability))
    summary = None
    if ev is not None:
        summary = summarise(w, ev, [r.answers for r in view.interviews], [r.interview_date for r in view.interviews])
    dossiers = _dossiers(vault, case_code)
    current = f"{rs.id} {rs.version}"
    older = sorted({d.ruleset for d in dossiers if d.ruleset and d.ruleset != current})
    note = ""
    if older:
        note = w.ui(N_("The desk evaluated this case with ruleset {current}; the dossiers were made with {named}. "
                       "Results may differ from the dossiers' own evaluation pages.")).format(
            current=current, named=", ".join(older))
    return CaseStory(case_code, lang, tuple(lines), summary, view.problem, _steps(view, w), view.signoffs,
                     dossiers, current, note, ev, w)


def story_text(s: CaseStory) -> str:
    """The readable report (plain text, the CLI's language)."""
    _ = s.words.ui
    out = [_(N_("Case {code}: {count} interview(s), {dossiers} dossier(s) received")).format(
        code=s.case_code, count=len(s.interviews), dossiers=len(s.dossiers)), ""]
    out.append(_(N_("Interviews")))
    for i in s.interviews:
        out.append(f"  {i.index}. {i.date}  {i.interviewer}  ({i.languages})")
        out.append("     " + _(N_("Wish: {wish}; reliability: {reliability}")).format(
            wish=i.wish, reliability=i.reliability))
    out += ["", _(N_("Case-level evaluation (ruleset {ruleset})")).format(ruleset=s.ruleset)]
    if s.summary is None:
        out.append("  " + s.problem)
    else:
        m = s.summary
        out.append("  " + _(N_("POW status")) + f": {m.status} ({m.grounds})")
        chosen = "; ".join(f"{q}: {a}" for q, a in m.chosen) or _(N_("No wish recorded."))
        out.append("  " + _(N_("His wish, as chosen")) + f": {chosen}")
        out.append("  " + _(N_("Reliability of the wish")) + f": {m.reliability}")
        out += [f"    - {r}" for r in m.reasons]
        out.append("  " + _(N_("Risk on return")) + ": " + "; ".join(f"{d}: {r}" for d, r in m.risk))
        out.append("  " + _(N_("Options")) + ":")
        out += [f"    - {o}: {r}" + (f" ({c})" if c else "") for o, r, c in m.options]
        out.append("  " + _(N_("Flags")) + f": {m.flags}")
        if m.unsigned_rules:
            out.append("  " + _(N_("Legal sign-off of the rules")) + ": " + ", ".join(
                r.split(":", 1)[0] for r in m.unsigned_rules))
    if s.ruleset_note:
        out += ["", s.ruleset_note]
    out += ["", _(N_("Evaluation over time"))]
    for step in s.steps:
        out.append("  " + _(N_("After interview {n} ({date}): {status}; wish {wish}; {reliability}")).format(
            n=step.index, date=step.date, status=step.status, wish=step.wish, reliability=step.reliability))
    out += ["", _(N_("Sign-offs"))]
    out += [f"  {o.signed_at}  {o.reviewer}: {o.note}" for o in s.signoffs] or ["  " + _(N_("none"))]
    out += ["", _(DECISION_SUPPORT)]
    return "\n".join(out) + "\n"
