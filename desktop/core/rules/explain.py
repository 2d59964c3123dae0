"""A readable report of an evaluation: every result with the rules that fired, why, and the sources.

Strings are marked with N_ here and translated by the caller's `translate` (the CLI passes i18n._), so
the report follows the interface language once catalogs exist. Texts from rules.yaml are data: the caller
may pass `translate_data(key, english)` to show a reviewed translation, key being the msgctxt after
"<form>.rules." (e.g. "ST-1.explanation", "o1.title", "legal_basis.1.text"; see forms/extract.py).
The JSON output always keeps English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from desktop.core.citations import localize
from desktop.core.errors import N_
from desktop.core.rules.model import Fired, Ruleset
from desktop.core.rules.results import Evaluation

Translate = Callable[[str], str]
TranslateData = Callable[[str, str], str]

BANNER = N_("Support for legal advisers. Not a legal determination.")
LABELS = {
    "POW": N_("Prisoner of war"),
    "PRESUMED_POW": N_("Presumed prisoner of war until a competent tribunal decides"),
    "REFER": N_("Refer for status review; fundamental guarantees apply"),
    "NOT_EVALUATED": N_("Not evaluated (no valid interview); treated as a prisoner of war"),
    "NOT_ASSESSED": N_("Not assessed"),
    "NOT_RELIABLE": N_("Not reliable"),
    "DOUBTS": N_("Doubts"),
    "NO_WISH": N_("No wish stated"),
    "RELIABLE_PROVISIONAL": N_("Reliable, provisional"),
    "RELIABLE_CONFIRMED": N_("Reliable, confirmed"),
    "REAL": N_("Real risk"),
    "POSSIBLE": N_("Possible risk: more information needed"),
    "NOT_SHOWN": N_("No risk shown"),
    "AVAILABLE": N_("Available"),
    "AVAILABLE_WITH_CONDITIONS": N_("Available with conditions"),
    "NOT_AVAILABLE_NOW": N_("Not available now"),
    "BARRED": N_("Barred by non-refoulement"),
}
DESTINATION_LABELS = {"dprk": N_("DPRK"), "russia": N_("Russia"), "rok": N_("Republic of Korea"),
                      "ukraine": N_("Ukraine"), "other": N_("Another State")}


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


BASIS = {"individual": N_("individual: his own answers"),
         "country_level": N_("country level: no valid interview, the configuration only")}


class _Report:
    def __init__(self, rs: Ruleset, translate: Translate, translate_data: TranslateData | None,
                 lang: str = "en") -> None:
        self.rs, self._, self.lang = rs, translate, lang
        self.data = translate_data or (lambda _key, text: text)
        self.lines: list[str] = []

    def add(self, template: str, indent: int = 0, **fields: Any) -> None:
        self.lines.append(" " * indent + self._(template).format(**fields))

    def label(self, code: str) -> str:
        return self._(LABELS[code]) if code in LABELS else code

    def codes(self, template: str, codes: Iterable[str], indent: int = 2) -> None:
        items = list(codes)
        self.add(template, indent, codes=", ".join(items) if items else self._(N_("none")))

    def fired(self, entries: Iterable[Fired], indent: int = 2) -> None:
        for f in entries:
            self.add(N_("{rule} -> {outcome}"), indent, rule=f.rule.id, outcome=f.outcome)
            self.lines.append(" " * (indent + 3) + self.data(f"{f.rule.id}.explanation", f.rule.explanation))
            if f.rule.citations:
                self.add(N_("Sources: {sources}"), indent + 3,
                         sources="; ".join(localize(c, self.lang) for c in f.rule.citations))
            if f.inputs_used:
                used = ", ".join(f"{k} = {_value(v)}" for k, v in f.inputs_used)
                self.add(N_("Based on: {inputs}"), indent + 3, inputs=used)


def report(ev: Evaluation, rs: Ruleset, translate: Translate = str,
           translate_data: TranslateData | None = None, lang: str = "en") -> str:
    """The report as text, starting with the banner; treaty citations as a reader of `lang` writes them."""
    r = _Report(rs, translate, translate_data, lang)
    r.add(BANNER)
    r.lines.append("")
    r.add(N_("Case: {case}   Ruleset: {id} {version} (sha256 {sha})"), case=ev.case_id or "-",
          id=ev.ruleset[0], version=ev.ruleset[1], sha=ev.ruleset[2][:16])
    signoff_line(r, ev)
    for i in ev.interviews:
        state = N_("valid") if i.valid else N_("not valid ({reason}): minimal record only")
        r.add(N_("Interview {index} on {date}: {state}"), 2, index=i.index, date=i.interview_date.isoformat(),
              state=r._(state).format(reason=i.mr_reason or "-"))
        if i.missing:
            r.add(N_("Missing answers: {ids}"), 4, ids=", ".join(i.missing))
    st = ev.status
    r.lines.append("")
    r.add(N_("1. POW status: {result}"), result=r.label(st.result))
    r.codes(N_("Grounds: {codes}"), st.grounds)
    r.codes(N_("Flags: {codes}"), st.flags)
    r.fired(st.fired)
    wi = ev.wish
    r.lines.append("")
    r.add(N_("2. Wish reliability: {result}"), result=r.label(wi.result))
    if wi.repeat_interview:
        r.add(N_("Repeat the interview."), 2)
    if wi.current is not None:
        r.add(N_("Current wish (interview {index}): {pref}; second {second}; country {dest}"), 2,
              index=wi.current["interview"], pref=_value(wi.current["pref"]),
              second=_value(wi.current["second"]), dest=_value(wi.current["dest"]))
    r.codes(N_("Flags: {codes}"), wi.flags)
    r.fired(wi.fired)
    _risk_and_options(r, ev)
    return "\n".join(r.lines) + "\n"


def signoff_text(ev: Evaluation, translate: Translate = str) -> str:
    """One line: how many of the rules that fired have no valid legal sign-off (rules signoff)."""
    count, fired = int(ev.review.get("unreviewed", 0)), int(ev.review.get("fired", 0))
    if not count:
        return translate(N_("Legal review: all {fired} rules that fired are signed off.")).format(fired=fired)
    return translate(N_("Legal review: {count} of the {fired} rules that fired have no legal sign-off: {rules}.")
                     ).format(count=count, fired=fired, rules=", ".join(ev.review.get("unreviewed_rules", ())))


def signoff_line(r: _Report, ev: Evaluation) -> None:
    if ev.review:
        r.lines.append(signoff_text(ev, r._))


def _risk_and_options(r: _Report, ev: Evaluation) -> None:
    ri, op = ev.risk, ev.options
    r.lines.append("")
    r.add(N_("3. Non-refoulement risk (basis: {basis})"), basis=r._(BASIS[ri.basis]) if ri.basis in BASIS
          else ri.basis)
    for dest, code in ri.result.items():
        r.add(N_("{destination}: {result}"), 2, destination=r._(DESTINATION_LABELS[dest]), result=r.label(code))
    r.codes(N_("Factors: {codes}"), ri.factors)
    r.codes(N_("Flags: {codes}"), ri.flags)
    r.fired(ri.fired)
    r.add(N_("Legal basis:"), 2)
    for n, text in enumerate(ri.legal_basis, start=1):
        r.lines.append("    - " + r.data(f"legal_basis.{n}.text", text))
    r.lines.append("")
    r.add(N_("4. Options"))
    for option, code in op.result.items():
        r.add(N_("{option} {title}: {result}"), 2, option=option.upper(),
              title=r.data(f"{option}.title", r.rs.option_titles.get(option, "")), result=r.label(code))
        for cond in op.conditions[option]:
            r.lines.append("     - " + r.data(f"{cond}.condition", r.rs.condition_labels.get(cond, cond)))
        r.fired([f for f in op.fired if f.option == option], indent=5)
    r.lines.append("")
    r.codes(N_("All flags: {codes}"), ev.flags, indent=0)
    for i in ev.interviews:
        for qid, code in i.warnings:
            r.add(N_("Warning: interview {index}: answer {id} discarded ({code})"), index=i.index, id=qid,
                  code=code)
    r.add(N_("Every result needs legal review."))
