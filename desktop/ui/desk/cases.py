"""Received cases, filtered: all, new (not signed off), needs review, signed off, with flags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import Page, banner, heading
from desktop.ui.desk.common import error_text
from desktop.ui.qt import QComboBox, QHBoxLayout, QListWidget, QListWidgetItem, Qt, QVBoxLayout, QWidget, Signal

if TYPE_CHECKING:
    from desktop.desk_app import DeskCore

TITLE = N_("Received cases")
FILTERS = (("all", N_("All cases")), ("new", N_("New (not signed off)")), ("review", N_("Needs review")),
           ("signed", N_("Signed off")), ("flags", N_("With flags")))
ROW = N_("{code}: {interviews} interview(s), last received {last}; {state}")
SIGNED, OPEN = N_("signed off"), N_("not signed off")
REVIEW = N_("needs review")
FLAGS = N_("flags: {flags}")
EMPTY = N_("No case matches this filter.")
HINT = N_("Enter opens the selected case.")


def keep(row: Any, which: str) -> bool:
    return bool({"all": True, "new": row.new, "review": row.needs_review, "signed": row.summary.signed_off,
            "flags": bool(row.flags)}[which])


class CasesPage(Page):
    opened = Signal(str)

    def __init__(self, core: DeskCore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.title = heading(1)
        self.filter = QComboBox()
        self.filter.currentIndexChanged.connect(self.show_rows)
        self.list = QListWidget()
        self.list.itemActivated.connect(self.activate)
        self.hint = banner("info")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.filter)
        col = QVBoxLayout(self)
        col.addLayout(top)
        col.addWidget(self.list, 1)
        col.addWidget(self.hint)
        self.rows: list[Any] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_(TITLE))
        current = max(0, self.filter.currentIndex())
        self.filter.blockSignals(True)
        self.filter.clear()
        for key, label in FILTERS:
            self.filter.addItem(_(label), key)
        self.filter.setCurrentIndex(current)
        self.filter.blockSignals(False)
        self.hint.setText(_(HINT))
        self.show_rows()

    def refresh(self) -> None:
        tasks.run(self.core.cases, self._loaded, lambda err: self.hint.setText(error_text(err)))

    def _loaded(self, rows: list[Any]) -> None:
        self.rows = rows
        self.show_rows()

    def show_rows(self) -> None:
        which = str(self.filter.currentData() or "all")
        self.list.clear()
        for row in self.rows:
            if not keep(row, which):
                continue
            s = row.summary
            state = [_(SIGNED) if s.signed_off else _(OPEN)]
            if row.needs_review:
                state.append(_(REVIEW))
            if row.flags:
                state.append(_(FLAGS).format(flags=len(row.flags)))
            item = QListWidgetItem(_(ROW).format(code=s.case_code, interviews=s.interviews,
                                                 last=s.last_received[:16].replace("T", " "),
                                                 state=", ".join(state)))

            item.setData(Qt.ItemDataRole.UserRole, s.case_code)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem(_(EMPTY))

    def activate(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.opened.emit(str(code))

    def focus_list(self) -> None:
        self.list.setFocus()

    def clear_sensitive(self) -> None:
        self.rows = []
        self.list.clear()
