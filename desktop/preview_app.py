"""`voluntas gui --preview`: the translator preview on its own, with no vault (composition root for it).

The core's PreviewSource reads forms/ and locales/ and writes only the review files beside the catalogs.
"""

from __future__ import annotations

import sys
from typing import Any

from desktop import i18n


def build(argv: list[str] | None = None, source: Any = None) -> tuple[Any, Any]:
    """The QApplication and a window holding only the preview; Back closes it."""
    from desktop.core.translation.preview import PreviewSource
    from desktop.ui.app_window import ensure_app
    from desktop.ui.preview import PreviewPage
    from desktop.ui.qt import QMainWindow

    app = ensure_app(argv or sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Voluntas")
    page = PreviewPage(source or PreviewSource())
    page.closed.connect(window.close)
    window.setCentralWidget(page)
    window.resize(1280, 800)
    return app, window


def run(lang: str = "en") -> int:
    i18n.set_language(lang)
    app, window = build()
    window.show()
    return int(app.exec())
