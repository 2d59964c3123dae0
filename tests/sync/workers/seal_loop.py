"""Worker for the kill -9 during seal test: seals the drafts one at a time and kills itself at a seeded
point ("<stage> <n>": the n-th time `stage` is reached), or runs until the parent kills it."""

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from desktop.core.sync.seal import seal_interviews  # noqa: E402
from desktop.core.vault import Vault  # noqa: E402
from tests.sync.synctools import FakePort  # noqa: E402

root, passphrase, stage, nth = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
vault = Vault.unlock(root, passphrase)
seen = {"n": 0}


def hook(reached: str) -> None:
    if reached == stage:
        seen["n"] += 1
        if seen["n"] == nth:
            os.kill(os.getpid(), signal.SIGKILL)


print("READY", flush=True)
drafts = [r.id for r in vault.records.list_interviews() if r.state == "draft"]
for iid in drafts:
    result = seal_interviews(vault, [iid], FakePort(), hook)
    print(f"SEALED {iid}", flush=True)
print("DONE", flush=True)
