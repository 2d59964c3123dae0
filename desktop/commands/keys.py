"""voluntas keys export --out DIR"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.common import open_vault
from desktop.commands.recipients import register_add_recipient
from desktop.core.atomic import write_atomic
from desktop.core.errors import EXIT_OK
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    keys = sub.add_parser("keys", help="the interviewer's public keys")
    ksub = keys.add_subparsers(dest="keys_command", required=True)
    export = ksub.add_parser("export", help="write the certificate and Ed25519 public key with fingerprints")
    export.add_argument("--out", required=True, help="folder to write into")
    export.set_defaults(func=cmd_export)
    register_add_recipient(ksub)


def cmd_export(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:  # everything from the keys is taken before lock zeroes them
        ident = vault.records.identity()
        files = ident.public_files()
        fingerprints = ident.ed25519_fingerprint(), ident.cert_fingerprint()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_atomic(out / name, data, mode=0o644)
    print(_("Public keys written to {path}.").format(path=out))
    print("  Ed25519: " + fingerprints[0])
    print("  X.509:   " + fingerprints[1])
    return EXIT_OK
