"""`voluntas forms review --lang LANG --out FILE.pdf [--form ID]`: the translator's review sheet (issue 8).

No vault needed. Exit 0 when written, 2 on a usage error (unknown form or language).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.common import require_form
from desktop.core.errors import EXIT_OK


def add_parser(forms_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = forms_sub.add_parser("review", help="a PDF for translators: English beside LANG, status and glossary")
    p.add_argument("--lang", required=True, dest="review_lang", metavar="LANG",
                   help="the translation to review (ko, uk); not the interface language")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.add_argument("--form", default="pow_interview", help="form id (default: pow_interview)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.translation.sheet import build
    from desktop.core.translation.sheet_pdf import write

    require_form(args.form, args.review_lang)
    sheet = build(args.form, args.review_lang)
    size = write(sheet, args.out)
    counts = sheet.counts()
    sys.stderr.write(f"voluntas: {args.out}: {size} bytes, {len(sheet.lines)} strings, "
                     f"{counts['reviewed']} reviewed, {counts['unreviewed']} not reviewed, "
                     f"{counts['fuzzy']} fuzzy, {counts['untranslated']} untranslated\n")
    return EXIT_OK
