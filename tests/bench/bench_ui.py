"""Window benchmarks: cold start to the unlock window against a bare PySide6 window (both in fresh
subprocesses, same run), first interview page after unlock, page change, resident memory after a full
interview. `python -m tests.bench ui`."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "benchmark passphrase for the window, long enough"
RUNS = 5

BARE = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
app = QApplication([])
w = QWidget(); col = QVBoxLayout(w); col.addWidget(QLabel("Passphrase")); col.addWidget(QLineEdit())
w.show(); app.processEvents()
sys.stdout.write("SHOWN %f\\n" % (time.perf_counter() - t0)); sys.stdout.flush()
"""


def _tmp(name: str) -> Path:
    path = Path(os.environ.get("VOLUNTAS_BENCH_TMP", "/tmp")) / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "VOLUNTAS_KDF_PROFILE": "fast", "HOME": str(home),
                "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
                "PYTHONPATH": str(ROOT)})
    return env


def _wall(args: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its SHOWN line (interpreter start included)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("SHOWN"):
            elapsed = time.perf_counter() - start
            proc.kill()
            proc.wait()
            return elapsed
    proc.wait()
    raise RuntimeError("the child did not show its window")


def _child_json(mode: str, vault: Path, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "tests.bench.bench_ui", mode, str(vault)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def rows() -> list[tuple[str, float | int, str, str]]:
    home = _tmp("ui-home")
    for sub in ("config", "cache"):
        (home / sub).mkdir(exist_ok=True)
    env = _env(home)
    vault = _tmp("ui-vault") / "v"
    if not vault.exists():
        from desktop.core.vault import Vault

        Vault.create(vault, PASSPHRASE, "Bench", "Bench", kdf_profile="fast").lock()
    bare = [_wall([sys.executable, "-c", BARE], env) for _ in range(RUNS)]
    ours = [_wall([sys.executable, "-m", "tests.bench.bench_ui", "start", str(vault)], env) for _ in range(RUNS)]
    b, o = statistics.median(bare), statistics.median(ours)
    run = _child_json("interview", vault, env)
    cold = _child_json("interview", vault, {**env, "BENCH_UI_WARM": "0"})
    return [
        ("ui: bare PySide6 window, process start to shown (median of 5)", b * 1000, "ms", "reference"),
        ("ui: cold start to unlock window (median of 5)", o * 1000, "ms", "< 1000 ms"),
        ("ui: cold start / bare window", o / b, "x", "< 2x"),
        ("ui: first interview page after unlock (warm-up done at the unlock screen)", run["first_page_ms"], "ms",
         "< 300 ms"),
        ("ui: first interview page after unlock, no warm-up (worst case)", cold["first_page_ms"], "ms", "-"),
        ("ui: page change, median (answer + save + next page)", run["page_median_ms"], "ms", "< 50 ms"),
        ("ui: page change, p95", run["page_p95_ms"], "ms", "< 50 ms"),
        ("ui: pages in the full interview", run["pages"], "pages", "-"),
        ("ui: resident memory after a full interview", run["rss_mb"], "MB", "< 300 MB"),
    ]


# -- children ------------------------------------------------------------------------------------
def _start(vault: str) -> None:
    t0 = time.perf_counter()
    from desktop.app import build
    from desktop.facade import Core

    core = Core(Path(vault))
    app, win = build(core)
    win.show()
    app.processEvents()
    assert win.stack.currentWidget() is win.unlock_page
    sys.stdout.write(f"SHOWN {time.perf_counter() - t0:f}\n")
    sys.stdout.flush()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _interview(vault: str) -> None:
    import tempfile

    from desktop.app import build
    from desktop.facade import Core
    from desktop.ui.qt import QApplication

    work = Path(tempfile.mkdtemp(dir=os.environ.get("TMPDIR")))
    import shutil

    shutil.copytree(vault, work / "v")
    core = Core(work / "v")
    app, win = build(core)
    win.show()
    app.processEvents()
    if os.environ.get("BENCH_UI_WARM", "1") == "1":
        from desktop.ui import tasks

        deadline = time.perf_counter() + 1.5
        while time.perf_counter() < deadline:  # the unlock screen warms up and builds the screens
            app.processEvents()
            time.sleep(0.01)
        tasks.wait_background()  # what the unlock screen loads while the passphrase is typed
    core.unlock(PASSPHRASE)
    t0 = time.perf_counter()
    win.on_unlocked()
    case_id = core.new_case("BENCH-1")
    win.start_interview(case_id, "ko", "en")
    app.processEvents()
    first = (time.perf_counter() - t0) * 1000
    script = json.loads((ROOT / "tests" / "cases" / "V01.json").read_text("utf-8"))
    answers = dict(script["interviews"][0]["answers"])
    page = win.interview
    times = []
    for _ in range(400):
        if win.stack.currentWidget() is not page:
            break
        s = page.session
        qid = s.current
        q = page.form.questions[qid]
        if qid not in s.answers:
            cl = page.form.choices(qid)
            value = answers.get(qid)
            if value is None or q.type == "signature":
                value = {"signature": "typed:Bench", "integer": 1, "date": "2025-01-01", "text": "bench",
                         "select_multiple": [cl.codes[0]] if cl else None}.get(q.type, cl.codes[0] if cl else None)
            page.widget.set_value(value)
            page.widget.committed = None
        start = time.perf_counter()
        page.go_next()
        QApplication.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    if win.stack.currentWidget() is not win.review:
        sys.stderr.write(f"stuck at {page.session.current}: {page.problem.text()}\n")
    out = {"first_page_ms": round(first, 1), "page_median_ms": round(statistics.median(times), 2),
           "page_p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "pages": len(times),
           "rss_mb": round(_rss_mb(), 1), "reached_review": win.stack.currentWidget() is win.review}
    win.lock()
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    mode, arg = sys.argv[1], sys.argv[2]
    {"start": _start, "interview": _interview}[mode](arg)
    sys.exit(0)
