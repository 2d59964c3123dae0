"""The evaluation in words: every result, every rule that fired with its explanation and sources, and the
inputs it used as question label and answer label, in the dossier's language. No code is printed
except rule ids (the references the rules document and the legal sign-off use)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from desktop.core.dossier.cover import grid
from desktop.core.dossier.summary import DECISION_SUPPORT
from desktop.core.dossier.toc import Anchor
from desktop.core.dossier.words import Words
from desktop.core.errors import N_
from desktop.core.typeset import layout
from desktop.core.typeset.layout import BODY, H2, H3, SMALL, para

TITLE = N_("Evaluation")
SUBHEAD = ParagraphStyle("subhead", parent=BODY, fontName=BODY.fontName + "-Bold", spaceBefore=5, keepWithNext=1)
RULEHEAD = ParagraphStyle("rulehead", parent=SMALL, spaceBefore=4, keepWithNext=1)


def evaluation(ev: Mapping[str, Any] | None, problems: list[str], w: Words, width: float) -> list[Flowable]:
    _ = w.ui
    out: list[Flowable] = [PageBreak(), Anchor("evaluation", _(TITLE)), para(_(TITLE), H2),
                           para(_(DECISION_SUPPORT), layout.BANNER)]
    if ev is None:
        return out + [para(p, BODY) for p in problems]
    rs = ev.get("ruleset", {})
    out.append(para(_(N_("Ruleset {id} {version} (sha256 {sha}).")).format(
        id=rs.get("id", "-"), version=rs.get("version", "-"), sha=str(rs.get("sha256", ""))[:16]), SMALL))
    unsigned = set((rs.get("review") or {}).get("unreviewed_rules", []))
    e = _Eval(w, width, unsigned)
    for i in ev["interviews"]:
        state = _(N_("valid")) if i["valid"] else _(N_("not valid: minimal record only"))
        out.append(para(_(N_("Interview {n} on {date}: {state}")).format(
            n=i["index"], date=i["interview_date"], state=state), SMALL))
        if i.get("missing_inputs"):
            out.append(para(_(N_("Not answered: {questions}")).format(
                questions="; ".join(w.question(q) for q in i["missing_inputs"])), SMALL))
    st, wi, ri, op = ev["status"], ev["wish"], ev["risk"], ev["options"]
    out.append(para(_(N_("1. POW status: {result}")).format(result=w.result(st["result"])), H3))
    out += e.facts([(_(N_("Grounds")), w.codes(st["grounds"])), (_(N_("Flags")), w.codes(st["flags"]))])
    out += e.fired(st["fired"])
    out.append(para(_(N_("2. Reliability of his wish: {result}")).format(result=w.result(wi["result"])), H3))
    cur = wi.get("current")
    facts = []
    if cur:
        facts.append((_(N_("Current wish (interview {n})")).format(n=cur["interview"]), "; ".join(
            f"{w.question(q)}: {w.answer(q, cur.get(k))}"
            for k, q in (("pref", "wsh_pref"), ("second", "wsh_second"), ("dest", "wsh_dest")))))
    if wi.get("repeat_interview"):
        facts.append((_(N_("Next step")), _(N_("Repeat the interview."))))
    facts.append((_(N_("Flags")), w.codes(wi["flags"])))
    out += e.facts(facts)
    for item in wi.get("interviews", []):
        head = para(_(N_("Interview {n} on {date}: {result}")).format(
            n=item["index"], date=item["interview_date"], result=w.result(item["result"])), SUBHEAD)
        out += e.fired(item["fired"], head) if item["fired"] else [head]
    if wi["fired"]:
        out += e.fired(wi["fired"], para(_(N_("Across interviews")), SUBHEAD))
    out += _risk(ri, w, e)
    out += _options(op, w, e)
    out.append(para(_(N_("All flags: {codes}")).format(codes=w.codes(ev.get("flags", []))), SUBHEAD))
    for warn in ev.get("warnings", []):
        out.append(para(_(N_("Interview {n}: the answer to \"{question}\" was set aside as inconsistent.")).format(
            n=warn["interview"], question=w.question(warn["id"])), SMALL))
    return out


def _risk(ri: Mapping[str, Any], w: Words, e: _Eval) -> list[Flowable]:
    _ = w.ui
    out: list[Flowable] = [para(_(N_("3. Risk on return (non-refoulement)")), H3)]
    out.append(grid([[w.destination(d), w.result(r)] for d, r in ri["result"].items()],
                    [e.width * 0.34, e.width * 0.66]))
    out += e.facts([(_(N_("Based on")), w.code(ri["basis"])),
                    (_(N_("Risk factors found")), "; ".join(w.factor(f) for f in ri["factors"]) or _(N_("none"))),
                    (_(N_("Flags")), w.codes(ri["flags"]))])
    out += e.fired(ri["fired"])
    out.append(para(_(N_("Legal basis")), SUBHEAD))
    out += [para("- " + w.data(f"legal_basis.{n}.text", text), SMALL)
            for n, text in enumerate(ri.get("legal_basis", []), 1)]
    return out


def _options(op: Mapping[str, Any], w: Words, e: _Eval) -> list[Flowable]:
    _ = w.ui
    out: list[Flowable] = [para(_(N_("4. Options")), H3)]
    for option, code in op["result"].items():
        head: list[Flowable] = [para(f"{w.option(option)}: {w.result(code)}", SUBHEAD)]
        conds = op["conditions"].get(option, [])
        if conds:
            head.append(para(_(N_("Conditions: {conditions}")).format(
                conditions="; ".join(w.condition(c) for c in conds)), SMALL))
        fired = [f for f in op["fired"] if f.get("option") == option]
        out += e.fired(fired, *head) if fired else head
    return out


class _Eval:
    def __init__(self, w: Words, width: float, unsigned: set[str]) -> None:
        self.w, self.width, self.unsigned = w, width, unsigned

    def facts(self, rows: list[tuple[str, str]]) -> list[Flowable]:
        return [grid([[a, b] for a, b in rows], [self.width * 0.34, self.width * 0.66])]

    def fired(self, entries: list[Mapping[str, Any]], *head: Flowable) -> list[Flowable]:
        """Each fired rule as one block kept on a page; `head` rides with the first (never orphaned)."""
        w, _ = self.w, self.w.ui
        out: list[Flowable] = []
        lead = list(head)
        for f in entries:
            rid = str(f["rule"])
            try:
                english = w.rs.rule(rid).explanation
            except KeyError:
                english = str(f.get("explanation", ""))
            title = _(N_("Rule {rule}: {outcome}")).format(rule=rid, outcome=w.code(str(f["outcome"])))
            if rid in self.unsigned:
                title += " - " + _(N_("no legal sign-off yet"))
            block: list[Flowable] = [*lead, para(title, RULEHEAD, bold=True),
                                     para(w.data(f"{rid}.explanation", english), layout.ANSWER)]
            lead = []
            if f.get("citations"):
                block.append(para(_(N_("Sources: {sources}")).format(sources="; ".join(f["citations"])), SMALL))
            used = w.inputs(dict(f.get("inputs_used") or {}))
            if used:
                block.append(para(_(N_("Based on these answers and settings:")), SMALL))
                block.append(grid([[a, b] for a, b in used], [self.width * 0.62, self.width * 0.38]))
            out.append(KeepTogether(block))
        return out
