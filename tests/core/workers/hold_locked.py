"""Worker for T15: unlock, save, read the signing identity (as the window's fingerprints do), lock,
then wait so the parent can search this process's memory."""

import sys
from pathlib import Path

from desktop.core.vault import Vault

vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
iid = vault.records.create_interview(vault.records.create_case("M"), "f", "1", "ko", "en", "2025-01-01")
vault.records.save_answer(iid, "q", "yes", "ko", "00" * 32)
ident = vault.records.identity()
print(ident.ed25519_fingerprint(), ident.cert_fingerprint(), file=sys.stderr)
del ident
vault.lock()
print("LOCKED", flush=True)
sys.stdin.readline()
