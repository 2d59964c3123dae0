"""Worker for T15 (issue 13): unlock, import a case, add a recipient, finalize (the real dossier is
rendered, signed with the ECDSA and Ed25519 keys and sealed), lock, then wait for the memory scan."""

import json
import sys
from pathlib import Path

from desktop.core.finalize import finalize
from desktop.core.forms.loader import shipped_form
from desktop.core.sync.recipients import add_recipient
from desktop.core.vault import Vault
from desktop.core.vault.records import ImportedInterview

root, passphrase, recipient, case_file = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
vault = Vault.unlock(root, passphrase)
form = shipped_form()
case = json.loads(case_file.read_text())
items = [ImportedInterview("ko", "en", i["interview_date"], i["answers"]) for i in case["interviews"]]
_cid, ids = vault.records.import_case("NK-MEM", form.id, form.version, items)
add_recipient(vault, recipient)
state = finalize(vault, ids[0])
vault.lock()
print("LOCKED", state, flush=True)
sys.stdin.readline()
