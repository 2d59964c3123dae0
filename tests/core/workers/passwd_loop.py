"""Worker for the kill -9 test during passphrase changes: flips between two passphrases, re-keying
the database each time."""

import sys
from pathlib import Path

from desktop.core.vault import Vault, keyfile

root, first, second = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
current, other = first, second
vault = Vault.unlock(root, current)
print("READY", flush=True)
while True:
    vault.change_passphrase(current, other, check_policy=False, kdf=keyfile.FAST)  # fast: more kills land in the re-key
    print("CHANGED " + ("second" if other == second else "first"), flush=True)
    current, other = other, current
