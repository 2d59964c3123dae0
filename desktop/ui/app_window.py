"""The main window: one stack of screens, the shortcuts that work everywhere, and auto-lock.

The title is always "Voluntas": never a case code. Session screens (cases, case, interview, review,
settings, captive view) exist only while the vault is open; lock destroys them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop import i18n
from desktop.core.settings import AUTOLOCK_MINUTES, UI_LANGUAGE
from desktop.i18n import N_, _
from desktop.ui import preview, qt_translations, tasks, theme
from desktop.ui.activity import ActivityFilter
from desktop.ui.base import Page, banner, language_hub
from desktop.ui.bus_bridge import BusBridge
from desktop.ui.firstrun import FirstRunPage
from desktop.ui.help import HelpPage
from desktop.ui.qt import (
    QApplication,
    QCoreApplication,
    QEvent,
    QGuiApplication,
    QKeySequence,
    QMainWindow,
    QShortcut,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.unlock import UnlockPage

if TYPE_CHECKING:
    from desktop.facade import Core

if TYPE_CHECKING:  # the session screens load after unlock, so the unlock window appears sooner
    from desktop.ui.captive import CaptiveView
    from desktop.ui.case import CasePage
    from desktop.ui.cases import CasesPage
    from desktop.ui.interview.page import InterviewPage
    from desktop.ui.review import ReviewPage
    from desktop.ui.settings import SettingsPage

FRAME = (16, 48)  # room for a window manager's frame and title bar (pixels)

TITLE = "Voluntas"
FAST_KDF = N_("Test vault (fast key derivation): for training only, not for real interviews.")


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("voluntas")
        QCoreApplication.setApplicationName("voluntas")
        app = QApplication(argv or ["voluntas"])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName("")
    theme.apply(app)
    qt_translations.apply()
    return app


class MainWindow(QMainWindow):
    def __init__(self, core: Core, idle_clock: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.core = core
        self.idle_clock = idle_clock or time.monotonic
        self.last_activity = self.idle_clock()
        self.points = theme.BASE_POINTS
        self.clipboard_text: str | None = None
        self.setWindowTitle(TITLE)
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        self.fit_screen(avail)
        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(10, 8, 10, 8)
        self.kdf_banner = banner("warn")
        self.kdf_banner.hide()
        col.addWidget(self.kdf_banner)
        self.stack = QStackedWidget()
        col.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.unlock_page = UnlockPage(core.unlock, core.remaining_delay, core.demo_passphrase)
        self.unlock_page.unlocked.connect(self.on_unlocked)
        self._firstrun: FirstRunPage | None = None  # built when needed: it loads the strength estimator
        self.help_page = HelpPage()
        self.help_page.closed.connect(self.close_help)
        for p in (self.unlock_page, self.help_page):
            self.stack.addWidget(p)
        self.session_pages: list[Page] = []
        self.cases: CasesPage | None = None
        self.case: CasePage | None = None
        self.interview: InterviewPage | None = None
        self.review: ReviewPage | None = None
        self.settings: SettingsPage | None = None
        self.captive: CaptiveView | None = None
        self._before_help: QWidget | None = None
        self._geometry: tuple[Any, Any] | None = None  # (saveGeometry, windowState) before the captive view
        self.activity = ActivityFilter(self)  # installed on the native window in showEvent: input only
        self._filtering = False
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start()
        keys = [("F1", self.toggle_help), ("Ctrl+L", self.lock), ("Ctrl+,", self.show_settings),
                ("Ctrl+Shift+Del", self.quick_wipe),
                ("Ctrl++", lambda: self.scale(1)), ("Ctrl+=", lambda: self.scale(1)),
                ("Ctrl+-", lambda: self.scale(-1)), ("Esc", self.escape), ("Ctrl+N", self.new_interview_key),
                ("Ctrl+F", self.search_key),
                ("Ctrl+Shift+T", lambda: self.core.unlocked or preview.open_in(self, self.core.preview_source()))]

        self.shortcuts = []
        for seq, slot in keys:
            sc = QShortcut(QKeySequence(seq), self)
            sc.activated.connect(slot)
            self.shortcuts.append(sc)
        language_hub().changed.connect(self.retranslate_ui)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # suspend (and a locked screen session) lock too
            app.applicationStateChanged.connect(self.on_app_state)
        self.events = BusBridge(core.bus, self)
        self.events.announced.connect(self.on_core_event)
        if core.unlocked:
            self.on_unlocked()
        elif core.exists():
            self.stack.setCurrentWidget(self.unlock_page)
            QTimer.singleShot(250, lambda: tasks.background(core.warm_up))  # after the first paint
            QTimer.singleShot(900, self.prebuild)
        else:
            self.stack.setCurrentWidget(self.firstrun_page)
        self.retranslate_ui()

    def fit_screen(self, avail: Any) -> None:
        """1280x800 where the screen allows; on a small one (1366x768) the whole window, title bar and frame
        included, stays inside the usable area so the bottom row (Next, Finalize) is never under the edge."""
        if avail is None:
            self.resize(1280, 800)
            return
        w, h = min(1280, avail.width() - FRAME[0]), min(800, avail.height() - FRAME[1])
        self.resize(w, h)
        self.move(avail.x() + (avail.width() - w - FRAME[0]) // 2, avail.y() + (avail.height() - h - FRAME[1]) // 2)

    @property
    def firstrun_page(self) -> FirstRunPage:
        if self._firstrun is None:
            self._firstrun = FirstRunPage(self.core.estimate, self.core.create, self.core.fingerprints)
            self._firstrun.created.connect(self.on_unlocked)
            self.stack.addWidget(self._firstrun)
        return self._firstrun

    # -- language, scale, help ---------------------------------------------------------------------
    def retranslate_ui(self, _lang: str = "") -> None:
        if _lang:
            qt_translations.apply(_lang)
        self.setWindowTitle(TITLE)
        self.kdf_banner.setText(_(FAST_KDF))

    def scale(self, step: int) -> None:  # allowed in the captive view too: larger type helps him
        self.points = max(9, min(24, self.points + step))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply(app, self.points)

    def toggle_help(self) -> None:
        if self.stack.currentWidget() is self.help_page:
            self.close_help()
        elif self.stack.currentWidget() is not self.captive:
            self._before_help = self.stack.currentWidget()
            self.stack.setCurrentWidget(self.help_page)

    def close_help(self) -> None:
        self.stack.setCurrentWidget(self._before_help or self.unlock_page)

    def escape(self) -> None:
        here = self.stack.currentWidget()
        if here is self.help_page:
            self.close_help()
        elif self.settings is not None and here is self.settings:
            if self.settings.wiping():
                self.settings.cancel_wipe()
            else:
                self.show_cases()
        elif self.case is not None and here is self.case:
            self.show_cases()
        elif self.review is not None and here is self.review:
            if self.review.read_only and self.interview is not None:
                self.show_case(self.interview.case_id)
            else:
                self.show_interview()

    # -- unlock / lock ------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        """Watch input on the native window: every key, click, wheel and touch passes there first, and
        nothing else (an application-wide filter would run Python for each of thousands of layout events)."""
        handle = self.windowHandle()
        if handle is not None and not self._filtering:
            handle.installEventFilter(self.activity)
            self._filtering = True
        super().showEvent(event)

    def prebuild(self) -> None:
        """Build the (empty) session screens while the unlock screen waits, so unlocking shows them at once."""
        if not self.session_pages and self.stack.currentWidget() is self.unlock_page:
            self._build_session_pages()

    def on_unlocked(self) -> None:
        self.last_activity = self.idle_clock()
        lang = UI_LANGUAGE.get(self.core.setting)
        if lang is not None and lang != i18n.language():
            i18n.set_language(lang)
        if not self.session_pages:
            self._build_session_pages()
        assert self.cases is not None
        self.cases.set_notices(self.core.fast_kdf(), self.core.is_demo)
        self.kdf_banner.setVisible(self.core.fast_kdf() and not self.core.is_demo)
        self.show_cases()
        self.cases.say_sealed(self.core.sealed_waiting)

    def _build_session_pages(self) -> None:
        from desktop.ui.captive import CaptiveView
        from desktop.ui.case import CasePage
        from desktop.ui.cases import CasesPage
        from desktop.ui.interview.page import InterviewPage
        from desktop.ui.review import ReviewPage
        from desktop.ui.settings import SettingsPage

        self.cases = CasesPage(lambda: self.core.list_interviews())
        self.cases.open_case.connect(self.show_case)
        self.cases.start_interview.connect(self.start_interview)
        self.case = CasePage()
        self.case.back.connect(self.show_cases)
        self.case.open_interview.connect(self.open_interview)
        self.case.new_interview.connect(lambda cid: self.start_interview(cid, "ko", i18n.language()))
        self.interview = InterviewPage(self.core)
        self.interview.want_review.connect(self.show_review)
        self.interview.want_captive.connect(self.show_captive)
        self.interview.stopped.connect(lambda: self.show_case(self.interview.case_id if self.interview else ""))
        self.review = ReviewPage(self.core)
        self.review.back.connect(self.escape)
        self.review.want_question.connect(self.jump_to_question)
        self.review.finalized.connect(lambda: QTimer.singleShot(900, self.after_finalize))
        self.settings = SettingsPage(self.core)
        self.settings.back.connect(self.show_cases)
        self.settings.wiped.connect(self.on_wiped)
        self.settings.clipboard_set.connect(self._clipboard_set)
        self.captive = CaptiveView()
        self.captive.leave.connect(self.leave_captive)
        self.captive.picked.connect(self.captive_picked)
        self.session_pages = [self.cases, self.case, self.interview, self.review, self.settings, self.captive]
        for p in self.session_pages:
            self.stack.addWidget(p)

    def lock(self) -> None:
        """Close the vault and forget every widget that held interview text, and our clipboard."""
        if not self.core.unlocked and (not self.session_pages or self.stack.currentWidget() is self.unlock_page):
            return
        if self.interview is not None and self.interview.session is not None and self.core.unlocked:
            try:
                self.interview.commit_current()  # a valid answer in the field is saved, not lost
                self.interview.save_note()
            except Exception:  # noqa: S110 - locking must never be blocked by a save problem
                pass
        tasks.wait()
        self.core.lock()
        if self.isFullScreen():
            self.showNormal()
        self.stack.setCurrentWidget(self.unlock_page)
        for p in self.session_pages:
            p.clear_sensitive()
            self.stack.removeWidget(p)
            p.hide()
            p.setParent(None)
            p.deleteLater()
        self.session_pages = []
        self.cases = self.case = self.interview = self.review = self.settings = self.captive = None
        self._before_help = None
        self.unlock_page.clear_sensitive()
        if self._firstrun is not None:
            self._firstrun.clear_sensitive()
        self._clear_clipboard()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.kdf_banner.hide()
        QTimer.singleShot(3000, self.prebuild)

    def _clipboard_set(self, text: str) -> None:
        self.clipboard_text = text

    def _clear_clipboard(self) -> None:
        if self.clipboard_text is None:
            return
        clipboard = QApplication.clipboard()
        if clipboard.text() == self.clipboard_text:
            clipboard.clear()
        self.clipboard_text = None

    def on_wiped(self) -> None:
        self.lock()
        self.stack.setCurrentWidget(self.firstrun_page)

    # -- auto-lock ----------------------------------------------------------------------------------
    def touch(self) -> None:
        self.last_activity = self.idle_clock()

    def autolock_seconds(self) -> int:
        return 60 * AUTOLOCK_MINUTES.get(self.core.setting)

    def check_idle(self) -> None:
        if self.core.unlocked and self.idle_clock() - self.last_activity >= self.autolock_seconds():
            self.lock()

    def on_app_state(self, state: Any) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self.core.unlocked:
            self.lock()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized() and self.core.unlocked:
            self.lock()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        self.lock()
        self.events.close()
        super().closeEvent(event)

    def on_core_event(self, name: str, payload: dict[str, Any]) -> None:
        """The core announced something: the saved mark, or a lock that did not start in this window."""
        if name == "answer.saved" and self.interview is not None:
            self.interview.on_saved(str(payload.get("interview_id")), str(payload.get("question_id")))
        elif name == "vault.locked" and self.session_pages and not self.core.unlocked:
            QTimer.singleShot(0, self.lock)

    # -- navigation ---------------------------------------------------------------------------------
    def show_cases(self) -> None:
        if self.cases is None:
            return
        self.cases.reload()
        self.stack.setCurrentWidget(self.cases)
        self.cases.list.setFocus()

    def show_case(self, case_id: str) -> None:
        if self.case is None or self.cases is None:
            return
        self.cases.reload()
        rows = [r for r in self.core.list_interviews() if r.case_id == case_id]
        if not rows:
            self.show_cases()
            return
        self.case.show_case(case_id, rows[0].case_code, rows)
        self.stack.setCurrentWidget(self.case)

    def captive_shown(self) -> bool:
        """While the screen faces the captive, only lock and the leave combination do anything."""
        return self.captive is not None and self.stack.currentWidget() is self.captive

    def show_settings(self) -> None:
        if self.settings is None or self.captive_shown():
            return
        self.settings.load()
        self.stack.setCurrentWidget(self.settings)
        self.settings.lang.setFocus()

    def quick_wipe(self) -> None:
        """Ctrl+Shift+Delete from any screen of an open vault: Settings with the wipe countdown (Esc cancels)."""
        if self.settings is None or not self.core.unlocked:
            return
        if self.captive_shown():
            self.leave_captive()
        if self.interview is not None and self.interview.session is not None:
            self.interview.commit_current()
        self.settings.load()
        self.stack.setCurrentWidget(self.settings)
        if not self.settings.wiping():
            self.settings.start_wipe()

    def new_interview_key(self) -> None:
        if self.captive_shown():
            return
        here = self.stack.currentWidget()
        if self.case is not None and here is self.case:
            self.case.new_interview.emit(self.case.case_id)
        elif self.cases is not None:
            self.show_cases()
            self.cases.focus_new()

    def search_key(self) -> None:
        if self.cases is not None and self.stack.currentWidget() is self.cases:
            self.cases.focus_search()

    def start_interview(self, case_ref: str, captive_lang: str, interviewer_lang: str) -> None:
        problem = self.core.language_problem(captive_lang)
        if problem is not None and self.cases is not None:
            self.cases.problem.setText(problem)
            return
        case_id = case_ref
        if case_ref.startswith("new:"):
            case_id = self.core.new_case(case_ref[4:])
        iid = self.core.new_interview(case_id, captive_lang, interviewer_lang)
        self.open_interview(iid)
        page = self.interview
        code = case_ref[4:] if case_ref.startswith("new:") else self.cases.case_code(case_id) if self.cases else ""
        if page is not None and page.run is not None and page.run.fill_case_reference(code):
            page.show_current()

    def open_interview(self, interview_id: str) -> None:
        if self.interview is None:
            return
        row = next(r for r in self.core.list_interviews() if r.id == interview_id)
        if row.state != "draft":
            self.interview.open(row.id, row.case_id, row.interview_date, row.captive_lang, row.interviewer_lang)
            if self.review is not None:
                self.review.show_for(self.interview, read_only=True)
                self.stack.setCurrentWidget(self.review)
            return
        self.interview.open(row.id, row.case_id, row.interview_date, row.captive_lang, row.interviewer_lang)
        self.show_interview()

    def show_interview(self) -> None:
        if self.interview is None:
            return
        self.stack.setCurrentWidget(self.interview)
        if self.interview.widget is not None:
            self.interview.widget.focus_first()

    def after_finalize(self) -> None:
        """The record is closed (and maybe sealed): drop its text from the window, show its case."""
        if self.interview is None or self.review is None or not self.core.unlocked:
            return  # locked while finalize ran: lock() has already cleared the window
        case_id = self.interview.case_id
        self.review.clear_sensitive()
        self.interview.clear_sensitive()
        self.show_case(case_id)

    def jump_to_question(self, qid: str) -> None:
        """From the review: that question in the interview, to change its answer."""
        page = self.interview
        if page is None or page.session is None or qid not in page.session.navigable():
            return
        page.session.current = qid
        page.show_current()
        self.show_interview()

    def show_review(self) -> None:
        if self.review is None or self.interview is None:
            return
        self.review.show_for(self.interview)
        self.stack.setCurrentWidget(self.review)

    # -- captive view -------------------------------------------------------------------------------
    def show_captive(self) -> None:
        if self.captive is None or self.interview is None or self.interview.session is None:
            return
        self.interview.commit_current()
        from desktop.ui.captive import captive_content

        self._geometry = (self.geometry(), self.windowState())  # restored exactly on leaving
        self.captive.show_content(captive_content(self.interview))
        self.stack.setCurrentWidget(self.captive)
        self.kdf_banner.hide()
        self.showFullScreen()
        self.captive.setFocus()

    def captive_picked(self, n: int) -> None:
        if self.interview is None or self.captive is None:
            return
        from desktop.ui.captive import captive_content

        page = self.interview
        several = page.session is not None and page.session.current is not None \
            and page.form.questions[page.session.current].type == "select_multiple"
        page.choose(n)
        if not several:  # with several answers he may point again; the interviewer moves on with Enter outside
            page.go_next()
        self.captive.show_content(captive_content(page))

    def leave_captive(self) -> None:
        geometry, state = self._geometry or (None, Qt.WindowState.WindowNoState)
        self.showNormal()
        if geometry is not None:
            self.setWindowState(state)
            if not state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
                self.setGeometry(geometry)  # not restoreGeometry: it moves and shrinks a window to its liking
        self._geometry = None
        self.kdf_banner.setVisible(self.core.fast_kdf() and not self.core.is_demo)
        self.show_interview()
