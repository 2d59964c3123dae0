"""T1: no plaintext at rest. Markers in every encoding, in every file the app can write to, while
the vault is open, after lock and after the process exits."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

from desktop.core.secrets_mem import wipe
from desktop.core.vault import Vault, keyfile
from tests.core.vaulttools import PASSPHRASE, encodings, make_vault, scan

HANGUL = "\uc870\uc120\ubbfc\uc8fc\uc8fc\uc758\uc778\ubbfc\uacf5\ud654\uad6d\ub9c8\ucee4"  # a Hangul marker


def _fill(root: Path, marker: str) -> Vault:
    """An interview with every kind of value, a 1 MB answer, a note and an attachment."""
    vault = make_vault(root)
    r = vault.records
    case = r.create_case("NK-" + marker[-4:])
    iid = r.create_interview(case, "pow_interview", "1.0.0", "ko", "uk", "2025-03-10")
    r.save_answer(iid, "ses_no", 1, "ko", "00" * 32)
    r.save_answer(iid, "set_private", "yes", "ko", "00" * 32)
    r.save_answer(iid, "set_present", ["nobody"], "ko", "00" * 32)
    r.save_answer(iid, "cap_capture_dt", "2025-01-09", "ko", "00" * 32)
    r.save_answer(iid, "wsh_open", f"{marker} {HANGUL} " + "\ub0b4 \uc18c\uc6d0 " * 100_000 + marker, "ko", "11" * 32)
    r.save_answer(iid, "wsh_fear", f"{HANGUL} \u0406\u0432\u0430\u043d {marker}", "ko", "22" * 32)
    r.save_note(iid, "wsh_fear", f"note {marker}", "uk")
    r.add_attachment(iid, "dec_nopress_sig", "image/png", f"PNG {marker} {HANGUL}".encode())
    r.save_answer(iid, "dec_nopress_sig", f"sig:{marker}", "ko", "33" * 32)
    return vault


def _needles(root: Path, marker: str) -> list[bytes]:
    wrapped = keyfile.read(root / "vault.key")
    dek = wrapped.unwrap(PASSPHRASE.encode())
    secrets_hex = [bytes(dek).hex().encode(), bytes(dek).hex().upper().encode(), bytes(dek)]
    wipe(dek)
    return [*encodings(marker), *encodings(HANGUL), *encodings(PASSPHRASE), *secrets_hex]


def test_no_marker_in_any_file_while_open_after_lock_and_after_exit(isolated_env: Path) -> None:
    marker = f"MARK-{uuid.uuid4()}"
    root = isolated_env / "data" / "voluntas"
    vault = _fill(root, marker)
    needles = _needles(root, marker)
    files, size, hits = scan(isolated_env, needles)
    assert hits == [], hits
    assert (root / "vault.db-wal").exists()  # the WAL was scanned while open
    vault.lock()
    files2, size2, hits = scan(isolated_env, needles)
    assert hits == [], hits
    assert (root / "vault.db").read_bytes()[:16] != b"SQLite format 3\x00"
    # A separate process: fill, exit without locking, scan what it left behind.
    marker2 = f"MARK-{uuid.uuid4()}"
    code = (
        "import sys\nfrom pathlib import Path\nfrom tests.core.test_t1_no_plaintext import _fill\n"
        "_fill(Path(sys.argv[1]), sys.argv[2])\n"
    )
    root2 = isolated_env / "data" / "second"
    subprocess.run([sys.executable, "-c", code, str(root2), marker2], check=True, timeout=120,
                   cwd=Path(__file__).resolve().parents[2])
    files3, size3, hits = scan(isolated_env, _needles(root2, marker2))
    assert hits == [], hits
    print(f"T1: {files + files2 + files3} files and {size + size2 + size3} bytes scanned, hits = 0")
