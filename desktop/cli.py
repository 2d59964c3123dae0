"""The headless `voluntas` command (design/cli.md). Each command group lives in desktop/commands/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop import i18n
from desktop.commands import COMMAND_MODULES
from desktop.core import hardening
from desktop.core.errors import EXIT_USAGE, VoluntasError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"voluntas: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="voluntas", description="Offline, encrypted interviews of captured soldiers.")
    parser.add_argument("--data-dir", help="vault folder (default: VOLUNTAS_DATA_DIR or the user data dir)")
    parser.add_argument("--passphrase-file", help="read the passphrase from the first line of FILE")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="en", help="language of messages")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    hardening.harden_process()
    parser = build_parser()
    args = parser.parse_args(argv)
    i18n.set_language(args.lang)
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    try:
        return int(args.func(args))
    except VoluntasError as err:
        sys.stderr.write(f"voluntas: {err.code}: {err.message(i18n._)}\n")
        return err.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("voluntas: interrupted\n")
        return 130
    except Exception as err:  # noqa: BLE001 - last line of defence: no traceback, no content
        sys.stderr.write(
            f"voluntas: E999: internal error ({type(err).__name__}). Nothing was changed by this command.\n"
        )
        return 70
