"""Translator preview (screens.md item 11): any form in any pair of languages, page by page as the captive
would see it, with untranslated, fuzzy and unreviewed strings marked in words; a translator ticks strings
(or takes a whole section) and signs them off under their name. No vault: nothing of an interview is shown.

`source` is desktop.core.translation.preview.PreviewSource (or a stand-in in tests), given by the composition root.
"""

from __future__ import annotations

from typing import Any

from desktop.i18n import N_, _
from desktop.ui import labels, tasks
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.preview_card import Card
from desktop.ui.qt import (
    QComboBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

T = {
    "title": N_("Translator preview"),
    "intro": N_("Every string of the form as the captive would see it. Strings marked NOT REVIEWED, FUZZY or "
                "UNTRANSLATED need a translator. No vault is opened and no interview is shown."),
    "form": N_("Form"), "captive": N_("Captive's language"), "interviewer": N_("Interviewer's language"),
    "reviewer": N_("Your full name (reviewer)"),
    "back": N_("Back"), "prev": N_("Previous (Page Up)"), "next": N_("Next (Page Down)"),
    "sign_ticked": N_("Sign off ticked strings"), "sign_section": N_("Sign off the whole section"),
    "page": N_("Page {n} of {total}"),
    "summary": N_("{language}: {total} strings, {reviewed} reviewed, {unreviewed} not reviewed, {fuzzy} fuzzy, "
                  "{untranslated} untranslated."),
    "need_name": N_("Enter your full name before signing off."),
    "need_lang": N_("English is the source text: there is nothing to sign off. Choose Korean or Ukrainian as the "
                    "captive's language."),
    "nothing": N_("Nothing ticked on this page."),
    "signed": N_("{count} strings signed off in {language} by {name}. A later change to the English or to the "
                 "translation undoes it."),
    "loading": N_("Loading..."),
    "item": N_("{section} {id}: {state}"),
    "ok": N_("reviewed"), "todo": N_("{count} to review"),
    "rules": N_("rules text"), "title_page": N_("form title"), "section_page": N_("section heading"),
}


class PreviewPage(Page):
    closed = Signal()

    def __init__(self, source: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.pages: list[Any] = []
        self.index = 0
        self.title, self.intro = heading(1), wrapped("muted")
        self.form_box, self.captive_box, self.interviewer_box = QComboBox(), QComboBox(), QComboBox()
        self.form_label, self.captive_label, self.interviewer_label = QLabel(), QLabel(), QLabel()
        self.reviewer_label, self.reviewer = QLabel(), QLineEdit()
        for fid in source.form_ids():
            self.form_box.addItem(fid, fid)
        self.langs = list(source.languages())
        for box in (self.captive_box, self.interviewer_box):
            for lang in self.langs:
                box.addItem(lang, lang)
        self.captive_box.setCurrentIndex(self.langs.index("ko") if "ko" in self.langs else 0)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._picked)
        self.card = Card()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.card)
        self.where, self.summary, self.message = wrapped("muted"), wrapped("muted"), banner("info")
        self.message.hide()
        self.back, self.prev, self.next = QPushButton(), QPushButton(), QPushButton()
        self.sign_ticked, self.sign_section = QPushButton(), QPushButton()
        self.back.clicked.connect(self.closed.emit)
        self.prev.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.sign_ticked.clicked.connect(lambda: self.sign(self.card.ticked()))
        self.sign_section.clicked.connect(lambda: self.sign(self.section_contexts()))
        for box in (self.form_box, self.captive_box, self.interviewer_box):
            box.currentIndexChanged.connect(lambda _i: self.reload())
        self._layout(scroll)
        self.keys = []
        for seq, slot in (("PgUp", lambda: self.go(self.index - 1)), ("PgDown", lambda: self.go(self.index + 1))):
            sc = QShortcut(QKeySequence(seq), self)
            sc.activated.connect(slot)
            self.keys.append(sc)
        self.retranslate_ui()
        self.reload()

    def _layout(self, scroll: QScrollArea) -> None:
        top = QHBoxLayout()
        w: QWidget
        for label, w in ((self.form_label, self.form_box), (self.captive_label, self.captive_box),
                         (self.interviewer_label, self.interviewer_box), (self.reviewer_label, self.reviewer)):
            top.addWidget(label)
            top.addWidget(w, 1 if w is self.reviewer else 0)
        top.addWidget(self.back)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(scroll)
        split.setSizes([300, 900])
        bottom = QHBoxLayout()
        for w in (self.prev, self.next, self.where):
            bottom.addWidget(w)
        bottom.addStretch(1)
        for w in (self.sign_ticked, self.sign_section):
            bottom.addWidget(w)
        col = QVBoxLayout(self)
        for w in (self.title, self.intro):
            col.addWidget(w)
        col.addLayout(top)
        col.addWidget(self.summary)
        col.addWidget(split, 1)
        col.addWidget(self.message)
        col.addLayout(bottom)

    def retranslate_ui(self) -> None:
        self.title.setText(_(T["title"]))
        self.intro.setText(_(T["intro"]))
        for key, label in (("form", self.form_label), ("captive", self.captive_label),
                           ("interviewer", self.interviewer_label), ("reviewer", self.reviewer_label)):
            label.setText(_(T[key]))
        for box in (self.captive_box, self.interviewer_box):
            for n, lang in enumerate(self.langs):
                box.setItemText(n, f"{labels.lang(lang)} ({lang})")
        for key, button in (("back", self.back), ("prev", self.prev), ("next", self.next),
                            ("sign_ticked", self.sign_ticked), ("sign_section", self.sign_section)):
            button.setText(_(T[key]))
        self.card.retranslate_ui()
        self._fill_list()

    # -- data ------------------------------------------------------------------------------------------
    @property
    def captive(self) -> str:
        return str(self.captive_box.currentData())

    @property
    def interviewer(self) -> str:
        return str(self.interviewer_box.currentData())

    def reload(self) -> None:
        form, c, i = self.form_box.currentData(), self.captive, self.interviewer
        self.summary.setText(_(T["loading"]))
        tasks.run(lambda: self.source.pages(form, c, i), self._loaded, self._failed)

    def _loaded(self, pages: list[Any]) -> None:
        self.pages = pages
        self._fill_list()
        self.go(min(self.index, len(pages) - 1))
        counts = {"reviewed": 0, "unreviewed": 0, "fuzzy": 0, "untranslated": 0}
        for status in {ln.context: ln.status for p in pages for ln in p.captive}.values():
            counts[status] += 1  # a choice list shows on several pages: count it once
        self.summary.setText(_(T["summary"]).format(language=labels.lang(self.captive),
                                                    total=sum(counts.values()), **counts))

    def _failed(self, err: BaseException) -> None:
        self.message.setText(str(err))
        self.message.show()

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.pages:
            todo = p.needing_work()
            state = _(T["todo"]).format(count=todo) if todo else _(T["ok"])
            section = _(T["rules"]) if p.section == "rules" else p.section
            ident = {"title": _(T["title_page"]), "section": _(T["section_page"])}.get(p.kind, p.id)
            self.list.addItem(_(T["item"]).format(section=section, id=ident, state=state).strip())
        self.list.setCurrentRow(self.index)
        self.list.blockSignals(False)

    # -- navigation and sign-off -------------------------------------------------------------------------
    def _picked(self, row: int) -> None:
        if row >= 0:
            self.go(row)

    def go(self, index: int) -> None:
        if not self.pages:
            return
        self.index = max(0, min(len(self.pages) - 1, index))
        self.card.show_page(self.pages[self.index])
        self.list.blockSignals(True)
        self.list.setCurrentRow(self.index)
        self.list.blockSignals(False)
        self.where.setText(_(T["page"]).format(n=self.index + 1, total=len(self.pages)))

    def current(self) -> Any:
        return self.pages[self.index] if self.pages else None

    def section_contexts(self) -> list[str]:
        page = self.current()
        if page is None:
            return []
        return [c for p in self.pages if p.section == page.section for c in p.contexts]

    def sign(self, contexts: list[str]) -> None:
        name = self.reviewer.text().strip()
        problem = (T["need_lang"] if self.captive == "en" else T["need_name"] if not name
                   else T["nothing"] if not contexts else None)
        if problem is not None:
            self._say(_(problem), "warn")
            return
        lang = self.captive
        tasks.run(lambda: self.source.sign_off(lang, contexts, name), lambda n: self._signed(n, lang, name),
                  self._failed)

    def _signed(self, count: int, lang: str, name: str) -> None:
        self._say(_(T["signed"]).format(count=count, language=labels.lang(lang), name=name), "info")
        self.reload()

    def _say(self, text: str, kind: str) -> None:
        self.message.setObjectName(f"banner_{kind}")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()


def open_in(window: Any, source: Any) -> PreviewPage:
    """Show the preview in a window's stack; Back returns to the screen it came from (unlock, first run)."""
    before = window.stack.currentWidget()
    page = PreviewPage(source)
    window.stack.addWidget(page)
    window.stack.setCurrentWidget(page)

    def close() -> None:
        window.stack.setCurrentWidget(before)
        window.stack.removeWidget(page)
        page.deleteLater()

    page.closed.connect(close)
    return page
