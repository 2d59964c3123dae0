"""T14: nothing sensitive in logs, stderr or crash output; no core dumps."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE, make_vault


def test_errors_on_stderr_carry_no_content_no_key_and_no_traceback(tmp_path: Path) -> None:
    marker = f"MARK-{uuid.uuid4()}"
    root = tmp_path / "v"
    vault = make_vault(root)
    iid = vault.records.create_interview(vault.records.create_case("CASE-1"), "f", "1", "ko", "en", "2025-01-01")
    vault.records.save_answer(iid, "wsh_open", marker, "ko", "00" * 32)
    vault.lock()
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    wrong = tmp_path / "wrong"
    wrong.write_text(PASSPHRASE + "!")
    outputs = [run_cli("--data-dir", str(root), "--passphrase-file", str(wrong), "vault", "check")]
    data = bytearray((root / "vault.db").read_bytes())
    data[len(data) // 2] ^= 1
    (root / "vault.db").write_bytes(bytes(data))
    outputs.append(run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "vault", "check"))
    outputs.append(run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "interview", "list"))
    for proc in outputs:
        text = proc.stdout + proc.stderr
        assert marker not in text
        assert PASSPHRASE not in text
        assert "Traceback" not in text
        assert "ERROR CORE" not in proc.stderr  # SQLCipher's own log is silenced
    assert outputs[0].returncode == 3


def test_the_cli_process_cannot_dump_core() -> None:
    code = (
        "import ctypes, resource\nimport desktop.cli as cli\n"
        "cli.main(['vault', 'wipe'])\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE)[0], ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout.split() == ["0", "0"], proc.stdout + proc.stderr
