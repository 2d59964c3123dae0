"""Sync benchmarks: seal and push 100 interviews; the desk receives the 100 bundles; receipts and purge.

The dossier is rendered by desktop.core.dossier when it provides the port functions, else by the
test stand-in (reported in the row name), so the figures separate sealing from PDF rendering.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from desktop.core.sync.desk import desk_init, enrol, export_recipient
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.port import DossierPort, default_port
from desktop.core.sync.receipts import import_receipts, write_receipts
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.recipients import add_recipient
from desktop.core.sync.seal import seal_interviews
from desktop.core.vault import Vault

PASSPHRASE = "benchmark passphrase that is long enough"
N = int(os.environ.get("VOLUNTAS_BENCH_SYNC_N", "100"))
VIGNETTES = ["V01", "V02", "V03", "V06", "V07", "V08", "V09", "V12"]


def _tmp(name: str) -> Path:
    path = Path(os.environ.get("VOLUNTAS_BENCH_TMP", "/tmp")) / "sync" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def _port() -> tuple[DossierPort, str]:
    """The real dossier module when it is there (VOLUNTAS_BENCH_SYNC_PORT=stand-in forces the stand-in)."""

    if os.environ.get("VOLUNTAS_BENCH_SYNC_PORT") != "stand-in":
        return default_port(), "PAdES dossier"
    from tests.sync.synctools import FakeDossier

    return FakeDossier(), "stand-in dossier"


def rows() -> list[tuple[str, float | int, str, str]]:
    from tests.sync.synctools import export_keys, import_vignette

    port, kind = _port()
    field = Vault.create(_tmp("field") / "v", PASSPHRASE, "B", "B", kdf_profile="fast")
    desk = desk_init(_tmp("desk") / "v", PASSPHRASE, "R", "L", kdf_profile="fast")
    rfile = _tmp("x") / "recipient.json"
    export_recipient(desk, rfile)
    add_recipient(field, rfile)
    enrol(desk, export_keys(field, _tmp("keys")))
    ids = [import_vignette(field, VIGNETTES[i % len(VIGNETTES)], f"MARK-{i}")[1][0] for i in range(N)]
    seal_ms, sizes = [], []
    for iid in ids:
        start = time.perf_counter()
        result = seal_interviews(field, [iid], port)
        seal_ms.append((time.perf_counter() - start) * 1000)
        sizes.append(result.size)
    out = _tmp("out")
    start = time.perf_counter()
    pushed = push_outbox(field, out)
    push_s = time.perf_counter() - start
    start = time.perf_counter()
    again = push_outbox(field, out)
    again_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    got = desk_receive(desk, out, port)
    receive_s = time.perf_counter() - start
    back = _tmp("back")
    start = time.perf_counter()
    write_receipts(desk, back)
    receipts_s = time.perf_counter() - start
    start = time.perf_counter()
    report = import_receipts(field, back)
    purge_s = time.perf_counter() - start
    assert len(pushed.written) == N and not again.written and report.purged_interviews == N
    assert sum(o.status == "imported" for o in got) == N
    field.lock()
    desk.lock()
    return [
        (f"seal one interview ({kind}), mean", statistics.mean(seal_ms), "ms", "< 30000 (T10)"),
        (f"seal one interview ({kind}), p95", sorted(seal_ms)[int(0.95 * (N - 1))], "ms", "< 30000 (T10)"),
        (f"seal {N} interviews, total", sum(seal_ms) / 1000, "s", "-"),
        ("bundle size, mean", statistics.mean(sizes) / 1024, "KiB", "-"),
        ("bundle size, max", max(sizes) / 1024, "KiB", "-"),
        (f"push {N} bundles to a folder", push_s, "s", "< 10"),
        (f"push again ({N} already there)", again_ms, "ms", "-"),
        (f"desk receive {N} bundles, total", receive_s, "s", "-"),
        ("desk receive, per bundle", receive_s / N * 1000, "ms", "-"),
        (f"desk write {N} receipts", receipts_s, "s", "-"),
        (f"field import {N} receipts and purge", purge_s, "s", "-"),
    ]
