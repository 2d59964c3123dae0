"""What the desk screens share: a folder field with its button, and a coded error as one line of words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.i18n import N_, _
from desktop.ui.qt import QHBoxLayout, QLineEdit, QPushButton, QWidget

CHOOSE = N_("Choose...")


def error_text(err: BaseException) -> str:
    """The coded message (names the file and field, never a value); never a traceback."""
    message = getattr(err, "message", None)
    if callable(message):
        return f"{getattr(err, 'code', '')} {message(_)}".strip()
    return _(N_("Unexpected problem ({kind}).")).format(kind=type(err).__name__)


class FolderField(QWidget):
    """A folder path typed or chosen; Enter runs `on_enter`."""

    def __init__(self, on_enter: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.returnPressed.connect(on_enter)
        self.choose = QPushButton()
        self.choose.clicked.connect(self.pick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.choose)

    def retranslate_ui(self) -> None:
        self.choose.setText(_(CHOOSE))

    def pick(self) -> None:
        from desktop.ui.qt import QFileDialog

        chosen = QFileDialog.getExistingDirectory(self, _(CHOOSE), self.edit.text())
        if chosen:
            self.edit.setText(chosen)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None
