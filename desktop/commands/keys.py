"""voluntas keys export --out DIR"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization

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
        cert_pem = ident.cert().public_bytes(serialization.Encoding.PEM)
        ed_pem = ident.ed25519_key().public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        summary = {
            "format": "voluntas-interviewer-keys/1",
            "interviewer": ident.interviewer,
            "organisation": ident.organisation,
            "device_id": ident.device_id,
            "ed25519_fingerprint": ident.ed25519_fingerprint(),
            "certificate_fingerprint": ident.cert_fingerprint(),
        }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "interviewer-cert.pem", cert_pem, mode=0o644)
    write_atomic(out / "interviewer-ed25519.pem", ed_pem, mode=0o644)
    write_atomic(out / "interviewer.json", (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode(),
                 mode=0o644)
    print(_("Public keys written to {path}.").format(path=out))
    print("  Ed25519: " + summary["ed25519_fingerprint"])
    print("  X.509:   " + summary["certificate_fingerprint"])
    return EXIT_OK
