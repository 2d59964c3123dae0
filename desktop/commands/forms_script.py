"""`voluntas forms captive-script --lang LANG --out FILE.pdf|FILE.md [--form ID]`: everything the captive
can ever see, in order, in his language (issue 15). No vault needed. Exit 0 when written, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.common import require_form
from desktop.core.errors import EXIT_OK, EXIT_USAGE


def add_parser(forms_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = forms_sub.add_parser("captive-script", help="everything the captive can see, in order (PDF or Markdown)")
    p.add_argument("--lang", required=True, dest="script_lang", metavar="LANG", help="his language (ko, uk, en)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|FILE.md")
    p.add_argument("--form", default="pow_interview", help="form id (default: pow_interview)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.atomic import write_atomic
    from desktop.core.translation import captive_script

    lang = args.script_lang
    require_form(args.form, lang)
    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".md"):
        sys.stderr.write("voluntas: --out must end in .pdf or .md\n")
        return EXIT_USAGE
    script = captive_script.build(args.form, lang)
    data = captive_script.pdf(script) if suffix == ".pdf" else captive_script.markdown(script).encode("utf-8")
    write_atomic(args.out, data, 0o644)
    unreviewed = sum(p.unreviewed for p in script.pages)
    sys.stderr.write(f"voluntas: {args.out}: {len(data)} bytes, {len(script.pages)} screens, "
                     f"{unreviewed} string(s) not yet reviewed\n")
    return EXIT_OK
