"""Worker for the kill -9 test (T4): saves answers through the real save path and prints
"ACK <question> <sha256>" only after each commit returns."""

import hashlib
import json
import sys
from pathlib import Path

from desktop.core.vault import Vault

root, passphrase, interview_id, start = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
vault = Vault.unlock(root, passphrase)
resume = vault.records.position(interview_id)
print(f"READY {resume}", flush=True)
n = start
while True:
    value = f"answer {n} " + "x" * (n % 97)
    qid = f"q{n:06d}"
    vault.records.save_answer(interview_id, qid, value, "ko", "ab" * 32)
    digest = hashlib.sha256(json.dumps(value).encode()).hexdigest()
    print(f"ACK {qid} {digest}", flush=True)
    n += 1
