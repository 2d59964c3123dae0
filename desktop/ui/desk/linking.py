"""Linking interviews of the same man: two desk cases (for example NK-A and NK-A~1a2b3c4d, from different
interviewer keys) are evaluated together only after a reviewer links them. Recorded in the desk's audit log
and undone with Unlink; a link lapses the case's sign-offs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import wrapped
from desktop.ui.desk.common import error_text
from desktop.ui.qt import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop.desk_app import DeskCore

HOW = N_("The same man under another case code? Link the cases so that they are evaluated together. The link "
         "is recorded in the audit log, can be undone, and ends the sign-offs made so far.")
ALONE = N_("Evaluated on its own: not linked to another case.")
GROUP = N_("Evaluated together with: {cases}")
LINK = N_("Link with this case")
UNLINK = N_("Unlink this case")
NO_OTHER = N_("No other case to link with.")


class LinkSection(QWidget):
    def __init__(self, core: DeskCore, reload: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core, self.reload = core, reload
        self.case_code = ""
        self.how = wrapped()
        self.state = wrapped()
        self.others = QComboBox()
        self.link_button = QPushButton()
        self.link_button.clicked.connect(self.link)
        self.unlink_button = QPushButton()
        self.unlink_button.clicked.connect(self.unlink)
        row = QHBoxLayout()
        row.addWidget(self.others, 1)
        row.addWidget(self.link_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 6, 0, 0)
        for w in (self.how, self.state):
            col.addWidget(w)
        col.addLayout(row)
        col.addWidget(self.unlink_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.how.setText(_(HOW))
        self.link_button.setText(_(LINK))
        self.unlink_button.setText(_(UNLINK))
        if self.case_code:
            self.show_case(self.case_code)

    def show_case(self, case_code: str) -> None:
        self.case_code = case_code
        tasks.run(lambda: (self.core.group(case_code), [r.summary.case_code for r in self.core.cases()]),
                  self._shown, self._failed)

    def _shown(self, found: tuple[list[str], list[str]]) -> None:
        members, codes = found
        together = [c for c in members if c != self.case_code]
        self.state.setText(_(GROUP).format(cases=", ".join(together)) if together else _(ALONE))
        self.others.clear()
        for code in codes:
            if code not in members:
                self.others.addItem(code, code)
        if not self.others.count():
            self.others.addItem(_(NO_OTHER), None)
        self.link_button.setEnabled(self.others.currentData() is not None)
        self.unlink_button.setEnabled(bool(together))

    def link(self) -> None:
        other, code = self.others.currentData(), self.case_code
        if other:
            tasks.run(lambda: self.core.link(code, other), lambda _g: self.reload(), self._failed)

    def unlink(self) -> None:
        code = self.case_code
        tasks.run(lambda: self.core.unlink(code), lambda _g: self.reload(), self._failed)

    def _failed(self, err: BaseException) -> None:
        self.state.setText(error_text(err))

    def clear_sensitive(self) -> None:
        self.case_code = ""
        self.others.clear()
        self.state.clear()
