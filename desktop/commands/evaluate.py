"""`voluntas evaluate CASE.json [--json]`: decision support for a case file (docs/case-format.md). No vault."""

from __future__ import annotations

import argparse
import sys

from desktop import i18n
from desktop.core.errors import VoluntasError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("evaluate", help="evaluate a case file: status, wish reliability, risk, options")
    p.add_argument("case", metavar="CASE.json", help="the case file (docs/case-format.md)")
    p.add_argument("--json", action="store_true", dest="as_json",
                   help="print the evaluation as one JSON document (docs/case-format.md)")
    # also accepted after the command; the global --lang sets the same value
    p.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help="language of the report")
    p.set_defaults(func=run)


def _write(text: str) -> None:
    """UTF-8 on stdout whatever the locale, so equal inputs print equal bytes everywhere."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def run(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None) or "en"
    i18n.set_language(lang)
    # Imported here, not at the top: every `voluntas` command would otherwise pay for loading the rules.
    from desktop.core.rules import RulesetError, evaluate_case, read_case, report, shipped_ruleset

    try:
        ruleset = shipped_ruleset()
    except RulesetError as err:
        first = str(err.problems[0]) if err.problems else "?"
        raise VoluntasError("R001", file="rules.yaml", count=len(err.problems), first=first) from None
    evaluation = evaluate_case(ruleset, read_case(args.case))
    if args.as_json:
        _write(evaluation.dumps())
        return 0
    forms = i18n.catalog(lang, "forms")

    def data_text(key: str, english: str) -> str:
        context = f"{ruleset.form.id}.rules.{key}"  # a forms-catalog lookup, not a string to extract
        return forms.pgettext(context, english) if english else english

    _write(report(evaluation, ruleset, i18n._, data_text, lang))
    return 0
