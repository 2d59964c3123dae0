"""The one module that imports Qt (house rule 4). Everything else imports Qt names from here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets

from desktop.ui import qtfix  # noqa: F401 - PySide6 6.12 on Python 3.11 leaks references to None

if TYPE_CHECKING:  # at run time each name is looked up on first use (PySide6 builds its types lazily)
    from PySide6.QtCore import (
        QCoreApplication,
        QEvent,
        QObject,
        QPoint,
        QPointF,
        QRunnable,
        QSettings,
        QSize,
        Qt,
        QThreadPool,
        QTimer,
        Signal,
        Slot,
    )
    from PySide6.QtGui import (
        QAction,
        QColor,
        QFont,
        QFontDatabase,
        QGuiApplication,
        QInputMethodEvent,
        QKeyEvent,
        QKeySequence,
        QMouseEvent,
        QPainter,
        QPainterPath,
        QPalette,
        QPen,
        QShortcut,
    )
    from PySide6.QtWidgets import (
        QAbstractButton,
        QApplication,
        QButtonGroup,
        QCheckBox,
        QComboBox,
        QDateEdit,
        QDialog,
        QFormLayout,
        QFrame,
        QGridLayout,
        QGroupBox,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QListWidget,
        QListWidgetItem,
        QMainWindow,
        QMessageBox,
        QPlainTextEdit,
        QProgressBar,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QSizePolicy,
        QSpinBox,
        QSplitter,
        QStackedWidget,
        QTextBrowser,
        QVBoxLayout,
        QWidget,
    )

_MODULES = (QtCore, QtGui, QtWidgets)


def __getattr__(name: str) -> Any:
    """`from desktop.ui.qt import QLabel` resolves QLabel here, once; unknown names raise AttributeError."""
    for module in _MODULES:
        value = getattr(module, name, None)
        if value is not None:
            globals()[name] = value
            return value
    raise AttributeError(name)


__all__ = [
    "QAbstractButton", "QAction", "QApplication", "QButtonGroup", "QCheckBox", "QColor", "QComboBox",
    "QCoreApplication", "QDateEdit", "QDialog", "QEvent", "QFont", "QFontDatabase", "QFormLayout", "QFrame",
    "QGridLayout", "QGroupBox", "QGuiApplication", "QHBoxLayout", "QInputMethodEvent", "QKeyEvent",
    "QKeySequence", "QLabel", "QLineEdit", "QListWidget", "QListWidgetItem", "QMainWindow", "QMessageBox",
    "QMouseEvent", "QObject", "QPainter", "QPainterPath", "QPalette", "QPen", "QPlainTextEdit", "QPoint",
    "QPointF", "QProgressBar", "QPushButton", "QRadioButton", "QRunnable", "QScrollArea", "QSettings",
    "QShortcut", "QSize", "QSizePolicy", "QSpinBox", "QSplitter", "QStackedWidget", "QTextBrowser",
    "QThreadPool", "QTimer", "QVBoxLayout", "QWidget", "Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot",
]
