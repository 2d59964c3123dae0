"""What the commands share: the data dir, reading a passphrase, opening the vault, JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.core.errors import VoluntasError
from desktop.core.finalize import seal_waiting
from desktop.core.vault import Vault


def data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(args.data_dir)


def read_passphrase_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            line = fh.readline()
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
        raise VoluntasError("V014", path=path, reason=reason or type(err).__name__) from None
    return line.rstrip("\r\n")


def passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ", confirm: bool = False) -> str:
    if args.passphrase_file:
        return read_passphrase_file(args.passphrase_file)
    if not sys.stdin.isatty():
        raise VoluntasError("V013")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != first:
        raise VoluntasError("V013")
    return first


def warn_fast_kdf(kdf_profile: str = "", root: str = "", **_payload: Any) -> None:
    """Every command that makes or opens a fast-profile vault says so (listens to vault.unlocked)."""
    if kdf_profile == "fast":
        from desktop.i18n import _

        sys.stderr.write(_("voluntas: WARNING: the vault in {path} uses the fast test KDF profile: for tests only, "
                           "never for real interviews.").format(path=root) + "\n")


def open_vault(args: argparse.Namespace) -> Vault:
    vault = Vault.unlock(data_dir(args), passphrase(args))
    try:
        report_sealed(seal_waiting(vault))  # no finalized interview stays unsealed once a recipient exists
    except VoluntasError as err:
        sys.stderr.write(f"voluntas: {err.code}: {err.message()}\n")
    except BaseException:
        vault.lock()
        raise
    return vault


def report_sealed(count: int) -> None:
    if count:
        from desktop.i18n import _

        sys.stderr.write(_("voluntas: sealed {count} finalized interviews for the legal team; their plaintext "
                           "was removed.").format(count=count) + "\n")


def print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def require_form(form: str, lang: str = "en") -> None:
    """The form's folder and, for a translation, its forms catalog must exist (F020, F021)."""
    if not (paths.forms_dir() / form / "form.yaml").is_file():
        raise VoluntasError("F020", form=form)
    if lang != "en" and not (paths.locales_dir() / lang / "LC_MESSAGES" / "forms.po").is_file():
        raise VoluntasError("F021", lang=lang)
