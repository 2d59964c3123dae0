"""The interview: sections at the side, the question card in the centre, the live evaluation at the right.

The flow is the core's Session (house rule 6); this page shows `session.current` and calls answer/next/back/
jump. Each answer is committed as its field is left; the saved mark turns on only after the commit returned.
"""

from __future__ import annotations

import time
from typing import Any

from desktop.core.errors import VoluntasError
from desktop.core.forms.captive import captive_strings
from desktop.core.languages import LANGUAGES
from desktop.i18n import N_, _
from desktop.ui import labels
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.evaluation import EvaluationPanel
from desktop.ui.interview import widgets
from desktop.ui.interview.pause import PauseBar
from desktop.ui.interview.textlimit import TextLimit
from desktop.ui.interview.widgets import AnswerWidget, BadInput
from desktop.ui.qt import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

T = {
    "captive": N_("Captive's language"),
    "interviewer": N_("Your language"),
    "stop": N_("Pause interview (Ctrl+Shift+S)"),
    "captive_view": N_("Captive view (F11)"),
    "review": N_("Review (Ctrl+R)"),
    "eval": N_("Evaluation (Ctrl+E)"),
    "back": N_("Back (Alt+Left)"),
    "next": N_("Next (Enter)"),
    "note": N_("Note (Ctrl+M)"),
    "note_hint": N_("Your note on this question. Never shown to the captive."),
    "saved": N_("Saved"),
    "saving": N_("Saving..."),
    "not_saved": N_("Not saved yet"),
    "failed": N_("NOT saved: {reason} The answer is still here; press Enter to try again."),
    "progress": N_("This section: {done} of {total} required questions answered. All sections: {all_done} of "
                   "{all_total} (questions that apply now)."),
    "section": N_("{title}\n    {done} of {total} answered"),
    "section_done": N_("{title}\n    complete"),
    "required": N_("required"),
    "neutral": N_("his screen: a neutral page"),
    "by_captive": N_("asked of him"),
    "by_interviewer": N_("you record"),
    "unreviewed": N_("Translation not yet reviewed: read it with the interpreter."),
    "gate_consent": N_("Consent: {state}"),
    "gate_capacity": N_("Capacity: {state}"),
    "given": N_("given"),
    "confirmed": N_("confirmed"),
    "not_yet": N_("not yet decided"),
    "no": N_("not given"),
    "no_cap": N_("not confirmed"),
    "stop_title": N_("The interview stops here ({reason})."),
    "stop_body": N_("From now on only the minimal record is completed: the session data, the setting, the "
                    "capacity and consent answers, the reason and the signatures. {removed} other answers "
                    "already given will be removed from this interview. Nothing else is asked."),
    "stop_apply": N_("Keep only the minimal record (Ctrl+K)"),
    "stop_done": N_("Only the minimal record is kept for this interview."),
    "reconsent": N_("Consent must be given again: a new interview record has started for this case."),
    "self_harm": N_("He said he may harm himself. Stop and follow the referral procedure now."),
    "end": N_("All questions asked. Press Ctrl+R to review."),
}
REASONS = {
    "capacity": N_("he cannot take part now"),
    "declined": N_("he declined"),
    "postponed": N_("he asked to postpone"),
    "consent_invalid": N_("consent is not valid"),
}


class InterviewPage(Page):
    want_review = Signal()
    want_captive = Signal()
    stopped = Signal()
    answer_saved = Signal(str)

    def __init__(self, core: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.form = core.form()
        self.session: Any = None
        self.interview_id = ""
        self.case_id = ""
        self.interview_date = ""
        self.captive_lang, self.interviewer_lang = "ko", "en"
        self.widget: AnswerWidget | None = None
        self.notes: dict[str, str] = {}
        self.stop_applied = False
        self._digit = (0, 0.0)
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
        header = QHBoxLayout()
        self.clock = QLabel("00:00:00")
        self.clock.setObjectName("clock")
        self.captive_label, self.interviewer_label = QLabel(), QLabel()
        self.captive_combo, self.interviewer_combo = QComboBox(), QComboBox()
        for combo in (self.captive_combo, self.interviewer_combo):
            for code in LANGUAGES:
                combo.addItem("", code)
        self.captive_combo.activated.connect(lambda _i: self.set_captive_lang(self.captive_combo.currentData()))
        self.interviewer_combo.activated.connect(
            lambda _i: self.set_interviewer_lang(self.interviewer_combo.currentData()))
        self.captive_btn, self.review_btn, self.eval_btn, self.stop_btn = (QPushButton() for _ in range(4))
        self.captive_btn.clicked.connect(self.want_captive.emit)
        self.review_btn.clicked.connect(self.review)
        self.eval_btn.clicked.connect(self.toggle_evaluation)
        self.stop_btn.clicked.connect(self.stop)
        header.addWidget(self.clock)
        header.addWidget(self.captive_label)
        header.addWidget(self.captive_combo)
        header.addWidget(self.interviewer_label)
        header.addWidget(self.interviewer_combo)
        header.addStretch(1)
        header.addWidget(self.stop_btn)
        # left: sections and gates
        self.sections = QListWidget()
        self.sections.itemActivated.connect(self._jump)  # Enter
        self.sections.itemClicked.connect(self._jump)  # one click
        self.sections.setMinimumWidth(170)
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gates = wrapped("muted")
        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 4, 0)
        lcol.addWidget(self.sections, 1)
        lcol.addWidget(self.gates)
        lcol.addWidget(self.eval_btn)
        # centre: the question card
        centre = QWidget()
        ccol = QVBoxLayout(centre)
        self.alert = banner("stop")
        self.alert.hide()
        self.stop_banner = banner("stop")
        self.stop_banner.hide()
        self.stop_apply = QPushButton()
        self.stop_apply.hide()
        self.stop_apply.clicked.connect(self.apply_minimal_record)
        self.pause_bar = PauseBar()
        self.pause_bar.confirmed.connect(self.pause)
        self.section_title = heading(2)
        self.progress = wrapped("muted")
        self.captive_text = wrapped("captive_text")
        self.interviewer_text = wrapped("interviewer_text")
        self.hint = wrapped("muted")
        self.unreviewed = wrapped("unreviewed")
        self.meta = wrapped("muted")
        self.answer_host = QVBoxLayout()
        self.problem = wrapped("problem")
        self.saved = QLabel()
        self.note_btn = QPushButton()
        self.note_btn.setCheckable(True)
        self.note_btn.toggled.connect(self._toggle_note)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(110)
        self.note.hide()
        self.note_limit = TextLimit(self.note)  # a note has the answer's limit, with the same counter
        self.note_filter = _NoteFilter(self)
        self.note.installEventFilter(self.note_filter)
        self.back_btn, self.next_btn = QPushButton(), QPushButton()
        self.back_btn.clicked.connect(self.go_back)
        self.next_btn.clicked.connect(self.go_next)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        kcol = QVBoxLayout(card)
        for w in (self.section_title, self.progress, self.captive_text, self.interviewer_text, self.unreviewed,
                  self.hint, self.meta):
            kcol.addWidget(w)
        kcol.addLayout(self.answer_host)
        kcol.addWidget(self.problem)
        kcol.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(card)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tools = QHBoxLayout()
        tools.addWidget(self.note_btn)
        tools.addWidget(self.captive_btn)
        tools.addWidget(self.review_btn)
        tools.addStretch(1)
        nav = QHBoxLayout()
        nav.addWidget(self.back_btn)
        nav.addStretch(1)
        nav.addWidget(self.saved)
        nav.addWidget(self.next_btn)
        ccol.addWidget(self.pause_bar)
        ccol.addWidget(self.alert)
        ccol.addWidget(self.stop_banner)
        ccol.addWidget(self.stop_apply)
        ccol.addWidget(scroll, 1)
        ccol.addWidget(self.note)
        ccol.addWidget(self.note_limit.label)
        ccol.addLayout(tools)
        ccol.addLayout(nav)
        self.panel = EvaluationPanel(self.form.id)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(centre)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setChildrenCollapsible(True)
        split.setSizes([220, 640, 420])
        root = QVBoxLayout(self)
        root.addLayout(header)
        root.addWidget(split, 1)
        for b in (self.captive_btn, self.review_btn, self.eval_btn, self.stop_btn, self.back_btn, self.next_btn,
                  self.note_btn, self.stop_apply):
            b.setAutoDefault(True)
        keys = [
            ("Ctrl+Shift+S", self.stop), ("Ctrl+R", self.review), ("Ctrl+E", self.toggle_evaluation),
            ("Ctrl+M", self.note_btn.toggle), ("Alt+Left", self.go_back), ("PgUp", self.go_back),
            ("Alt+Right", self.go_next), ("PgDown", self.go_next), ("Ctrl+K", self.apply_minimal_record),
            ("Ctrl+Shift+C", lambda: self.cycle(self.captive_combo, self.set_captive_lang)),
            ("Ctrl+Shift+I", lambda: self.cycle(self.interviewer_combo, self.set_interviewer_lang)),
            ("Ctrl+J", self.sections.setFocus), ("F11", self.want_captive.emit),
        ]
        self.shortcuts = []
        for seq, slot in keys:
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
            self.shortcuts.append(sc)

    # -- life ---------------------------------------------------------------------------------------
    def open(self, interview_id: str, case_id: str, interview_date: str, captive_lang: str,
             interviewer_lang: str) -> None:
        self.interview_id, self.case_id, self.interview_date = interview_id, case_id, interview_date
        self.captive_lang, self.interviewer_lang = captive_lang, interviewer_lang
        try:
            self.session = self.core.session(interview_id, captive_lang, interview_date)
        except VoluntasError as err:  # e.g. a closed record missing its session date: say so, change nothing
            self.session = None
            self.problem.setText(err.message(_))
            return
        self.notes = dict(self.core.records.notes(interview_id))
        self.stop_applied = False
        self.pause_bar.hide()
        self.collapse_panel_if_shared()
        position = self.core.records.position(interview_id)
        if position and position != self.form.session_date and position in self.session.navigable():
            self.session.current = position  # the last acknowledged answer ...
            if position in self.session.answers:
                self.session.next()  # ... so the question being asked then is the one after it
        self.captive_combo.setCurrentIndex(self.captive_combo.findData(captive_lang))
        self.interviewer_combo.setCurrentIndex(self.interviewer_combo.findData(interviewer_lang))
        self.clock_timer.start()
        self.tick()
        self.show_current()
        self.evaluate()

    def tick(self) -> None:
        if not self.interview_id or not self.core.unlocked:
            return
        seconds = self.core.records.elapsed_ms(self.interview_id) // 1000
        self.clock.setText(f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}")

    def retranslate_ui(self) -> None:
        self.captive_label.setText(_(T["captive"]))
        self.interviewer_label.setText(_(T["interviewer"]))
        for combo in (self.captive_combo, self.interviewer_combo):
            for i in range(combo.count()):
                combo.setItemText(i, labels.lang(combo.itemData(i)))
        self.stop_btn.setText(_(T["stop"]))
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
    def texts(self) -> tuple[Any, Any]:
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
        q = self.form.questions[qid]
        cap, intr = self.texts()
        section = self.form.section_of(qid)
        self.section_title.setText(intr.get(section.title, section.id, "title").text)
        done = s.completeness()
        have, total = done.get(section.id, (0, 0))
        self.progress.setText(_(T["progress"]).format(done=have, total=total,
                                                      all_done=sum(d for d, _t in done.values()),
                                                      all_total=sum(t for _d, t in done.values())))
        i = intr.get(q.label, qid, "label")
        his = [cap.get(en, *ctx.split(".")[1:]) for ctx, en in captive_strings(self.form, qid)]
        shown = q.captive != "none" and q.captive_text is not None
        self.captive_text.setText(his[0].text if shown else i.text)  # his question, as the captive view shows it
        self.interviewer_text.setText(i.text)
        self.interviewer_text.setVisible(shown and i.text != his[0].text)
        self.unreviewed.setText(_(T["unreviewed"]))
        self.unreviewed.setVisible(not all(t.reviewed for t in his) or not i.reviewed)
        if q.hint:
            self.hint.setText(intr.get(q.hint, qid, "hint").text)
        self.hint.setVisible(bool(q.hint))
        meta = [_(T["by_captive"]) if q.by == "C" else _(T["by_interviewer"])]
        if not shown:
            meta.append(_(T["neutral"]))
        if q.required:
            meta.insert(0, "* " + _(T["required"]))
        self.meta.setObjectName("meta_required" if q.required else "muted")
        self.meta.setStyleSheet("")
        self.meta.setText("  |  ".join(meta))
        if rebuild or self.widget is None or self.widget.q.id != qid:
            self._replace_widget(q)
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
        w = widgets.make(self.form, q)
        w.set_value(self.session.answers.get(q.id))
        w.commit.connect(self.commit_current)
        w.advance.connect(self.go_next)
        self.answer_host.addWidget(w)
        self.widget = w
        self.problem.clear()
        note = self.notes.get(q.id, "")
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
        s = self.session
        done = s.completeness()
        current = self.form.questions[s.current].section if s.current else None
        _cap, intr = self.texts()
        navigable = s.navigable()
        shown_sections = {self.form.questions[q].section for q in navigable}
        rows = []
        for sec in self.form.sections:
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
        cap_ok, con_ok = v.get(self.form.gates.capacity), v.get(self.form.gates.consent)
        reason = s.stop_reason
        cap_state = _(T["confirmed"]) if cap_ok is True else _(T["no_cap"]) if reason == "capacity" \
            else _(T["not_yet"])
        con_state = _(T["given"]) if con_ok is True else _(T["no"]) if reason not in (None, "capacity") \
            else _(T["not_yet"])
        self.gates.setText(_(T["gate_capacity"]).format(state=cap_state) + "\n"
                           + _(T["gate_consent"]).format(state=con_state))

    def refresh_banners(self) -> None:
        s = self.session
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
        keep = set(self.form.minimal_record) | {self.form.session_date}
        return [q for q in self.session.answers if q not in keep]

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
            self._show_unsaved("\n".join(self._form_message(m) for m in outcome.problems))
            return False
        w.committed = value  # the saved mark itself follows the core's "answer.saved" (see on_saved)
        self.problem.setText("\n".join(self._form_message(m) for m in outcome.problems))
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

    def _form_message(self, message: str) -> str:
        for qid, q in self.form.questions.items():
            if q.constraint_message == message:
                return str(self.core.text(self.interviewer_lang).get(message, qid, "constraint_message").text)
        return _(message)

    def _show_unsaved(self, text: str) -> None:
        self.problem.setText(text)
        self.saved.setObjectName("unsaved")
        self.saved.setText(_(T["not_saved"]))
        self.saved.setStyleSheet("")

    def save_note(self) -> None:
        s = self.session
        if s is None or s.current is None:
            return
        text = self.note.toPlainText()
        if text != self.notes.get(s.current, ""):
            try:
                self.core.records.save_note(self.interview_id, s.current, text, self.interviewer_lang)
            except VoluntasError as err:
                self.problem.setText(_(T["failed"]).format(reason=err.message(_)))
                return
            self.notes[s.current] = text

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
            self.problem.setText("\n".join(_(p) for p in problems))
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
        if self.commit_current() and self.session.jump(item.data(Qt.ItemDataRole.UserRole)):
            self.show_current()

    def digit(self, d: int) -> None:
        """1-9 choose at once; two digits typed within a second choose 10 and above."""
        now = time.monotonic()
        count = len(widgets.buttons_of(self.widget)) if self.widget is not None else 0
        pending, when = self._digit
        if pending and now - when < 1.2 and pending * 10 + d <= count:
            self.choose(pending * 10 + d)
            self._digit = (0, 0.0)
            return
        if d:
            self.choose(d)
        self._digit = (d, now) if d and d * 10 <= count else (0, 0.0)

    def choose(self, n: int) -> None:
        if self.widget is not None:
            self.widget.choose(n)

    def apply_minimal_record(self) -> None:
        s = self.session
        if s is None or s.stop_reason is None:
            return
        extra = self.extra_answers()
        self.core.records.purge_answers(self.interview_id, extra, "minimal_record")  # one transaction
        s.discard(extra)
        self.stop_applied = True
        if s.current not in s.navigable():
            pages = s.navigable()
            s.current = pages[0] if pages else None
        self.show_current()
        self.evaluate()

    def _reconsent(self) -> None:
        new_id = self.core.new_interview(self.case_id, self.captive_lang, self.interviewer_lang)
        self.session = self.session.follow_up(new_id)
        self.interview_id = new_id
        self.notes = {}
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
        if self.session is None:
            return
        self.pause_bar.hide()
        self.commit_current()
        self.save_note()
        try:
            self.core.records.record_event(self.interview_id, "stopped", self.session.current, None)
        except VoluntasError:
            pass  # a finalized record needs no stop event
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
        if lang == self.captive_lang or self.session is None:
            return
        problem = self.core.language_problem(lang)
        if problem is not None:  # the language rule: every string of the form translated, none fuzzy
            self.captive_combo.setCurrentIndex(self.captive_combo.findData(self.captive_lang))
            self.problem.setText(problem)
            return
        self.commit_current()
        self.captive_lang = lang
        self.session.lang = lang
        self.session.translate = self.core.text(lang)
        self.core.records.record_event(self.interview_id, "captive_language_changed", self.session.current, lang)
        self.captive_combo.setCurrentIndex(self.captive_combo.findData(lang))
        if lang == self.interviewer_lang:
            self.panel.hide()
        self.show_current(rebuild=False)

    def set_interviewer_lang(self, lang: str) -> None:
        if lang == self.interviewer_lang or self.session is None:
            return
        self.commit_current()
        self.interviewer_lang = lang
        self.core.records.record_event(self.interview_id, "interviewer_language_changed", self.session.current,
                                       lang)
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
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_next()
            return
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and mods == Qt.KeyboardModifier.NoModifier:
            self.digit(int(key) - int(Qt.Key.Key_0))
            return
        if key == Qt.Key.Key_D and mods == Qt.KeyboardModifier.NoModifier and self.widget is not None \
                and self.widget.declined is not None:
            self.widget.declined.toggle()
            return
        super().keyPressEvent(event)

    def clear_sensitive(self) -> None:
        self.clock_timer.stop()
        self.eval_timer.stop()
        self.session = None
        self.notes = {}
        if self.widget is not None:
            self.widget.clear_text()
        for label in (self.captive_text, self.interviewer_text, self.hint, self.problem, self.section_title,
                      self.stop_banner, self.alert, self.gates):
            label.clear()
        self.note.clear()
        self.sections.clear()
        self.panel.clear_sensitive()


class _NoteFilter(QObject):
    """Enter in the note: save it and go on (Shift+Enter: new line); leaving the note saves it."""

    def __init__(self, page: InterviewPage) -> None:
        super().__init__(page)
        self.page = page

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt name
        if event.type() == event.Type.KeyPress and widgets.is_ctrl_enter(event):
            self.page.go_next()
            return True
        if event.type() == event.Type.FocusOut:
            self.page.save_note()
        return False

