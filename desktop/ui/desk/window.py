"""The legal desk's window: unlock, then inbox, cases, a case, interviewer keys. Keyboard first (every
screen has its key, shown on its button), auto-lock after 5 idle minutes and on minimize, like the
field window; the title never names a case. Session screens exist only while the desk is unlocked."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop import i18n
from desktop.core.languages import LANGUAGES, NATIVE_NAMES
from desktop.core.settings import AUTOLOCK_MINUTES
from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.activity import ActivityFilter
from desktop.ui.base import banner, language_hub
from desktop.ui.qt import (
    QComboBox,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QMainWindow,
    QPushButton,
    QShortcut,
    QStackedWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.unlock import UnlockPage

if TYPE_CHECKING:
    from desktop.desk_app import DeskCore

AUTOLOCK_SECONDS = 60 * AUTOLOCK_MINUTES.default  # the desk has no settings page
TITLE = "Voluntas"
NAV = (("inbox", N_("Inbox (Ctrl+1)"), "Ctrl+1"), ("cases", N_("Cases (Ctrl+2)"), "Ctrl+2"),
       ("keys", N_("Interviewer keys (Ctrl+3)"), "Ctrl+3"))
LOCK = N_("Lock (Ctrl+L)")
DESK = N_("Legal desk")
KEYS = N_("Keys: Ctrl+1 inbox, Ctrl+2 cases, Ctrl+3 keys, Enter opens, Esc goes back, Ctrl+Enter signs off, "
          "Ctrl+L locks.")
class DeskWindow(QMainWindow):
    def __init__(self, core: DeskCore, idle_clock: Callable[[], float] | None = None,
                 opener: Callable[[Any], None] | None = None) -> None:

        super().__init__()
        self.core, self.opener = core, opener
        self.idle_clock = idle_clock or time.monotonic
        self.last_activity = self.idle_clock()
        self.setWindowTitle(TITLE)
        self.resize(1280, 800)
        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(10, 8, 10, 8)
        self.nav = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, _label, _shortcut in NAV:
            button = QPushButton()
            button.clicked.connect(self._goer(key))
            self.buttons[key] = button
            self.nav.addWidget(button)
        self.nav.addStretch(1)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(NATIVE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, LANGUAGES.index(i18n.language())))
        self.language.currentIndexChanged.connect(lambda _i: i18n.set_language(str(self.language.currentData())))
        self.lock_button = QPushButton()
        self.lock_button.clicked.connect(self.lock)
        self.nav.addWidget(self.language)
        self.nav.addWidget(self.lock_button)
        col.addLayout(self.nav)
        self.stack = QStackedWidget()
        col.addWidget(self.stack, 1)
        self.keys_line = banner("info")
        col.addWidget(self.keys_line)
        self.setCentralWidget(central)
        self.unlock_page = UnlockPage(core.unlock, core.remaining_delay, core.demo_passphrase)
        self.unlock_page.unlocked.connect(self.on_unlocked)
        self.stack.addWidget(self.unlock_page)
        self.pages: dict[str, Any] = {}
        keys: list[tuple[str, Callable[[], None]]] = [(s, self._goer(k)) for k, _l, s in NAV]
        keys += [("Ctrl+L", self.lock), ("Esc", self.escape), ("Ctrl+Return", self.sign_key)]
        for seq, fn in keys:
            QShortcut(QKeySequence(seq), self).activated.connect(fn)
        self.activity = ActivityFilter(self)
        QCoreApplication.instance().installEventFilter(self.activity)  # type: ignore[union-attr]
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start()
        language_hub().changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.show_nav(False)

    def _goer(self, key: str) -> Callable[[], None]:
        return lambda: self.go(key)

    def retranslate_ui(self, _lang: str = "") -> None:
        for key, label, _shortcut in NAV:
            self.buttons[key].setText(_(label))
        self.lock_button.setText(_(LOCK))
        self.keys_line.setText(_(DESK) + ". " + _(KEYS))

    def show_nav(self, on: bool) -> None:
        for b in (*self.buttons.values(), self.lock_button):
            b.setVisible(on)

    # -- session ------------------------------------------------------------------------------
    def on_unlocked(self) -> None:
        from desktop.ui.desk.case import CasePage
        from desktop.ui.desk.cases import CasesPage
        from desktop.ui.desk.inbox import InboxPage
        from desktop.ui.desk.keys import KeysPage

        self.last_activity = self.idle_clock()
        inbox, cases, keys = InboxPage(self.core), CasesPage(self.core), KeysPage(self.core)
        case = CasePage(self.core, self.opener) if self.opener else CasePage(self.core)
        from desktop.ui.desk.linking import LinkSection

        case.add_section(LinkSection(self.core, lambda: case.load(case.case_code)))
        inbox.received.connect(cases.refresh)
        cases.opened.connect(self.open_case)
        case.back.connect(lambda: self.go("cases"))
        self.pages = {"inbox": inbox, "cases": cases, "case": case, "keys": keys}
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.show_nav(True)
        self.go("cases")

    def go(self, key: str) -> None:
        page = self.pages.get(key)
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        if key == "cases":
            page.refresh()
            page.focus_list()
        elif key == "keys":
            page.refresh()

    def open_case(self, code: str) -> None:
        self.pages["case"].load(code)
        self.go("case")

    def escape(self) -> None:
        if self.stack.currentWidget() is self.pages.get("case"):
            self.go("cases")

    def sign_key(self) -> None:
        if self.stack.currentWidget() is self.pages.get("case"):
            self.pages["case"].sign()

    def lock(self) -> None:
        """Close the desk vault and forget every screen that held case text."""
        tasks.wait()
        self.core.lock()
        self.stack.setCurrentWidget(self.unlock_page)
        for page in self.pages.values():
            page.clear_sensitive()
            self.stack.removeWidget(page)
            page.hide()
            page.setParent(None)
            page.deleteLater()
        self.pages = {}
        self.show_nav(False)
        self.unlock_page.clear_sensitive()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # -- auto-lock ----------------------------------------------------------------------------
    def touch(self) -> None:
        self.last_activity = self.idle_clock()

    def check_idle(self) -> None:
        if self.core.unlocked and self.idle_clock() - self.last_activity >= AUTOLOCK_SECONDS:
            self.lock()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized() and self.core.unlocked:
            self.lock()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        self.lock()
        QCoreApplication.instance().removeEventFilter(self.activity)  # type: ignore[union-attr]
        super().closeEvent(event)
