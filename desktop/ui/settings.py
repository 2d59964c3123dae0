"""Settings: interface language (live), auto-lock, legal-team recipients, key fingerprint, passphrase
change, and quick wipe behind a 5-second countdown that can be cancelled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop import i18n
from desktop.core.languages import NATIVE_NAMES
from desktop.core.settings import AUTOLOCK_MINUTES, UI_LANGUAGE
from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.qt import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from desktop.facade import Core

WIPE_SECONDS = 5
T = {
    "title": N_("Settings"),
    "lang": N_("Interface language"),
    "autolock": N_("Lock after this many idle minutes (at most {limit})"),
    "minutes": N_(" min"),
    "recipients": N_("Legal-team recipients (finalized interviews are sealed to them)"),
    "recipient_path": N_("Path of a recipient file from the legal team (voluntas desk recipient)"),
    "save_recipients": N_("Add recipient"),
    "no_recipients": N_("None yet: finalized interviews wait, unsealed, until one is added."),
    "recipient_row": N_("{label}    fingerprint {fingerprint}"),
    "added": N_("Added. Compare the fingerprint with the one the legal team reads out."),
    "sealed": N_("{count} finalized interviews that were waiting for a recipient are now sealed."),
    "keys": N_("Your key fingerprints (read them to the legal team)"),
    "copy": N_("Copy fingerprints"),
    "copied": N_("Copied. The clipboard is cleared when the vault locks."),
    "pass_box": N_("Change passphrase"),
    "old": N_("Current passphrase"),
    "new": N_("New passphrase"),
    "again": N_("New passphrase again"),
    "change": N_("Change passphrase"),
    "mismatch": N_("The new passphrases differ."),
    "changed": N_("The passphrase was changed."),
    "wipe_box": N_("Quick wipe"),
    "wipe_text": N_("Destroys the key and every file of the vault on this laptop. It cannot be undone."),
    "wipe": N_("Wipe this vault..."),
    "cancel": N_("Cancel the wipe (Esc)"),
    "counting": N_("Wiping in {seconds} seconds. Press Esc or the button to cancel."),
    "cancelled": N_("Wipe cancelled. Nothing was deleted."),
    "back": N_("Back (Esc)"),
}


class SettingsPage(Page):
    back = Signal()
    wiped = Signal()
    clipboard_set = Signal(str)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.title = heading(1)
        self.lang = QComboBox()
        for code in i18n.LANGUAGES:
            self.lang.addItem(NATIVE_NAMES[code], code)
        self.lang.activated.connect(self._set_lang)
        self.autolock = QSpinBox()
        self.autolock.setRange(AUTOLOCK_MINUTES.minimum, AUTOLOCK_MINUTES.maximum)
        self.autolock.valueChanged.connect(self._set_autolock)
        self.recipients = QLabel()
        self.recipients.setWordWrap(True)
        self.recipient_path = QLineEdit()
        self.recipient_path.returnPressed.connect(self._save_recipients)
        self.save_recipients = QPushButton()
        self.save_recipients.clicked.connect(self._save_recipients)
        self.recipients_msg = wrapped()
        self.fingerprints = QLabel()
        self.fingerprints.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprints.setWordWrap(True)
        self.copy_btn = QPushButton()
        self.copy_btn.clicked.connect(self._copy)
        self.pass_box = QGroupBox()
        self.old, self.new1, self.new2 = QLineEdit(), QLineEdit(), QLineEdit()
        for f in (self.old, self.new1, self.new2):
            f.setEchoMode(QLineEdit.EchoMode.Password)
        self.change_btn = QPushButton()
        self.change_btn.clicked.connect(self._change)
        self.pass_msg = wrapped()
        self.pass_labels = [QLabel() for _ in range(3)]
        pf = QFormLayout(self.pass_box)
        for lab, f in zip(self.pass_labels, (self.old, self.new1, self.new2)):
            pf.addRow(lab, f)
        pf.addRow(self.change_btn)
        pf.addRow(self.pass_msg)
        self.wipe_box = QGroupBox()
        self.wipe_text = wrapped("muted")
        self.wipe_btn, self.cancel_btn = QPushButton(), QPushButton()
        self.wipe_btn.clicked.connect(self.start_wipe)
        self.cancel_btn.clicked.connect(self.cancel_wipe)
        self.cancel_btn.hide()
        self.countdown = banner("stop")
        self.countdown.hide()
        wcol = QVBoxLayout(self.wipe_box)
        wcol.addWidget(self.wipe_text)
        wrow = QHBoxLayout()
        wrow.addWidget(self.wipe_btn)
        wrow.addWidget(self.cancel_btn)
        wrow.addStretch(1)
        wcol.addLayout(wrow)
        wcol.addWidget(self.countdown)
        self.back_btn = QPushButton()
        self.back_btn.clicked.connect(self.back.emit)
        self.labels = {k: QLabel() for k in ("lang", "autolock", "recipients", "keys")}
        for lab in self.labels.values():
            lab.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.labels["lang"], self.lang)
        form.addRow(self.labels["autolock"], self.autolock)
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addLayout(form)
        left.addWidget(self.labels["recipients"])
        left.addWidget(self.recipients)
        left.addWidget(self.recipient_path)
        rrow = QHBoxLayout()
        rrow.addWidget(self.save_recipients)
        rrow.addWidget(self.recipients_msg, 1)
        left.addLayout(rrow)
        left.addWidget(self.labels["keys"])
        left.addWidget(self.fingerprints)
        left.addWidget(self.copy_btn)
        left.addStretch(1)
        left.addWidget(self.back_btn)
        right = QVBoxLayout()
        right.addWidget(self.pass_box)
        right.addWidget(self.wipe_box)
        right.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addLayout(right, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.left = 0
        self.retranslate_ui()

    def load(self) -> None:
        self.lang.setCurrentIndex(list(i18n.LANGUAGES).index(i18n.language()))
        self.autolock.blockSignals(True)
        self.autolock.setValue(AUTOLOCK_MINUTES.get(self.core.setting))
        self.autolock.blockSignals(False)
        self.show_recipients()
        ed, cert = self.core.fingerprints()
        self.fingerprints.setText(f"Ed25519: {ed}\nX.509: {cert}")

    def retranslate_ui(self) -> None:
        self.title.setText(_(T["title"]))
        for key, lab in self.labels.items():
            lab.setText(_(T[key]))
        self.labels["autolock"].setText(_(T["autolock"]).format(limit=AUTOLOCK_MINUTES.maximum))
        self.autolock.setSuffix(_(T["minutes"]))
        self.save_recipients.setText(_(T["save_recipients"]))
        self.recipient_path.setPlaceholderText(_(T["recipient_path"]))
        if self.core.unlocked:
            self.show_recipients()
        self.copy_btn.setText(_(T["copy"]))
        self.pass_box.setTitle(_(T["pass_box"]))
        for lab, key in zip(self.pass_labels, ("old", "new", "again")):
            lab.setText(_(T[key]))
        self.change_btn.setText(_(T["change"]))
        self.wipe_box.setTitle(_(T["wipe_box"]))
        self.wipe_text.setText(_(T["wipe_text"]))
        self.wipe_btn.setText(_(T["wipe"]))
        self.cancel_btn.setText(_(T["cancel"]))
        self.back_btn.setText(_(T["back"]))
        if self.timer.isActive():
            self.countdown.setText(_(T["counting"]).format(seconds=self.left))

    def _set_lang(self, _i: int) -> None:
        code = self.lang.currentData()
        i18n.set_language(code)
        if self.core.unlocked:
            UI_LANGUAGE.put(self.core.set_setting, code)

    def _set_autolock(self, minutes: int) -> None:
        if self.core.unlocked:
            AUTOLOCK_MINUTES.put(self.core.set_setting, minutes)

    def show_recipients(self) -> None:
        rows = self.core.recipients() if self.core.unlocked else []
        self.recipients.setText("\n".join(_(T["recipient_row"]).format(label=label, fingerprint=fp)
                                          for label, fp in rows) or _(T["no_recipients"]))

    def _save_recipients(self) -> None:
        path = self.recipient_path.text().strip()
        if not path:
            return
        try:
            self.core.add_recipient(path)
        except Exception as err:  # noqa: BLE001 - a coded error is shown in words; anything else by its kind
            self.recipients_msg.setText(err.message(_) if hasattr(err, "message") else type(err).__name__)
            return
        self.recipient_path.clear()
        self.recipients_msg.setText(_(T["added"]) + (
            "\n" + _(T["sealed"]).format(count=self.core.sealed_waiting) if self.core.sealed_waiting else ""))
        self.show_recipients()

    def _copy(self) -> None:
        text = self.fingerprints.text()
        clipboard = QApplication.clipboard()
        clipboard.setText(text)
        self.clipboard_set.emit(text)
        self.recipients_msg.setText(_(T["copied"]))

    def _change(self) -> None:
        old, new1, new2 = self.old.text(), self.new1.text(), self.new2.text()
        for f in (self.old, self.new1, self.new2):
            f.clear()
        if new1 != new2:
            self.pass_msg.setText(_(T["mismatch"]))
            return
        self.change_btn.setEnabled(False)
        tasks.run(lambda: self.core.change_passphrase(old, new1), self._changed, self._change_failed)

    def _changed(self, _r: object) -> None:
        self.change_btn.setEnabled(True)
        self.pass_msg.setText(_(T["changed"]))

    def _change_failed(self, err: BaseException) -> None:
        self.change_btn.setEnabled(True)
        self.pass_msg.setText(err.message(_) if hasattr(err, "message") else type(err).__name__)

    # -- quick wipe ---------------------------------------------------------------------------------
    def start_wipe(self) -> None:
        self.left = WIPE_SECONDS
        self.wipe_btn.setEnabled(False)
        self.cancel_btn.show()
        self.cancel_btn.setFocus()
        self.countdown.show()
        self.countdown.setText(_(T["counting"]).format(seconds=self.left))
        self.timer.start()

    def cancel_wipe(self) -> None:
        if not self.timer.isActive():
            return
        self.timer.stop()
        self.cancel_btn.hide()
        self.wipe_btn.setEnabled(True)
        self.countdown.setText(_(T["cancelled"]))

    def wiping(self) -> bool:
        return self.timer.isActive()

    def _tick(self) -> None:
        self.left -= 1
        if self.left > 0:
            self.countdown.setText(_(T["counting"]).format(seconds=self.left))
            return
        self.timer.stop()
        self.core.wipe()
        self.wiped.emit()

    def clear_sensitive(self) -> None:
        self.timer.stop()
        for f in (self.old, self.new1, self.new2):
            f.clear()
        self.recipients.clear()
        self.recipient_path.clear()
        self.fingerprints.clear()
