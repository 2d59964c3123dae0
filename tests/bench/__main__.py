"""Run every benchmark (tests/bench/bench_*.py) and print one table. `python -m tests.bench [NAME ...]`.

Each module has rows() -> list of (benchmark, value, unit, target). Targets are checked by eye and
reported in the issue notes; timed assertions do not belong in the test suite.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    wanted = set(sys.argv[1:])
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    rows: list[tuple[str, str, str, str]] = []
    for name in names:
        if wanted and name.removeprefix("bench_") not in wanted and name not in wanted:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["VOLUNTAS_BENCH_TMP"] = tmp
            start = time.perf_counter()
            module = importlib.import_module(f"tests.bench.{name}")
            for bench, value, unit, target in module.rows():
                text = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
                rows.append((bench, text, unit, target))
            print(f"# {name}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    widths = [max(len(r[i]) for r in [("benchmark", "value", "unit", "target"), *rows]) for i in range(4)]
    header = ("benchmark", "value", "unit", "target")
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join([row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].ljust(widths[2]),
                          row[3].ljust(widths[3])]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
