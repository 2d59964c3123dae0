"""The legal glossary (locales/glossary.yaml, legal-brief.md section D) and the check `forms check` runs.

    load(path=None) -> Glossary
    Glossary.terms_in(english) -> [Term]            glossary terms the English uses
    Glossary.warnings(english, translation, lang) -> [(code, message)]
    check_po(po, lang, glossary, context_prefix="") -> [GlossaryWarning]   FILE:LINE:COL: Wxxx message

W301: the English uses a glossary term and the translation has none of its approved forms.
W302: the translation uses a word the glossary says to avoid (loaded labels, ROK spellings, calques).
These are warnings: a translator or linguist reads them; they never refuse a form.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel.messages.pofile import read_po

from desktop import paths
from desktop.core.languages import TRANSLATED

FORMAT = "voluntas-glossary/1"
MISSING_TERM, AVOIDED_WORD = "W301", "W302"


@dataclass(frozen=True)
class Rendering:
    """A term in one language: the approved wording and the patterns that count as using it."""

    term: str
    accept: tuple[re.Pattern[str], ...]
    note: str = ""
    uncertain: bool = False


@dataclass(frozen=True)
class Term:
    id: str
    en: str
    match: re.Pattern[str]
    langs: dict[str, Rendering]


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    avoid: dict[str, dict[str, str]]  # lang -> word -> reason

    def terms_in(self, english: str) -> list[Term]:
        return [t for t in self.terms if t.match.search(english)]

    def warnings(self, english: str, translation: str, lang: str) -> list[tuple[str, str]]:
        """(code, message) for one translated string; empty when it follows the glossary."""
        out: list[tuple[str, str]] = []
        for t in self.terms_in(english):
            r = t.langs.get(lang)
            if r is not None and not any(p.search(translation) for p in r.accept):
                out.append((MISSING_TERM, f"glossary {t.id} '{t.en}': the translation does not use the "
                                          f"approved {lang} term '{r.term}'"))
        low = translation.lower()
        for word, why in self.avoid.get(lang, {}).items():
            if word.lower() in low:
                out.append((AVOIDED_WORD, f"avoid '{word}': {why}"))
        return out


def default_path() -> Path:
    return paths.locales_dir() / "glossary.yaml"


def _rendering(raw: Any) -> Rendering:
    raw = dict(raw or {})
    accept = tuple(re.compile(str(p), re.IGNORECASE) for p in raw.get("accept") or ())
    return Rendering(str(raw.get("term", "")), accept, " ".join(str(raw.get("note", "")).split()),
                     bool(raw.get("uncertain", False)))


def parse(text: str) -> Glossary:
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} document")
    terms = []
    for raw in doc.get("terms") or ():
        langs = {lang: _rendering(raw[lang]) for lang in TRANSLATED if lang in raw}
        terms.append(Term(str(raw["id"]), str(raw["en"]), re.compile(str(raw["match"]), re.IGNORECASE), langs))
    avoid = {str(lang): {str(w): str(why) for w, why in dict(words or {}).items()}
             for lang, words in dict(doc.get("avoid") or {}).items()}
    return Glossary(tuple(terms), avoid)


def load(path: Path | None = None) -> Glossary:
    p = path or default_path()
    return _load(str(p), p.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: str, _stamp: int) -> Glossary:
    return parse(Path(path).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class GlossaryWarning:
    file: str
    line: int
    column: int
    code: str
    message: str
    context: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message} ({self.context})"


def check_po(po: Path, lang: str, glossary: Glossary | None = None,
             context_prefix: str = "") -> list[GlossaryWarning]:
    """Every glossary warning of the translated, non-fuzzy strings of one catalog."""
    g = glossary or load()
    catalog = read_po(io.BytesIO(po.read_bytes()), locale=lang)
    out: list[GlossaryWarning] = []
    for m in catalog:
        if not m.id or m.fuzzy or not str(m.context or "").startswith(context_prefix):
            continue
        english = m.id[0] if isinstance(m.id, (list, tuple)) else str(m.id)
        for text in (m.string if isinstance(m.string, (list, tuple)) else [m.string]):
            if not text:
                continue
            for code, message in g.warnings(english, str(text), lang):
                out.append(GlossaryWarning(str(po), int(m.lineno or 1), 1, code, message, str(m.context or "")))
    return out
