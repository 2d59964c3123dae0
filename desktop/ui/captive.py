"""The captive view: full screen, only what the form says he sees (forms/captive.py), in his language, large.

Never an evaluation, note, case code, case list or interviewer text: a question he answers shows his own
question, his hint and his choices with the standing cue that he may decline; an interviewer item shows a
neutral page. He may point at or press a choice (1-9, 0 for the 10th, then letters); the interviewer
confirms with Enter. Long lists scroll. Leaving takes Ctrl+Shift+F11.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.core.forms.captive import KEYS
from desktop.ui.base import Page, wrapped
from desktop.ui.qt import (
    QFrame,
    QKeyEvent,
    QLabel,
    QMouseEvent,
    QScrollArea,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

LEAVE = "Ctrl+Shift+F11"


@dataclass(frozen=True)
class Content:
    """One captive screen, already in his language. wait: the neutral page (interviewer items)."""

    question: str = ""
    hint: str = ""
    choices: tuple[str, ...] = ()
    decline: str = ""
    wait: str = ""
    chosen: int = 0  # 1-based, 0 = none
    marked: tuple[int, ...] = ()  # the choices already ticked on a question with several answers


class ChoiceButton(QFrame):
    """A choice he can point at: its key and its words, wrapped, never clipped."""

    clicked = Signal()

    def __init__(self, key: str, text: str) -> None:
        super().__init__()
        self.setObjectName("captive_choice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.key = key
        self.label = QLabel(f"{key}.   {text}")
        self.label.setObjectName("captive_choice_text")
        self.label.setWordWrap(True)
        row = QVBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.addWidget(self.label)
        self.checked = False

    def text(self) -> str:
        return self.label.text()

    def click(self) -> None:
        self.clicked.emit()

    def set_state(self, pointed: bool, ticked: bool) -> None:
        self.checked = pointed or ticked
        border = "4px solid #2b5d8a" if pointed else "1px solid #b9b4a6"
        self.setStyleSheet(f"QFrame#captive_choice {{ border: {border}; background: white; }}")
        font = self.label.font()
        font.setBold(self.checked)
        self.label.setFont(font)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        self.clicked.emit()
        event.accept()


class CaptiveView(Page):
    leave = Signal()
    picked = Signal(int)  # 1-based choice the interviewer confirmed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captive")
        self.setAutoFillBackground(True)
        self.cue = wrapped("captive_cue")
        self.question = wrapped("captive_question")
        self.hint = wrapped("captive_hint")
        self.wait = wrapped("captive_question")
        self.wait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons: list[ChoiceButton] = []
        self.pointed = 0
        self.marked: tuple[int, ...] = ()
        inner = QWidget()
        inner.setObjectName("captive")
        self.choices_box = QVBoxLayout(inner)
        self.choices_box.setContentsMargins(0, 0, 8, 0)
        self.choices_box.setSpacing(8)
        self.choices_box.addStretch(1)
        self.list_area = QScrollArea()
        self.list_area.setWidgetResizable(True)
        self.list_area.setWidget(inner)
        self.list_area.setFrameShape(QFrame.Shape.NoFrame)
        self.list_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        col = QVBoxLayout(self)
        col.setContentsMargins(48, 24, 48, 24)
        col.setSpacing(14)
        col.addWidget(self.cue)
        col.addWidget(self.question)
        col.addWidget(self.hint)
        col.addWidget(self.wait, 1)
        col.addWidget(self.list_area, 1)
        col.addStretch(0)  # takes the room when there is no list: the texts stay together at the top
        for label in (self.cue, self.question, self.hint):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.show_content(Content())

    def show_content(self, c: Content) -> None:
        for label, text in ((self.cue, c.decline), (self.question, c.question), (self.hint, c.hint),
                            (self.wait, c.wait)):
            label.setText(text)
            label.setVisible(bool(text))
        for b in self.buttons:
            self.choices_box.removeWidget(b)
            b.hide()
            b.deleteLater()
        self.buttons = []
        for n, text in enumerate(c.choices, start=1):
            b = ChoiceButton(KEYS[n - 1] if n <= len(KEYS) else "", text)
            b.clicked.connect(lambda n=n: self.point(n))
            self.choices_box.insertWidget(n - 1, b)
            self.buttons.append(b)
        self.list_area.setVisible(bool(c.choices))
        self.marked = c.marked
        self.point(c.chosen)
        self.list_area.verticalScrollBar().setValue(0)
        self.setFocus()

    def show_question(self, text: str, choices: list[str], chosen: int = 0, marked: tuple[int, ...] = ()) -> None:
        self.show_content(Content(question=text, choices=tuple(choices), chosen=chosen, marked=marked))

    def point(self, n: int) -> None:
        self.pointed = n
        for i, b in enumerate(self.buttons, start=1):
            b.set_state(i == n, i in self.marked)
        if 1 <= n <= len(self.buttons):
            self.list_area.ensureWidgetVisible(self.buttons[n - 1], 0, 12)

    def key_choice(self, event: QKeyEvent) -> int:
        """The choice a key points at (1-9, 0 for the 10th, letters from the 11th), or 0."""
        text = event.text().upper()
        if len(text) == 1 and text in KEYS[: len(self.buttons)]:
            return KEYS.index(text) + 1
        return 0

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F11 and mods & Qt.KeyboardModifier.ControlModifier \
                and mods & Qt.KeyboardModifier.ShiftModifier:
            self.leave.emit()
            return
        n = self.key_choice(event) if not mods & Qt.KeyboardModifier.ControlModifier else 0
        if n:
            self.point(n)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pointed:
            self.picked.emit(self.pointed)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.buttons:
            step = -1 if key == Qt.Key.Key_Up else 1
            self.point(max(1, min(len(self.buttons), self.pointed + step)))
            return
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            bar = self.list_area.verticalScrollBar()
            bar.setValue(bar.value() + (bar.pageStep() if key == Qt.Key.Key_PageDown else -bar.pageStep()))
            return
        event.accept()  # Esc, F11 and the rest do nothing here: leaving needs the combination

    def clear_sensitive(self) -> None:
        self.show_content(Content())


def captive_content(page: Any) -> Content:
    """What the captive view shows for the interview page's current question, in his language only: the
    screen the form defines (desktop.core.forms.captive), the same strings the answer's hash covers."""
    from desktop.core.forms.captive import screen

    s = page.session
    if s is None or s.current is None:
        return Content()
    q = page.form.questions[s.current]
    sc = screen(page.form, q)
    cap = page.core.text(page.captive_lang)

    def tr(pair: tuple[str, str] | None) -> str:
        return cap(*pair) if pair is not None else ""

    if sc.wait is not None:
        return Content(wait=tr(sc.wait))
    cl = page.form.choices(q.id)
    chosen, marked = 0, ()
    if sc.choices and cl is not None:
        value = s.answers.get(q.id)
        if page.widget is not None and page.widget.q.id == q.id:
            value = page.widget.value()  # what is ticked now, saved or not (choice widgets never raise)
        if isinstance(value, str) and value in cl.codes:
            chosen = cl.codes.index(value) + 1
        elif isinstance(value, list):
            marked = tuple(cl.codes.index(v) + 1 for v in value if v in cl.codes)
    return Content(question=tr(sc.question), hint=tr(sc.hint), choices=tuple(tr(p) for p in sc.choices),
                   decline=tr(sc.decline), chosen=chosen, marked=marked)
