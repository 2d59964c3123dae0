"""The live evaluation beside the interview: each rule set's result in words, the fired rules with their
explanations and citations, and the standing banner. Never shown in the captive view."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from desktop import i18n
from desktop.core.citations import localize
from desktop.core.rules.explain import BANNER, DESTINATION_LABELS, LABELS, signoff_text
from desktop.i18n import N_, _
from desktop.ui.base import Page, banner, heading
from desktop.ui.labels import after_colon
from desktop.ui.qt import QTextBrowser, QVBoxLayout, QWidget

T = {
    "title": N_("Live evaluation"),
    "status": N_("POW status"),
    "wish": N_("Wish reliability"),
    "risk": N_("Non-refoulement risk"),
    "options": N_("Options"),
    "sources": N_("Sources: {sources}"),
    "repeat": N_("Repeat the interview."),
    "none": N_("No answers yet."),
    "review": N_("Every result needs legal review."),
}


class EvaluationPanel(Page):
    def __init__(self, form_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_id = form_id
        self.title = heading(2)
        self.banner = banner("info")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        col = QVBoxLayout(self)
        col.setContentsMargins(4, 0, 0, 0)
        col.addWidget(self.title)
        col.addWidget(self.banner)
        col.addWidget(self.body, 1)
        self.result: tuple[Any, Any] | None = None
        self._shown: Any = None
        self.setMinimumWidth(230)
        self.retranslate_ui()

    def show_result(self, result: tuple[Any, Any] | None) -> None:
        """Redraw only when a result or a fired rule changed (drawing the text costs more than evaluating)."""
        key = None if result is None else _signature(result[0])
        if key is not None and key == self._shown and self.result is not None:
            self.result = result
            return
        self.result, self._shown = result, key
        self.retranslate_ui()

    def _data(self) -> Callable[[str, str], str]:
        cat = i18n.catalog(i18n.language(), "forms")
        prefix = self.form_id + ".rules."

        def data(key: str, text: str) -> str:  # rules.yaml text: data, msgctxt <form>.rules.<key>
            lookup = cat.pgettext
            return lookup(prefix + key, text) if text else text

        return data

    def retranslate_ui(self) -> None:
        self._shown = None if self.result is None else _signature(self.result[0])
        self.title.setText(_(T["title"]))
        self.banner.setText(_(BANNER))
        if self.result is None:
            self.body.setPlainText(_(T["none"]))
            return
        ev, rs = self.result
        data = self._data()

        def label(code: str) -> str:
            return after_colon(_(LABELS[code])) if code in LABELS else code

        def fired(entries: Any) -> str:
            out = []
            for f in entries:
                expl = data(f"{f.rule.id}.explanation", f.rule.explanation)
                lang = i18n.language()  # treaty citations in the reader's form (GC III Art. 5 -> ZhK III, st. 5)
                cites = _(T["sources"]).format(sources="; ".join(localize(c, lang) for c in f.rule.citations)) \
                    if f.rule.citations else ""
                out.append(f"<li><b>{html.escape(f.rule.id)}</b>: {html.escape(expl)}"
                           + (f"<br><i>{html.escape(cites)}</i>" if cites else "") + "</li>")
            return "<ul>" + "".join(out) + "</ul>" if out else ""

        parts = [f"<h3>1. {html.escape(_(T['status']))}: {html.escape(label(ev.status.result))}</h3>",
                 fired(ev.status.fired),
                 f"<h3>2. {html.escape(_(T['wish']))}: {html.escape(label(ev.wish.result))}</h3>"]
        if ev.wish.repeat_interview:
            parts.append(f"<p>{html.escape(_(T['repeat']))}</p>")
        parts.append(fired(ev.wish.fired))
        parts.append(f"<h3>3. {html.escape(_(T['risk']))}</h3><ul>")
        for dest, code in ev.risk.result.items():
            name = _(DESTINATION_LABELS[dest]) if dest in DESTINATION_LABELS else dest
            parts.append(f"<li>{html.escape(name)}: {html.escape(label(code))}</li>")
        parts.append("</ul>" + fired(ev.risk.fired))
        parts.append(f"<h3>4. {html.escape(_(T['options']))}</h3><ul>")
        for option, code in ev.options.result.items():
            title = data(f"{option}.title", rs.option_titles.get(option, ""))
            parts.append(f"<li>{html.escape(option.upper())} {html.escape(title)}: <b>{html.escape(label(code))}</b>"
                         + fired([f for f in ev.options.fired if f.option == option]) + "</li>")
        parts.append(f"</ul><p><i>{html.escape(_(T['review']))}</i></p>")
        if ev.review:  # footer: fired rules without a legal sign-off (voluntas rules status)
            parts.append(f"<p><small>{html.escape(signoff_text(ev, _))}</small></p>")
        self.body.setHtml("".join(parts))

    def clear_sensitive(self) -> None:
        self.result = self._shown = None
        self.body.clear()


def _signature(ev: Any) -> tuple[Any, ...]:
    def ids(entries: Any) -> tuple[str, ...]:
        return tuple(f.rule.id + ":" + str(f.outcome) + ":" + str(f.option) for f in entries)

    return (ev.status.result, ev.wish.result, ev.wish.repeat_interview, tuple(ev.risk.result.items()),
            tuple(ev.options.result.items()), ids(ev.status.fired), ids(ev.wish.fired), ids(ev.risk.fired),
            ids(ev.options.fired))
