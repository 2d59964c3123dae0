"""Worker for the kill -9 during seal tests: seals the drafts one at a time and kills itself at a seeded
point ("<stage> <n>": the n-th time `stage` is reached), or runs until the parent kills it.

With a fifth argument "real" it renders real dossiers (the default port) and prints RENDER-START and
RENDER-END around each render, so the parent can kill it while a dossier is being rendered and signed."""

import os
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from desktop.core.sync.port import DefaultPort  # noqa: E402
from desktop.core.sync.seal import seal_interviews  # noqa: E402
from desktop.core.vault import Vault  # noqa: E402
from tests.sync.synctools import FakeDossier  # noqa: E402

root, passphrase, stage, nth = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
real = sys.argv[5:] == ["real"]


class ReportingPort(DefaultPort):
    def render(self, vault: Vault, interview_ids: Sequence[str], extra: Mapping[str, Any]) -> bytes:
        print("RENDER-START", flush=True)
        pdf = super().render(vault, interview_ids, extra)
        print("RENDER-END", flush=True)
        return pdf


port = ReportingPort() if real else FakeDossier()
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
    result = seal_interviews(vault, [iid], port, hook)
    print(f"SEALED {iid}", flush=True)
print("DONE", flush=True)
