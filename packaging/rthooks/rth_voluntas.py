"""PyInstaller runtime hook of the Voluntas bundle; runs before packaging/entry.py.

1. A windowed executable (Windows console=False, the macOS .app) starts with sys.stdout / sys.stderr set to
   None; `voluntas` writes its errors to stderr, so both point at os.devnull there instead of raising.
2. Packaging smoke test only (tests/packaging/test_frozen.py): when VOLUNTAS_GUI_SMOKE_MS is set AND the
   command line is `gui --demo`, the window is reported on stdout (one line `VOLUNTAS_SMOKE {json}`: title,
   visible, size, number of distinct colours sampled from a grab - never the pixels -, and the process's
   core-dump limit and dumpable flag as desktop.core.hardening left them) that many milliseconds
   after the window was shown, and then the app quits normally, so the demo vault is wiped as on a user's
   close. It does nothing for a real vault and nothing without the variable.
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app


def _hardening() -> dict:
    """What desktop.core.hardening set in this process (T14): core-dump limit and, on Linux, the dumpable flag."""
    found = {}
    try:
        import resource

        found["core_limit"] = resource.getrlimit(resource.RLIMIT_CORE)[1]
    except ImportError:
        pass
    if sys.platform.startswith("linux"):
        import ctypes

        found["dumpable"] = ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
    return found


def _install_smoke_quit(delay_ms: int) -> None:
    import json
    import time

    import desktop.app as app_module

    started = time.perf_counter()

    def smoke_quit(app, window):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer

        def report_and_quit() -> None:
            image = window.grab().toImage()
            step_x = max(1, image.width() // 64)
            step_y = max(1, image.height() // 64)
            colours = {image.pixel(x, y) for x in range(0, image.width(), step_x)
                       for y in range(0, image.height(), step_y)}
            report = {
                "title": window.windowTitle(),
                "visible": window.isVisible(),
                "width": window.width(),
                "height": window.height(),
                "colours": len(colours),
                "platform": app.platformName(),
                "frozen": bool(getattr(sys, "frozen", False)),
                "seconds_to_report": round(time.perf_counter() - started, 3),
                **_hardening(),
            }
            sys.stdout.write("VOLUNTAS_SMOKE " + json.dumps(report, sort_keys=True) + "\n")
            sys.stdout.flush()
            app.quit()

        QTimer.singleShot(delay_ms, report_and_quit)

    # In the app's own quit timer's place (desktop/app.py _smoke_quit reads the same variable): one timer
    # quits, and only after the window was reported from inside the bundle.
    app_module._smoke_quit = smoke_quit


_delay = os.environ.get("VOLUNTAS_GUI_SMOKE_MS", "")
if _delay.isdigit() and "gui" in sys.argv[1:] and "--demo" in sys.argv[1:]:
    _install_smoke_quit(int(_delay))
