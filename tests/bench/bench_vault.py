"""Vault benchmarks: autosave latency against plain sqlite3, unlock cost, a large vault."""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from desktop.core.vault import Vault
from desktop.core.vault.records import Records

PASSPHRASE = "benchmark passphrase that is long enough"
ANSWERS = 1000


def _tmp(name: str) -> Path:
    path = Path(os.environ.get("VOLUNTAS_BENCH_TMP", "/tmp")) / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def _pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _value(n: int) -> str:
    return f"answer {n}: " + "\ub0b4 \uc18c\uc6d0\uc740 " * (n % 40)


def autosave() -> tuple[list[float], list[float], list[float]]:
    vault = Vault.create(_tmp("autosave") / "v", PASSPHRASE, "B", "B", kdf_profile="fast")
    iid = vault.records.create_interview(vault.records.create_case("B"), "f", "1", "ko", "en", "2025-01-01")
    ours = []
    for n in range(ANSWERS):
        start = time.perf_counter()
        vault.records.save_answer(iid, f"q{n % 150}", _value(n), "ko", "ab" * 32)
        ours.append((time.perf_counter() - start) * 1000)
    vault.lock()
    plain = _bare(sqlite3.connect(_tmp("plain") / "plain.db", isolation_level=None))
    import sqlcipher3

    enc = sqlcipher3.connect(str(_tmp("bare") / "bare.db"), isolation_level=None)
    enc.execute("PRAGMA cipher_log_level = NONE")
    enc.execute("PRAGMA cipher_memory_security = ON")
    enc.set_key(bytearray(b"x'" + b"ab" * 32 + b"'"))
    enc.execute("PRAGMA temp_store = MEMORY")
    bare = _bare(enc)
    return ours, plain, bare


def _bare(conn: Any) -> list[float]:
    """The bare library: the same rows (an answer and an audit row per save), same journal and sync."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE answers (i TEXT, q TEXT, v TEXT, l TEXT, h TEXT, e INT, PRIMARY KEY (i, q))")
    conn.execute("CREATE TABLE audit (c TEXT, s INT, ev TEXT, q TEXT, l TEXT, h TEXT, e INT, x BLOB)")
    times = []
    for n in range(ANSWERS):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                     ("i", f"q{n % 150}", json.dumps(_value(n)), "ko", "ab" * 32, n))
        conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     ("i", n, "answer", f"q{n}", "ko", "ab" * 32, n, b"1" * 32))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def unlock(profile: str, runs: int) -> float:
    root = _tmp(f"unlock-{profile}") / "v"
    Vault.create(root, PASSPHRASE, "B", "B", kdf_profile=profile).lock()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        Vault.unlock(root, PASSPHRASE).lock()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


LARGE = int(os.environ.get("VOLUNTAS_BENCH_INTERVIEWS", "10000"))


def large_vault(interviews: int = LARGE, answers: int = 150) -> tuple[float, float, float, float]:
    root = _tmp("large") / "v"
    vault = Vault.create(root, PASSPHRASE, "B", "B", kdf_profile="fast")
    records: Records = vault.records
    values = {f"q{n:03d}": _value(n) for n in range(answers)}
    for n in range(interviews):
        if n % 4 == 0:
            case = records.create_case(f"NK-{n // 4:05d}")
        iid = records.create_interview(case, "pow_interview", "1.0.0", "ko", "uk", "2025-03-10")
        records.import_answers(iid, values, "ko", {})
    vault.lock()
    size_mb = sum(p.stat().st_size for p in root.iterdir() if p.is_file()) / 1e6
    from tests.conftest import run_cli

    pp = root.parent / "pp"
    pp.write_text(PASSPHRASE)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        proc = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "interview", "list", "--json")
        times.append(time.perf_counter() - start)
        assert proc.returncode == 0
    vault = Vault.unlock(root, PASSPHRASE)
    inner = []
    for _ in range(5):
        start = time.perf_counter()
        rows = vault.records.list_interviews()
        inner.append((time.perf_counter() - start) * 1000)
    assert len(rows) == interviews
    vault.lock()
    start = time.perf_counter()
    Vault.wipe(root)  # T12: quick wipe of a large vault
    wipe_s = time.perf_counter() - start
    return size_mb, statistics.median(inner), statistics.median(times) * 1000, wipe_s


def rows() -> list[tuple[str, float | int, str, str]]:
    ours, plain, bare = autosave()
    p50, p99 = _pct(ours, 50), _pct(ours, 99)
    b50, b99 = _pct(plain, 50), _pct(plain, 99)
    c50, c99 = _pct(bare, 50), _pct(bare, 99)
    prod = unlock("production", 3)
    fast = unlock("fast", 5)
    size_mb, list_ms, cli_ms, wipe_s = large_vault()
    return [
        ("autosave p50 (1,000 answers)", p50, "ms", ""),
        ("autosave p99 (1,000 answers)", p99, "ms", "< 20 ms"),
        ("plain sqlite3 p50, same journal/sync", b50, "ms", ""),
        ("plain sqlite3 p99, same journal/sync", b99, "ms", ""),
        ("bare sqlcipher3 p50, same rows and pragmas", c50, "ms", ""),
        ("bare sqlcipher3 p99, same rows and pragmas", c99, "ms", ""),
        ("autosave p99 / plain sqlite3 p99", p99 / b99, "x", "<= 1.5x"),
        ("autosave p99 / bare sqlcipher3 p99", p99 / c99, "x", ""),
        ("unlock, production KDF (median of 3)", prod, "s", "0.5 - 1.5 s"),
        ("unlock, fast test KDF (median of 5)", fast, "s", ""),
        (f"{LARGE:,} interviews x 150 answers: files", size_mb, "MB", ""),
        (f"interview list, {LARGE:,} interviews (in process)", list_ms, "ms", "< 300 ms"),
        ("voluntas interview list --json (whole command)", cli_ms, "ms", ""),
        (f"quick wipe of that {size_mb:,.0f} MB vault", wipe_s, "s", "< 2 s"),
    ]
