"""The free-text limit in the editor: typing or pasting stops at the core's limit, and a counter shows
near the limit. What was already there is never cut: only the part of an insertion past the limit."""

from __future__ import annotations

from typing import Any

from desktop.core.forms.values import MAX_TEXT_CHARS
from desktop.i18n import N_, _
from desktop.ui.qt import QLabel, QObject, QPlainTextEdit

T = {
    "count": N_("{count} of {limit} characters"),
    "stopped": N_("{count} of {limit} characters: an answer can hold no more; the rest was not added."),
}
SHOW_FROM = 0.8  # the counter appears at 80 % of the limit


def _units(text: str) -> int:
    """Length in Qt's text positions (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _inserted(old: str, new: str) -> tuple[int, int]:
    """(start, end) in `new` of what an edit put in place of part of `old`."""
    start, most = 0, min(len(old), len(new))
    while start < most and old[start] == new[start]:
        start += 1
    end = 0
    while end < most - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, len(new) - end


class TextLimit(QObject):
    def __init__(self, edit: QPlainTextEdit, limit: int = MAX_TEXT_CHARS) -> None:
        super().__init__(edit)
        self.edit, self.limit = edit, limit
        self.label = QLabel()
        self.label.setObjectName("text_limit")
        self.label.setWordWrap(True)
        self.label.setVisible(False)
        self.stopped = False
        self.loading = False  # set_raw: a stored answer is shown as it is, never cut
        self.text = ""  # the text after the last accepted edit
        edit.textChanged.connect(self._enforce)

    def load(self, text: str) -> None:
        self.loading = True
        try:
            self.edit.setPlainText(text)
        finally:
            self.loading = False
        self.text, self.stopped = text, False
        self.retranslate()

    def _enforce(self) -> None:
        new = self.edit.toPlainText()
        excess = len(new) - self.limit
        if excess > 0 and not self.loading and len(new) > len(self.text):
            start, end = _inserted(self.text, new)  # the input method may report a whole block changed
            keep = max(start, end - excess)
            cursor = self.edit.textCursor()
            cursor.setPosition(_units(new[:keep]))
            cursor.setPosition(_units(new[:end]), cursor.MoveMode.KeepAnchor)
            self.stopped = True
            cursor.removeSelectedText()  # emits textChanged again, now within the limit (or no longer)
            self.edit.setTextCursor(cursor)
            return
        if excess < 0:
            self.stopped = False
        self.text = new
        self.retranslate()

    def retranslate(self, *_args: Any) -> None:
        count = len(self.edit.toPlainText())
        self.label.setVisible(count >= self.limit * SHOW_FROM)
        key = "stopped" if self.stopped else "count"
        self.label.setText(_(T[key]).format(count=f"{count:,}", limit=f"{self.limit:,}"))
