"""Review and finalize: every answer on one page in both languages, the read-back checklist, the
declarations, then "Finalize" through one core call."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from desktop.core.forms.captive import choice_pair
from desktop.core.forms.model import DECLINED
from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.qt import (
    QCheckBox,
    QHBoxLayout,
    QKeySequence,
    QPushButton,
    QShortcut,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from desktop.facade import Core

T = {
    "title": N_("Review the interview"),
    "intro": N_("Read every answer back to him through the interpreter. Correct what he corrects "
                "(Esc returns to the interview)."),
    "check1": N_("I read every answer back to him in his language."),
    "check2": N_("He confirmed each answer or I corrected it."),
    "check3": N_("The interpreter confirmed the translation of the read-back."),
    "declare": N_("The declarations and signatures (section A9) are answered and signed."),
    "finalize": N_("Finalize (Ctrl+Enter)"),
    "back": N_("Back to the interview (Esc)"),
    "missing": N_("Still to answer before finalizing: {count} question(s). {ids}"),
    "problems": N_("Answers that break a rule: {ids}"),
    "ready": N_("Everything required is answered."),
    "closed": N_("This interview is finalized: it can be read, not changed."),
    "working": N_("Finalizing..."),
    "done": N_("Finalized. This interview can no longer be changed. It will be sealed for the legal team "
               "once a recipient is added in Settings."),
    "sealed": N_("Finalized and sealed for the legal team. Its text was removed from this laptop."),
    "declined": N_("declined"),
    "none": N_("(no answer)"),
    "signed": N_("signed"),
    "why_missing": N_("Finalize is not available yet: {count} required question(s) are unanswered."),
    "why_problems": N_("Finalize is not available yet: some answers break a rule."),
    "why_checks": N_("Finalize is not available yet: tick the four boxes above once they are true."),
    "jump": N_("Click a question, or Tab to it and press Enter, to change its answer."),
}


class ReviewPage(Page):
    back = Signal()
    finalized = Signal()
    want_question = Signal(str)  # go to this question in the interview (a click or Enter on it)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.page: Any = None
        self.read_only = False
        self.title = heading(1)
        self.intro = wrapped("muted")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._jump)
        self.why = wrapped("muted")
        self.state = banner("info")
        self.checks = [QCheckBox() for _ in range(4)]
        for c in self.checks:
            c.toggled.connect(self.update_button)
        self.finalize_btn, self.back_btn = QPushButton(), QPushButton()
        self.finalize_btn.clicked.connect(self.finalize)
        self.back_btn.clicked.connect(self.back.emit)
        for b in (self.finalize_btn, self.back_btn):
            b.setAutoDefault(True)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.finalize)
        row = QHBoxLayout()
        row.addWidget(self.back_btn)
        row.addStretch(1)
        row.addWidget(self.why, 3)
        row.addWidget(self.finalize_btn)
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.intro)
        col.addWidget(self.body, 1)
        col.addWidget(self.state)
        for c in self.checks:
            col.addWidget(c)
        col.addLayout(row)
        self.retranslate_ui()

    def show_for(self, page: Any, read_only: bool = False) -> None:
        """read_only: a finalized interview, shown for reading; nothing can be ticked or finalized."""
        self.page = page
        self.read_only = read_only
        for c in self.checks:
            c.setChecked(False)
            c.setVisible(not read_only)
        self.finalize_btn.setVisible(not read_only)
        self.retranslate_ui()
        (self.back_btn if read_only else self.checks[0]).setFocus()

    def _answer_text(self, qid: str, value: Any, cap: Any, intr: Any) -> str:
        form = self.page.form
        q = form.questions[qid]
        if value is None:
            return _(T["none"])
        if value == DECLINED and q.declinable:
            return _(T["declined"])
        if q.type == "signature":
            return _(T["signed"])
        cl = form.choices(qid)
        if cl is None:
            return str(value)
        codes = value if isinstance(value, list) else [value]
        out = []
        for code in codes:
            c = next((c for c in cl.choices if c.code == code), None)
            if c is None:
                out.append(str(code))
                continue
            a = cap(*choice_pair(form, cl.id, c)) if q.captive == "choices" else cap.get(c.label, cl.id, c.code,
                                                                                          "label").text

            b = intr.get(c.label, cl.id, c.code, "label").text
            out.append(a if a == b else f"{a} / {b}")
        return "; ".join(out)

    def retranslate_ui(self) -> None:
        self.title.setText(_(T["title"]))
        self.intro.setText(_(T["intro"]) + ("" if self.read_only else " " + _(T["jump"])))
        for c, key in zip(self.checks, ("check1", "check2", "check3", "declare")):
            c.setText(_(T[key]))
        self.finalize_btn.setText(_(T["finalize"]))
        self.back_btn.setText(_(T["back"]))
        p = self.page
        if p is None or p.session is None:
            self.body.clear()
            return
        s = p.session
        cap, intr = p.texts()
        rows = []
        for qid in s.navigable():
            q = p.form.questions[qid]
            asked = q.captive != "none" and q.captive_text  # the question as he was asked it, if he was
            ql = cap.get(q.captive_text, qid, "captive_text").text if asked else cap.get(q.label, qid, "label").text
            il = intr.get(q.label, qid, "label").text
            ans = self._answer_text(qid, s.answers.get(qid), cap, intr)
            head = html.escape(ql) if self.read_only else f"<a href='q:{qid}'>{html.escape(ql)}</a>"
            rows.append(f"<tr><td valign='top'><b>{head}</b><br>{html.escape(il)}</td>"
                        f"<td valign='top'>{html.escape(ans)}</td></tr>")
        self.body.setHtml("<table cellpadding='4' width='100%'>" + "".join(rows) + "</table>")
        missing, problems = s.missing(), s.problems()
        lines = []
        if missing:
            lines.append(_(T["missing"]).format(count=len(missing), ids=", ".join(missing[:8])))
        if problems:
            lines.append(_(T["problems"]).format(ids=", ".join(q for q, _m in problems)))
        self.state.setText(_(T["closed"]) if self.read_only else "\n".join(lines) if lines else _(T["ready"]))
        self.state.setObjectName("banner_warn" if lines else "banner_info")
        self.state.setStyleSheet("")
        self.update_button()

    def ready(self) -> bool:
        p = self.page
        return bool(not self.read_only and p is not None and p.session is not None and p.session.finished()
                    and all(c.isChecked() for c in self.checks))

    def update_button(self) -> None:
        """A disabled Finalize looks disabled (theme) and says why, beside it and as its tooltip."""
        ready = self.ready()
        self.finalize_btn.setEnabled(ready)
        why = ""
        p = self.page
        if not ready and not self.read_only and p is not None and p.session is not None:
            missing = p.session.missing()
            why = (_(T["why_missing"]).format(count=len(missing)) if missing
                   else _(T["why_problems"]) if p.session.problems() else _(T["why_checks"]))
        self.why.setText(why)
        self.why.setVisible(bool(why))
        self.finalize_btn.setToolTip(why)

    def _jump(self, url: Any) -> None:
        target = url.toString()
        if target.startswith("q:") and not self.read_only:
            self.want_question.emit(target[2:])

    def finalize(self) -> None:
        if not self.ready():
            return
        self.finalize_btn.setEnabled(False)
        self.state.setText(_(T["working"]))
        iid = self.page.interview_id
        tasks.run(lambda: self.core.finalize(iid), self._done, self._failed)

    def _done(self, state: object) -> None:
        self.state.setText(_(T["sealed"]) if state == "sealed" else _(T["done"]))
        self.finalized.emit()

    def _failed(self, err: BaseException) -> None:
        self.state.setText(err.message(_) if hasattr(err, "message") else type(err).__name__)
        self.update_button()

    def clear_sensitive(self) -> None:
        self.page = None
        self.body.clear()
