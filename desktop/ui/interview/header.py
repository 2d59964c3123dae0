"""The interview's top row: the interview clock, the two languages and the pause button."""

from __future__ import annotations

from desktop.core.languages import LANGUAGES
from desktop.i18n import _
from desktop.ui import labels
from desktop.ui.interview.texts import T
from desktop.ui.qt import QComboBox, QHBoxLayout, QLabel, QPushButton


class Header(QHBoxLayout):
    def __init__(self) -> None:
        super().__init__()
        self.clock = QLabel("00:00:00")
        self.clock.setObjectName("clock")
        self.captive_label, self.interviewer_label = QLabel(), QLabel()
        self.captive_combo, self.interviewer_combo = QComboBox(), QComboBox()
        for combo in (self.captive_combo, self.interviewer_combo):
            for code in LANGUAGES:
                combo.addItem("", code)
        self.stop_btn = QPushButton()
        for w in (self.clock, self.captive_label, self.captive_combo, self.interviewer_label, self.interviewer_combo):
            self.addWidget(w)
        self.addStretch(1)
        self.addWidget(self.stop_btn)

    def retranslate_ui(self) -> None:
        self.captive_label.setText(_(T["captive"]))
        self.interviewer_label.setText(_(T["interviewer"]))
        for combo in (self.captive_combo, self.interviewer_combo):
            for i in range(combo.count()):
                combo.setItemText(i, labels.lang(combo.itemData(i)))
        self.stop_btn.setText(_(T["stop"]))

    def show_langs(self, captive: str, interviewer: str) -> None:
        self.captive_combo.setCurrentIndex(self.captive_combo.findData(captive))
        self.interviewer_combo.setCurrentIndex(self.interviewer_combo.findData(interviewer))

    def show_elapsed(self, seconds: int) -> None:
        self.clock.setText(f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}")
