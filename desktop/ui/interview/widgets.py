"""One answer widget per question type. Each says when the user has finished an answer (`commit`), and
returns its value in the form's stored shape (None = unanswered)."""

from __future__ import annotations

import datetime
from typing import Any

from desktop.core.forms.captive import choice_pair
from desktop.core.forms.model import DECLINED, Form, Question
from desktop.i18n import N_, _
from desktop.ui.interview.signature import SignaturePad
from desktop.ui.interview.textlimit import TextLimit
from desktop.ui.qt import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

T = {
    "declined": N_("He declined to answer (D)"),
    "date": N_("YYYY-MM-DD"),
    "bad_date": N_("Write the date as year-month-day, for example 2025-03-10."),
    "bad_int": N_("Write a whole number."),
    "clear": N_("Clear signature"),
    "typed": N_("Or type the signer's name (keyboard)"),
    "text": N_("Type the answer. Enter goes to the next question; Shift+Enter starts a new line."),
}


class BadInput(ValueError):
    """The widget holds text that is not a value of its type (the message is a marked string)."""


class AnswerWidget(QWidget):
    commit = Signal()
    advance = Signal()  # Ctrl+Enter inside a text field: save and go to the next question

    def __init__(self, form: Form, q: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form, self.q = form, q
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.committed: Any = None
        self.declined: QCheckBox | None = None

    # overridden per type
    def raw_value(self) -> Any:
        return None

    def set_raw(self, value: Any) -> None:
        pass

    def set_texts(self, captive: Any, interviewer: Any) -> None:
        if self.declined is not None:
            self.declined.setText(_(T["declined"]))

    def choose(self, n: int) -> bool:
        return False

    def focus_first(self) -> None:
        self.focusNextChild()

    def clear_text(self) -> None:
        self.set_raw(None)

    # shared
    def _add_declined(self) -> None:
        if self.q.declinable:
            self.declined = QCheckBox()
            self.declined.toggled.connect(self._declined_toggled)
            self.box.addWidget(self.declined)

    def _declined_toggled(self, on: bool) -> None:
        self._set_enabled(not on)
        self.commit.emit()

    def _set_enabled(self, on: bool) -> None:
        pass

    def value(self) -> Any:
        if self.declined is not None and self.declined.isChecked():
            return DECLINED
        return self.raw_value()

    def set_value(self, value: Any) -> None:
        if self.declined is not None:  # text, date, integer: "declined" is the check box, not the field
            self.declined.blockSignals(True)
            self.declined.setChecked(value == DECLINED)
            self.declined.blockSignals(False)
            self._set_enabled(value != DECLINED)
            value_shown = None if value == DECLINED else value
        else:  # in a choice list "declined" is an ordinary code
            value_shown = value
        self.set_raw(value_shown)
        self.committed = value

    def dirty(self) -> bool:
        try:
            return bool(self.value() != self.committed)
        except BadInput:
            return True


def _choice_text(captive: str, interviewer: str) -> str:
    return captive if captive == interviewer else f"{captive}\n{interviewer}"


class _ClickLabel(QLabel):
    """The wrapped text of a choice; a click on it is a click on its button."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__()
        self.button = button
        self.setWordWrap(True)
        self.setObjectName("choice_text")

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        self.button.click()


def _choice_row(box: QVBoxLayout, button: QAbstractButton, n: int) -> _ClickLabel:
    """A choice: its number on the button, then its text wrapped beside it (radio text cannot wrap)."""
    button.setText(f"{n}.")
    label = _ClickLabel(button)
    row = QHBoxLayout()
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(label, 1)
    box.addLayout(row)
    return label


class ChoiceWidget(AnswerWidget):
    """yes_no, yes_no_unknown, select_one: radio buttons, digits choose."""

    def __init__(self, form: Form, q: Question, parent: QWidget | None = None) -> None:
        super().__init__(form, q, parent)
        cl = form.choices(q.id)
        assert cl is not None
        self.list = cl
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        self.texts: list[QLabel] = []
        for i, _c in enumerate(cl.choices):
            b = QRadioButton()
            self.group.addButton(b, i)
            self.texts.append(_choice_row(self.box, b, i + 1))
            self.buttons.append(b)
        self.group.buttonClicked.connect(lambda _b: self.commit.emit())

    def set_texts(self, captive: Any, interviewer: Any) -> None:
        for i, c in enumerate(self.list.choices):
            self.texts[i].setText(_choice_text(_his_words(self, captive, c),
                                               interviewer.get(c.label, self.list.id, c.code, "label").text))

    def raw_value(self) -> Any:
        i = self.group.checkedId()
        return None if i < 0 else self.list.choices[i].code

    def set_raw(self, value: Any) -> None:
        codes = self.list.codes
        self.group.setExclusive(False)
        for b in self.buttons:
            b.setChecked(False)
        self.group.setExclusive(True)
        if value in codes:
            self.buttons[codes.index(value)].setChecked(True)

    def choose(self, n: int) -> bool:
        if 1 <= n <= len(self.buttons):
            self.buttons[n - 1].setChecked(True)
            self.buttons[n - 1].setFocus()
            self.commit.emit()
            return True
        return False

    def focus_first(self) -> None:
        checked = self.group.checkedButton()
        (checked or self.buttons[0]).setFocus()


class MultiWidget(AnswerWidget):
    """select_multiple: check boxes; digits toggle; an exclusive choice clears the others."""

    def __init__(self, form: Form, q: Question, parent: QWidget | None = None) -> None:
        super().__init__(form, q, parent)
        cl = form.choices(q.id)
        assert cl is not None
        self.list = cl
        self.boxes: list[QCheckBox] = []
        self.texts: list[QLabel] = []
        for i, _c in enumerate(cl.choices):
            b = QCheckBox()
            b.clicked.connect(lambda _on, i=i: self._toggled(i))
            self.texts.append(_choice_row(self.box, b, i + 1))
            self.boxes.append(b)

    def _toggled(self, i: int) -> None:
        code = self.list.choices[i].code
        if self.boxes[i].isChecked():
            exclusive = self.list.exclusive | {c.code for c in self.list.choices if c.exclusive}
            for j, c in enumerate(self.list.choices):
                if j != i and (code in exclusive or c.code in exclusive):
                    self.boxes[j].setChecked(False)
        self.commit.emit()

    def set_texts(self, captive: Any, interviewer: Any) -> None:
        for i, c in enumerate(self.list.choices):
            self.texts[i].setText(_choice_text(_his_words(self, captive, c),
                                               interviewer.get(c.label, self.list.id, c.code, "label").text))

    def raw_value(self) -> Any:
        picked = [c.code for b, c in zip(self.boxes, self.list.choices) if b.isChecked()]
        return picked or None

    def set_raw(self, value: Any) -> None:
        chosen = set(value or [])
        for b, c in zip(self.boxes, self.list.choices):
            b.setChecked(c.code in chosen)

    def choose(self, n: int) -> bool:
        if 1 <= n <= len(self.boxes):
            self.boxes[n - 1].setChecked(not self.boxes[n - 1].isChecked())
            self.boxes[n - 1].setFocus()
            self._toggled(n - 1)
            return True
        return False

    def focus_first(self) -> None:
        self.boxes[0].setFocus()


class _LeaveFilter(QObject):
    """Commit when a text field loses focus (each answer is saved as the field is left)."""

    def __init__(self, widget: AnswerWidget) -> None:
        super().__init__(widget)
        self.widget = widget

    def eventFilter(self, obj: QObject, event: Any) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.FocusOut and self.widget.dirty():
            self.widget.commit.emit()
        elif event.type() == QEvent.Type.KeyPress and is_ctrl_enter(event):
            self.widget.advance.emit()
            return True
        elif event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab \
                and not event.modifiers() and self.widget.declined is not None:
            self.widget.declined.setFocus(Qt.FocusReason.TabFocusReason)  # Tab: to "he declined" first
            return True
        return False


def is_ctrl_enter(event: Any) -> bool:
    """Enter or Ctrl+Enter (not Shift+Enter, which starts a new line in a text field)."""
    return bool(event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)


class _EditWidget(AnswerWidget):
    """A widget whose answer lives in one editor, `self.edit`."""

    edit: Any

    def _set_enabled(self, on: bool) -> None:
        self.edit.setEnabled(on)

    def focus_first(self) -> None:
        self.edit.setFocus()


class TextWidget(_EditWidget):
    def __init__(self, form: Form, q: Question, parent: QWidget | None = None) -> None:
        super().__init__(form, q, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90)
        self.edit.setMaximumHeight(220)
        self.edit.installEventFilter(_LeaveFilter(self))
        self.limit = TextLimit(self.edit)  # stops at the core's limit for one answer, with a counter
        self.box.addWidget(self.edit)
        self.box.addWidget(self.limit.label)
        self._add_declined()

    def set_texts(self, captive: Any, interviewer: Any) -> None:
        super().set_texts(captive, interviewer)
        self.edit.setPlaceholderText(_(T["text"]))
        self.limit.retranslate()

    def raw_value(self) -> Any:
        return self.edit.toPlainText() or None

    def set_raw(self, value: Any) -> None:
        self.limit.load(value or "")


class LineWidget(_EditWidget):
    """date and integer: one line, checked on leaving."""

    def __init__(self, form: Form, q: Question, parent: QWidget | None = None) -> None:
        super().__init__(form, q, parent)
        self.edit = QLineEdit()
        self.edit.setMaximumWidth(260)
        self.edit.installEventFilter(_LeaveFilter(self))
        self.box.addWidget(self.edit)
        self._add_declined()

    def set_texts(self, captive: Any, interviewer: Any) -> None:
        super().set_texts(captive, interviewer)
        if self.q.type == "date":
            self.edit.setPlaceholderText(_(T["date"]))

    def raw_value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        if self.q.type == "date":
            try:
                return datetime.date.fromisoformat(text).isoformat()
            except ValueError:
                raise BadInput(T["bad_date"]) from None
        try:
            return int(text)
        except ValueError:
            raise BadInput(T["bad_int"]) from None

    def set_raw(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class SignatureWidget(AnswerWidget):
    def __init__(self, form: Form, q: Question, parent: QWidget | None = None) -> None:
        super().__init__(form, q, parent)
        self.pad = SignaturePad()
        self.pad.changed.connect(self.commit.emit)
        self.clear_btn = QPushButton()
        self.clear_btn.clicked.connect(self.pad.clear)
        self.typed_label = QLabel()
        self.typed = QLineEdit()
        self.typed.installEventFilter(_LeaveFilter(self))
        row = QHBoxLayout()
        row.addWidget(self.pad, 1)
        row.addWidget(self.clear_btn)
        self.box.addLayout(row)
        self.box.addWidget(self.typed_label)
        self.box.addWidget(self.typed)

    def set_texts(self, captive: Any, interviewer: Any) -> None:
        self.clear_btn.setText(_(T["clear"]))
        self.typed_label.setText(_(T["typed"]))

    def raw_value(self) -> Any:
        drawn = self.pad.value()
        if drawn:
            return drawn
        name = self.typed.text().strip()
        return "typed:" + name if name else None

    def set_raw(self, value: Any) -> None:
        text = value or ""
        self.pad.set_value(text if text.startswith("strokes:") else None)
        self.typed.setText(text[len("typed:"):] if text.startswith("typed:") else "")

    def focus_first(self) -> None:
        self.typed.setFocus()


def _his_words(w: Any, captive: Any, c: Any) -> str:
    """A choice as the captive view shows it (its captive label), or the label when he is not shown it."""
    if w.q.captive == "choices":
        return str(captive(*choice_pair(w.form, w.list.id, c)))
    return str(captive.get(c.label, w.list.id, c.code, "label").text)


def make(form: Form, q: Question) -> AnswerWidget:
    if q.type in ("yes_no", "yes_no_unknown", "select_one"):
        return ChoiceWidget(form, q)
    if q.type == "select_multiple":
        return MultiWidget(form, q)
    if q.type == "text":
        return TextWidget(form, q)
    if q.type in ("date", "integer"):
        return LineWidget(form, q)
    if q.type == "signature":
        return SignatureWidget(form, q)
    raise ValueError(q.type)


def buttons_of(widget: AnswerWidget) -> list[QAbstractButton]:
    return list(getattr(widget, "buttons", [])) or list(getattr(widget, "boxes", []))
