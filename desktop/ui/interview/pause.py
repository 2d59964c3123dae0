"""Pausing an interview asks first and says what is kept and how to resume (nothing is lost by a pause)."""

from __future__ import annotations

from desktop.i18n import N_, _
from desktop.ui.base import banner
from desktop.ui.qt import QHBoxLayout, QPushButton, QVBoxLayout, QWidget, Signal

T = {
    "ask": N_("Pause this interview? Every answer and note given so far stays saved in the encrypted vault; "
              "nothing is finalized or sent. To resume, open the case and its draft interview: it continues "
              "at this question."),
    "pause": N_("Pause now (Ctrl+Shift+S)"),
    "keep": N_("Keep interviewing"),
}


class PauseBar(QWidget):
    """Hidden until the interviewer asks to pause; `confirmed` when he presses Pause now (or the keys again)."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = banner("warn")
        self.pause_btn, self.keep_btn = QPushButton(), QPushButton()
        self.pause_btn.clicked.connect(self.confirmed.emit)
        self.keep_btn.clicked.connect(self.hide)
        for b in (self.pause_btn, self.keep_btn):
            b.setAutoDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.pause_btn)
        row.addWidget(self.keep_btn)
        row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.text)
        col.addLayout(row)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.text.setText(_(T["ask"]))
        self.pause_btn.setText(_(T["pause"]))
        self.keep_btn.setText(_(T["keep"]))

    def ask(self) -> None:
        self.show()
        self.keep_btn.setFocus()  # the safe choice has the focus: Enter keeps interviewing
