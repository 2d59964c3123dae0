"""Qt's own dialogs and standard buttons follow the interface language (ko, uk), not English."""

from __future__ import annotations

from typing import Any

from desktop import i18n
from desktop.ui import qt_translations
from desktop.ui.qt import QCoreApplication


def _cancel() -> str:
    return str(QCoreApplication.translate("QPlatformTheme", "Cancel"))


def test_qt_standard_texts_follow_the_interface_language(qtbot: Any) -> None:
    try:
        assert qt_translations.apply("ko")
        ko = _cancel()
        assert qt_translations.apply("uk")
        uk = _cancel()
        assert not qt_translations.apply("en")
        assert _cancel() == "Cancel"
        assert ko != "Cancel" and uk != "Cancel" and ko != uk
        assert not ko.isascii() and not uk.isascii()
    finally:
        qt_translations.apply("en")
        i18n.set_language("en")
