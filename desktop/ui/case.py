"""Case: its interviews on a timeline (date, languages, state); sealed ones show only date and state."""

from __future__ import annotations

from typing import Any

from desktop.i18n import N_, _
from desktop.ui import labels
from desktop.ui.base import Page, heading, wrapped
from desktop.ui.qt import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, Qt, QVBoxLayout, QWidget, Signal

T = {
    "title": N_("Case {code}"),
    "row": N_("{date}    {state}    captive: {captive}, interviewer: {interviewer}"),
    "sealed": N_("{date}    {state}"),
    "open": N_("Continue or review (Enter)"),
    "new": N_("New interview in this case (Ctrl+N)"),
    "back": N_("Back to cases (Esc)"),
    "hint": N_("Drafts open where they were left. Finalized interviews open read-only for review."),
}


class CasePage(Page):
    open_interview = Signal(str)
    new_interview = Signal(str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id, self.code, self.rows = "", "", []  # type: ignore[var-annotated]
        self.title = heading(1)
        self.hint = wrapped("muted")
        self.timeline = QListWidget()
        self.timeline.itemActivated.connect(lambda _i: self.activate())
        self.open_btn, self.new_btn, self.back_btn = QPushButton(), QPushButton(), QPushButton()
        self.open_btn.clicked.connect(self.activate)
        self.new_btn.clicked.connect(lambda: self.new_interview.emit(self.case_id))
        self.back_btn.clicked.connect(self.back.emit)
        buttons = QHBoxLayout()
        for b in (self.open_btn, self.new_btn, self.back_btn):
            buttons.addWidget(b)
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.hint)
        col.addWidget(self.timeline, 1)
        col.addLayout(buttons)
        self.retranslate_ui()

    def show_case(self, case_id: str, code: str, rows: list[Any]) -> None:
        self.case_id, self.code = case_id, code
        self.rows = sorted(rows, key=lambda r: (r.interview_date, r.id))
        self.retranslate_ui()
        self.timeline.setFocus()

    def retranslate_ui(self) -> None:
        self.title.setText(_(T["title"]).format(code=self.code))
        self.hint.setText(_(T["hint"]))
        self.open_btn.setText(_(T["open"]))
        self.new_btn.setText(_(T["new"]))
        self.back_btn.setText(_(T["back"]))
        self.timeline.clear()
        for r in self.rows:
            if r.state in ("sealed", "sent", "receipt"):
                text = _(T["sealed"]).format(date=r.interview_date, state=labels.state(r.state))
            else:
                text = _(T["row"]).format(date=r.interview_date, state=labels.state(r.state),
                                          captive=labels.lang(r.captive_lang),
                                          interviewer=labels.lang(r.interviewer_lang))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.timeline.addItem(item)
        if self.timeline.count():
            self.timeline.setCurrentRow(self.timeline.count() - 1)

    def activate(self) -> None:
        item = self.timeline.currentItem()
        if item is None:
            return
        row = next(r for r in self.rows if r.id == item.data(Qt.ItemDataRole.UserRole))
        if row.state in ("sealed", "sent", "receipt"):
            return
        self.open_interview.emit(row.id)

    def clear_sensitive(self) -> None:
        self.case_id, self.code, self.rows = "", "", []
        self.timeline.clear()
        self.title.clear()
