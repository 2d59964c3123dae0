"""`voluntas docs quick-card [--lang en|uk] --out FILE.pdf`: printed material for interviewers.

The quick card is docs/interviewer-guide.md on one page. No vault needed. Exit 0 when written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import i18n
from desktop.core.errors import EXIT_OK

CARD_LANGUAGES = ("en", "uk")  # the interviewers' languages


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("docs", help="printed material for interviewers")
    docs_sub = p.add_subparsers(dest="docs_command", required=True)
    card = docs_sub.add_parser("quick-card", help="the interviewer's one-page quick card as a PDF")
    card.add_argument("--lang", dest="card_lang", choices=CARD_LANGUAGES, default="en",
                      help="language of the card (default: en)")
    card.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    card.set_defaults(func=run_quick_card)


def run_quick_card(args: argparse.Namespace) -> int:
    from desktop.core import quick_card

    unreviewed = quick_card.unreviewed_strings(args.card_lang)
    size = quick_card.write(args.out, i18n.translator(args.card_lang), args.card_lang, unreviewed > 0)
    sys.stderr.write(f"voluntas: {args.out}: {size} bytes, 1 page")
    sys.stderr.write(f", {unreviewed} text(s) not reviewed\n" if unreviewed else "\n")
    return EXIT_OK
