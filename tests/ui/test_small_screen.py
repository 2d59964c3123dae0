"""The window on the common field laptop (1366x768), at 1x and at 2x scale, driven offscreen in a child
process (the screen is fixed when Qt starts): nothing of the interview, the captive view or the review lies
outside the screen or is cut, every choice of the longest list he sees is reachable by its key (0 for the
10th) and scrolled into view, and leaving the captive view restores the window exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

WORKER = ROOT / "tests" / "ui" / "workers" / "small_screen.py"


def drive(tmp_path: Path, width: int, height: int, dpr: float, points: int) -> dict[str, object]:
    """The worker's findings on a screen of width x height logical pixels drawn at dpr (2: a 200 % display)."""
    cfg = tmp_path / "screen.json"
    physical = {"width": int(width * dpr), "height": int(height * dpr)}  # QT_SCALE_FACTOR brings it back
    cfg.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, **physical, "logicalDpi": 96,
                                            "logicalBaseDpi": 96, "dpr": 1}]}), "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={cfg}", PYTHONPATH=str(ROOT),
               QT_SCALE_FACTOR=f"{dpr:g}")
    proc = subprocess.run([sys.executable, str(WORKER), str(tmp_path / "run"), str(points)], capture_output=True,
                          text=True, env=env, timeout=240, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return dict(json.loads(proc.stdout.splitlines()[-1]))


@pytest.mark.parametrize("dpr", [1.0, 2.0])
def test_everything_fits_1366x768_and_every_choice_is_reachable(tmp_path: Path, dpr: float) -> None:
    r = drive(tmp_path, 1366, 768, dpr, 12)
    assert r["screen"] == [0, 0, 1366, 768] and r["dpr"] == dpr
    assert r["problems"] == []
    assert r["choices"] == 10 and r["reached"] == list(range(1, 11))  # "declined to answer" is the 10th: key 0


def test_larger_type_up_to_18_points_still_fits_everything(tmp_path: Path) -> None:
    r = drive(tmp_path, 1366, 768, 1.0, 18)  # Ctrl++ six times
    assert r["problems"] == [] and r["reached"] == list(range(1, 11))


def test_large_type_in_the_captive_view_scrolls_and_nothing_is_lost(tmp_path: Path) -> None:
    r = drive(tmp_path, 1366, 768, 1.0, 20)  # Ctrl++ eight times: the type he may need
    mine = [p for p in r["problems"] if str(p).startswith(("captive", "leaving"))]  # type: ignore[union-attr]
    assert mine == []
    assert r["reached"] == list(range(1, 11))
