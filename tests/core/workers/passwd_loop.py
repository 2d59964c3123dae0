"""Worker for the kill -9 test during passphrase changes: flips between two passphrases."""

import sys
from pathlib import Path

from desktop.core.vault import Vault

root, first, second = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
current, other = first, second
vault = Vault.unlock(root, current)
print("READY", flush=True)
while True:
    vault.change_passphrase(current, other, check_policy=False)
    print("CHANGED " + ("second" if other == second else "first"), flush=True)
    current, other = other, current
