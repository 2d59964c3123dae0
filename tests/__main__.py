"""The whole test suite: static checks the tools run, then pytest. `python -m tests`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def step(name: str, cmd: list[str]) -> int:
    print(f"== {name}: {' '.join(cmd)}", flush=True)
    return subprocess.call(cmd, cwd=ROOT)


def main() -> int:
    env_extra = {"QT_QPA_PLATFORM": "offscreen"}
    os.environ.update(env_extra)
    failed = []
    checks = [
        ("ruff", [str(BIN / "ruff"), "check", "desktop", "tests"]),
        ("mypy", [str(BIN / "mypy")]),
        ("import contract", [str(BIN / "lint-imports")]),
    ]
    for name, cmd in checks:
        if step(name, cmd) != 0:
            failed.append(name)
    args = sys.argv[1:]
    if not any(a == "-n" or a.startswith("-n") or a.startswith("--numprocesses") for a in args):
        args = ["-n", "auto", *args]  # pytest-xdist: one worker per core (the vault tests spend time in fsync)
    rc = step("pytest", [sys.executable, "-m", "pytest", *args])
    if failed:
        print(f"static checks failed: {', '.join(failed)}", flush=True)
        return rc or 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
