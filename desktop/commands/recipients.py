"""voluntas keys add-recipient FILE (wired into the `keys` group by keys.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.common import open_vault, report_sealed
from desktop.core.errors import EXIT_OK
from desktop.core.finalize import seal_waiting
from desktop.i18n import _


def register_add_recipient(ksub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    add = ksub.add_parser("add-recipient", help="add a legal team's age recipient (from 'desk recipient', or one "
                                                "age1... line: unsigned, it never purges)")
    add.add_argument("file")
    add.add_argument("--primary", action="store_true", help="this desk's receipts purge the field copy")
    add.set_defaults(func=cmd_add_recipient)
    lst = ksub.add_parser("recipients", help="the legal-team recipients, their desks and which one is primary")
    lst.set_defaults(func=cmd_recipients)


def cmd_add_recipient(args: argparse.Namespace) -> int:
    from desktop.core.sync.recipients import RECOMMENDED, add_recipient, list_recipients, read_recipient_file

    read_recipient_file(Path(args.file))  # bad file: clear error before unlocking
    with open_vault(args) as vault:
        added = add_recipient(vault, Path(args.file), primary=args.primary)
        everyone = list_recipients(vault)
        added = next(r for r in everyone if r.fingerprint == added.fingerprint)
        report_sealed(seal_waiting(vault))
    print(_("Recipient added: {label}").format(label=added.label or "-"))
    print("  " + _("Fingerprint (compare with the legal team's): {fp}").format(fp=added.fingerprint))
    _describe(added)
    if not added.signed:
        print(_("Warning: this recipient is not signed by a desk key. It receives every bundle but its receipts "
                "never purge anything."), file=sys.stderr)
    if len(everyone) < RECOMMENDED:
        print(_("{count} recipient configured; two are recommended.").format(count=len(everyone)))
    return EXIT_OK


def _describe(r: object) -> None:
    from desktop.core.sync.recipients import ROLE_TEXT

    fp = getattr(r, "desk_fingerprint", "")
    print("  " + _("Desk key: {fp}").format(fp=fp or "-"))
    print("  " + _(ROLE_TEXT[getattr(r, "role", "unsigned")]))


def cmd_recipients(args: argparse.Namespace) -> int:
    from desktop.core.sync.recipients import list_recipients

    with open_vault(args) as vault:
        everyone = list_recipients(vault)
    if not everyone:
        print(_("No recipient configured."))
    for r in everyone:
        print(f"{r.label or '-'}\t{r.fingerprint}")
        _describe(r)
    return EXIT_OK
