"""F1: every key on one calm page."""

from __future__ import annotations

from desktop.i18n import N_, _
from desktop.ui.base import Page, heading
from desktop.ui.qt import QPushButton, QTextBrowser, QVBoxLayout, QWidget, Signal

KEYS = [
    ("F1", N_("Show or hide this list of keyboard shortcuts")),
    ("Tab / Shift+Tab", N_("Move between fields and buttons")),
    ("Enter", N_("Next question (saves the answer first)")),
    ("Shift+Enter", N_("A new line inside a text answer or note")),
    ("Alt+Left / Page Up", N_("Previous question")),
    ("1 ... 9, 10 ...", N_("Choose an answer by its number (two digits quickly for 10 and above)")),
    ("D", N_("He declined to answer (text, date and number questions)")),
    ("Ctrl+M", N_("Open or close the note on this question")),
    ("Ctrl+J", N_("Go to the list of sections (Enter jumps)")),
    ("Ctrl+E", N_("Show or hide the live evaluation")),
    ("Ctrl+Shift+C / Ctrl+Shift+I", N_("Change the captive's / your language")),
    ("Ctrl+R", N_("Review and finalize")),
    ("Ctrl+Shift+S", N_("Pause the interview: it asks first; every answer so far is kept")),
    ("F11", N_("Captive view: turn the screen to him")),
    ("Ctrl+Shift+F11", N_("Leave the captive view")),
    ("1 ... 9, 0, A ...", N_("In the captive view: point at a choice (0 is the 10th, then letters); Enter confirms")),
    ("Ctrl+N / Ctrl+F", N_("New interview / search cases")),
    ("Ctrl+, ", N_("Settings")),
    ("Ctrl+L", N_("Lock now")),
    ("Ctrl+Shift+Delete", N_("Quick wipe: a countdown starts in Settings; Esc cancels it")),
    ("Ctrl+Shift+T", N_("Translator preview of the forms (on the unlock or first-run screen)")),
    ("Ctrl++ / Ctrl+-", N_("Larger / smaller text")),
    ("Esc", N_("Back")),
]
TITLE = N_("Keyboard shortcuts")
CLOSE = N_("Close (F1 or Esc)")


class HelpPage(Page):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(1)
        self.body = QTextBrowser()
        self.close_btn = QPushButton()
        self.close_btn.clicked.connect(self.closed.emit)
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.body, 1)
        col.addWidget(self.close_btn)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_(TITLE))
        self.close_btn.setText(_(CLOSE))
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{_(v)}</td></tr>" for k, v in KEYS)
        self.body.setHtml(f"<table cellpadding='6'>{rows}</table>")
