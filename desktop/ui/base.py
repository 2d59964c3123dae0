"""What every screen shares: the language-changed signal, retranslate_ui(), small layout helpers."""

from __future__ import annotations

from desktop import i18n
from desktop.ui.qt import QFrame, QLabel, QObject, QWidget, Signal


class _LanguageHub(QObject):
    changed = Signal(str)


_hub: _LanguageHub | None = None


def language_hub() -> _LanguageHub:
    """One Qt signal fed by i18n.on_language_changed; widgets connect to it (Qt drops dead receivers)."""
    global _hub
    if _hub is None:
        _hub = _LanguageHub()
        i18n.on_language_changed(_hub.changed.emit)
    return _hub


class Page(QWidget):
    """A screen. Subclasses build widgets in __init__ and set their text in retranslate_ui()."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_hub().changed.connect(self._language_changed)

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text from its marked source string."""

    def clear_sensitive(self) -> None:
        """Forget everything that held interview or vault text (called on lock)."""


def heading(level: int = 1) -> QLabel:
    label = QLabel()
    label.setObjectName(f"h{level}")
    label.setWordWrap(True)
    return label


def wrapped(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def banner(kind: str = "info") -> QLabel:
    """A calm banner: the kind is said in words in the text too, never by colour alone."""
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName(f"banner_{kind}")
    label.setFrameShape(QFrame.Shape.StyledPanel)
    return label
