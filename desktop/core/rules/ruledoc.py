"""The ruleset as a document a lawyer reviews: every rule in the order of the spec, its condition in words,
outcome, explanation, citations, whether its citations await verification, and its legal review state.

    entries(words, states, signoffs) -> list[Entry]      markdown(...) -> str      (PDF: ruledoc_pdf.py)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.core.citations import localize
from desktop.core.errors import N_
from desktop.core.rules.explain import DESTINATION_LABELS
from desktop.core.rules.model import Rule
from desktop.core.rules.signoff import LAPSED, SIGNED_OFF, SignOff
from desktop.core.rules.words import Words

TABLE_TITLES = {
    "status": N_("POW status"),
    "wish_interview": N_("Wish reliability, per interview"),
    "wish_case": N_("Wish reliability, per case"),
    "factors": N_("Risk factors"),
    "risk": N_("Non-refoulement risk"),
    "overlay": N_("Options: the status review overlay"),
}
T = {
    "title": N_("Ruleset {id} {version}: the rules for legal review"),
    "facts": N_("{rules} rules; {signed} signed off, {lapsed} lapsed, {none} not reviewed; {verify} with "
                "citations awaiting verification. Ruleset sha256 {sha}."),
    "how": N_("Each rule shows when it applies (in words), what it gives, the explanation shown with the "
              "result and its sources. A legal reviewer signs off a rule with: voluntas rules signoff RULE_ID "
              "--reviewer NAME [--note-file FILE]. A sign-off lapses when the rule's condition, outcome, "
              "explanation or citations change."),
    "when": N_("Applies when"),
    "gives": N_("Gives"),
    "explanation": N_("Explanation"),
    "sources": N_("Sources"),
    "verify": N_("Citations"),
    "review": N_("Legal review"),
    "verify_yes": N_("await verification by a legal reviewer"),
    "verify_no": N_("no verification mark"),
    "none": N_("none"),
    "signed": N_("signed off by {reviewer} on {date}"),
    "lapsed": N_("LAPSED: signed off by {reviewer} on {date}, changed since"),
    "unreviewed": N_("NOT REVIEWED"),
    "option": N_("Option {option}: {title}"),
    "destination": N_("{destination}: {result}"),
    "flag": N_("raises the flag: {flag}"),
    "conditions": N_("{result}, subject to: {conditions}"),
    "overlay": N_("for {options}, when {when}: {result}"),
    "variable": N_("sets {variable}"),
    "note": N_("Note: {note}"),
    "footer": N_("For legal review, not for the captive"),
}


@dataclass(frozen=True)
class Entry:
    section: str  # heading of the table or option it belongs to
    rule_id: str
    when: str
    gives: str
    explanation: str
    citations: tuple[str, ...]
    verify: bool
    review: str  # the review state in words
    state: str  # signed_off / lapsed / none
    note: str = ""


def _section(w: Words, rule: Rule) -> str:
    _ = w.translate
    if rule.id == w.rs.overlay.id:
        return _(TABLE_TITLES["overlay"])
    if rule.option:
        title = w.data(f"{w.form.id}.rules.{rule.option}.title", w.rs.option_titles.get(rule.option, ""))
        return _(T["option"]).format(option=rule.option.upper(), title=title)
    return _(TABLE_TITLES.get(rule.table, rule.table))


def _gives(w: Words, rule: Rule) -> str:
    _ = w.translate
    if rule.id == w.rs.overlay.id:
        parts = [_(T["overlay"]).format(options=", ".join(o.upper() for o in c.options),
                                        when=", ".join(w.code(x) for x in c.when), result=w.code(c.result))
                 for c in w.rs.overlay_changes]
        return "; ".join(parts)
    if rule.table == "factors":
        return _(T["variable"]).format(variable=w.name(rule.outcome or ""))
    if rule.outcome_expr is not None:
        outcome = w.condition(rule.outcome_expr)
    elif rule.outcome:
        outcome = w.code(rule.outcome)
    else:
        outcome = ""
    if rule.flag:
        flag = _(T["flag"]).format(flag=w.code(rule.flag))
        outcome = f"{outcome}; {flag}" if outcome else flag
    if rule.destination:
        name = _(DESTINATION_LABELS[rule.destination]) if rule.destination in DESTINATION_LABELS else rule.destination
        outcome = _(T["destination"]).format(destination=name, result=outcome)
    if rule.conditions:
        labels = [w.data(f"{w.form.id}.rules.{c.strip('[]')}.condition", w.rs.condition_labels.get(c.strip("[]"), c))
                  + (" *" if c.startswith("[") else "") for c in rule.conditions]
        outcome = _(T["conditions"]).format(result=outcome, conditions="; ".join(labels))
    return outcome


def entries(w: Words, states: Mapping[str, str], signoffs: Mapping[str, SignOff]) -> list[Entry]:
    _ = w.translate
    out = []
    for rule in w.rs.all_rules():
        state = states.get(rule.id, "none")
        found = signoffs.get(rule.id)
        if state == SIGNED_OFF and found:
            review = _(T["signed"]).format(reviewer=found.reviewer, date=found.date)
        elif state == LAPSED and found:
            review = _(T["lapsed"]).format(reviewer=found.reviewer, date=found.date)
        else:
            review = _(T["unreviewed"])
        key = "meaning" if rule.table == "factors" else "explanation"
        out.append(Entry(
            section=_section(w, rule), rule_id=rule.id, when=w.condition(rule.condition, rule.source, rule.id),
            gives=_gives(w, rule), explanation=w.data(f"{w.form.id}.rules.{rule.id}.{key}", rule.explanation),
            citations=rule.citations, verify=rule.verify, review=review, state=state,
            note=found.note if found and state == SIGNED_OFF else "",
        ))
    return out


def header(w: Words, items: list[Entry]) -> tuple[str, str, str]:
    """Title, the counts line and the how-to-read paragraph, in the document's language."""
    _ = w.translate
    count = {s: sum(1 for e in items if e.state == s) for s in (SIGNED_OFF, LAPSED, "none")}
    facts = _(T["facts"]).format(rules=len(items), signed=count[SIGNED_OFF], lapsed=count[LAPSED],
                                 none=count["none"], verify=sum(1 for e in items if e.verify), sha=w.rs.sha256)
    return _(T["title"]).format(id=w.rs.id, version=w.rs.version), facts, _(T["how"])


def fields(w: Words, e: Entry) -> list[tuple[str, str]]:
    """The labelled fields of one entry, in order."""
    _ = w.translate
    rows = [(_(T["when"]), e.when), (_(T["gives"]), e.gives)]
    if e.explanation:
        rows.append((_(T["explanation"]), e.explanation))
    cites = [localize(c, w.lang) for c in e.citations]
    rows.append((_(T["sources"]), "; ".join(cites) if cites else _(T["none"])))
    rows.append((_(T["verify"]), _(T["verify_yes"] if e.verify else T["verify_no"])))
    rows.append((_(T["review"]), e.review))
    if e.note:
        rows.append(("", _(T["note"]).format(note=e.note)))
    return rows


def markdown(w: Words, items: list[Entry], banner: str) -> str:
    title, facts, how = header(w, items)
    lines = [f"# {title}", "", f"**{banner}**", "", facts, "", how, ""]
    section = None
    for e in items:
        if e.section != section:
            section = e.section
            lines += [f"## {section}", ""]
        lines += [f"### {e.rule_id}", ""]
        for label, text in fields(w, e):
            lines.append(f"- **{label}**: {text}" if label else f"- {text}")
        lines.append("")
    return "\n".join(lines)
