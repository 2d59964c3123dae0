"""Worker for the dossier's T5: a file-size limit makes writes past it fail with EFBIG, as a full disk does.

The vault is opened first; the limit is set just before the export, below the dossier's size.
"""

import resource
import signal
import sys
from pathlib import Path

from desktop.core.dossier import export_dossier
from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
root, passphrase, case_id, target = Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
vault = Vault.unlock(root, passphrase)
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))
try:
    export_dossier(vault, case_id, target)
    print("WROTE-UNEXPECTEDLY")
except VoluntasError as err:
    print("FAILED", err.code, err)
finally:
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    vault.lock()
