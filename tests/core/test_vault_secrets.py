"""Issue 13 points 7 and 8: the fast test KDF stays in tests, and secrets stay inside. Before issue
13 only `vault check` mentioned the fast profile, the vault files took the folder's umask, argparse
took `--passphrase SECRET` as an abbreviation or echoed SECRET, and a data folder that was a file or
read-only ended in an internal error (exit 70)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault
from tests.conftest import ROOT, run_cli
from tests.core.vaulttools import PASSPHRASE, make_vault

FAST_WARNING = "uses the fast test KDF profile"


def _pp(tmp_path: Path) -> Path:
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    return pp


def test_every_command_that_makes_or_opens_a_fast_vault_says_so(tmp_path: Path) -> None:
    pp = _pp(tmp_path)
    field, desk = ("--data-dir", str(tmp_path / "f"), "--passphrase-file", str(pp)), \
        ("--data-dir", str(tmp_path / "d"), "--passphrase-file", str(pp))
    runs = {
        "vault init": run_cli(*field, "vault", "init", "--interviewer", "I", "--organisation", "O"),
        "desk init": run_cli(*desk, "desk", "init", "--reviewer", "R", "--organisation", "O"),
        "interview list": run_cli(*field, "interview", "list", "--json"),
        "vault check": run_cli(*field, "vault", "check", "--json"),
        "keys export": run_cli(*field, "keys", "export", "--out", str(tmp_path / "keys")),
    }
    for name, proc in runs.items():
        assert proc.returncode == 0, name + proc.stderr
        assert FAST_WARNING in proc.stderr, name
        assert FAST_WARNING not in proc.stdout or name == "vault init", name  # stdout stays clean for scripts


def test_the_window_refuses_a_fast_vault_outside_the_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.facade import Core

    root = tmp_path / "v"
    make_vault(root).lock()
    monkeypatch.delenv("VOLUNTAS_KDF_PROFILE")
    with pytest.raises(VoluntasError) as err:
        Core(root).unlock(PASSPHRASE)
    assert err.value.code == "V021" and "the window" in str(err.value)
    Vault.unlock(root, PASSPHRASE).lock()  # not damaged by the refusal: the CLI still opens it
    demo = Core(root, demo_passphrase=PASSPHRASE)
    demo.unlock(PASSPHRASE)
    demo.lock()


def test_a_packaged_build_refuses_the_fast_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_vault(tmp_path / "v").lock()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(tmp_path / "v", PASSPHRASE)
    assert err.value.code == "V021" and "packaged build" in str(err.value)
    with pytest.raises(VoluntasError) as err:
        Vault.create(tmp_path / "w", PASSPHRASE, "I", "O", kdf_profile="fast")
    assert err.value.code == "V021"


UMASK_ZERO = """
import os, sys
os.umask(0)
from desktop.core.vault import Vault
vault = Vault.create(sys.argv[1], sys.argv[2], "I", "O", kdf_profile="fast")
iid = vault.records.create_interview(vault.records.create_case("M"), "f", "1", "ko", "en", "2025-01-01")
vault.records.save_answer(iid, "q", "yes", "ko", "00" * 32)
modes = {p: oct(os.stat(os.path.join(sys.argv[1], p)).st_mode & 0o777) for p in sorted(os.listdir(sys.argv[1]))}
print(modes)
vault.lock()
"""


def test_vault_files_are_0600_whatever_the_umask(tmp_path: Path) -> None:
    root = tmp_path / "v"
    proc = subprocess.run([sys.executable, "-c", UMASK_ZERO, str(root), PASSPHRASE], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    modes = eval(proc.stdout)  # noqa: S307 - our own worker's dict
    print(f"umask 0, vault open: {modes}")
    assert {"vault.db", "vault.db-wal", "vault.db-shm", "vault.lock", "vault.key", "vault.throttle"} <= set(modes)
    assert set(modes.values()) == {"0o600"}


def test_files_copied_in_with_open_modes_are_made_private_at_unlock(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    for p in root.iterdir():
        p.chmod(0o644)
    Vault.unlock(root, PASSPHRASE).lock()
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in root.iterdir()} == {"0o600"}


def test_a_data_dir_that_is_a_file_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    pp = _pp(tmp_path)
    afile = tmp_path / "not-a-folder"
    afile.write_text("x")
    for args in (("vault", "init"), ("interview", "list"), ("vault", "check")):
        proc = run_cli("--data-dir", str(afile), "--passphrase-file", str(pp), *args)
        assert proc.returncode == 2, args + (proc.stderr,)
        assert "V022" in proc.stderr and str(afile) in proc.stderr and "is a file" in proc.stderr
        assert "E999" not in proc.stderr


def test_a_read_only_data_folder_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    pp = _pp(tmp_path)
    folder = tmp_path / "ro"
    make_vault(folder / "v").lock()
    readonly = folder / "v"
    if os.geteuid() == 0:  # root ignores the mode bits: make the folder immutable instead
        if subprocess.run(["chattr", "+i", str(readonly)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i not available")
    else:
        readonly.chmod(0o500)
    try:
        for args in (("interview", "list"), ("vault", "check")):
            proc = run_cli("--data-dir", str(readonly), "--passphrase-file", str(pp), *args)
            assert proc.returncode == 2, proc.stderr
            assert "V022" in proc.stderr and str(readonly) in proc.stderr and "E999" not in proc.stderr
        empty = folder / "empty"
        empty.mkdir()
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(empty)], check=True)
        else:
            empty.chmod(0o500)
        proc = run_cli("--data-dir", str(empty), "--passphrase-file", str(pp), "vault", "init")
        assert proc.returncode == 2 and "V022" in proc.stderr and str(empty) in proc.stderr
    finally:
        for p in (readonly, folder / "empty"):
            if p.exists():
                subprocess.run(["chattr", "-i", str(p)], capture_output=True)
                p.chmod(0o700)


@pytest.mark.parametrize("args", [("--passphrase", "SECRET-horse-battery", "interview", "list"),
                                  ("--passphrase=SECRET-horse-battery", "interview", "list"),
                                  ("--passphrase-f", "SECRET-horse-battery", "interview", "list"),
                                  ("interview", "list", "--js")])
def test_abbreviations_are_refused_and_the_value_is_not_echoed(tmp_path: Path, args: tuple[str, ...]) -> None:
    proc = run_cli("--data-dir", str(tmp_path / "v"), *args)
    assert proc.returncode == 2, proc.stderr
    assert "SECRET" not in proc.stderr + proc.stdout
