"""Interviewer keys: the ones this desk trusts, and enrolling a new one from a `keys export` folder.
The fingerprints are shown first, to compare aloud with the ones the interviewer registered; only then
is the key trusted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.desk.common import FolderField, error_text
from desktop.ui.qt import QListWidget, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop.desk_app import DeskCore

TITLE = N_("Interviewer keys")
TRUSTED = N_("Keys this desk trusts:")
ROW = N_("{name} ({organisation})\n    Ed25519: {ed25519}\n    Certificate: {certificate}")
NONE = N_("No interviewer key is trusted yet.")
FROM = N_("Folder written by 'voluntas keys export' on the interviewer's laptop:")
READ = N_("Show the fingerprints (Enter)")
COMPARE = N_("Compare these with the fingerprints the interviewer registered, by phone or in person, "
             "before trusting the key.\n{name} ({organisation})\nEd25519: {ed25519}\nCertificate: {certificate}")
TRUST = N_("The fingerprints match: trust this key")
TRUSTED_NOW = N_("Key trusted: {name}.")


class KeysPage(Page):
    def __init__(self, core: DeskCore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.title = heading(1)
        self.trusted_label = wrapped()
        self.list = QListWidget()
        self.from_label = wrapped()
        self.folder = FolderField(self.read)
        self.read_button = QPushButton()
        self.read_button.clicked.connect(self.read)
        self.compare = banner("warn")
        self.compare.hide()
        self.trust_button = QPushButton()
        self.trust_button.clicked.connect(self.trust)
        self.trust_button.hide()
        self.status = banner("info")
        self.status.hide()
        col = QVBoxLayout(self)
        for w in (self.title, self.trusted_label, self.list, self.from_label, self.folder, self.read_button,
                  self.compare, self.trust_button, self.status):
            col.addWidget(w)
        self.keys: list[Any] = []
        self.candidate: Any = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_(TITLE))
        self.trusted_label.setText(_(TRUSTED))
        self.from_label.setText(_(FROM))
        self.read_button.setText(_(READ))
        self.trust_button.setText(_(TRUST))
        self.folder.retranslate_ui()
        self.show_keys()
        self.show_candidate()

    def refresh(self) -> None:
        tasks.run(self.core.enrolled, self._loaded, self._failed)

    def _loaded(self, keys: list[Any]) -> None:
        self.keys = keys
        self.show_keys()

    def show_keys(self) -> None:
        self.list.clear()
        for k in self.keys:
            self.list.addItem(_(ROW).format(name=k.interviewer or "-", organisation=k.organisation or "-",
                                            ed25519=k.fingerprint, certificate=k.certificate_fingerprint))
        if not self.keys:
            self.list.addItem(_(NONE))

    def read(self) -> None:
        folder = self.folder.path()
        if folder is not None:
            tasks.run(lambda: self.core.inspect_key(folder), self._inspected, self._failed)

    def _inspected(self, candidate: Any) -> None:
        self.candidate = candidate
        self.status.hide()
        self.show_candidate()
        self.trust_button.setFocus()

    def show_candidate(self) -> None:
        p = self.candidate
        self.compare.setVisible(p is not None)
        self.trust_button.setVisible(p is not None)
        if p is not None:
            self.compare.setText(_(COMPARE).format(name=p.interviewer or "-", organisation=p.organisation or "-",
                                                   ed25519=p.ed25519, certificate=p.certificate))

    def trust(self) -> None:
        p = self.candidate
        if p is not None:
            tasks.run(lambda: self.core.enrol(p.folder), self._trusted, self._failed)

    def _trusted(self, key: Any) -> None:
        self.candidate = None
        self.show_candidate()
        self.status.setText(_(TRUSTED_NOW).format(name=key.interviewer or "-"))
        self.status.show()
        self.refresh()

    def _failed(self, err: BaseException) -> None:
        self.status.setText(error_text(err))
        self.status.show()

    def clear_sensitive(self) -> None:
        self.candidate = None
        self.keys = []
        self.list.clear()
