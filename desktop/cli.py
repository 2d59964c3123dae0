"""The headless `voluntas` command (docs/cli.md). Each command group lives in desktop/commands/."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any

from desktop import i18n
from desktop.commands import COMMAND_MODULES
from desktop.commands.common import warn_fast_kdf
from desktop.core import hardening
from desktop.core.bus import bus
from desktop.core.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, VoluntasError


class _Parser(argparse.ArgumentParser):
    """No abbreviated options (`--passphrase` is not `--passphrase-file`), and an error never echoes
    the value of an argument it did not recognise: it may be a passphrase."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            names = [a.split("=", 1)[0] for a in message[len(prefix):].split() if a.startswith("-")]
            message = prefix + (" ".join(names) or "-") + " (values not shown)"
        message = re.sub(r"invalid (\w+ value|choice): '.*?'", r"invalid \1 (value not shown)", message)
        self.print_usage(sys.stderr)
        sys.stderr.write(f"voluntas: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="voluntas", description="Offline, encrypted interviews of captured soldiers.",
                     epilog="Exit codes: 0 done, 1 a check or verification failed, 2 bad usage or input, 3 wrong "
                            "passphrase or locked vault, 70 internal error, 130 interrupted. Every command and "
                            "option: docs/cli.md.")
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
    bus.subscribe("vault.unlocked", warn_fast_kdf)
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    try:
        return int(args.func(args))
    except VoluntasError as err:
        sys.stderr.write(f"voluntas: {err.code}: {err.message(i18n._)}\n")
        return err.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("voluntas: interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as err:  # noqa: BLE001 - last line of defence: no traceback, no content
        sys.stderr.write(
            f"voluntas: E999: internal error ({type(err).__name__}). Nothing was changed by this command.\n"
        )
        return EXIT_INTERNAL
