"""One page of the translator preview: the strings as the captive would see them, his language large and
the interviewer's under it, each with its status in words (never colour alone) and a box to tick it for
sign-off. Reads the plain data of desktop.core.translation.preview; never opens a file."""

from __future__ import annotations

from typing import Any

from desktop.i18n import N_, _
from desktop.ui.base import wrapped
from desktop.ui.qt import QCheckBox, QFrame, QVBoxLayout, QWidget

STATUS = {
    "reviewed": N_("Reviewed"),
    "unreviewed": N_("NOT REVIEWED: translated, no valid sign-off"),
    "fuzzy": N_("FUZZY: not shown; the captive would see the English"),
    "untranslated": N_("UNTRANSLATED: the captive would see the English"),
}
FIELDS = {"title": N_("title"), "hint": N_("hint"), "label": N_("question"),
          "constraint_message": N_("message when the answer is refused"),
          "explanation": N_("rule explanation"), "meaning": N_("meaning"), "condition": N_("condition"),
          "text": N_("legal basis"), "banner": N_("banner"), "captive_text": N_("his question (captive view)"),
          "captive_hint": N_("his hint (captive view)"), "captive_label": N_("his wording of the choice"),
          "wait": N_("neutral page (captive view)"), "decline": N_("decline cue (captive view)")}
CHOICE = N_("choice {code}")
TICK = N_("Tick to sign off: {field}")
GLOSSARY = N_("Glossary: {terms}")
NOTE = N_("Translator note: {note}")
# Background per status; the status is also said in words on every string.
SHADE = {"reviewed": "#ffffff", "unreviewed": "#fbf1d9", "fuzzy": "#f6e3e0", "untranslated": "#f6e3e0"}


def field_name(line: Any) -> str:
    parts = line.context.split(".")
    if line.field == "label" and len(parts) == 4:  # <form>.<list>.<code>.label
        return _(CHOICE).format(code=parts[2])
    return _(FIELDS[line.field]) if line.field in FIELDS else line.field


class StringRow(QFrame):
    """One string: tick box with its field, status in words, captive text, interviewer text, notes."""

    def __init__(self, line: Any, other: Any, big: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line, self.other = line, other
        self.setObjectName("preview_row")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#preview_row {{ background: {SHADE[line.status]}; border: 1px solid #c9c4b6; }}")
        col = QVBoxLayout(self)
        self.tick = QCheckBox()
        self.status = wrapped("problem" if line.needs_work else "muted")
        self.captive = wrapped("captive_text" if big else "")
        self.interviewer = wrapped("interviewer_text")
        self.extra = wrapped("muted")
        self.warnings = wrapped("problem")
        for w in (self.tick, self.status, self.captive, self.interviewer, self.extra, self.warnings):
            col.addWidget(w)
        self.captive.setText(line.shown)
        self.interviewer.setText(other.shown)
        self.interviewer.setVisible(other.shown != line.shown)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tick.setText(_(TICK).format(field=field_name(self.line)) + f"  [{self.line.context}]")
        self.status.setText(_(STATUS[self.line.status]))
        extra = [_(NOTE).format(note=n) for n in self.line.notes]
        if self.line.terms:
            extra.append(_(GLOSSARY).format(terms="; ".join(self.line.terms)))
        self.extra.setText("\n".join(extra))
        self.extra.setVisible(bool(extra))
        self.warnings.setText("\n".join(self.line.warnings))
        self.warnings.setVisible(bool(self.line.warnings))


class Card(QWidget):
    """The strings of one preview page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.col = QVBoxLayout(self)
        self.facts = wrapped("muted")
        self.col.addWidget(self.facts)
        self.box = QVBoxLayout()
        self.col.addLayout(self.box)
        self.col.addStretch(1)
        self.rows: list[StringRow] = []
        self.page: Any = None

    def show_page(self, page: Any) -> None:
        for r in self.rows:
            self.box.removeWidget(r)
            r.setParent(None)
            r.deleteLater()
        self.page = page
        self.rows = []
        if page is None:
            return
        for n, (line, other) in enumerate(zip(page.captive, page.interviewer, strict=True)):
            row = StringRow(line, other, big=n == 0 and page.kind in ("question", "section", "title"))
            self.box.addWidget(row)
            self.rows.append(row)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.page is not None:
            self.facts.setText("  |  ".join(f"{_(k)}: {_(v)}" for k, v in self.page.facts))
        for r in self.rows:
            r.retranslate_ui()

    def ticked(self) -> list[str]:
        return [r.line.context for r in self.rows if r.tick.isChecked()]
