"""Form text in a language: the string shown, its status, the hash of exactly what was shown, and the
language rule (issue item 7).

    form_catalog(lang) -> FormCatalog          the `forms` catalog of lang with its review file
    form_text(form, lang, context, english) -> Shown   .text .status .translated .reviewed .sha256
    FormCatalog.lookup(context, english) -> Shown
    FormCatalog.translate(context, english) -> str     (the Session's `translate`)
    form_stats(form_id, lang) -> Stats         total, translated, fuzzy, untranslated, reviewed
    captive_language(form_id, lang) -> LanguageDecision
    translation_record(form_id, lang) -> dict  to store with the interview (catalog hash, unreviewed strings)
        ok only if every string of the form (form.yaml and rules.yaml) is translated and none is fuzzy;
        unreviewed strings are allowed but listed, to be flagged in the session and recorded with it.

English is the source: every string is "translated" and counts as reviewed.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from desktop import paths
from desktop.core.errors import N_
from desktop.core.forms.model import Form
from desktop.core.translation.extract import FormMessage, form_dir_messages
from desktop.core.translation.signoff import Approval, is_reviewed, is_translated, load, review_path, sha256_text

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Shown:
    """One string as shown: the text (English when there is no usable translation) and its status."""

    context: str
    text: str
    status: str  # translated / fuzzy / untranslated
    reviewed: bool

    @property
    def review(self) -> str:
        return "reviewed" if self.reviewed else "unreviewed"

    @property
    def translated(self) -> bool:
        return self.status == TRANSLATED

    @property
    def sha256(self) -> str:
        """sha256 of the exact text shown (UTF-8), for the audit log and the dossier."""
        return sha256_text(self.text)


@dataclass(frozen=True)
class FormCatalog:
    language: str
    catalog: Catalog | None
    approvals: dict[str, Approval] = field(default_factory=dict)
    po_sha256: str = ""

    def lookup(self, context: str, english: str) -> Shown:
        if self.language == SOURCE_LANGUAGE:
            return Shown(context, english, TRANSLATED, True)
        message = self.catalog.get(english, context=context) if self.catalog is not None else None
        if message is None or not is_translated(message):
            return Shown(context, english, UNTRANSLATED, False)
        if message.fuzzy:
            return Shown(context, english, FUZZY, False)
        text = message.string[0] if isinstance(message.string, (list, tuple)) else str(message.string)
        return Shown(context, text, TRANSLATED, is_reviewed("forms", message, self.approvals))

    def translate(self, context: str, english: str) -> str:
        return self.lookup(context, english).text


def po_path(lang: str, locales: Path | None = None, domain: str = "forms") -> Path:
    return (locales or paths.locales_dir()) / lang / "LC_MESSAGES" / f"{domain}.po"


def form_catalog(lang: str, locales: Path | None = None) -> FormCatalog:
    """The `forms` catalog of `lang` with its approvals (re-read whenever the files change)."""
    if lang == SOURCE_LANGUAGE:
        return FormCatalog(lang, None)
    po = po_path(lang, locales)
    if not po.is_file():
        return FormCatalog(lang, None)
    review = review_path(po)
    return _cached(lang, str(po), _stamp(po), _stamp(review))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, -1)
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=16)
def _cached(lang: str, po: str, po_stamp: tuple[int, int], review_stamp: tuple[int, int]) -> FormCatalog:
    data = Path(po).read_bytes()
    catalog = read_po(io.BytesIO(data), locale=lang, domain="forms")
    return FormCatalog(lang, catalog, load(review_path(Path(po))), hashlib.sha256(data).hexdigest())


def form_text(form: Form | str, lang: str, context: str, english: str) -> Shown:
    """One string of `form` in `lang` (the window's entry point); see FormCatalog.lookup."""
    return form_catalog(lang).lookup(context, english)


def form_strings(form_id: str, forms: Path | None = None) -> list[FormMessage]:
    """Every string of the form: form.yaml, then rules.yaml (cached while neither file changes)."""
    folder = (forms or paths.forms_dir()) / form_id
    stamps = tuple(p.stat().st_mtime_ns if p.is_file() else 0 for p in (folder / "form.yaml", folder / "rules.yaml"))
    return list(_strings(str(folder), stamps))


@lru_cache(maxsize=8)
def _strings(folder: str, stamps: tuple[int, ...]) -> tuple[FormMessage, ...]:
    return tuple(form_dir_messages(Path(folder)))


@dataclass(frozen=True)
class Stats:
    form: str
    language: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    reviewed: int
    not_ready: tuple[str, ...] = ()  # contexts untranslated or fuzzy
    unreviewed: tuple[str, ...] = ()  # contexts translated but not reviewed

    def to_json(self) -> dict[str, object]:
        return {"form": self.form, "language": self.language, "total": self.total,
                "translated": self.translated, "fuzzy": self.fuzzy, "untranslated": self.untranslated,
                "reviewed": self.reviewed, "unreviewed": self.translated - self.reviewed}


def form_stats(form_id: str, lang: str, forms: Path | None = None, locales: Path | None = None) -> Stats:
    cat = form_catalog(lang, locales)
    shown = [cat.lookup(m.context, m.msgid) for m in form_strings(form_id, forms)]
    return Stats(
        form_id, lang, len(shown),
        translated=sum(s.status == TRANSLATED for s in shown),
        fuzzy=sum(s.status == FUZZY for s in shown),
        untranslated=sum(s.status == UNTRANSLATED for s in shown),
        reviewed=sum(s.reviewed for s in shown),
        not_ready=tuple(s.context for s in shown if s.status != TRANSLATED),
        unreviewed=tuple(s.context for s in shown if s.status == TRANSLATED and not s.reviewed),
    )


@dataclass(frozen=True)
class LanguageDecision:
    """May `language` be the captive's language for `form`? reason: an N_ template, format with fields."""

    form: str
    language: str
    allowed: bool
    reason: str
    fields: dict[str, object]
    unreviewed: tuple[str, ...]  # to flag in the session and record with the interview

    def message(self, translate: object = None) -> str:
        template = translate(self.reason) if callable(translate) else self.reason
        return str(template).format(**self.fields)


REASON_OK = N_("Every string of {form} is translated into {language}.")
REASON_OK_UNREVIEWED = N_("Every string of {form} is translated into {language}; {unreviewed} of {total} are "
                          "not yet reviewed, which is flagged in the interview and recorded with it.")
REASON_MISSING = N_("{language} cannot be the captive's language for {form}: {untranslated} untranslated and "
                    "{fuzzy} fuzzy of {total} strings.")


def captive_language(form_id: str, lang: str, forms: Path | None = None,
                     locales: Path | None = None) -> LanguageDecision:
    """The language rule: every string translated and none fuzzy; unreviewed strings allowed, listed."""
    st = form_stats(form_id, lang, forms, locales)
    fields: dict[str, object] = {"form": form_id, "language": lang, "total": st.total,
                                 "untranslated": st.untranslated, "fuzzy": st.fuzzy,
                                 "unreviewed": len(st.unreviewed)}
    if st.total == 0 or st.untranslated or st.fuzzy:
        return LanguageDecision(form_id, lang, False, REASON_MISSING, fields, st.unreviewed)
    reason = REASON_OK_UNREVIEWED if st.unreviewed else REASON_OK
    return LanguageDecision(form_id, lang, True, reason, fields, st.unreviewed)


def translation_record(form_id: str, lang: str, forms: Path | None = None,
                       locales: Path | None = None) -> dict[str, object]:
    """What an interview records about the captive's language: the catalog it was shown from (sha256 of
    the .po), the decision of the language rule and every string that was not yet reviewed."""
    decision = captive_language(form_id, lang, forms, locales)
    cat = form_catalog(lang, locales)
    return {"form": form_id, "language": lang, "catalog_sha256": cat.po_sha256 or None,
            "allowed": decision.allowed, "total": decision.fields["total"],
            "unreviewed": list(decision.unreviewed)}
