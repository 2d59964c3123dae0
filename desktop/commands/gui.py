"""voluntas gui [--demo]: the interviewer's window (also what `voluntas` with no command starts)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    gui = sub.add_parser("gui", help="start the window (on first run it walks through creating the vault)")
    gui.add_argument("--demo", action="store_true",
                     help="a throwaway vault with fictional sample cases, deleted on exit; no passphrase")
    gui.add_argument("--preview", action="store_true",
                     help="only the translator preview of the forms (no vault needed)")
    gui.set_defaults(func=cmd_gui)


def cmd_gui(args: argparse.Namespace) -> int:
    if getattr(args, "preview", False):
        from desktop import preview_app

        return preview_app.run(args.lang)
    if args.demo:
        from desktop import demo

        return demo.run_demo(args.lang)
    from desktop import app  # the composition root imports Qt; headless commands never do
    from desktop.commands.common import data_dir

    return app.run(data_dir(args), args.lang)
