"""Benchmarks of the dossier: export of a full interview (render, sign, write), file size, verify, and the
worst time to refuse a tampered dossier (the T7 mutations of tests/dossier/dossiertools.py).

rows() -> [(name, value, unit, target)]; run by `python -m tests.bench dossier`, never asserted in tests.
The first export in a process also pays for imports (pyHanko 0.33 s), fonts and form loading: reported
separately as "cold".
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from desktop.core.atomic import write_atomic
from desktop.core.dossier import build_dossier, export_dossier, verify_dossier
from desktop.core.dossier.verify import verify_bytes
from tests.core.vaulttools import kept_identity, make_vault
from tests.dossier import dossiertools as tools
from tests.dossier.dossiertools import import_case


def rows() -> list[tuple[str, float | int, str, str]]:
    os.environ.setdefault("VOLUNTAS_KDF_PROFILE", "fast")
    base = Path(os.environ.get("VOLUNTAS_BENCH_TMP") or tempfile.mkdtemp())
    vault = make_vault(base / "bench-dossier-vault")
    try:
        case_id = import_case(vault, "V02", "ko", "en")  # one full interview, every section answered
        out = base / "dossier.pdf"
        start = time.perf_counter()
        export_dossier(vault, case_id, out)
        cold = (time.perf_counter() - start) * 1000.0
        warm = []
        for _ in range(5):
            start = time.perf_counter()
            export_dossier(vault, case_id, out)
            warm.append((time.perf_counter() - start) * 1000.0)
        size = out.stat().st_size
        build = []
        for _ in range(5):
            start = time.perf_counter()
            built = build_dossier(vault, case_id)
            build.append((time.perf_counter() - start) * 1000.0)
        start = time.perf_counter()
        write_atomic(base / "write.pdf", built.pdf)
        write = (time.perf_counter() - start) * 1000.0
        two = import_case(vault, "V05", "ko", "uk")
        export_dossier(vault, two, base / "two.pdf")
        size_two = (base / "two.pdf").stat().st_size
        ident = kept_identity(vault)
        other = build_dossier(vault, two).pdf
    finally:
        vault.lock()
    verify = []
    for _ in range(10):
        start = time.perf_counter()
        assert verify_dossier(out).ok
        verify.append((time.perf_counter() - start) * 1000.0)
    mutations = [*tools.byte_flips(built.pdf, random.Random(20261126), 100), *tools.structured_flips(
        built.pdf, random.Random(20261126)), *tools.crafted(built.pdf, other, ident)]
    refused, worst = 0, 0.0
    for _name, data in mutations:
        start = time.perf_counter()
        refused += not verify_bytes(data, ident.certificate).ok
        worst = max(worst, (time.perf_counter() - start) * 1000.0)
    return [
        ("dossier: export 1 interview, cold process", cold, "ms", "< 2000 ms"),
        ("dossier: export 1 interview (median of 5)", statistics.median(warm), "ms", "< 2000 ms"),
        ("dossier: of which render + sign (median of 5)", statistics.median(build), "ms", ""),
        ("dossier: of which atomic write with fsyncs", write, "ms", ""),
        ("dossier: file size, 1 interview ko/en", size, "bytes", "< 1 MB"),
        ("dossier: file size, 2 interviews ko/uk", size_two, "bytes", "< 1 MB"),
        ("dossier: verify (median of 10)", statistics.median(verify), "ms", "< 300 ms"),
        ("dossier: verify (max of 10)", max(verify), "ms", "< 300 ms"),
        ("dossier: tampered copies refused", refused, "files", f"{len(mutations)}"),
        ("dossier: tampered copy, worst time to refuse", worst, "ms", "< 1000 ms"),
    ]


if __name__ == "__main__":
    for name, value, unit, target in rows():
        print(f"{name:45s} {value:12,.1f} {unit}  (target {target})")
