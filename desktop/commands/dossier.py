"""voluntas dossier export CASE_ID --out FILE.pdf | verify FILE.pdf [--trust FILE] [--json]"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.common import open_vault, print_json
from desktop.core.errors import EXIT_NEGATIVE, EXIT_OK, VoluntasError
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    dossier = sub.add_parser("dossier", help="signed PDF dossiers")
    dsub = dossier.add_subparsers(dest="dossier_command", required=True)
    export = dsub.add_parser("export", help="render, sign and write the dossier of a case atomically")
    export.add_argument("case_id")
    export.add_argument("--out", required=True, help="the PDF file to write")
    export.set_defaults(func=cmd_export)
    verify = dsub.add_parser("verify", help="check signature, coverage, embedded manifest and hashes")
    verify.add_argument("file")
    verify.add_argument("--trust", help="the interviewer's certificate (PEM), e.g. from 'voluntas keys export'")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=cmd_verify)


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.core.dossier import export_dossier

    with open_vault(args) as vault:
        result = export_dossier(vault, args.case_id, Path(args.out))
        ident = vault.records.identity()
        fingerprints = ident.cert_fingerprint(), ident.ed25519_fingerprint()  # before lock zeroes the keys
    print(_("Dossier written to {path} ({pages} pages).").format(path=result.path, pages=result.pages))
    print("  X.509:   " + fingerprints[0])
    print("  Ed25519: " + fingerprints[1])
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.core.dossier import verify_dossier

    trust = None
    if args.trust:
        try:
            trust = Path(args.trust).read_bytes()
        except OSError as err:
            raise VoluntasError("D004", path=args.trust, reason=err.strerror or type(err).__name__) from None
    try:
        result = verify_dossier(args.file, trust)
    except VoluntasError as err:
        if err.code == "D004":
            err.fields["path"] = args.trust
            raise VoluntasError("D004", **err.fields) from None
        raise
    from desktop.core.dossier.verify import CHECKS, TRUST_CHECK

    trusted = result.trusted
    if args.json:
        print_json({"file": args.file, "valid": result.ok, "trusted": trusted, "reasons": result.reasons,
                    "checked": list(CHECKS), "details": result.details})
        return EXIT_OK if trusted else EXIT_NEGATIVE
    if not result.ok:
        print(_("INVALID: {file}").format(file=args.file))
        for reason in result.reasons:
            print("  - " + reason)
        return EXIT_NEGATIVE
    if trusted:
        print(_("VALID: {file}").format(file=args.file))
    else:
        print(_("UNTRUSTED: {file}").format(file=args.file))
        print(_("  Nothing ties this file to a known person: anyone can make a self-consistent dossier with a key "
                "of their own. Check it with --trust FILE (the interviewer's registered certificate)."))
    print(_("  Checked:"))
    for n, check in enumerate(CHECKS):
        if n == TRUST_CHECK and not trusted:
            print("  - " + _("NOT checked (no --trust): {check}").format(check=_(check)))
        else:
            print("  - " + _(check))
    print("  " + _("Case {code}, {n} interviews.").format(code=result.details.get("case_code"),
                                                         n=result.details.get("interviews")))
    print("  X.509:   " + str(result.details.get("certificate_fingerprint")))
    print("  Ed25519: " + str(result.details.get("ed25519_fingerprint")))
    stamp = result.details.get("timestamp")
    if stamp:
        print("  " + _("Document timestamp: {time} by {authority} (reported; that authority is not checked).").format(
            time=stamp["time"], authority=stamp["authority"]))
    if trusted:
        print(_("  Signed with the trusted certificate."))
    return EXIT_OK if trusted else EXIT_NEGATIVE
