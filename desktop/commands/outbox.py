"""voluntas outbox push --to DIR | receipts --from DIR | list"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.common import open_vault, print_json
from desktop.core.errors import EXIT_NEGATIVE, EXIT_OK
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    outbox = sub.add_parser("outbox", help="sealed bundles waiting for the legal desk")
    osub = outbox.add_subparsers(dest="outbox_command", required=True)
    push = osub.add_parser("push", help="write every sealed, unsent bundle into a folder")
    push.add_argument("--to", required=True, help="folder (USB stick, share, Syncthing folder)")
    push.add_argument("--json", action="store_true")
    push.set_defaults(func=cmd_push)
    rec = osub.add_parser("receipts", help="import the desk's signed receipts and purge what they cover")
    rec.add_argument("--from", dest="source", required=True)
    rec.add_argument("--json", action="store_true")
    rec.set_defaults(func=cmd_receipts)
    lst = osub.add_parser("list", help="sealed bundles held here")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)


def cmd_push(args: argparse.Namespace) -> int:
    from desktop.core.sync.outbox import push_outbox

    with open_vault(args) as vault:
        report = push_outbox(vault, Path(args.to))
    for name in report.skipped:
        print(_("Warning: skipped {name}: something that is not a regular file (a link, FIFO or device) has "
                "that name in the folder; nothing was read or written there.").format(name=name), file=sys.stderr)
    if args.json:
        print_json({"folder": report.folder, "written": report.written, "already": report.already,
                    "bytes": report.bytes_written, "skipped": report.skipped})
    else:
        print(_("{count} bundle(s) written to {folder}; {already} already there.").format(
            count=len(report.written), folder=report.folder, already=report.already))
    return EXIT_OK


def cmd_receipts(args: argparse.Namespace) -> int:
    from desktop.core.sync.receipts import import_receipts

    with open_vault(args) as vault:
        report = import_receipts(vault, Path(args.source))
    if args.json:
        print_json({"purged_bundles": report.purged_bundles, "purged_interviews": report.purged_interviews,
                    "already": report.already, "unknown": report.unknown,
                    "noted": [{"bundle_id": b, "desk_key": d} for b, d in report.noted],
                    "rejected": [{"file": r.file, "code": r.code, "reason": r.reason} for r in report.rejected]})
    else:
        print(_("{bundles} bundle(s) receipted: {interviews} interview(s) purged from this laptop.").format(
            bundles=len(report.purged_bundles), interviews=report.purged_interviews))
        if report.noted:
            print(_("{count} receipt(s) from a desk that is not the primary one: noted, nothing purged.").format(
                count=len(report.noted)))
        for r in report.rejected:
            print(f"{r.code} {r.reason}")
    return EXIT_NEGATIVE if report.rejected else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.core.sync.outbox import pending
    from desktop.core.sync.recipients import list_recipients

    with open_vault(args) as vault:
        items = pending(vault)
        desks = {r.desk_fingerprint: r.label or r.desk_fingerprint for r in list_recipients(vault) if r.desk_key}
        primary = next((r.label or r.desk_fingerprint for r in list_recipients(vault) if r.primary), "")
    if args.json:
        print_json([{"bundle_id": i.bundle_id, "file": i.name, "case_code": i.case_code,
                     "dates": list(i.interview_dates), "size": i.size, "sealed_at": i.sealed_at,
                     "sent_to": list(i.sent_to), "receipted_by": [{"desk": desks.get(d, d), "desk_key": d}
                                                                  for d in i.receipted_by],
                     "waiting_for": primary} for i in items])
        return EXIT_OK
    if not items:
        print(_("The outbox is empty."))
    for i in items:
        noted = ",".join(desks.get(d, d) for d in i.receipted_by) or "-"
        print(f"{i.case_code}\t{','.join(i.interview_dates)}\t{i.size}\t{'sent' if i.sent_to else 'unsent'}\t"
              f"{i.name}\t" + _("receipted by: {desks}; purged on the receipt of {primary}").format(
                  desks=noted, primary=primary or "-"))
    return EXIT_OK
