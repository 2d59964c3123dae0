"""The interview: sections at the side, the question card in the centre, the live evaluation at the right.

The flow is the core's Session (house rule 6); this page shows `session.current` and calls answer/next/back/
jump. The record's own rules (resume, notes, minimal record, pause, languages, re-consent) are the core's
Interview (desktop/core/interview.py), opened through the facade. Each answer is committed as its field is
left; the saved mark turns on only after the commit returned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.core.errors import VoluntasError
from desktop.core.forms.session import CONSTRAINT, Problem
from desktop.i18n import _
from desktop.ui.base import Page, banner
from desktop.ui.evaluation import EvaluationPanel
from desktop.ui.interview import keys, widgets
from desktop.ui.interview.card import QuestionCard
from desktop.ui.interview.header import Header
from desktop.ui.interview.pause import PauseBar
from desktop.ui.interview.side import SideColumn
from desktop.ui.interview.textlimit import TextLimit
from desktop.ui.interview.texts import REASONS, T
from desktop.ui.interview.widgets import AnswerWidget, BadInput
from desktop.ui.qt import (
    QComboBox,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from desktop.core.forms.session import Session
    from desktop.core.interview import Interview
    from desktop.facade import Core, FormText


class InterviewPage(Page):
    want_review = Signal()
    want_captive = Signal()
    stopped = Signal()
    answer_saved = Signal(str)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.form = core.form()
        self.run: Interview | None = None  # the open record (desktop.core.interview): the rules live there
        self._asked = ("", "", "", "ko", "en")  # what open() was last given, while no record is open
        self.widget: AnswerWidget | None = None
        self.stop_applied = False
        self.digits = keys.Digits()
        self._build()
        self.eval_timer = QTimer(self)
        self.eval_timer.setSingleShot(True)
        self.eval_timer.setInterval(300)  # while he is answering quickly, redraw when the pace drops
        self.eval_timer.timeout.connect(self.evaluate)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self.tick)
        self.retranslate_ui()

    # -- construction -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = header = Header()
        self.clock, self.stop_btn = header.clock, header.stop_btn
        self.captive_combo, self.interviewer_combo = header.captive_combo, header.interviewer_combo
        self.captive_combo.activated.connect(lambda _i: self.set_captive_lang(self.captive_combo.currentData()))
        self.interviewer_combo.activated.connect(
            lambda _i: self.set_interviewer_lang(self.interviewer_combo.currentData()))
        self.captive_btn, self.review_btn, self.eval_btn = QPushButton(), QPushButton(), QPushButton()
        self.captive_btn.clicked.connect(self.want_captive.emit)
        self.review_btn.clicked.connect(self.review)
        self.eval_btn.clicked.connect(self.toggle_evaluation)
        self.stop_btn.clicked.connect(self.stop)
        self.side = SideColumn(self.eval_btn)  # left: sections and gates
        self.sections = self.side.sections
        self.sections.itemActivated.connect(self._jump)  # Enter
        self.sections.itemClicked.connect(self._jump)  # one click
        # centre: the question card
        centre = QWidget()
        ccol = QVBoxLayout(centre)
        self.alert, self.stop_banner = banner("stop"), banner("stop")
        self.alert.hide()
        self.stop_banner.hide()
        self.stop_apply = QPushButton()
        self.stop_apply.hide()
        self.stop_apply.clicked.connect(self.apply_minimal_record)
        self.pause_bar = PauseBar()
        self.pause_bar.confirmed.connect(self.pause)
        self.question = QuestionCard()
        q = self.question
        self.section_title, self.progress, self.captive_text = q.section_title, q.progress, q.captive_text
        self.interviewer_text, self.hint, self.unreviewed, self.meta = q.interviewer_text, q.hint, q.unreviewed, q.meta
        self.answer_host, self.problem = q.answer_host, q.problem
        self.saved = QLabel()
        self.note_btn = QPushButton()
        self.note_btn.setCheckable(True)
        self.note_btn.toggled.connect(self._toggle_note)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(110)
        self.note.hide()
        self.note_limit = TextLimit(self.note)  # a note has the answer's limit, with the same counter
        self.note_filter = keys.NoteFilter(self)
        self.note.installEventFilter(self.note_filter)
        self.back_btn, self.next_btn = QPushButton(), QPushButton()
        self.back_btn.clicked.connect(self.go_back)
        self.next_btn.clicked.connect(self.go_next)
        tools, nav = QHBoxLayout(), QHBoxLayout()
        for w in (self.note_btn, self.captive_btn, self.review_btn):
            tools.addWidget(w)
        tools.addStretch(1)
        nav.addWidget(self.back_btn)
        nav.addStretch(1)
        nav.addWidget(self.saved)
        nav.addWidget(self.next_btn)
        for part in (self.pause_bar, self.alert, self.stop_banner, self.stop_apply):
            ccol.addWidget(part)
        ccol.addWidget(self.question, 1)
        ccol.addWidget(self.note)
        ccol.addWidget(self.note_limit.label)
        ccol.addLayout(tools)
        ccol.addLayout(nav)
        self.panel = EvaluationPanel(self.form.id)
        split = QSplitter(Qt.Orientation.Horizontal)
        for i, (pane, stretch) in enumerate(((self.side, 1), (centre, 3), (self.panel, 2))):
            split.addWidget(pane)
            split.setStretchFactor(i, stretch)
        split.setChildrenCollapsible(True)
        split.setSizes([220, 640, 420])
        root = QVBoxLayout(self)
        root.addLayout(header)
        root.addWidget(split, 1)
        for b in (self.captive_btn, self.review_btn, self.eval_btn, self.stop_btn, self.back_btn, self.next_btn,
                  self.note_btn, self.stop_apply):
            b.setAutoDefault(True)
        self.shortcuts = keys.install(self, [
            ("Ctrl+Shift+S", self.stop), ("Ctrl+R", self.review), ("Ctrl+E", self.toggle_evaluation),
            ("Ctrl+M", self.note_btn.toggle), ("Alt+Left", self.go_back), ("PgUp", self.go_back),
            ("Alt+Right", self.go_next), ("PgDown", self.go_next), ("Ctrl+K", self.apply_minimal_record),
            ("Ctrl+Shift+C", lambda: self.cycle(self.captive_combo, self.set_captive_lang)),
            ("Ctrl+Shift+I", lambda: self.cycle(self.interviewer_combo, self.set_interviewer_lang)),
            ("Ctrl+J", self.sections.setFocus), ("F11", self.want_captive.emit),
        ])

    # -- the open record ----------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self.run.session if self.run is not None else None

    @property
    def interview_id(self) -> str:
        return self.run.id if self.run is not None else self._asked[0]

    @property
    def case_id(self) -> str:
        return self.run.case_id if self.run is not None else self._asked[1]

    @property
    def interview_date(self) -> str:
        return self.run.date if self.run is not None else self._asked[2]

    @property
    def captive_lang(self) -> str:
        return self.run.captive_lang if self.run is not None else self._asked[3]

    @property
    def interviewer_lang(self) -> str:
        return self.run.interviewer_lang if self.run is not None else self._asked[4]

    # -- life ---------------------------------------------------------------------------------------
    def open(self, interview_id: str, case_id: str, interview_date: str, captive_lang: str,
             interviewer_lang: str) -> None:
        self._asked = (interview_id, case_id, interview_date, captive_lang, interviewer_lang)
        try:  # where a resumed interview goes on is the core's rule
            self.run = self.core.open_interview(*self._asked)
        except VoluntasError as err:  # e.g. a closed record missing its session date: say so, change nothing
            self.run = None
            self.problem.setText(err.message(_))
            return
        self.stop_applied = False
        self.pause_bar.hide()
        self.collapse_panel_if_shared()
        self.header.show_langs(captive_lang, interviewer_lang)
        self.clock_timer.start()
        self.tick()
        self.show_current()
        self.evaluate()

    def tick(self) -> None:
        if self.run is None or not self.core.unlocked:
            return
        self.header.show_elapsed(self.run.elapsed_seconds())

    def retranslate_ui(self) -> None:
        self.header.retranslate_ui()
        self.captive_btn.setText(_(T["captive_view"]))
        self.review_btn.setText(_(T["review"]))
        self.eval_btn.setText(_(T["eval"]))
        self.back_btn.setText(_(T["back"]))
        self.next_btn.setText(_(T["next"]))
        self.note_btn.setText(_(T["note"]))
        self.note.setPlaceholderText(_(T["note_hint"]))
        self.stop_apply.setText(_(T["stop_apply"]))
        self.pause_bar.retranslate_ui()
        self.note_limit.retranslate()
        if self.session is not None:
            self.show_current(rebuild=False)

    # -- rendering ----------------------------------------------------------------------------------
    def texts(self) -> tuple[FormText, FormText]:
        return self.core.text(self.captive_lang), self.core.text(self.interviewer_lang)

    def show_current(self, rebuild: bool = True) -> None:
        s = self.session
        if s is None:
            return
        qid = s.current
        self.refresh_side()
        self.refresh_banners()
        if qid is None:
            self.captive_text.setText(_(T["end"]))
            return
        cap, intr = self.texts()
        self.question.show_question(self.form, s, qid, cap, intr)
        if rebuild or self.widget is None or self.widget.q.id != qid:
            self._replace_widget(self.form.questions[qid])
        assert self.widget is not None
        self.widget.set_texts(cap, intr)
        self.saved.setObjectName("saved" if qid in s.answers else "unsaved")
        self.saved.setText(_(T["saved"]) if qid in s.answers else _(T["not_saved"]))
        self.saved.setStyleSheet("")

    def _replace_widget(self, q: Any) -> None:
        old = self.widget
        if old is not None:
            self.answer_host.removeWidget(old)
            old.hide()
            old.deleteLater()
        assert self.run is not None
        w = widgets.make(self.form, q)
        w.set_value(self.run.session.answers.get(q.id))
        w.commit.connect(self.commit_current)
        w.advance.connect(self.go_next)
        self.answer_host.addWidget(w)
        self.widget = w
        self.problem.clear()
        note = self.run.note(q.id) if self.run is not None else ""
        self.note_limit.load(note)
        self.note_btn.blockSignals(True)
        self.note_btn.setChecked(bool(note))
        self.note_btn.blockSignals(False)
        self.note.setVisible(bool(note))
        self._tab_order(w)
        w.focus_first()

    def _tab_order(self, w: AnswerWidget) -> None:
        """Tab goes through the answer first, then Next, the note and the tools; Shift+Tab goes back."""
        inside = [c for c in w.findChildren(QWidget) if c.focusPolicy() & Qt.FocusPolicy.TabFocus]
        order = [*inside, self.next_btn, self.back_btn, self.note, self.note_btn, self.captive_btn,
                 self.review_btn, self.eval_btn, self.stop_btn, self.captive_combo, self.interviewer_combo]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

    def refresh_side(self) -> None:
        if self.session is not None:
            self.side.refresh(self.form, self.session, self.texts()[1])

    def refresh_banners(self) -> None:
        s = self.session
        assert s is not None
        self.alert.setText(_(T["self_harm"]))
        self.alert.setVisible("self_harm_referral" in s.alerts())
        reason = s.stop_reason
        if reason is None:
            self.stop_banner.hide()
            self.stop_apply.hide()
            return
        extra = self.extra_answers()
        why = _(REASONS[reason]) if reason in REASONS else reason
        text = _(T["stop_title"]).format(reason=why) + "\n"
        text += _(T["stop_done"]) if not extra else _(T["stop_body"]).format(removed=len(extra))
        self.stop_banner.setText(text)
        self.stop_banner.show()
        self.stop_apply.setVisible(bool(extra))

    def extra_answers(self) -> list[str]:
        return self.run.extra_answers() if self.run is not None else []

    # -- actions ------------------------------------------------------------------------------------
    def commit_current(self, refresh: bool = True) -> bool:
        """Save what the current widget holds, if it changed. False if it could not be saved.

        refresh=False when the caller redraws the page right after (going to the next question)."""
        w, s = self.widget, self.session
        if w is None or s is None or s.current is None or w.q.id != s.current:
            return True
        try:
            value = w.value()
        except BadInput as err:
            self.problem.setText(_(str(err.args[0])))
            return False
        qid = w.q.id
        if value == s.answers.get(qid) and (value is None or qid in s.answers):
            self.save_note()
            return True
        self.saved.setText(_(T["saving"]))
        try:
            outcome = s.answer(qid, value)  # on a failed commit the session keeps what is on disk
        except VoluntasError as err:
            self._show_unsaved(_(T["failed"]).format(reason=err.message(_)))
            return False
        if outcome.reconsent:
            self._reconsent()
            return False
        if not outcome.saved:
            self._show_unsaved(self._problems(outcome.problems))
            return False
        w.committed = value  # the saved mark itself follows the core's "answer.saved" (see on_saved)
        self.problem.setText(self._problems(outcome.problems))
        self.save_note()
        if refresh:
            self.refresh_side()
            self.refresh_banners()
        self.eval_timer.start()
        self.answer_saved.emit(qid)
        return True

    def on_saved(self, interview_id: str, qid: str) -> None:
        """The core announced a committed answer: only now may the page say "Saved"."""
        if self.session is not None and interview_id == self.interview_id and qid == self.session.current:
            self.saved.setObjectName("saved")
            self.saved.setText(_(T["saved"]))
            self.saved.setStyleSheet("")

    def _problems(self, problems: list[Problem]) -> str:
        """Each problem in the interviewer's language: a constraint in the form's translation of its question."""
        intr = self.core.text(self.interviewer_lang)
        return "\n".join(intr.get(p.fields["message"], p.fields["qid"], "constraint_message").text
                         if p.code == CONSTRAINT else p.message(_) for p in problems)

    def _show_unsaved(self, text: str) -> None:
        self.problem.setText(text)
        self.saved.setObjectName("unsaved")
        self.saved.setText(_(T["not_saved"]))
        self.saved.setStyleSheet("")

    def save_note(self) -> None:
        if self.run is None or self.run.session.current is None:
            return
        try:
            self.run.save_note(self.run.session.current, self.note.toPlainText())
        except VoluntasError as err:
            self.problem.setText(_(T["failed"]).format(reason=err.message(_)))

    def go_next(self) -> None:
        s = self.session
        if s is None:
            return
        if not self.commit_current(refresh=False):
            self.refresh_side()
            self.refresh_banners()
            return
        before = s.current
        problems = s.next()
        if problems:
            self.refresh_side()
            self.refresh_banners()
            self.problem.setText(self._problems(problems))
            return
        if s.current == before:
            self.want_review.emit()
            return
        self.show_current()

    def go_back(self) -> None:
        if self.session is None or not self.commit_current():
            return
        self.session.back()
        self.show_current()

    def _jump(self, item: QListWidgetItem) -> None:
        s = self.session
        if self.commit_current() and s is not None and s.jump(item.data(Qt.ItemDataRole.UserRole)):
            self.show_current()

    def digit(self, d: int) -> None:
        n = self.digits.press(d, len(widgets.buttons_of(self.widget)) if self.widget is not None else 0)
        if n:
            self.choose(n)

    def choose(self, n: int) -> None:
        if self.widget is not None:
            self.widget.choose(n)

    def apply_minimal_record(self) -> None:
        if self.run is None or not self.run.keep_minimal_record():
            return
        self.stop_applied = True
        self.show_current()
        self.evaluate()

    def _reconsent(self) -> None:
        assert self.run is not None
        self.run.reconsent()
        self.show_current()
        self.problem.setText(_(T["reconsent"]))

    def stop(self) -> None:
        """Ctrl+Shift+S asks first (PauseBar); pressed again, or "Pause now", it pauses."""
        if self.session is None:
            return
        if not self.pause_bar.isVisible():
            self.pause_bar.ask()
            return
        self.pause()

    def pause(self) -> None:
        if self.run is None:
            return
        self.pause_bar.hide()
        self.commit_current()
        self.save_note()
        try:
            self.run.pause()
        except VoluntasError as err:  # e.g. a full disk: the interviewer stays and reads why
            self.problem.setText(err.message(_))
            return
        self.stopped.emit()

    def review(self) -> None:
        if self.commit_current():
            self.want_review.emit()

    def collapse_panel_if_shared(self) -> None:
        """In his own language the evaluation would be readable by him: collapsed (Ctrl+E shows it)."""
        self.panel.setVisible(self.interviewer_lang != self.captive_lang)

    def toggle_evaluation(self) -> None:
        self.panel.setVisible(not self.panel.isVisible())

    def _toggle_note(self, on: bool) -> None:
        self.note.setVisible(on)
        if on:
            self.note.setFocus()
        else:
            self.save_note()
            if self.widget is not None:
                self.widget.focus_first()

    def cycle(self, combo: QComboBox, apply: Any) -> None:
        combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())
        apply(combo.currentData())

    def set_captive_lang(self, lang: str) -> None:
        if self.run is None or lang == self.captive_lang:
            return
        problem = self.core.language_problem(lang)
        if problem is not None:  # the language rule: every string of the form translated, none fuzzy
            self.captive_combo.setCurrentIndex(self.captive_combo.findData(self.captive_lang))
            self.problem.setText(problem)
            return
        self.commit_current()
        self.run.set_captive_lang(lang)
        self.captive_combo.setCurrentIndex(self.captive_combo.findData(lang))
        if lang == self.interviewer_lang:
            self.panel.hide()
        self.show_current(rebuild=False)

    def set_interviewer_lang(self, lang: str) -> None:
        if self.run is None or lang == self.interviewer_lang:
            return
        self.commit_current()
        self.run.set_interviewer_lang(lang)
        self.interviewer_combo.setCurrentIndex(self.interviewer_combo.findData(lang))
        if lang == self.captive_lang:
            self.panel.hide()
        self.show_current(rebuild=False)

    def evaluate(self) -> None:
        if self.session is None or not self.core.unlocked:
            return
        try:
            self.panel.show_result(self.core.evaluate(self.interview_date, self.session.answers))
        except VoluntasError:
            self.panel.show_result(None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if not keys.page_key(self, event):
            super().keyPressEvent(event)

    def clear_sensitive(self) -> None:
        self.clock_timer.stop()
        self.eval_timer.stop()
        if self.run is not None:
            self._asked = (self.run.id, self.run.case_id, self.run.date, self.run.captive_lang,
                           self.run.interviewer_lang)
        self.run = None
        if self.widget is not None:
            self.widget.clear_text()
        for label in (self.stop_banner, self.alert):
            label.clear()
        self.question.clear_sensitive()
        self.note.clear()
        self.side.clear_sensitive()
        self.panel.clear_sensitive()

