"""Fixtures for the window tests: a fast-KDF vault in the test's folder, an injected idle clock, and a
keyboard driver that never uses qtbot.keyClicks with non-ASCII text (it aborts the process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop import i18n
from desktop.core.vault import Vault
from tests.conftest import CASES
from tests.ui.uitools import PASSPHRASE, FakeClock, Keyboard


@pytest.fixture
def core(isolated_env: Path) -> Any:
    from desktop.facade import Core

    i18n.set_language("en")
    root = isolated_env / "data" / "voluntas"
    c = Core(root)
    c.vault = Vault.create(root, PASSPHRASE, "Tester", "Test org", kdf_profile="fast")
    yield c
    c.lock()
    i18n.set_language("en")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def window(qtbot: Any, core: Any, clock: FakeClock) -> Any:
    from desktop.app import build

    _app, win = build(core, clock=clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    from desktop.ui import tasks

    tasks.wait()


@pytest.fixture
def script() -> dict[str, Any]:
    """The answers of a fictional vignette (V01), used as the interview's script."""
    path = CASES / "V01.json"
    return dict(json.loads(path.read_text("utf-8"))["interviews"][0]["answers"])


@pytest.fixture
def keyboard(qtbot: Any, window: Any) -> Keyboard:
    return Keyboard(qtbot, window)
