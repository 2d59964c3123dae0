"""The interview's left column: the sections with their progress, and the state of the two gates."""

from __future__ import annotations

from typing import Any

from desktop.i18n import _
from desktop.ui.base import wrapped
from desktop.ui.interview.texts import T
from desktop.ui.qt import QListWidget, QListWidgetItem, Qt, QVBoxLayout, QWidget


class SideColumn(QWidget):
    def __init__(self, below: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections = QListWidget()
        self.sections.setMinimumWidth(170)
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gates = wrapped("muted")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 4, 0)
        col.addWidget(self.sections, 1)
        col.addWidget(self.gates)
        col.addWidget(below)

    def refresh(self, form: Any, s: Any, intr: Any) -> None:
        """The sections that apply now (with answered of required), the current one selected; the gates."""
        done = s.completeness()
        current = form.questions[s.current].section if s.current else None
        shown_sections = {form.questions[q].section for q in s.navigable()}
        rows = []
        for sec in form.sections:
            have, total = done.get(sec.id, (0, 0))
            if total == 0 and sec.id not in shown_sections:
                continue
            title = f"{sec.id}  " + intr.get(sec.title, sec.id, "title").text
            text = (_(T["section_done"]).format(title=title) if have == total
                    else _(T["section"]).format(title=title, done=have, total=total))
            rows.append((sec.id, text))
        ids = [self.sections.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.sections.count())]
        if ids != [sid for sid, _t in rows]:  # sections appear or go: rebuild; else only update the words
            self.sections.clear()
            for sid, text in rows:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, sid)
                self.sections.addItem(item)
        for i, (sid, text) in enumerate(rows):
            item = self.sections.item(i)
            if item.text() != text:
                item.setText(text)
            if sid == current and self.sections.currentRow() != i:
                self.sections.setCurrentRow(i)
        v = s.values
        cap_ok, con_ok = v.get(form.gates.capacity), v.get(form.gates.consent)
        reason = s.stop_reason
        cap_state = _(T["confirmed"]) if cap_ok is True else _(T["no_cap"]) if reason == "capacity" \
            else _(T["not_yet"])
        con_state = _(T["given"]) if con_ok is True else _(T["no"]) if reason not in (None, "capacity") \
            else _(T["not_yet"])
        self.gates.setText(_(T["gate_capacity"]).format(state=cap_state) + "\n"
                           + _(T["gate_consent"]).format(state=con_state))

    def clear_sensitive(self) -> None:
        self.gates.clear()
        self.sections.clear()
