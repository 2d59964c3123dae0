"""docs/cli.md lists every command of the argument parser, with every option, and every exit code."""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop.cli import build_parser
from desktop.core import errors
from tests.conftest import ROOT

DOC = ROOT / "docs" / "cli.md"


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """(command path, long options of that parser, is a leaf) for the whole tree."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    longs = [o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"]
    yield path, longs, not subs
    for sub in subs:
        for name, child in sub.choices.items():
            yield from commands(child, (*path, name))


def sections() -> dict[str, str]:
    """`### \\`voluntas X Y\\`` heading -> its text up to the next heading."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^### `voluntas ([a-z0-9 -]+)`\n", text, flags=re.M)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts), 2)}


def test_every_command_has_its_section_naming_every_option() -> None:
    doc, text = sections(), DOC.read_text(encoding="utf-8")
    problems = []
    for path, longs, leaf in commands(build_parser()):
        name = " ".join(path)
        if not path:
            problems += [f"global option {o}" for o in longs if f"`{o}" not in text]
        elif not leaf:
            problems += [f"{name} {o}" for o in longs if o not in text]
        elif name not in doc:
            problems.append(f"no section '### `voluntas {name}`'")
        else:
            problems += [f"{name}: option {o} not described" for o in longs if o not in doc[name]]
    assert problems == [], "document these in docs/cli.md"


def test_no_section_for_a_command_that_does_not_exist() -> None:
    leaves = {" ".join(p) for p, _longs, leaf in commands(build_parser()) if leaf and p}
    assert sorted(set(sections()) - leaves) == []


def test_every_exit_code_is_in_the_table() -> None:
    table = DOC.read_text(encoding="utf-8").split("## Exit codes")[1].split("\n## ")[0]
    codes = {int(m) for m in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
    defined = {v for k, v in vars(errors).items() if k.startswith("EXIT_") and isinstance(v, int)}
    assert defined <= codes
    assert {errors.EXIT_INTERNAL, errors.EXIT_INTERRUPTED} == {70, 130}  # what desktop/cli.py returns


def test_ctrl_c_exits_130_with_a_word_and_no_traceback(tmp_path: Path) -> None:
    """`vault init` waiting for its passphrase (a named pipe that stays empty) is interrupted as a user would:
    exit 130, a word on stderr, no traceback, and no vault left half made."""
    fifo = tmp_path / "passphrase"
    os.mkfifo(fifo)
    data = tmp_path / "vault"
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data), "--passphrase-file", str(fifo),
                             "vault", "init"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while True:  # a writer can open the pipe only once the command has opened it to read: it is running
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
    time.sleep(0.2)  # now blocked reading a pipe that stays empty
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    os.close(writer)
    assert proc.returncode == errors.EXIT_INTERRUPTED == 130
    assert out == "" and "interrupted" in err and "Traceback" not in err
    assert not data.exists() or not any(data.iterdir())
