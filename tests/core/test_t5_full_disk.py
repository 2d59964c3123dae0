"""T5: a full disk while saving or exporting loses nothing and leaves no partial file."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from desktop.core.vault import Vault
from tests.core.vaulttools import PASSPHRASE, make_vault

WORKER = Path(__file__).resolve().parent / "workers" / "full_disk.py"


def _run(*args: str) -> list[str]:
    proc = subprocess.run([sys.executable, str(WORKER), *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout.splitlines()


def test_save_on_a_full_disk_is_not_acknowledged_and_a_retry_persists(tmp_path: Path) -> None:
    root = tmp_path / "v"
    vault = make_vault(root)
    iid = vault.records.create_interview(vault.records.create_case("F"), "f", "1", "ko", "en", "2025-01-01")
    vault.records.save_answer(iid, "ses_case", "F", "ko", "00" * 32)
    vault.lock()
    lines = _run("save", str(root), PASSPHRASE, iid)
    assert lines[:2] == ["FAILED V011", "NOT-STORED"]
    assert lines[2] == "RETRY-SAVED"
    vault = Vault.unlock(root, PASSPHRASE)
    assert vault.records.answers(iid)["wsh_open"].startswith("MARK-full-disk")
    assert all(r.ok for r in vault.check())
    vault.lock()


def test_export_on_a_full_disk_leaves_the_older_file_and_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "out" / "dossier.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF-1.7 older dossier")
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    lines = _run("export", str(tmp_path), PASSPHRASE, str(target))
    assert lines[0].startswith("FAILED V011")
    assert str(target) in lines[0] and "too large" in lines[0].lower()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["dossier.pdf"]
