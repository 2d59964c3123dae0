"""T15: after lock, the database key and the interviewer's private signing keys (ECDSA and Ed25519)
are nowhere in the process's memory (raw or hex).

The passphrase is counted, not asserted: Python strings cannot be wiped reliably (advisory).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from desktop.core.secrets_mem import wipe
from desktop.core.vault import keyfile
from tests.core.vaulttools import PASSPHRASE, make_vault

WORKER = Path(__file__).resolve().parent / "workers" / "hold_locked.py"


def _memory(pid: int) -> bytes:
    chunks = []
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            m = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
            if not m or not m.group(3).startswith("r") or "[vvar" in line or "[vsyscall" in line:
                continue
            start, end = int(m.group(1), 16), int(m.group(2), 16)
            try:
                mem.seek(start)
                chunks.append(mem.read(end - start))
            except OSError:
                continue
    return b"".join(chunks)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_database_key_is_gone_from_memory_after_lock(tmp_path: Path) -> None:
    root = tmp_path / "v"
    vault = make_vault(root)
    ident = vault.records.identity()
    ecdsa_der, ed25519_raw = bytes(bytearray(ident.ecdsa_private)), bytes(bytearray(ident.ed25519_private))
    vault.lock()
    assert ident.ecdsa_private == bytes(len(ecdsa_der))  # the handed-out copy was zeroed at lock
    dek = keyfile.read(root / "vault.key").unwrap(PASSPHRASE.encode())
    needles = {"raw": bytes(dek), "hex": bytes(dek).hex().encode(), "HEX": bytes(dek).hex().upper().encode()}
    wipe(dek)
    ec_scalar = serialization.load_der_private_key(ecdsa_der, None).private_numbers()  # type: ignore[union-attr]
    needles.update({"ecdsa_der": ecdsa_der, "ecdsa_scalar": ec_scalar.private_value.to_bytes(32, "big"),
                    "ed25519": ed25519_raw})
    proc = subprocess.Popen([sys.executable, str(WORKER), str(root), PASSPHRASE], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "LOCKED"
        memory = _memory(proc.pid)
    finally:
        proc.communicate("\n", timeout=30)
    found = {name: memory.count(needle) for name, needle in needles.items()}
    passphrase_copies = memory.count(PASSPHRASE.encode()) + memory.count(PASSPHRASE.encode("utf-16-le"))
    print(f"T15: {len(memory)} bytes searched; key hits {found}; passphrase copies (advisory) {passphrase_copies}")
    assert len(memory) > 1_000_000
    assert found == {"raw": 0, "hex": 0, "HEX": 0, "ecdsa_der": 0, "ecdsa_scalar": 0, "ed25519": 0}


SEALED_WORKER = Path(__file__).resolve().parent / "workers" / "hold_sealed.py"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_signing_keys_are_gone_after_a_real_seal_and_lock(tmp_path: Path) -> None:
    """The keys were used: the dossier was signed (ECDSA, PAdES) and the bundle (Ed25519)."""
    from desktop.core.sync.desk import export_recipient
    from tests.conftest import CASES
    from tests.sync.synctools import make_desk

    root = tmp_path / "v"
    vault = make_vault(root)
    ident = vault.records.identity()
    ecdsa_der, ed25519_raw = bytes(bytearray(ident.ecdsa_private)), bytes(bytearray(ident.ed25519_private))
    vault.lock()
    desk = make_desk(tmp_path / "desk")
    export_recipient(desk, tmp_path / "recipient.json")
    desk.lock()
    scalar = serialization.load_der_private_key(ecdsa_der, None).private_numbers()  # type: ignore[union-attr]
    needles = {"ecdsa_der": ecdsa_der, "ecdsa_scalar": scalar.private_value.to_bytes(32, "big"),
               "ed25519": ed25519_raw}
    proc = subprocess.Popen([sys.executable, str(SEALED_WORKER), str(root), PASSPHRASE,
                             str(tmp_path / "recipient.json"), str(CASES / "V01.json")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == "LOCKED sealed", line + (proc.stderr.read() if proc.stderr else "")
        memory = _memory(proc.pid)
    finally:
        proc.communicate("\n", timeout=60)
    found = {name: memory.count(needle) for name, needle in needles.items()}
    print(f"T15 after a real seal: {len(memory)} bytes searched; signing-key hits {found}")
    assert found == {"ecdsa_der": 0, "ecdsa_scalar": 0, "ed25519": 0}
