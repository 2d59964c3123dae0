"""The evaluation's codes as words in one language, for the dossier, the desk's report and the window.

Every code the engine writes (results, grounds, flags, findings, options, destinations, conditions, the
inputs a rule used and their values) has a label here or in the form and rules catalogs, so nothing
printed for a lawyer is a machine code. Interface words come from the desktop catalog, form and rules
text from the forms catalog, both in the same language. An unknown code is shown as it is (never
dropped): a newer ruleset may add one before this table does.
"""

from __future__ import annotations

import re
from typing import Any

from desktop import i18n
from desktop.core.errors import N_
from desktop.core.forms.model import BUILTIN_LISTS, context
from desktop.core.languages import NAMES
from desktop.core.rules.explain import DESTINATION_LABELS, LABELS
from desktop.core.rules.model import Ruleset
from desktop.core.translation.shown import form_catalog

RESULTS = {**LABELS, "NO_WISH": N_("No wish stated")}
CODES = {
    "GC3_4A1_DPRK": N_("Member of the DPRK armed forces (GC III Art. 4A(1))"),
    "GC3_4A1_RU_INCORPORATED": N_("Incorporated into Russia's armed forces (GC III Art. 4A(1))"),
    "GC3_5_PRESUMPTION": N_("Presumed prisoner of war while in doubt (GC III Art. 5)"),
    "DECEPTION_NOTED": N_("He says he was deceived about where he was sent"),
    "CHILD": N_("Child (under 18 at capture or now)"),
    "ART13_EXPOSURE": N_("Exposed to public curiosity (GC III Art. 13)"),
    "PROTECTION": N_("Protection concern: threats or pressure reported"),
    "SELF_HARM_REFERRAL": N_("Self-harm risk: referred to a clinician"),
    "CONFLICT_NR7": N_("His wish conflicts with the risk finding (NR-7 procedure)"),
    "DISTINCTION_MET": N_("Distinguished from civilians"),
    "NOT_MERCENARY": N_("Not a mercenary"),
    "individual": N_("his own answers"),
    "country_level": N_("country information only"),
}
INPUTS = {
    "ev_status": N_("POW status"),
    "ev_wish": N_("Wish reliability"),
    "ev_wish_ready": N_("His wish is reliable enough to act on"),
    "ev_pref": N_("His preferred option"),
    "ev_rok_intent": N_("He asks for the protection of the Republic of Korea"),
    "ev_ua_asylum": N_("He wants to apply for protection in Ukraine"),
    "ev_injury_serious": N_("Serious wound or illness"),
    "confirming_interview": N_("Confirmed at interview"),
    "earlier_interview": N_("Earlier interview"),
    "earlier_pref": N_("Preferred option at the earlier interview"),
    "days": N_("Days between the interviews"),
    "result": N_("Legal team's risk finding"),
    "reason": N_("Legal team's reason"),
    "source": N_("Legal team's source"),
}
STATES = {"draft": N_("draft"), "finalized": N_("finalized"), "sealed": N_("sealed")}
_REF = re.compile(r"`([a-z][a-z0-9_]*)`")
RISK_PREFIX = "ev_risk_"
FACTOR_PREFIX = "ev_f"
CODES_OF = {"ev_pref": "wsh_pref", "earlier_pref": "wsh_pref", "ev_rok_intent": "wsh_rok_intent",
            "ev_ua_asylum": "wsh_ua_asylum"}


class Words:
    """Labels in `lang` for one form and ruleset."""

    def __init__(self, rs: Ruleset, lang: str) -> None:
        self.rs, self.form, self.lang = rs, rs.form, lang
        self._ = i18n.translator(lang)
        self._forms = form_catalog(lang).translate
        self._config = {c.key: c.meaning for c in rs.config}

    def ui(self, text: str) -> str:
        return self._(text)

    def data(self, key: str, english: str) -> str:
        return self._forms(f"{self.form.id}.rules.{key}", english) if english else english

    def result(self, code: str | None) -> str:
        if code is None:
            return "-"
        return self._(RESULTS[code]) if code in RESULTS else self.code(code)

    def code(self, code: str) -> str:
        """A ground, flag, finding or basis as words."""
        if code in CODES:
            return self._(CODES[code])
        if code in RESULTS:
            return self._(RESULTS[code])
        return code

    def codes(self, codes: list[str] | tuple[str, ...]) -> str:
        return "; ".join(self.code(c) for c in codes) if codes else self._(N_("none"))

    def destination(self, code: str) -> str:
        return self._(DESTINATION_LABELS[code]) if code in DESTINATION_LABELS else code

    def option(self, code: str) -> str:
        title = self.rs.option_titles.get(code, "")
        return f"{code.upper()} {self.data(f'{code}.title', title)}" if title else code

    def condition(self, code: str) -> str:
        return self.data(f"{code}.condition", self.rs.condition_labels.get(code.strip("[]"), code))

    def factor(self, code: str) -> str:
        try:
            rule = self.rs.rule(code)
        except KeyError:
            return code
        return self.refs(self.data(f"{code}.meaning", rule.explanation))

    def refs(self, text: str) -> str:
        """Rules text names questions as `id`: print the question's label instead."""
        return _REF.sub(lambda m: "\u00ab" + self.question(m.group(1)) + "\u00bb"
                        if m.group(1) in self.form.questions else m.group(0), text)

    def question(self, qid: str) -> str:
        q = self.form.questions.get(qid)
        return self._forms(context(self.form, qid, "label"), q.label) if q is not None else qid

    def answer(self, qid: str, value: Any) -> str:
        """A stored answer as words: choice labels, yes/no, dates and numbers as they are."""
        if value is None:
            return self._(N_("not answered"))
        if isinstance(value, bool):
            return self._(N_("yes")) if value else self._(N_("no"))
        if isinstance(value, list):
            return "; ".join(self.answer(qid, v) for v in value) if value else "-"
        q = self.form.questions.get(qid)
        if q is not None and q.list_id:
            lst = self.form.choice_lists[q.list_id]
            for c in lst.choices:
                if c.code == value:
                    return self._forms(context(self.form, lst.id, c.code, "label"), c.label)
        if value == "declined":
            return self._builtin("declined")
        return str(value)

    def _builtin(self, code: str) -> str:
        lst = BUILTIN_LISTS["yes_no_unknown"]
        label = next(c.label for c in lst.choices if c.code == code)
        return self._forms(context(self.form, lst.id, code, "label"), label)

    def input_label(self, key: str) -> str:
        if key in self.form.questions:
            return self.question(key)
        if key in self._config:
            return self.data(f"{key}.meaning", self._config[key])
        if key.startswith(RISK_PREFIX):
            return self._(N_("Risk if sent to {destination}")).format(
                destination=self.destination(key[len(RISK_PREFIX):]))
        if key.startswith(FACTOR_PREFIX) and key[len(FACTOR_PREFIX):].isdigit():
            return self._(N_("Risk factor: {meaning}")).format(meaning=self.factor("F" + key[len(FACTOR_PREFIX):]))
        return self._(INPUTS[key]) if key in INPUTS else key

    def input_value(self, key: str, value: Any) -> str:
        if key in CODES_OF and isinstance(value, str):
            return self.answer(CODES_OF[key], value)
        if key in ("ev_status", "ev_wish", "result") or key.startswith(RISK_PREFIX):
            return self.result(value) if isinstance(value, str) else self.answer(key, value)
        if key in self._config and isinstance(value, str):
            return self._config_value(value)
        return self.answer(key, value)

    def _config_value(self, value: str) -> str:
        words = {"yes": N_("yes"), "no": N_("no"), "contested": N_("contested"), "grave": N_("grave"),
                 "unclear": N_("unclear"), "likely": N_("likely"), "unknown": N_("unknown"),
                 "unlikely": N_("unlikely")}
        return self._(words[value]) if value in words else value

    def inputs(self, used: dict[str, Any]) -> list[tuple[str, str]]:
        """(question or input label, answer label) for each input a fired rule used."""
        return [(self.input_label(k), self.input_value(k, v)) for k, v in used.items()]

    def lang_name(self, code: str) -> str:
        return self._(NAMES[code]) if code in NAMES else code

    def state(self, code: str) -> str:
        return self._(STATES[code]) if code in STATES else code
