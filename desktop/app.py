"""The composition root: starts Qt and the window on the facade (`voluntas gui`).

The window (desktop/ui) talks to one `desktop.facade.Core`; the throwaway demo is desktop/demo.py.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop import i18n
from desktop.facade import Core


def _qt_folders(base: Path | None) -> None:
    """Keep Qt's own config and cache inside `base` when given (tests, demo)."""
    if base is not None:
        for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
            (base / sub).mkdir(parents=True, exist_ok=True)
            os.environ[var] = str(base / sub)


def _smoke_quit(app: Any, window: Any) -> None:
    """VOLUNTAS_GUI_SMOKE_MS=N: quit N ms after the window is shown (tests run `voluntas gui --demo` end to
    end). The frozen build's runtime hook puts its own in this one's place: it reports the window, then quits."""
    ms = os.environ.get("VOLUNTAS_GUI_SMOKE_MS")
    if ms and ms.isdigit():
        from desktop.ui.qt import QTimer

        QTimer.singleShot(int(ms), app.quit)


def build(core: Core, argv: list[str] | None = None, clock: Callable[[], float] | None = None) -> Any:
    """The QApplication (created if needed) and the main window for `core`; not shown yet."""
    from desktop.ui.app_window import MainWindow, ensure_app

    app = ensure_app(argv or sys.argv[:1])
    window = MainWindow(core, idle_clock=clock)
    return app, window


def _show(core: Any, lang: str, make_window: Callable[[Any], Any] | None = None) -> int:
    """Show the window on `core` (the field window, or `make_window(core)`) until it closes; the vault is
    locked on the way out. The legal desk's window starts the same way."""
    i18n.set_language(lang)
    if make_window is None:
        app, window = build(core)
    else:
        from desktop.ui.app_window import ensure_app

        app, window = ensure_app(sys.argv[:1]), make_window(core)
    window.show()
    _smoke_quit(app, window)
    code = int(app.exec())
    window.close()
    core.lock()
    return code


def run(data_dir: Path, lang: str = "en") -> int:
    return _show(Core(data_dir), lang)
