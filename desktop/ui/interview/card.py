"""The interview's question card: section and progress, his question and yours, hint, who answers, the
answer widget's place and the problem line."""

from __future__ import annotations

from typing import Any

from desktop.core.forms.captive import captive_strings
from desktop.i18n import _
from desktop.ui.base import heading, wrapped
from desktop.ui.interview.texts import T
from desktop.ui.qt import QFrame, QScrollArea, Qt, QVBoxLayout, QWidget


class QuestionCard(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section_title = heading(2)
        self.progress = wrapped("muted")
        self.captive_text = wrapped("captive_text")
        self.interviewer_text = wrapped("interviewer_text")
        self.hint = wrapped("muted")
        self.unreviewed = wrapped("unreviewed")
        self.meta = wrapped("muted")
        self.answer_host = QVBoxLayout()
        self.problem = wrapped("problem")
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        kcol = QVBoxLayout(card)
        for w in (self.section_title, self.progress, self.captive_text, self.interviewer_text, self.unreviewed,
                  self.hint, self.meta):
            kcol.addWidget(w)
        kcol.addLayout(self.answer_host)
        kcol.addWidget(self.problem)
        kcol.addStretch(1)
        self.setWidgetResizable(True)
        self.setWidget(card)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_question(self, form: Any, s: Any, qid: str, cap: Any, intr: Any) -> None:
        """The words around the answer widget for `qid`: his side in `cap`, the interviewer's in `intr`."""
        q = form.questions[qid]
        section = form.section_of(qid)
        self.section_title.setText(intr.get(section.title, section.id, "title").text)
        done = s.completeness()
        have, total = done.get(section.id, (0, 0))
        self.progress.setText(_(T["progress"]).format(done=have, total=total,
                                                      all_done=sum(d for d, _t in done.values()),
                                                      all_total=sum(t for _d, t in done.values())))
        i = intr.get(q.label, qid, "label")
        his = [cap.get(en, *ctx.split(".")[1:]) for ctx, en in captive_strings(form, qid)]
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

    def clear_sensitive(self) -> None:
        for label in (self.captive_text, self.interviewer_text, self.hint, self.problem, self.section_title):
            label.clear()
