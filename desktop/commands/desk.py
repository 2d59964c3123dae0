"""voluntas desk init | recipient | enrol | receive | list | case | signoff | link | unlink | receipts | export | gui

The legal desk's side. Its vault lives in --desk-dir (default: the global data dir), on the legal
team's own machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from desktop.commands.common import data_dir, passphrase, print_json
from desktop.core.errors import EXIT_NEGATIVE, EXIT_OK, VoluntasError
from desktop.core.vault import Vault
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    desk = sub.add_parser("desk", help="the legal desk: receive, verify and review sealed dossiers")
    desk.add_argument("--desk-dir", help="the desk vault folder (default: the data dir)")
    dsub = desk.add_subparsers(dest="desk_command", required=True)
    init = dsub.add_parser("init", help="create the desk vault and its age identity")
    init.add_argument("--reviewer", default="Legal desk")
    init.add_argument("--organisation", default="")
    init.set_defaults(func=cmd_init)
    rec = dsub.add_parser("recipient", help="export the recipient file for field laptops")
    rec.add_argument("--out", required=True)
    rec.add_argument("--label")
    rec.set_defaults(func=cmd_recipient)
    enr = dsub.add_parser("enrol", help="trust an interviewer key (a 'keys export' folder)")
    enr.add_argument("keys_dir")
    enr.add_argument("--replace", action="store_true", help="a known key with a new certificate or name (logged)")
    enr.set_defaults(func=cmd_enrol)
    rcv = dsub.add_parser("receive", help="decrypt, check and import the bundles in a folder")
    rcv.add_argument("--from", dest="source", required=True)
    rcv.add_argument("--json", action="store_true")
    rcv.set_defaults(func=cmd_receive)
    lst = dsub.add_parser("list", help="the cases received")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    case = dsub.add_parser("case", help="one case: every interview, the case-level evaluation over time, sign-offs")
    case.add_argument("case_code")
    case.add_argument("--json", action="store_true", help="the raw case view as JSON")
    case.add_argument("--answers", action="store_true", help="with --json: include the answers and notes")
    case.set_defaults(func=cmd_case)
    sign = dsub.add_parser("signoff", help="add a reviewer's sign-off note to a case")
    sign.add_argument("case_code")
    sign.add_argument("--reviewer", required=True)
    sign.add_argument("--note-file", required=True, help="UTF-8 text file holding the note")
    sign.set_defaults(func=cmd_signoff)
    lnk = dsub.add_parser("link", help="evaluate two desk cases together (the same man; audit-logged)")
    lnk.add_argument("case_code")
    lnk.add_argument("other")
    lnk.set_defaults(func=cmd_link)
    unl = dsub.add_parser("unlink", help="evaluate a desk case on its own again (audit-logged)")
    unl.add_argument("case_code")
    unl.set_defaults(func=cmd_unlink)
    ident = dsub.add_parser("identity", help="the desk's age identity (disaster recovery)")
    isub = ident.add_subparsers(dest="identity_command", required=True)
    iexp = isub.add_parser("export", help="write the age identity (secret) for an offline copy, mode 0600")
    iexp.add_argument("--out", required=True, help="a new file; keep it offline (paper, a safe)")
    iexp.set_defaults(func=cmd_identity_export)
    rct = dsub.add_parser("receipts", help="write signed receipts for the bundles received")
    rct.add_argument("--to", required=True)
    rct.set_defaults(func=cmd_receipts)
    register_export(dsub)
    gui = dsub.add_parser("gui", help="the desk window: inbox, cases, dossiers, sign-off, keys")
    gui.add_argument("--demo", action="store_true", help="a throwaway desk with fictional received cases")
    gui.set_defaults(func=cmd_gui)


def _dir(args: argparse.Namespace) -> Path:
    return Path(args.desk_dir) if args.desk_dir else data_dir(args)


def _open(args: argparse.Namespace) -> Vault:
    return Vault.unlock(_dir(args), passphrase(args))


def cmd_init(args: argparse.Namespace) -> int:
    from desktop.core.sync.desk import desk_init

    vault = desk_init(_dir(args), passphrase(args, confirm=True), args.reviewer, args.organisation)
    try:
        fp = vault.records.identity().ed25519_fingerprint()
    finally:
        vault.lock()
    print(_("Desk vault created in {path}.").format(path=_dir(args)))
    print("  " + _("Desk key: {fp}").format(fp=fp))
    return EXIT_OK


def cmd_recipient(args: argparse.Namespace) -> int:
    from desktop.core.sync.desk import export_recipient

    with _open(args) as vault:
        doc = export_recipient(vault, Path(args.out), args.label)
    print(_("Recipient written to {path}.").format(path=args.out))
    print("  " + _("Fingerprint (read it to the field team): {fp}").format(fp=doc["fingerprint"]))
    return EXIT_OK


def cmd_enrol(args: argparse.Namespace) -> int:
    from desktop.core.sync.desk import enrol

    with _open(args) as vault:
        key = enrol(vault, Path(args.keys_dir), replace=args.replace)
    print(_("Interviewer key trusted: {name}").format(name=key.interviewer or "-"))
    print("  Ed25519: " + key.fingerprint)
    print("  X.509:   " + key.certificate_fingerprint)
    return EXIT_OK


def cmd_receive(args: argparse.Namespace) -> int:
    from desktop.core.sync.inbox import REJECTED
    from desktop.core.sync.receive import desk_receive

    with _open(args) as vault:
        outcomes = desk_receive(vault, Path(args.source))
    if args.json:
        print_json([dataclasses.asdict(o) for o in outcomes])
    else:
        for o in outcomes:
            print(f"{o.status}\t{o.file}\t{o.case_code}\t{o.code} {o.reason}".rstrip())
    return EXIT_NEGATIVE if any(o.status == REJECTED for o in outcomes) else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.core.sync.caseview import list_cases

    with _open(args) as vault:
        cases = list_cases(vault)
    if args.json:
        print_json([dataclasses.asdict(c) for c in cases])
        return EXIT_OK
    if not cases:
        print(_("No case received yet."))
    for c in cases:
        linked = _("linked with {cases}").format(cases=", ".join(c.linked)) if c.linked else ""
        print(f"{c.case_code}\t{c.interviews}\t{c.last_received}\t{'signed off' if c.signed_off else 'open'}\t"
              f"{linked}".rstrip())
    return EXIT_OK


def cmd_link(args: argparse.Namespace) -> int:
    from desktop.core.sync.link import link

    with _open(args) as vault:
        members = link(vault, args.case_code, args.other)
    print(_("Evaluated together from now on: {cases}. Earlier sign-offs lapsed.").format(cases=", ".join(members)))
    return EXIT_OK


def cmd_unlink(args: argparse.Namespace) -> int:
    from desktop.core.sync.link import unlink

    with _open(args) as vault:
        unlink(vault, args.case_code)
    print(_("Case {code} is evaluated on its own again. Earlier sign-offs lapsed.").format(code=args.case_code))
    return EXIT_OK


def cmd_case(args: argparse.Namespace) -> int:
    from desktop.core.sync.caseview import case_view

    if not args.json:
        return cmd_case_text(args)
    with _open(args) as vault:
        view = case_view(vault, args.case_code)
    doc = dataclasses.asdict(view)
    if not args.answers:  # answer text reaches the terminal (and its scrollback) only when asked for
        for item in doc["interviews"]:
            item["answers"] = sorted(item["answers"])
            item["notes"] = sorted(item["notes"])
    print_json(doc)
    return EXIT_OK


def cmd_signoff(args: argparse.Namespace) -> int:
    from desktop.core.sync.caseview import sign_off

    try:
        note = Path(args.note_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise VoluntasError("S006", path=args.note_file, reason="not a readable UTF-8 file") from None
    with _open(args) as vault:
        sign_off(vault, args.case_code, args.reviewer, note.strip())
    print(_("Sign-off recorded for case {code}.").format(code=args.case_code))
    return EXIT_OK


def cmd_receipts(args: argparse.Namespace) -> int:
    from desktop.core.sync.receipts import write_receipts

    skipped: list[str] = []
    with _open(args) as vault:
        written = write_receipts(vault, Path(args.to), skipped)
    for name in skipped:
        print(_("Warning: skipped {name}: something that is not a regular file (a link, FIFO or device) has "
                "that name in the folder; nothing was read or written there.").format(name=name), file=sys.stderr)
    print(_("{count} receipt(s) written to {folder}.").format(count=len(written), folder=args.to))
    return EXIT_OK


def cmd_identity_export(args: argparse.Namespace) -> int:
    from desktop.core.sync.desk import export_identity

    with _open(args) as vault:  # the passphrase first: no secret leaves a locked desk
        recipient = export_identity(vault, Path(args.out))
    print(_("WARNING: {path} holds the desk's secret age key. Anyone with it can read every bundle sent to this "
            "desk. Keep it offline (printed, or on a stick in a safe), never on a shared or synced folder.").format(
        path=args.out), file=sys.stderr)
    print(_("Desk identity written to {path} (readable by you only).").format(path=args.out))
    print("  " + _("Recipient: {recipient}").format(recipient=recipient))
    print("  " + _("To decrypt a bundle without Voluntas: age -d -i {path} BUNDLE.age > bundle.tar").format(
        path=args.out))
    return EXIT_OK


def register_export(dsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    exp = dsub.add_parser("export", help="write the case's dossiers as received, and a signed case report")
    exp.add_argument("case_code")
    exp.add_argument("--out", required=True, help="folder (created if missing); existing files are kept")
    exp.set_defaults(func=cmd_export)


def cmd_case_text(args: argparse.Namespace) -> int:
    from desktop import i18n
    from desktop.core.sync.report import case_story, story_text

    with _open(args) as vault:
        story = case_story(vault, args.case_code, i18n.language())
    print(story_text(story), end="")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop import i18n
    from desktop.core.sync.export import export_case

    with _open(args) as vault:
        done = export_case(vault, args.case_code, Path(args.out), i18n.language())
    for path in done.dossiers:
        print(_("Dossier (as received): {path}").format(path=path))
    print(_("Case report (signed by this desk): {path}").format(path=done.report))
    print(_("Check the report with: voluntas dossier verify {report} --trust {cert}").format(
        report=done.report, cert=done.certificate))
    if done.ruleset_note:
        print(done.ruleset_note)
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop import desk_app  # the desk's composition root imports Qt; the other desk commands never do

    if args.demo:
        return desk_app.run_demo(args.lang)
    return desk_app.run(_dir(args), args.lang)
