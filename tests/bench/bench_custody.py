"""Issue 14 figures: hostile age files refused before decryption (count, worst time per file), and the
desk's peak memory while it receives the largest bundle allowed (bundle.MAX_BUNDLE), measured in a
fresh process (VmHWM, reset after unlocking, above the unlocked desk's RSS; Linux)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyrage
from pyrage import x25519

from desktop.core.sync import bundle
from desktop.core.sync.desk import desk_init, desk_recipient, enrol, export_recipient
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.recipients import add_recipient
from desktop.core.sync.seal import seal_interviews
from desktop.core.vault import Vault

PASSPHRASE = "benchmark passphrase that is long enough"
WORKER = """
import json, sys, time
from pathlib import Path
from desktop.core.sync.receive import desk_receive
from desktop.core.vault import Vault
import desktop.core.dossier.verify, pyhanko.sign  # imported before the baseline: not the bundle's cost

def kib(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

desk = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
base = kib("VmRSS")
with open("/proc/self/clear_refs", "w") as fh:  # VmHWM restarts from the current RSS
    fh.write("5")
start = time.perf_counter()
got = desk_receive(desk, Path(sys.argv[3]))
secs = time.perf_counter() - start
print(json.dumps({"base_kib": base, "peak_kib": kib("VmHWM"), "secs": secs, "status": [o.status for o in got]}))
"""

def _tmp(name: str) -> Path:
    path = Path(os.environ.get("VOLUNTAS_BENCH_TMP", "/tmp")) / "custody" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def _hostile(desk: Vault) -> tuple[int, int, float]:
    me = x25519.Recipient.from_str(desk_recipient(desk))
    others = [x25519.Identity.generate().to_public() for _ in range(2000)]
    files = {
        "stanzas-2000": pyrage.encrypt(b"x" * 1000, [*others[:1999], me]),
        "stanzas-21": pyrage.encrypt(b"x", [*others[:20], me]),
        "header-9kb": b"age-encryption.org/v1\n-> X25519 " + b"B" * 43 + b"\n" + (b"A" * 64 + b"\n") * 140
                      + b"AA\n--- " + b"C" * 43 + b"\n",
        "junk": os.urandom(100_000),
    }
    worst, refused = 0.0, 0
    for name, data in files.items():
        box = _tmp(f"hostile-{name}")
        (box / ("a" * 32 + ".age")).write_bytes(data)
        start = time.perf_counter()
        [got] = desk_receive(desk, box)
        worst = max(worst, time.perf_counter() - start)
        refused += got.status == "rejected"
    box = _tmp("hostile-oversized")
    with open(box / ("b" * 32 + ".age"), "wb") as fh:
        fh.truncate(bundle.MAX_BUNDLE + 1)
    start = time.perf_counter()
    [got] = desk_receive(desk, box)
    worst = max(worst, time.perf_counter() - start)
    refused += got.status == "rejected"
    return len(files) + 1, refused, worst


def rows() -> list[tuple[str, float | int, str, str]]:
    from tests.sync.synctools import export_keys, import_vignette

    field = Vault.create(_tmp("field") / "v", PASSPHRASE, "B", "B", kdf_profile="fast")
    desk_root = _tmp("desk") / "v"
    desk = desk_init(desk_root, PASSPHRASE, "R", "L", kdf_profile="fast")
    export_recipient(desk, _tmp("x") / "recipient.json")
    add_recipient(field, _tmp("x") / "recipient.json")
    enrol(desk, export_keys(field, _tmp("keys")))
    tried, refused, worst = _hostile(desk)
    _cid, ids = import_vignette(field, "V05", "MARK-big")
    big = bundle.MAX_BUNDLE - 4 * 1024 * 1024
    field.records.add_attachment(ids[0], None, "application/octet-stream", os.urandom(big))
    sealed = seal_interviews(field, ids[:1])
    out = _tmp("out")
    push_outbox(field, out)
    field.lock()
    desk.lock()
    proc = subprocess.run([sys.executable, "-c", WORKER, str(desk_root), PASSPHRASE, str(out)],
                          capture_output=True, text=True, timeout=1200, check=True)
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["status"] == ["imported"], got
    mib = 1024.0
    return [
        ("hostile age files tried", tried, "files", "-"),
        ("hostile age files refused before decryption", refused, "files", f"{tried}"),
        ("hostile age file, worst time to refuse", worst * 1000, "ms", "< 1000"),
        ("largest bundle allowed (sealed)", sealed.size / mib / mib, "MiB", f"<= {bundle.MAX_BUNDLE >> 20}"),
        ("desk receive of that bundle", got["secs"], "s", "-"),
        ("desk peak RSS above baseline", (got["peak_kib"] - got["base_kib"]) / mib, "MiB", "~ one copy"),
        ("desk peak RSS", got["peak_kib"] / mib, "MiB", "-"),
    ]
