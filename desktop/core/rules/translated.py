"""Rules text in a language, for the readable report and the window (the JSON stays English).

    data_translator(form_id, lang) -> (key, english) -> str    explain.report's translate_data; key is the
                                                                msgctxt after "<form>.rules." (ST-1.explanation,
                                                                o1.title, legal_basis.1.text, ...)
    report_in(evaluation, ruleset, lang) -> str                 explain.report with the interface strings
                                                                (desktop domain) and rules text in lang

Every msgctxt is listed in desktop.core.translation.extract (rules_messages). Citations stay as published.
"""

from __future__ import annotations

from desktop import i18n
from desktop.core.rules.explain import TranslateData, report
from desktop.core.rules.model import Ruleset
from desktop.core.rules.results import Evaluation
from desktop.core.translation.shown import form_catalog


def data_translator(form_id: str, lang: str) -> TranslateData:
    cat = form_catalog(lang)

    def translate(key: str, english: str) -> str:
        return cat.translate(f"{form_id}.rules.{key}", english) if english else english

    return translate


def report_in(ev: Evaluation, rs: Ruleset, lang: str) -> str:
    """The readable report in `lang` (en, ko, uk)."""
    return report(ev, rs, i18n.catalog(lang, "desktop").gettext, data_translator(rs.form.id, lang), lang)
