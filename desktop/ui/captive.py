"""The captive view: full screen, only the current question and its choices in his language, large.

No evaluation, notes, case code, case list or interviewer text. He may point at or press a choice; the
interviewer confirms with Enter. Leaving takes Ctrl+Shift+F11.
"""

from __future__ import annotations

from typing import Any

from desktop.ui.base import Page, wrapped
from desktop.ui.qt import QKeyEvent, QPushButton, Qt, QVBoxLayout, QWidget, Signal

LEAVE = "Ctrl+Shift+F11"


class CaptiveView(Page):
    leave = Signal()
    picked = Signal(int)  # 1-based choice the interviewer confirmed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captive")
        self.setAutoFillBackground(True)
        self.question = wrapped("captive_question")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choices_box = QVBoxLayout()
        self.buttons: list[QPushButton] = []
        self.pointed = 0
        self.marked: tuple[int, ...] = ()
        col = QVBoxLayout(self)
        col.setContentsMargins(80, 60, 80, 60)
        col.addStretch(1)
        col.addWidget(self.question)
        col.addSpacing(40)
        col.addLayout(self.choices_box)
        col.addStretch(2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_question(self, text: str, choices: list[str], chosen: int = 0, marked: tuple[int, ...] = ()) -> None:
        """text and choices already in the captive's language; chosen is 1-based (0 = none); marked: the
        choices already ticked on a question with several answers."""
        self.question.setText(text)
        for b in self.buttons:
            self.choices_box.removeWidget(b)
            b.deleteLater()
        self.buttons = []
        for n, label in enumerate(choices, start=1):
            b = QPushButton(f"{n}.  {label}")
            b.setObjectName("captive_choice")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _on, n=n: self.point(n))
            self.choices_box.addWidget(b)
            self.buttons.append(b)
        self.marked = marked
        self.point(chosen)
        self.setFocus()

    def point(self, n: int) -> None:
        self.pointed = n
        for i, b in enumerate(self.buttons, start=1):
            b.setChecked(i == n or i in self.marked)
            style = "border: 4px solid #2b5d8a;" if i == n else ""
            b.setStyleSheet(style + ("font-weight: bold;" if i == n or i in self.marked else ""))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F11 and mods & Qt.KeyboardModifier.ControlModifier \
                and mods & Qt.KeyboardModifier.ShiftModifier:
            self.leave.emit()
            return
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.point(int(key) - int(Qt.Key.Key_0))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pointed:
            self.picked.emit(self.pointed)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.buttons:
            step = -1 if key == Qt.Key.Key_Up else 1
            self.point(max(1, min(len(self.buttons), self.pointed + step)))
            return
        event.accept()  # Esc, F11 and the rest do nothing here: leaving needs the combination

    def clear_sensitive(self) -> None:
        self.question.clear()
        self.show_question("", [])


def captive_content(page: Any) -> tuple[str, list[str], int, tuple[int, ...]]:
    """What the captive view shows for the interview page's current question, in his language only."""
    s = page.session
    if s is None or s.current is None:
        return "", [], 0, ()
    q = page.form.questions[s.current]
    cap = page.core.text(page.captive_lang)
    text = cap.get(q.label, q.id, "label").text
    cl = page.form.choices(q.id)
    choices = [cap.get(c.label, cl.id, c.code, "label").text for c in cl.choices] if cl else []
    chosen, marked = 0, ()
    value = s.answers.get(q.id)
    if cl is not None and page.widget is not None and page.widget.q.id == q.id:
        value = page.widget.value()  # what is ticked now, saved or not (choice widgets never raise)
    if cl and isinstance(value, str) and value in cl.codes:
        chosen = cl.codes.index(value) + 1
    elif cl and isinstance(value, list):
        marked = tuple(cl.codes.index(v) + 1 for v in value if v in cl.codes)
    return text, choices, chosen, marked
