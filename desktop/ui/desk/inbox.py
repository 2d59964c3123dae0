"""Inbox: receive the bundles in a folder (USB stick, synced folder), one line per bundle with what
happened to it, a progress bar; and write the signed receipts back to a folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.desk.common import FolderField, error_text
from desktop.ui.qt import QListWidget, QProgressBar, QPushButton, QVBoxLayout, QWidget, Signal

if TYPE_CHECKING:
    from desktop.desk_app import DeskCore

TITLE = N_("Inbox")
FROM = N_("Folder with the sealed bundles (USB stick or synced folder):")
RECEIVE = N_("Receive (Enter)")
RECEIPTS_TO = N_("Folder for the signed receipts (they let the field laptops purge their copies):")
RECEIPTS = N_("Write receipts")
LINES = {
    "imported": N_("{file}: imported (case {case})"),
    "duplicate": N_("{file}: duplicate, received before"),
    "rejected": N_("{file}: refused: {reason}"),
    "skipped": N_("{file}: skipped: still arriving or too large; tried again next time"),
}
NONE = N_("No bundle in this folder.")
DONE = N_("{count} bundle(s) looked at.")
WRITTEN = N_("{count} receipt(s) written to {folder}.")


class InboxPage(Page):
    received = Signal()

    def __init__(self, core: DeskCore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.title = heading(1)
        self.from_label = wrapped()
        self.folder = FolderField(self.receive)
        if getattr(core, "inbox", None) is not None:
            self.folder.edit.setText(str(core.inbox))
        self.button = QPushButton()
        self.button.clicked.connect(self.receive)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.lines = QListWidget()
        self.status = banner("info")
        self.status.hide()
        self.receipts_label = wrapped()
        self.receipts_folder = FolderField(self.write_receipts)
        self.receipts_button = QPushButton()
        self.receipts_button.clicked.connect(self.write_receipts)
        col = QVBoxLayout(self)
        for w in (self.title, self.from_label, self.folder, self.button, self.progress, self.lines, self.status,
                  self.receipts_label, self.receipts_folder, self.receipts_button):
            col.addWidget(w)
        self._queue: list[Path] = []
        self._outcomes: list[Any] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_(TITLE))
        self.from_label.setText(_(FROM))
        self.button.setText(_(RECEIVE))
        self.receipts_label.setText(_(RECEIPTS_TO))
        self.receipts_button.setText(_(RECEIPTS))
        self.folder.retranslate_ui()
        self.receipts_folder.retranslate_ui()
        self.lines.clear()
        for o in self._outcomes:
            self.lines.addItem(line(o))

    def receive(self) -> None:
        folder = self.folder.path()
        if folder is None or tasks.busy():
            return
        self.button.setEnabled(False)
        self.lines.clear()
        self._outcomes = []
        self.status.hide()
        tasks.run(lambda: self.core.bundles(folder), self._listed, self._failed)

    def _listed(self, paths: list[Path]) -> None:
        self._queue = list(paths)
        self.progress.setRange(0, max(1, len(paths)))
        self.progress.setValue(0)
        if not paths:
            self._finish(_(NONE))
            return
        for path in paths:  # one job per bundle, in order: the bar moves as each one is done
            tasks.run(self._job(path), self._one, self._failed)

    def _job(self, path: Path) -> Callable[[], Any]:
        return lambda: self.core.receive_one(path)

    def _one(self, outcome: Any) -> None:
        self._outcomes.append(outcome)
        self.lines.addItem(line(outcome))
        self.progress.setValue(len(self._outcomes))
        if len(self._outcomes) == len(self._queue):
            self._finish(_(DONE).format(count=len(self._outcomes)))
            self.received.emit()

    def _finish(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.button.setEnabled(True)

    def _failed(self, err: BaseException) -> None:
        self._finish(error_text(err))

    def write_receipts(self) -> None:
        folder = self.receipts_folder.path()
        if folder is None:
            return
        tasks.run(lambda: self.core.write_receipts(folder),
                  lambda written: self._finish(_(WRITTEN).format(count=len(written), folder=folder)), self._failed)

    def clear_sensitive(self) -> None:
        self.lines.clear()
        self._outcomes = []


def line(o: Any) -> str:
    """One line per bundle: the file name and what happened, the refusal's reason in words."""
    template = LINES.get(o.status, "{file}: {reason}")
    reason = f"{o.code} {o.reason}".strip()
    return _(template).format(file=o.file, case=o.case_code or "-", reason=reason)
