"""`voluntas forms doc [--lang LANG] [--form ID] --out FILE.md`: the interview protocol as a document, made
from form.yaml (docs/protocol.md is this command's English output; a test keeps it up to date).

No vault needed. Exit 0 when written, 2 on a usage error (unknown form or language).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import i18n
from desktop.commands.common import require_form
from desktop.core.errors import EXIT_OK
from desktop.i18n import N_

if TYPE_CHECKING:
    from desktop.core.translation.sheet import Block, Line

SKIP_FACTS = ("id", "section", "version")
TRANSLATED_FACTS = ("type", "answered by", "required", "captive view")  # values are words of sheet.py
NOT_REVIEWED = N_("(translation not reviewed)")
NOT_TRANSLATED = N_("(English: not translated)")
REFUSED_WITH = N_("otherwise the message")
ASKED = N_("he is asked")
HIS_HINT = N_("his hint")
HE_SEES = N_("what he sees")
HOW_TO_READ = N_("Every question in the order the interview asks it: who answers it, whether an answer is "
                 "required, when it is asked (always, unless a condition is given) and which answers are "
                 "accepted. A choice list is shown where it is first used. The conditions as expressions: "
                 "docs/spec/protocol-tables.md.")
MADE_BY = N_("Form {form}, version {version}, in {language}. Made by `voluntas forms doc` from "
             "`forms/{form}/form.yaml`: edit the form, not this file.")


def add_parser(forms_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = forms_sub.add_parser("doc", help="the interview protocol as a Markdown document, from form.yaml")
    p.add_argument("--lang", dest="doc_lang", default="en", choices=i18n.LANGUAGES,
                   help="language of the form's text (default: en)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.md")
    p.add_argument("--form", default="pow_interview", help="form id (default: pow_interview)")
    p.set_defaults(func=run)


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def render(form_id: str, lang: str, translate: Callable[[str], str]) -> str:
    """The whole form in protocol order: sections, questions with who answers and when they are asked,
    choice lists where first used. Form text in `lang`, marked where it is not reviewed or not translated."""
    from desktop.core.translation.sheet import build

    sheet = build(form_id, lang)

    def text(line: Line) -> str:
        shown = " ".join(line.shown.split())
        if line.status == "unreviewed":
            return shown + " " + translate(NOT_REVIEWED)
        if line.status in ("fuzzy", "untranslated"):
            return shown + " " + translate(NOT_TRANSLATED)
        return shown

    out: list[str] = []
    for block in sheet.blocks:
        lines = {ln.field: ln for ln in block.lines}
        if block.kind == "form":
            out += [f"# {text(block.lines[0])}", "",
                    translate(MADE_BY).format(
                                  form=sheet.form_id, version=sheet.version, language=lang), "",
                    translate(HOW_TO_READ), ""]
        elif block.kind == "section":
            out += [f"## {block.id} {text(lines['title'])}", ""]
            if "hint" in lines:
                out += [text(lines["hint"]), ""]
        elif block.kind == "question":
            out += [f"### `{block.id}` {text(lines['label'])}", ""]
            if "hint" in lines:
                out += [f"*{text(lines['hint'])}*", ""]
            for name, value in block.facts:
                if name in SKIP_FACTS:
                    continue
                if name in TRANSLATED_FACTS:
                    value = translate(value)
                out.append(f"- {translate(name)}: {value}")
            if "constraint_message" in lines:
                out.append(f"- {translate(REFUSED_WITH)}: {text(lines['constraint_message'])}")
            if "captive_text" in lines:
                out.append(f"- {translate(ASKED)}: \"{text(lines['captive_text'])}\"")
            if "captive_hint" in lines:
                out.append(f"- {translate(HIS_HINT)}: {text(lines['captive_hint'])}")
            out.append("")
        elif block.kind == "choices":
            out += _choices(block, text, translate)
    return "\n".join(out).rstrip("\n") + "\n"


def _choices(block: Block, text: Callable[[Line], str], translate: Callable[[str], str]) -> list[str]:
    """A choice list as a table; a column of his own wording when some choice has one."""
    exclusive = set(dict(block.facts).get("cannot be combined", "").split(", ")) - {""}
    rows: dict[str, dict[str, Line]] = {}
    for ln in block.lines:
        rows.setdefault(ln.context.split(".")[-2], {})[ln.field] = ln
    his = any("captive_label" in r for r in rows.values())
    out = [f"`{block.id}`:", "", "| code | label |" + (f" {translate(HE_SEES)} |" if his else ""),
           "|---|---|" + ("---|" if his else "")]
    for code, r in rows.items():
        cells = [f"`{code}`" + (" (excl)" if code in exclusive else ""),
                 _cell(text(r["label"])) if "label" in r else ""]
        if his:
            cells.append(_cell(text(r["captive_label"])) if "captive_label" in r else "")
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def run(args: argparse.Namespace) -> int:
    from desktop.core.atomic import write_atomic

    require_form(args.form)
    text = render(args.form, args.doc_lang, i18n.translator(args.doc_lang))
    write_atomic(args.out, text.encode("utf-8"), mode=0o644)
    sys.stderr.write(f"voluntas: {args.out}: {len(text.encode('utf-8'))} bytes\n")
    return EXIT_OK
