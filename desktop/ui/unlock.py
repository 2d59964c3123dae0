"""Unlock: the passphrase field and nothing else of the vault; the delay after wrong tries counts down."""

from __future__ import annotations

from collections.abc import Callable

from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.qt import QHBoxLayout, QLineEdit, QPushButton, Qt, QTimer, QVBoxLayout, QWidget, Signal

TITLE = N_("Unlock Voluntas")
PROMPT = N_("Passphrase")
BUTTON = N_("Unlock (Enter)")
WAIT = N_("Too many wrong tries. You can try again in {seconds} seconds.")
WRONG = N_("That passphrase did not open the vault. Check the keyboard language and Caps Lock.")
WORKING = N_("Opening the vault...")
DEMO = N_("Demo vault: fictional cases only. Press Enter to unlock.")
WAIT_TIP = N_("Unlock is not available during the wait after wrong tries.")


class UnlockPage(Page):
    unlocked = Signal()

    def __init__(self, unlock: Callable[[str], object], remaining: Callable[[], int], demo_passphrase: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unlock, self._remaining, self._demo = unlock, remaining, demo_passphrase
        self.title = heading(1)
        self.prompt = wrapped()
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMinimumWidth(420)
        self.field.returnPressed.connect(self.submit)
        self.button = QPushButton()
        self.button.clicked.connect(self.submit)
        self.message = banner("warn")
        self.message.hide()
        self.demo_note = banner("info")
        self.demo_note.setVisible(demo_passphrase is not None)
        box = QVBoxLayout()
        box.addStretch(2)
        for w in (self.title, self.demo_note, self.prompt, self.field, self.button, self.message):
            box.addWidget(w)
        box.addStretch(3)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box, 2)
        outer.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self._error: str | None = None
        self._wait = 0
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_(TITLE))
        self.prompt.setText(_(PROMPT))
        self.button.setText(_(BUTTON))
        self.demo_note.setText(_(DEMO))
        self.show_state()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt name
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(60, self.tick)  # after the first paint: reading the counter loads the vault code
        super().showEvent(event)  # type: ignore[arg-type]

    def tick(self) -> None:
        self._wait = self._remaining()
        self.show_state()

    def show_state(self) -> None:
        wait = self._wait
        if wait > 0:
            self.message.setText(_(WAIT).format(seconds=wait))
            self.message.show()
            self.button.setEnabled(False)
            self.button.setToolTip(_(WAIT_TIP))
            if not self.timer.isActive():
                self.timer.start()
            return
        self.timer.stop()
        self.button.setEnabled(True)
        self.button.setToolTip("")
        if self._error:
            self.message.setText(_(self._error))
            self.message.show()
        else:
            self.message.hide()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        secret = self.field.text()
        if self._demo is not None and not secret:
            secret = self._demo
        self.field.clear()
        self.button.setEnabled(False)
        self.message.setText(_(WORKING))
        self.message.show()
        tasks.run(lambda: self._unlock(secret), self._done, self._failed)

    def _done(self, _vault: object) -> None:
        self._error = None
        self.message.hide()
        self.button.setEnabled(True)
        self.unlocked.emit()

    def _failed(self, err: BaseException) -> None:
        code = getattr(err, "code", "")
        if code == "V004":
            self._error = None
        elif code in ("V003", "V008"):
            self._error = WRONG
        else:
            self._error = None
            self.message.setText(err.message(_) if hasattr(err, "message") else type(err).__name__)
            self.message.show()
            self.button.setEnabled(True)
            return
        self.tick()

    def clear_sensitive(self) -> None:
        self.field.clear()
