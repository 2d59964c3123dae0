"""One received case: its interviews, the evaluation over time and the case-level result (the same words
as the case report), its dossiers (open in the system PDF viewer, export), and sign-off with a note.

Linking interviews of the same man (the custody work) adds its own section through add_section()."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.desk.common import FolderField, error_text
from desktop.ui.qt import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from desktop.desk_app import DeskCore

BACK = N_("Back to cases (Esc)")
DOSSIERS = N_("Dossiers as received (Enter opens one in the PDF viewer)")
DOSSIER = N_("Dossier {n}, received {received}, ruleset {ruleset}")
OPEN = N_("Open dossier")
OPENED = N_("Opened in the PDF viewer: {path}. The copy is removed when the desk locks.")
EXPORT_TO = N_("Export the dossiers and a signed case report to a folder (USB stick):")
EXPORT = N_("Export")
EXPORTED = N_("Exported {count} dossier(s) and the case report to {folder}.")
REVIEWER = N_("Reviewer")
NOTE = N_("Sign-off note")
SIGN = N_("Sign off (Ctrl+Enter)")
SIGNED = N_("Sign-off recorded.")
NEED_NOTE = N_("Write the reviewer's name and a note first.")


def open_in_viewer(path: Path) -> None:
    from desktop.ui.qt import QDesktopServices, QUrl

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class CasePage(Page):
    back = Signal()

    def __init__(self, core: DeskCore, opener: Callable[[Path], None] = open_in_viewer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core, self.opener = core, opener
        self.case_code = ""
        self.story: Any = None
        self.title = heading(1)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back.emit)
        self.view = QTextBrowser()
        self.dossiers_label = wrapped()
        self.dossiers = QListWidget()
        self.dossiers.setMaximumHeight(110)  # a few dossiers; more scroll
        self.dossiers.itemActivated.connect(self.open_item)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.export_label = wrapped()
        self.export_folder = FolderField(self.export)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.reviewer_label = wrapped()
        self.reviewer = QLineEdit()
        self.note_label = wrapped()
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        self.sign_button = QPushButton()
        self.sign_button.clicked.connect(self.sign)
        self.status = banner("info")
        self.status.hide()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button)
        side = QWidget()
        scol = QVBoxLayout(side)
        scol.setContentsMargins(0, 0, 0, 0)
        for w in (self.dossiers_label, self.dossiers, self.open_button, self.export_label, self.export_folder,
                  self.export_button, self.reviewer_label, self.reviewer, self.note_label, self.note,
                  self.sign_button, self.status):
            scol.addWidget(w)
        self.extra = QVBoxLayout()
        self.sections: list[Any] = []
        scol.addLayout(self.extra)
        scol.addStretch(1)
        # On a small screen the side column scrolls instead of squeezing its wrapped labels into one line.
        side_scroll = QScrollArea()
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(side_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        col = QVBoxLayout(self)
        col.addLayout(top)
        col.addWidget(split, 1)
        self.retranslate_ui()

    def add_section(self, widget: QWidget) -> None:
        """A further section under sign-off (linking interviews of the same man): it is shown each case
        through show_case(code), and cleared at lock through clear_sensitive()."""
        self.extra.addWidget(widget)
        self.sections.append(widget)

    def retranslate_ui(self) -> None:
        self.back_button.setText(_(BACK))
        self.dossiers_label.setText(_(DOSSIERS))
        self.open_button.setText(_(OPEN))
        self.export_label.setText(_(EXPORT_TO))
        self.export_button.setText(_(EXPORT))
        self.export_folder.retranslate_ui()
        for section in self.sections:
            section.retranslate_ui()
        self.reviewer_label.setText(_(REVIEWER))
        self.note_label.setText(_(NOTE))
        self.sign_button.setText(_(SIGN))
        if self.case_code:
            self.load(self.case_code)  # the story's words follow the language

    def load(self, case_code: str) -> None:
        self.case_code = case_code
        self.title.setText(case_code)
        tasks.run(lambda: self.core.story(case_code), self.show_story, self._failed)

    def show_story(self, story: Any) -> None:
        self.story = story
        for section in self.sections:
            section.show_case(self.case_code)
        self.view.setHtml(story_html(story))
        self.dossiers.clear()
        for n, d in enumerate(story.dossiers, 1):
            item = QListWidgetItem(_(DOSSIER).format(n=n, received=d.received[:16].replace("T", " "),
                                                     ruleset=d.ruleset or "-"))
            item.setData(Qt.ItemDataRole.UserRole, n)
            self.dossiers.addItem(item)
        if self.dossiers.count():
            self.dossiers.setCurrentRow(0)

    def open_item(self, item: QListWidgetItem) -> None:
        n = int(item.data(Qt.ItemDataRole.UserRole))
        code = self.case_code
        tasks.run(lambda: self.core.open_copy(code, n), self._opened, self._failed)

    def open_selected(self) -> None:
        item = self.dossiers.currentItem()
        if item is not None:
            self.open_item(item)

    def _opened(self, path: Path) -> None:
        self.opener(path)
        self.say(_(OPENED).format(path=path))

    def export(self) -> None:
        folder = self.export_folder.path()
        if folder is None or not self.case_code:
            return
        code = self.case_code
        tasks.run(lambda: self.core.export(code, folder), lambda done: self.say(_(EXPORTED).format(
            count=len(done.dossiers), folder=folder) + (" " + done.ruleset_note if done.ruleset_note else "")),
            self._failed)

    def sign(self) -> None:
        reviewer, note = self.reviewer.text().strip(), self.note.toPlainText().strip()
        if not reviewer or not note:
            self.say(_(NEED_NOTE))
            return
        code = self.case_code
        tasks.run(lambda: self.core.sign_off(code, reviewer, note), self._signed, self._failed)

    def _signed(self, _result: object) -> None:
        self.note.clear()
        self.say(_(SIGNED))
        self.load(self.case_code)

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def _failed(self, err: BaseException) -> None:
        self.say(error_text(err))

    def clear_sensitive(self) -> None:
        self.story = None
        self.case_code = ""
        self.view.clear()
        self.dossiers.clear()
        self.note.clear()
        self.status.hide()
        for section in self.sections:
            section.clear_sensitive()


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th align='left'>{escape(h)}</th>" for h in head) if any(head) else ""
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    top = f"<tr>{th}</tr>" if th else ""
    return f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>{top}{body}</table>"


def story_html(s: Any) -> str:
    """The case as the report tells it, in the window's language."""
    from desktop.core.dossier.summary import DECISION_SUPPORT

    w = s.words
    t = w.ui
    parts = [f"<p><b>{escape(t(DECISION_SUPPORT))}</b></p>"]
    if s.ruleset_note:
        parts.append(f"<p style='color:#7a4b00'><b>{escape(s.ruleset_note)}</b></p>")
    parts.append(f"<h3>{escape(t('Interviews'))}</h3>")
    parts.append(_table([t("Interview"), t("Date"), t("Interviewer"), t("Wish"), t("Reliability at this interview")],
                        [[str(i.index), i.date, f"{i.interviewer} ({i.languages})", i.wish, i.reliability]
                         for i in s.interviews]))
    parts.append(f"<h3>{escape(t('Evaluation over time'))}</h3>")
    parts.append(_table([t("After interview"), t("POW status"), t("Wish"), t("Reliability of the wish")],
                        [[f"{x.index} ({x.date})", x.status, x.wish, x.reliability] for x in s.steps]))
    parts.append(f"<h3>{escape(t('Case-level result and why'))}</h3>")
    m = s.summary
    if m is None:
        parts.append(f"<p>{escape(s.problem)}</p>")
    else:
        rows = [[t("POW status"), f"{m.status} ({m.grounds})"],
                [t("His wish, as chosen"), "; ".join(f"{q}: {a}" for q, a in m.chosen) or "-"],
                [t("Reliability of the wish"), " ".join([m.reliability, *m.reasons])],
                [t("Risk on return"), "; ".join(f"{d}: {r}" for d, r in m.risk)],
                [t("Options"), "; ".join(f"{o}: {r}" for o, r, _c in m.options)],
                [t("Flags"), m.flags]]

        parts.append(_table(["", ""], rows))
    parts.append(f"<h3>{escape(t('Sign-offs'))}</h3>")
    signed = [[o.signed_at[:16].replace("T", " "), o.reviewer, o.note] for o in s.signoffs]
    parts.append(_table(["", t("Reviewer"), t("Sign-off note")], signed) if signed else f"<p>{escape(t('none'))}</p>")
    return "".join(parts)
