"""voluntas keys add-recipient FILE (wired into the `keys` group by keys.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.common import open_vault, report_sealed
from desktop.core.errors import EXIT_OK
from desktop.core.finalize import seal_waiting
from desktop.i18n import _


def register_add_recipient(ksub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    add = ksub.add_parser("add-recipient", help="add a legal team's age recipient (from 'desk recipient')")
    add.add_argument("file")
    add.set_defaults(func=cmd_add_recipient)


def cmd_add_recipient(args: argparse.Namespace) -> int:
    from desktop.core.sync.recipients import RECOMMENDED, add_recipient, list_recipients, read_recipient_file

    read_recipient_file(Path(args.file))  # bad file: clear error before unlocking
    with open_vault(args) as vault:
        added = add_recipient(vault, Path(args.file))
        count = len(list_recipients(vault))
        report_sealed(seal_waiting(vault))
    print(_("Recipient added: {label}").format(label=added.label or "-"))
    print("  " + _("Fingerprint (compare with the legal team's): {fp}").format(fp=added.fingerprint))
    if count < RECOMMENDED:
        print(_("{count} recipient configured; two are recommended.").format(count=count))
    return EXIT_OK
