"""Drive the window on a small screen, offscreen, and print what does not fit (JSON), as a field laptop shows it.

    python tests/ui/workers/small_screen.py FOLDER POINTS
Run with QT_QPA_PLATFORM=offscreen:configfile=... (the screen's size and scale). Checks the interview page,
the captive view of the wish question (the longest list he sees) and the review page: every visible widget
lies on the screen (inside a scroll area, the scroll area does), no button's text is cut, every choice is
reachable by its key and scrolled into view, and leaving the captive view restores the window exactly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _in_scrolled_content(w: Any) -> bool:
    from desktop.ui.qt import QAbstractScrollArea

    p = w.parentWidget()
    while p is not None:
        area = p.parentWidget()
        if isinstance(area, QAbstractScrollArea) and p is area.viewport():
            return True
        p = area
    return False


def off_screen(root: Any, name: str) -> list[str]:
    from desktop.ui.qt import QAbstractButton, QPoint, QRect, QWidget

    screen = root.window().screen().geometry()
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or _in_scrolled_content(w):
            continue
        rect = w.frameGeometry() if w.isWindow() else QRect(w.mapToGlobal(QPoint(0, 0)), w.size())
        if not screen.contains(rect):
            out.append(f"{name}: {type(w).__name__} {w.objectName() or ''} at {rect.getRect()} off {screen.getRect()}")
        if isinstance(w, QAbstractButton) and w.text() and w.sizeHint().width() > w.width() + 1:
            out.append(f"{name}: button cut: {w.text()!r} needs {w.sizeHint().width()} has {w.width()}")
    return out


def press(widget: Any, key: Any, text: str = "", mods: Any = None) -> None:
    """A key as the keyboard delivers it (QtTest is not among the Qt modules the app ships)."""
    from desktop.ui.qt import QApplication, QEvent, QKeyEvent, Qt

    mods = mods or Qt.KeyboardModifier.NoModifier
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, mods, text))


def main(folder: Path, points: int) -> dict[str, Any]:
    import datetime

    from desktop.app import build
    from desktop.core.forms.captive import KEYS
    from desktop.demo import make_demo_core
    from desktop.ui import screenshots, theme
    from desktop.ui.qt import Qt

    core = make_demo_core(folder / "demo")
    app, win = build(core)
    win.show()
    theme.apply(app, points)
    win.points = points
    app.processEvents()
    problems: list[str] = []
    win.start_interview("new:SMALL-SCREEN", "ko", "en")
    page = win.interview
    script = screenshots._script()
    screenshots._fill(page, script, "wsh_pref")
    page.show_current()
    for _ in range(3):
        app.processEvents()
    before = (win.geometry().getRect(), int(win.windowState().value))
    problems += off_screen(win, "interview")
    page.want_captive.emit()  # F11 (the shortcut itself is tested in test_interview_behaviour)
    app.processEvents()
    captive = win.captive
    if win.stack.currentWidget() is not captive:
        problems.append("F11 did not open the captive view")
    problems += off_screen(captive, "captive")
    reached = []
    for n, key in enumerate(KEYS[: len(captive.buttons)], start=1):
        press(captive, Qt.Key.Key_0 if key == "0" else getattr(Qt.Key, f"Key_{key}"), key.lower())
        app.processEvents()
        b = captive.buttons[n - 1]
        view = captive.list_area.viewport()
        top = b.mapTo(view, b.rect().topLeft())
        shown = view.rect().contains(top) and view.rect().contains(b.mapTo(view, b.rect().bottomRight()))
        if captive.pointed == n and shown:
            reached.append(n)
        else:
            problems.append(f"captive: choice {n} (key {key}) not reached or not scrolled into view")
    press(captive, Qt.Key.Key_F11, "", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    app.processEvents()
    after = (win.geometry().getRect(), int(win.windowState().value))
    if after != before:
        problems.append(f"leaving the captive view: window {after} instead of {before}")
    win.show_review()
    app.processEvents()
    problems += off_screen(win.review, "review")
    result = {"screen": win.screen().geometry().getRect(), "dpr": win.devicePixelRatio(),
              "window": before[0], "choices": len(captive.buttons), "reached": reached, "problems": problems,
              "finalize_tip": win.review.finalize_btn.toolTip(), "day": datetime.date.today().isoformat()}
    win.close()
    core.lock()
    return result


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]))) + "\n")
