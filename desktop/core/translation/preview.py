"""The translator preview as data (screens.md item 11): a form page by page in a pair of languages, each
string with its status, and sign-off of chosen strings under a reviewer's name. No vault is involved.

    PreviewSource().pages(form_id, captive, interviewer) -> [PreviewPage]
    PreviewSource().sign_off(lang, contexts, reviewer) -> int
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.core.translation.sheet import Block, Line, build
from desktop.core.translation.shown import SOURCE_LANGUAGE, po_path
from desktop.core.translation.signoff import sign_off

RULES_PER_PAGE = 8


@dataclass(frozen=True)
class PreviewPage:
    kind: str  # title / section / question / choices / rules
    id: str  # question, section or list id
    section: str  # the section id the page belongs to ("" for the title, "rules" for the rules text)
    facts: tuple[tuple[str, str], ...]
    captive: tuple[Line, ...]
    interviewer: tuple[Line, ...]  # the same strings, in the interviewer's language

    @property
    def contexts(self) -> list[str]:
        return [ln.context for ln in self.captive]

    def needing_work(self) -> int:
        return sum(ln.needs_work for ln in self.captive)


class PreviewSource:
    """What the preview screen asks of the core; paths are injectable for tests."""

    def __init__(self, forms: Path | None = None, locales: Path | None = None) -> None:
        self.forms, self.locales = forms, locales

    def form_ids(self) -> list[str]:
        return sorted(p.parent.name for p in (self.forms or paths.forms_dir()).glob("*/form.yaml"))

    def languages(self) -> list[str]:
        pos = (self.locales or paths.locales_dir()).glob("*/LC_MESSAGES/forms.po")
        found = sorted(p.parent.parent.name for p in pos)
        return [SOURCE_LANGUAGE, *found]

    def pages(self, form_id: str, captive: str, interviewer: str) -> list[PreviewPage]:
        c = build(form_id, captive, self.forms, self.locales)
        i = {ln.context: ln for ln in build(form_id, interviewer, self.forms, self.locales).lines}
        choices = {b.id: b for b in c.blocks if b.kind == "choices"}
        out: list[PreviewPage] = []
        attached: set[str] = set()
        for b in c.blocks:
            if b.kind == "question":
                list_id = next((v.split(",")[0] for k, v in b.facts if k == "choices"), None)
                lines = b.lines + (choices[list_id].lines if list_id in choices else ())
                attached.add(list_id or "")
                out.append(_page("question", b, b.section, lines, i))
            elif b.kind == "rules":
                for n in range(0, len(b.lines), RULES_PER_PAGE):
                    out.append(_page("rules", b, "rules", b.lines[n:n + RULES_PER_PAGE], i))
            elif b.kind != "choices":
                out.append(_page("title" if b.kind == "form" else b.kind, b, b.section, b.lines, i))
        for list_id, b in choices.items():
            if list_id not in attached:
                out.append(_page("choices", b, "", b.lines, i))
        return out

    def sign_off(self, lang: str, contexts: Collection[str], reviewer: str) -> int:
        """Approve these strings of `lang`'s forms catalog in `reviewer`'s name (review.py keeps the hashes)."""
        if lang == SOURCE_LANGUAGE or not contexts:
            return 0
        return sign_off(po_path(lang, self.locales), reviewer, keys=set(contexts))


def _page(kind: str, b: Block, section: str, lines: tuple[Line, ...], other: dict[str, Line]) -> PreviewPage:
    return PreviewPage(kind, b.id, section, b.facts, lines, tuple(other[ln.context] for ln in lines))
