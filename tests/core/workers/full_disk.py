"""Worker for T5: a file-size limit makes every write past it fail with EFBIG, as a full disk does."""

import resource
import signal
import sys
from pathlib import Path

from desktop.core.atomic import write_atomic
from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
mode, root, passphrase = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
big = "MARK-full-disk " + "\ub9c8" * 300_000  # about 900 kB of Hangul

if mode == "save":
    vault = Vault.unlock(root, passphrase)
    iid = sys.argv[4]
    largest = max(p.stat().st_size for p in root.iterdir() if p.is_file())
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 64 * 1024, resource.RLIM_INFINITY))
    try:
        vault.records.save_answer(iid, "wsh_open", big, "ko", "ab" * 32)
        print("SAVED-UNEXPECTEDLY")
    except VoluntasError as err:
        print("FAILED", err.code)
    print("STORED" if "wsh_open" in vault.records.answers(iid) else "NOT-STORED")
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    vault.records.save_answer(iid, "wsh_open", big, "ko", "ab" * 32)  # the retry after space is freed
    print("RETRY-SAVED")
    vault.lock()
elif mode == "export":
    target = Path(sys.argv[4])
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, resource.RLIM_INFINITY))
    try:
        write_atomic(target, big.encode("utf-8"))
        print("WROTE-UNEXPECTEDLY")
    except VoluntasError as err:
        print("FAILED", err.code, err)
