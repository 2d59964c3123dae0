"""`voluntas rules doc|signoff|status`: the ruleset as a legal team reviews it, and its sign-off. No vault.

    rules doc --lang en|ko|uk --out FILE.pdf|FILE.md     every rule in words, with its review state
    rules signoff RULE_ID... --reviewer NAME [--note-file F]
    rules status [--json]                                rules, signed off, lapsed, awaiting verification
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop import i18n
from desktop.core.errors import EXIT_OK, N_, VoluntasError

T = {
    "written_pdf": N_("{path}: {rules} rules on {pages} pages."),
    "written_md": N_("{path}: {rules} rules, as Markdown."),
    "signed": N_("Signed off by {reviewer}: {rules}. The sign-off lapses if any of these rules changes."),
    "status": N_("Ruleset {id} {version}: {rules} rules; {signed} signed off, {lapsed} lapsed, {none} not "
                 "reviewed; {verify} with citations awaiting verification, {verify_open} of them without a "
                 "valid sign-off."),
    "lapsed_list": N_("Lapsed (changed since the sign-off): {rules}"),
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="the ruleset for legal review: document, sign-off, status")
    rsub = p.add_subparsers(dest="rules_command", required=True, parser_class=type(p))
    d = rsub.add_parser("doc", help="every rule in words with its legal review state (PDF, or Markdown for .md)")
    d.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help="language of the document")
    d.add_argument("--out", required=True, type=Path, metavar="FILE")
    d.set_defaults(func=run_doc)
    s = rsub.add_parser("signoff", help="record a legal reviewer's sign-off of rules")
    st = rsub.add_parser("status", help="how many rules are signed off, lapsed or awaiting verification")
    for cmd in (d, s, st):
        cmd.add_argument("--rules", type=Path, metavar="RULES.yaml",
                         help="a rules file to review (default: the shipped ruleset); its form.yaml beside it")
    s.add_argument("rule_ids", nargs="+", metavar="RULE_ID")
    s.add_argument("--reviewer", required=True, metavar="NAME")
    s.add_argument("--note-file", type=Path, metavar="FILE", help="a note kept with the sign-off (UTF-8)")
    s.set_defaults(func=run_signoff)
    st.add_argument("--json", action="store_true", dest="as_json")
    st.set_defaults(func=run_status)


def _ruleset(args: argparse.Namespace) -> Any:
    from desktop.core.rules import RulesetError, load_ruleset, shipped_ruleset

    path = getattr(args, "rules", None)
    try:
        return shipped_ruleset() if path is None else load_ruleset(path)
    except RulesetError as err:
        first = str(err.problems[0]) if err.problems else "?"
        raise VoluntasError("R001", file=str(path or "rules.yaml"), count=len(err.problems), first=first) from None


def run_doc(args: argparse.Namespace) -> int:
    from desktop.core.atomic import write_atomic
    from desktop.core.rules import ruledoc, signoff
    from desktop.core.rules.words import Words

    lang = getattr(args, "lang", None) or "en"
    i18n.set_language(lang)
    rs = _ruleset(args)
    forms = i18n.catalog(lang, "forms")
    words = Words(rs, i18n._, lambda ctx, english: forms.pgettext(ctx, english) if english else english, lang)
    found = signoff.read_signoffs(signoff.signoff_path(rs))
    items = ruledoc.entries(words, signoff.states(rs, found), found)
    context = f"{rs.form.id}.rules.banner"  # a forms-catalog lookup, not a string to extract
    banner = forms.pgettext(context, rs.banner)
    if args.out.suffix.lower() == ".md":
        data = ruledoc.markdown(words, items, banner).encode("utf-8")
        done = i18n._(T["written_md"]).format(path=args.out, rules=len(items))
    else:
        from desktop.core.rules import ruledoc_pdf

        data = ruledoc_pdf.render(words, items, banner, i18n._(ruledoc.T["footer"]))
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
        done = i18n._(T["written_pdf"]).format(path=args.out, rules=len(items), pages=pages)
    try:
        write_atomic(args.out, data, 0o644)
    except OSError as err:
        raise VoluntasError("V011", path=str(args.out), reason=err.strerror or "write failed") from None
    sys.stdout.write(done + "\n")
    return EXIT_OK


def run_signoff(args: argparse.Namespace) -> int:
    from desktop.core.rules import signoff

    rs = _ruleset(args)
    note = ""
    if args.note_file is not None:
        try:
            note = args.note_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise VoluntasError("V014", path=str(args.note_file), reason="not a readable UTF-8 file") from None
    ids = signoff.sign(rs, args.rule_ids, args.reviewer, note)
    sys.stdout.write(i18n._(T["signed"]).format(reviewer=args.reviewer.strip(), rules=", ".join(ids)) + "\n")
    return EXIT_OK


def status_doc(rs: Any) -> dict[str, Any]:
    from desktop.core.rules import signoff

    found = signoff.read_signoffs(signoff.signoff_path(rs))
    states = signoff.states(rs, found)
    verify = [r.id for r in rs.all_rules() if r.verify]
    by = {s: [k for k, v in states.items() if v == s] for s in (signoff.SIGNED_OFF, signoff.LAPSED, signoff.NONE)}
    return {
        "ruleset": {"id": rs.id, "version": rs.version, "sha256": rs.sha256},
        "rules": len(states), "signed_off": len(by[signoff.SIGNED_OFF]), "lapsed": by[signoff.LAPSED],
        "not_reviewed": len(by[signoff.NONE]), "awaiting_verification": verify,
        "awaiting_verification_without_signoff": [r for r in verify if states[r] != signoff.SIGNED_OFF],
        "signoffs": {k: {"state": states.get(k, "unknown"), "reviewer": v.reviewer, "date": v.date}
                     for k, v in found.items()},
    }


def run_status(args: argparse.Namespace) -> int:
    rs = _ruleset(args)
    doc = status_doc(rs)
    if args.as_json:
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    sys.stdout.write(i18n._(T["status"]).format(
        id=rs.id, version=rs.version, rules=doc["rules"], signed=doc["signed_off"], lapsed=len(doc["lapsed"]),
        none=doc["not_reviewed"], verify=len(doc["awaiting_verification"]),
        verify_open=len(doc["awaiting_verification_without_signoff"])) + "\n")
    if doc["lapsed"]:
        sys.stdout.write(i18n._(T["lapsed_list"]).format(rules=", ".join(doc["lapsed"])) + "\n")
    return EXIT_OK
