"""voluntas vault init | check | passwd | wipe"""

from __future__ import annotations

import argparse
import os
import sys

from desktop.commands.common import data_dir, open_vault, passphrase, print_json, read_passphrase_file
from desktop.core.errors import EXIT_NEGATIVE, EXIT_OK, EXIT_USAGE, VoluntasError
from desktop.core.vault import Vault, keyfile
from desktop.core.vault.files import VaultPaths
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    vault = sub.add_parser("vault", help="create, check, re-key or wipe the encrypted vault")
    vsub = vault.add_subparsers(dest="vault_command", required=True)
    init = vsub.add_parser("init", help="create the vault, its key file and the interviewer's signing keys")
    init.add_argument("--interviewer", default="", help="interviewer's name (stays inside the vault)")
    init.add_argument("--organisation", default="", help="organisation")
    init.set_defaults(func=cmd_init)
    check = vsub.add_parser("check", help="unlock and run the integrity and audit-chain checks")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=cmd_check)
    passwd = vsub.add_parser("passwd", help="change the passphrase and re-key the database")
    passwd.add_argument("--new-passphrase-file", required=True)
    passwd.set_defaults(func=cmd_passwd)
    wipe = vsub.add_parser("wipe", help="destroy the key material and the vault files")
    wipe.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    wipe.set_defaults(func=cmd_wipe)


def cmd_init(args: argparse.Namespace) -> int:
    root = data_dir(args)
    if VaultPaths(root).exists():
        raise VoluntasError("V002", path=str(root))
    secret = passphrase(args, confirm=True)
    with Vault.create(root, secret, args.interviewer, args.organisation) as vault:
        ident = vault.records.identity()
        print(_("Vault created in {path} (KDF profile: {profile}).").format(path=root, profile=vault.kdf.profile))
        print(_("Register these fingerprints with the legal team:"))
        print("  Ed25519: " + ident.ed25519_fingerprint())
        print("  X.509:   " + ident.cert_fingerprint())
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    root = data_dir(args)
    profile = keyfile.read(VaultPaths(root).key).kdf.profile if VaultPaths(root).key.exists() else "?"
    try:
        vault = open_vault(args)
    except VoluntasError as err:
        if err.code not in ("V008", "V025"):
            raise
        results = [("key_check", False, err.message(_))]
    else:
        try:
            results = [("key_check", True, "")] + [(r.name, r.ok, r.detail) for r in vault.check()]
        finally:
            vault.lock()
    ok = all(passed for _name, passed, _detail in results)
    if args.json:
        print_json({"ok": ok, "kdf_profile": profile,
                    "checks": [{"name": n, "ok": p, "detail": d} for n, p, d in results]})
    else:
        if profile == "fast":
            print(_("WARNING: this vault uses the fast test KDF profile. Do not use it for real interviews."))
        for name, passed, detail in results:
            word = _("ok") if passed else _("FAILED")
            print(f"{name}: {word}" + (f" ({detail})" if detail else ""))
        print(_("KDF profile: {profile}").format(profile=profile))
    return EXIT_OK if ok else EXIT_NEGATIVE


def cmd_passwd(args: argparse.Namespace) -> int:
    root = data_dir(args)
    old = passphrase(args)
    new = read_passphrase_file(args.new_passphrase_file)
    with Vault.unlock(root, old) as vault:
        before = vault.kdf
        after = vault.change_passphrase(old, new)
    print(_("Passphrase changed and the database re-encrypted under a new key. The old passphrase, and any "
            "copy of the old key file or of the database made before now, no longer open this vault."))
    print(_("Key derivation: {profile}, {memory} MiB, {passes} passes.").format(
        profile=after.profile, memory=after.memory_kib // 1024, passes=after.time_cost))
    if before.profile != after.profile:
        print(_("The vault moved from the {old} KDF profile to {new}.").format(old=before.profile, new=after.profile))
    return EXIT_OK


def cmd_wipe(args: argparse.Namespace) -> int:
    root = data_dir(args)
    if not args.yes:
        sys.stderr.write(_("voluntas: refusing to wipe without --yes: this destroys every interview in the vault.")
                         + "\n")
        return EXIT_USAGE
    if not os.path.isdir(root):
        raise VoluntasError("V001", path=str(root))
    removed = Vault.wipe(root)
    print(_("Vault wiped: {count} files destroyed.").format(count=len(removed)))
    return EXIT_OK
