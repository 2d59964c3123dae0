"""`voluntas forms check [PATH ...]`: validate form and rules files; each problem as FILE:LINE:COL: CODE message.

Exit 0 when every file is clean, 2 when any is refused (cli.md). No vault needed.
"""

from __future__ import annotations

import argparse

from desktop.commands import forms_doc, forms_i18n, forms_review, forms_script, forms_signoff


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("forms", help="form definitions and their translations: check, status, review, sign off")
    forms_sub = p.add_subparsers(dest="forms_command", required=True)
    check = forms_sub.add_parser("check", help="validate forms and rules (default: the shipped ones)")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="a form.yaml, a rules.yaml, or a folder holding them")
    check.set_defaults(func=run_check)
    forms_i18n.add_parser(forms_sub)
    forms_review.add_parser(forms_sub)
    forms_script.add_parser(forms_sub)
    forms_doc.add_parser(forms_sub)
    forms_signoff.add_parser(forms_sub)


def run_check(args: argparse.Namespace) -> int:
    # The checker loads jsonschema and lark; import it only when a check runs, not on every command.
    from desktop.commands.forms_check import run_check as run

    return run(args)
