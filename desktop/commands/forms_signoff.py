"""`voluntas forms signoff --lang LANG --reviewer NAME [--domain forms|desktop] [--context PREFIX]`: a
translator's approval of the current translations, written to the review file beside the catalog
(locales/README.md). The same sign-off as the translator preview's; no vault needed.
"""

from __future__ import annotations

import argparse
import sys

from desktop import i18n
from desktop.core.errors import EXIT_OK, EXIT_USAGE
from desktop.core.languages import TRANSLATED

DOMAINS = ("forms", "desktop")


def add_parser(forms_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = forms_sub.add_parser("signoff", help="approve, in a reviewer's name, the current translations of a catalog")
    p.add_argument("--lang", dest="signoff_lang", required=True, choices=TRANSLATED,
                   metavar="LANG", help="the translation you reviewed (ko, uk)")
    p.add_argument("--reviewer", required=True, help="your full name, as it will stand in the review file")
    p.add_argument("--domain", choices=DOMAINS, default="forms",
                   help="forms: form and rules text (default); desktop: the interface")
    p.add_argument("--context", default="", metavar="PREFIX",
                   help="only the strings whose context starts with PREFIX, e.g. pow_interview.con_")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop import paths
    from desktop.core.translation.signoff import review_path, sign_off

    _ = i18n._
    po = paths.locales_dir() / args.signoff_lang / "LC_MESSAGES" / f"{args.domain}.po"
    if not po.is_file():
        sys.stderr.write(_("voluntas: no {domain} catalog for '{language}'").format(
            domain=args.domain, language=args.signoff_lang) + "\n")
        return EXIT_USAGE
    if not args.reviewer.strip():
        sys.stderr.write(_("voluntas: --reviewer needs a name") + "\n")
        return EXIT_USAGE
    count = sign_off(po, args.reviewer, args.context)
    sys.stdout.write(_("{count} string(s) approved by {reviewer} in {file}").format(
        count=count, reviewer=args.reviewer.strip(), file=review_path(po)) + "\n")
    return EXIT_OK
