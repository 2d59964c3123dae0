"""Worker for T5 during seal: a file-size limit makes writes past it fail with EFBIG, as a full disk does.
Prints FAILED <code> or SEALED-UNEXPECTEDLY, then the state, then RETRY-SEALED after the limit is lifted."""

import resource
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from desktop.core.errors import VoluntasError  # noqa: E402
from desktop.core.sync.seal import seal_interviews  # noqa: E402
from desktop.core.vault import Vault  # noqa: E402
from tests.sync.synctools import FakeDossier  # noqa: E402

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
root, passphrase, iid = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
vault = Vault.unlock(root, passphrase)
largest = max(p.stat().st_size for p in root.iterdir() if p.is_file())
resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 64 * 1024, resource.RLIM_INFINITY))
try:
    seal_interviews(vault, [iid], FakeDossier())
    print("SEALED-UNEXPECTEDLY", flush=True)
except VoluntasError as err:
    print("FAILED", err.code, flush=True)
state = [r.state for r in vault.records.list_interviews() if r.id == iid][0]
print("STATE", state, len(vault.records.answers(iid)), flush=True)
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
seal_interviews(vault, [iid], FakeDossier())
print("RETRY-SEALED", flush=True)
vault.lock()
