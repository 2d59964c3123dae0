"""Cases: a list by pseudonymous case code with its state in words, search, and "new interview"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop import i18n
from desktop.core.vault.records import CASE_CODE_MAX, case_code_problem
from desktop.i18n import N_, _, ngettext
from desktop.ui import labels
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.qt import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

T = {
    "title": N_("Cases"),
    "search": N_("Search by case code (Ctrl+F)"),
    "open": N_("Open case (Enter)"),
    "new": N_("New interview (Ctrl+N)"),
    "code": N_("Case code (pseudonym, never a name)"),
    "captive": N_("Captive's language"),
    "interviewer": N_("Your language"),
    "start": N_("Start interview"),
    "row": N_("{code}    {states}    ({count})"),
    "empty": N_("No cases yet. Press Ctrl+N to start an interview."),
    "nocode": N_("Enter a case code first."),
    "sealed": N_("{count} finalized interviews were waiting for a legal-team recipient: they are now sealed "
                 "and their plaintext removed."),
    "fast": N_("Test vault: made with the fast key derivation. Do not record real interviews in it."),
    "demo": N_("DEMO: every case here is FICTIONAL sample data. Everything is deleted when the window closes."),
}
ORDER = ("draft", "finalized", "sealed", "sent", "receipt")


class CasesPage(Page):
    open_case = Signal(str)
    start_interview = Signal(str, str, str)  # case id ("" = new), captive lang, interviewer lang

    def __init__(self, list_interviews: Callable[[], list[Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._list = list_interviews
        self._cases: list[tuple[str, str, list[Any]]] = []  # case id, code, rows
        self.title = heading(1)
        self.notice = banner("warn")
        self.notice.hide()
        self.demo = banner("info")
        self.demo.hide()
        self.search = QLineEdit()
        self.search.textChanged.connect(self.fill)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: self.activate())
        self.empty = wrapped("muted")
        self.open_btn = QPushButton()
        self.open_btn.clicked.connect(self.activate)
        left = QVBoxLayout()
        for w in (self.title, self.demo, self.notice, self.search, self.list, self.empty, self.open_btn):
            left.addWidget(w)
        self.new_box = QGroupBox()
        self.code = QLineEdit()
        self.code.setMaxLength(CASE_CODE_MAX)
        self.code.returnPressed.connect(self.start)
        self.captive, self.interviewer = QComboBox(), QComboBox()
        for combo in (self.captive, self.interviewer):
            for code in i18n.LANGUAGES:
                combo.addItem("", code)
        self.captive.setCurrentIndex(1)
        self.form_labels = {k: QLabel() for k in ("code", "captive", "interviewer")}
        form = QFormLayout(self.new_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.form_labels["code"], self.code)
        form.addRow(self.form_labels["captive"], self.captive)
        form.addRow(self.form_labels["interviewer"], self.interviewer)
        self.start_btn = QPushButton()
        self.start_btn.clicked.connect(self.start)
        self.problem = wrapped("problem")  # long messages (a refused code, interviews sealed) wrap
        form.addRow(self.start_btn)
        form.addRow(self.problem)
        right = QVBoxLayout()
        right.addWidget(self.new_box)
        right.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 3)
        outer.addLayout(right, 2)
        self.retranslate_ui()

    def set_notices(self, fast: bool, demo: bool) -> None:
        self.notice.setVisible(fast and not demo)
        self.demo.setVisible(demo)

    def retranslate_ui(self) -> None:
        self.title.setText(_(T["title"]))
        self.search.setPlaceholderText(_(T["search"]))
        self.open_btn.setText(_(T["open"]))
        self.new_box.setTitle(_(T["new"]))
        for key, label in self.form_labels.items():
            label.setText(_(T[key]))
        for combo in (self.captive, self.interviewer):
            for i in range(combo.count()):
                combo.setItemText(i, labels.lang(combo.itemData(i)))
        self.start_btn.setText(_(T["start"]))
        self.empty.setText(_(T["empty"]))
        self.notice.setText(_(T["fast"]))
        self.demo.setText(_(T["demo"]))
        self.fill()

    def reload(self) -> None:
        groups: dict[str, tuple[str, list[Any]]] = {}
        for row in self._list():
            groups.setdefault(row.case_id, (row.case_code, []))[1].append(row)
        self._cases = [(cid, code, rows) for cid, (code, rows) in groups.items()]
        self._cases.sort(key=lambda c: c[1])
        self.fill()

    def fill(self) -> None:
        needle = self.search.text().strip().lower()
        self.list.clear()
        for cid, code, rows in self._cases:
            if needle and needle not in code.lower():
                continue
            present = [s for s in ORDER if any(r.state == s for r in rows)]
            states = ", ".join(labels.state(s) for s in present)
            count = ngettext("{n} interview", "{n} interviews", len(rows)).format(n=len(rows))
            item = QListWidgetItem(_(T["row"]).format(code=code, states=states, count=count))
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        if self.list.count():
            self.list.setCurrentRow(0)

    def activate(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.open_case.emit(item.data(Qt.ItemDataRole.UserRole))

    def focus_new(self) -> None:
        self.code.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()

    def case_code(self, case_id: str) -> str:
        return next((code for cid, code, _rows in self._cases if cid == case_id), "")

    def start(self) -> None:
        code = self.code.text().strip()
        if not code:
            self.problem.setText(_(T["nocode"]))
            return
        bad = case_code_problem(code)
        if bad is not None:
            self.problem.setText(_(bad).format(limit=CASE_CODE_MAX))
            return
        self.problem.clear()
        existing = next((cid for cid, c, _rows in self._cases if c == code), "")
        self.code.clear()
        self.start_interview.emit(existing or "new:" + code, self.captive.currentData(),
                                  self.interviewer.currentData())

    def say_sealed(self, count: int) -> None:
        if count:
            self.problem.setText(_(T["sealed"]).format(count=count))

    def clear_sensitive(self) -> None:
        self._cases = []
        self.list.clear()
        self.search.clear()
        self.code.clear()
