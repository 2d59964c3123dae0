"""Rules in words: a condition as a lawyer reads it (question and choice labels, not expression syntax), and
every result, ground, flag and finding code as a phrase.

The caller passes `Words`, which knows the language: `translate` for the marked phrases below (the
interface catalog) and `data(context, english)` for form and rules text (the `forms` catalog).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.errors import N_
from desktop.core.expr.nodes import And, Call, Compare, Expr, Lit, Or, Ref
from desktop.core.forms.model import BUILTIN_LISTS, Form
from desktop.core.rules.model import Ruleset

# Codes of results, grounds, flags and findings in words (the result codes' LABELS are in explain.py).
CODE_WORDS = {
    "GC3_4A1_DPRK": N_("member of the DPRK's armed forces (GC III Art. 4A(1))"),
    "GC3_4A1_RU_INCORPORATED": N_("incorporated into Russia's armed forces (GC III Art. 4A(1))"),
    "GC3_5_PRESUMPTION": N_("status in doubt: prisoner of war until a tribunal decides (GC III Art. 5)"),
    "DECEPTION_NOTED": N_("deceived about the deployment"),
    "CHILD": N_("under 18: a child"),
    "ART13_EXPOSURE": N_("exposed to public curiosity (GC III Art. 13)"),
    "DISTINCTION_MET": N_("distinguished from civilians by his uniform"),
    "NOT_MERCENARY": N_("not a mercenary"),
    "PROTECTION": N_("refer for protection"),
    "SELF_HARM_REFERRAL": N_("self-harm mentioned: refer for support now"),
    "CONFLICT_NR7": N_("asks to go back despite a real risk: NR-7 procedure needed"),
    "ASSURANCES_NOT_DECISIVE": N_("diplomatic assurances are not decisive"),
}
# Engine variables (rules spec section 3) in words.
VARIABLE_WORDS = {
    "ev_status": N_("the status result"),
    "ev_wish": N_("the wish result"),
    "ev_wish_ready": N_("a reliable wish is on record"),
    "ev_pref": N_("his stated wish (latest valid interview)"),
    "ev_rok_intent": N_("he wants ROK protection (latest valid interview)"),
    "ev_ua_asylum": N_("he wants protection in Ukraine (latest valid interview)"),
    "ev_injury_serious": N_("a serious injury or illness"),
    "ev_risk_dprk": N_("the risk in the DPRK"),
    "ev_risk_russia": N_("the risk in Russia"),
    "ev_risk_rok": N_("the risk in the ROK"),
    "ev_risk_ukraine": N_("the risk in Ukraine"),
    "ev_risk_other": N_("the risk in another State"),
}
OPS = {"=": N_("{left} is {right}"), "!=": N_("{left} is not {right}"), "<": N_("{left} is less than {right}"),
       "<=": N_("{left} is at most {right}"), ">": N_("{left} is more than {right}"),
       ">=": N_("{left} is at least {right}")}
PHRASES = {
    "and": N_("{left} and {right}"),
    "or": N_("{left} or {right}"),
    "not": N_("not ({item})"),
    "selected": N_("{question} includes {choice}"),
    "count": N_("the number of choices in {question}"),
    "days": N_("the days from {start} to {end}"),
    "years": N_("the years from {start} to {end}"),
    "today": N_("today"),
    "fired": N_("rule {rule} applied"),
    "if": N_("if {test}, then {then}, otherwise {other}"),
    "true": N_("always"),
    "false": N_("never"),
    "null": N_("no answer"),
}
FACTOR = N_("risk factor {factor}: {meaning}")
# Conditions the spec states in prose (applied in Python), in plain words for the rules document.
PROSE_WORDS = {
    "ST-0": N_("No interview in the case passed the capacity and consent gates."),
    "WR-13": N_("No other rule of this table found the interview not reliable or in doubt, and he chose one "
                "of the options O1 to O8."),
    "WR-13b": N_("No other rule of this table found the interview not reliable or in doubt, and he chose none "
                 "of the options O1 to O8 (undecided, declined or no answer)."),
    "WR-14": N_("The latest valid interview is reliable and he chose an option in it; an earlier reliable "
                "interview, at least the confirmation gap in days before it, chose the same option, and no "
                "reliable interview in between chose another."),
    "WR-15": N_("WR-14 did not apply, he chose an option in the latest valid interview, and an earlier reliable "
                "interview chose a different option."),
    "NR-9": N_("The legal team replaced the result for this destination, with a reason and a source."),
}


@dataclass(frozen=True)
class Words:
    rs: Ruleset
    translate: Callable[[str], str] = str
    data: Callable[[str, str], str] = lambda _context, english: english
    lang: str = "en"  # treaty citations are written the way a reader of this language writes them

    @property
    def form(self) -> Form:
        return self.rs.form

    def phrase(self, key: str, **fields: str) -> str:
        return self.translate(PHRASES[key]).format(**fields)

    def code(self, code: str) -> str:
        """A result, ground, flag or finding code in words."""
        from desktop.core.rules.explain import LABELS

        if code in LABELS:
            return self.translate(LABELS[code])
        return self.translate(CODE_WORDS[code]) if code in CODE_WORDS else code

    def name(self, ident: str) -> str:
        """A question, calculation, configuration key or engine variable by its label."""
        form = self.form
        if ident in form.questions:
            return "\u2018" + self.data(f"{form.id}.{ident}.label", form.questions[ident].label) + "\u2019"
        key = next((c for c in self.rs.config if c.key == ident), None)
        if key is not None:
            return "\u2018" + self.data(f"{form.id}.rules.{ident}.meaning", key.meaning) + "\u2019"
        if ident.startswith("ev_f") and ident[3:].upper() in {r.id for r in self.rs.factors}:
            factor = self.rs.rule(ident[3:].upper())
            meaning = self.data(f"{form.id}.rules.{factor.id}.meaning", factor.explanation)
            return self.translate(FACTOR).format(factor=factor.id, meaning=meaning)
        return self.translate(VARIABLE_WORDS[ident]) if ident in VARIABLE_WORDS else ident

    def value(self, ident: str | None, value: object) -> str:
        """A literal compared with `ident`: a choice label where `ident` has choices, else the value."""
        if value is None:
            return self.phrase("null")
        if isinstance(value, bool):
            return self.phrase("true" if value else "false")
        text = str(value)
        form = self.form
        list_id = form.questions[ident].list_id if ident in form.questions else None
        lst = (form.choice_lists.get(list_id) or BUILTIN_LISTS.get(list_id)) if list_id else None
        if lst is not None:
            for choice in lst.choices:
                if choice.code == text:
                    return "\u201c" + self.data(f"{form.id}.{lst.id}.{choice.code}.label", choice.label) + "\u201d"
        if ident in ("ev_status", "ev_wish") or (ident or "").startswith("ev_risk_"):
            return self.code(text)
        if ident == "ev_pref" or ident == "wsh_pref":
            return self.value("wsh_pref", text)
        if ident in ("ev_rok_intent", "ev_ua_asylum"):
            return self.value({"ev_rok_intent": "wsh_rok_intent"}.get(ident, "wsh_ua_asylum"), text)
        if ident is None and text.isupper():
            return self.code(text)  # a result code written in an outcome expression (NR-3)
        return "\u201c" + text + "\u201d" if isinstance(value, str) else text

    def condition(self, expr: Expr | None, prose: str = "", rule_id: str = "") -> str:
        """The condition in words; a prose condition in its plain-words form where there is one."""
        if expr is None:
            return self.translate(PROSE_WORDS[rule_id]) if rule_id in PROSE_WORDS else prose
        return self._expr(expr, top=True)

    def _expr(self, e: Expr, top: bool = False) -> str:
        if isinstance(e, Lit):
            return self.value(None, e.value)
        if isinstance(e, Ref):
            return self.name(e.name)
        if isinstance(e, Compare):
            ident = e.left.name if isinstance(e.left, Ref) else None
            right = self.value(ident, e.right.value) if isinstance(e.right, Lit) else self._expr(e.right)
            return self.translate(OPS[e.op]).format(left=self._expr(e.left), right=right)
        if isinstance(e, (And, Or)):
            key = "and" if isinstance(e, And) else "or"
            parts = [self._expr(i) for i in e.items]
            text = parts[0]
            for part in parts[1:]:
                text = self.phrase(key, left=text, right=part)
            return text if top else "(" + text + ")"
        return self._call(e)

    def _call(self, e: Call) -> str:
        a = e.args
        if e.name == "not":
            return self.phrase("not", item=self._expr(a[0], top=True))
        if e.name == "selected":
            ident = a[0].name if isinstance(a[0], Ref) else None
            choice = self.value(ident, a[1].value) if isinstance(a[1], Lit) else self._expr(a[1])
            return self.phrase("selected", question=self._expr(a[0]), choice=choice)
        if e.name == "fired":
            return self.phrase("fired", rule=str(a[0].value) if isinstance(a[0], Lit) else self._expr(a[0]))
        if e.name == "count-selected":
            return self.phrase("count", question=self._expr(a[0]))
        if e.name in ("days", "years"):
            return self.phrase(e.name, start=self._expr(a[0]), end=self._expr(a[1]))
        if e.name == "if":
            return self.phrase("if", test=self._expr(a[0], top=True), then=self._expr(a[1]),
                               other=self._expr(a[2]))
        return self.phrase("today")
