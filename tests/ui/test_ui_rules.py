"""House rules for the window that a tool can check: Qt only through desktop.ui.qt; every screen can
retranslate; no print in the window; titles are fixed."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_pyside6_only_in_qt_module() -> None:
    files = [*(ROOT / "desktop" / "ui").rglob("*.py"), ROOT / "desktop" / "commands" / "gui.py",
             *(ROOT / "desktop" / name for name in ("app.py", "facade.py", "demo.py"))]
    offenders = [f"{p.relative_to(ROOT)}: {n}" for p in files if p.name != "qt.py" or p.parent.name != "ui"
                 for n in _imports(p) if n.split(".")[0] in ("PySide6", "shiboken6")]
    assert offenders == []


def test_gui_command_does_not_import_the_window_at_load() -> None:
    tree = ast.parse((ROOT / "desktop" / "commands" / "gui.py").read_text("utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    assert all("desktop.ui" not in (getattr(n, "module", "") or "") and "desktop.app" not in
               (getattr(n, "module", "") or "") for n in top)


def test_every_screen_has_retranslate_ui() -> None:
    import desktop.ui.captive  # noqa: F401
    import desktop.ui.case  # noqa: F401
    import desktop.ui.cases  # noqa: F401
    import desktop.ui.evaluation  # noqa: F401
    import desktop.ui.firstrun  # noqa: F401
    import desktop.ui.help  # noqa: F401
    import desktop.ui.interview.page  # noqa: F401
    import desktop.ui.review  # noqa: F401
    import desktop.ui.settings  # noqa: F401
    import desktop.ui.unlock  # noqa: F401
    from desktop.ui.base import Page

    screens = Page.__subclasses__()
    assert len(screens) >= 10
    texty = [c for c in screens if c.__name__ != "CaptiveView"]  # the captive view shows form text only
    assert all("retranslate_ui" in vars(c) for c in texty), [c.__name__ for c in texty
                                                             if "retranslate_ui" not in vars(c)]
