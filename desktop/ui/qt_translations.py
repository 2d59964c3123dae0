"""Qt's own ko and uk translations (standard buttons, dialogs, context menus), following the interface
language. The .qm files ship with PySide6 (and the frozen build keeps them: packaging/voluntas.spec)."""

from __future__ import annotations

from desktop import i18n
from desktop.ui.qt import QApplication, QLibraryInfo, QTranslator

_installed: list[QTranslator] = []


def apply(lang: str | None = None) -> bool:
    """Install qtbase_<lang>.qm for the interface language (none for English). True when one was loaded."""
    app = QApplication.instance()
    if app is None:
        return False
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    lang = lang or i18n.language()
    if lang == "en":
        return False
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    t = QTranslator(app)
    if not t.load(f"qtbase_{lang}", folder):
        return False
    app.installTranslator(t)
    _installed.append(t)
    return True
