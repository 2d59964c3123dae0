"""voluntas interview finalize CASE_ID (wired into the `interview` group by interview.py)."""

from __future__ import annotations

import argparse

from desktop.commands.common import open_vault, print_json
from desktop.core.errors import EXIT_OK, VoluntasError
from desktop.i18n import _


def register_finalize(isub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fin = isub.add_parser("finalize", help="render, sign and seal the case's open interviews for the legal team")
    fin.add_argument("case_id", help="case id (or its code when only one case has it)")
    fin.add_argument("--json", action="store_true")
    fin.set_defaults(func=cmd_finalize)


def resolve_case(rows: list[tuple[str, str]], wanted: str) -> str:
    """A case id from an id or a unique code; rows are (case id, code)."""
    ids = {cid for cid, _code in rows}
    if wanted in ids:
        return wanted
    by_code = {cid for cid, code in rows if code == wanted}
    if len(by_code) == 1:
        return by_code.pop()
    raise VoluntasError("V015", what="case", ident=wanted)


def cmd_finalize(args: argparse.Namespace) -> int:
    from desktop.core.sync.recipients import RECOMMENDED, list_recipients
    from desktop.core.sync.seal import checkpoint, seal_case

    with open_vault(args) as vault:
        checkpoint(vault)  # a crash after an earlier seal's commit may have left old pages in the WAL
        case_id = resolve_case(vault.records.case_codes(), args.case_id)
        result = seal_case(vault, case_id)
        recipients = len(list_recipients(vault))
    if args.json:
        print_json({"case_id": case_id, "bundle_id": result.bundle_id, "interviews": list(result.interview_ids),
                    "size": result.size, "recipients": result.recipients})
        return EXIT_OK
    print(_("Sealed {count} interviews for {recipients} legal-team recipient(s); the plaintext was removed.")
          .format(count=len(result.interview_ids), recipients=result.recipients))
    if recipients < RECOMMENDED:
        print(_("Note: {count} recipient configured; two are recommended.").format(count=recipients))
    return EXIT_OK
