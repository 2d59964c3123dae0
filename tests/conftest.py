"""Every test runs in its own tmp tree: HOME, XDG dirs, TMPDIR and the vault all inside it,
so scans for leaked plaintext see everything the app wrote (security.md section 3)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"  # the public acceptance cases (vignettes V01-V13)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VOLUNTAS_KDF_PROFILE", "fast")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for sub in ("config", "cache", "data", "tmp"):
        (home / sub).mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("TMPDIR", str(home / "tmp"))
    monkeypatch.setenv("SQLITE_TMPDIR", str(home / "tmp"))
    monkeypatch.setenv("VOLUNTAS_DATA_DIR", str(home / "data" / "voluntas"))
    monkeypatch.setenv("VOLUNTAS_KDF_PROFILE", "fast")
    return home


@pytest.fixture
def vignettes() -> list[Path]:
    return sorted((CASES).glob("V*.json"))


def run_cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
            check: bool = False):  # type: ignore[no-untyped-def]
    """Run `python -m desktop ARGS` in a subprocess, as a user would."""
    import subprocess

    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        input=stdin, capture_output=True, text=True, env=full_env, timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\nstdout:{proc.stdout}\nstderr:{proc.stderr}")
    return proc
