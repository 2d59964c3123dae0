"""The facade the field window talks to: one `Core` object per vault folder, typed.

The window (desktop/ui) never opens files, vaults or rule sets itself; it asks `Core`. The heavy parts
(the vault and its crypto, the rules) are imported where used: the unlock window appears before they load.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import i18n
from desktop.core.bus import bus
from desktop.core.clock import SYSTEM, Clock
from desktop.core.errors import VoluntasError

if TYPE_CHECKING:
    from desktop.core.forms.model import Form
    from desktop.core.interview import Interview
    from desktop.core.passphrase import Strength
    from desktop.core.rules import Evaluation, Ruleset
    from desktop.core.translation.preview import PreviewSource
    from desktop.core.vault import Vault
    from desktop.core.vault.records import InterviewRow, Records


@dataclass(frozen=True)
class Text:
    """A form string in one language, and whether a reviewer has approved that translation."""

    text: str
    reviewed: bool
    translated: bool


class FormText:
    """Form text (msgctxt <form>.<id>.<field>) in one language, with its review status (translation/shown.py)."""

    def __init__(self, form: Form, lang: str) -> None:
        from desktop.core.translation.shown import form_catalog

        self.form, self.lang = form, lang
        self._catalog = form_catalog(lang)
        self._cache: dict[str, Text] = {}

    def get(self, english: str, *parts: str) -> Text:
        ctx = ".".join((self.form.id, *parts))
        hit = self._cache.get(ctx)
        if hit is None:
            shown = self._catalog.lookup(ctx, english)
            hit = self._cache[ctx] = Text(shown.text, shown.reviewed, shown.translated)
        return hit

    def __call__(self, ctx: str, english: str) -> str:
        """The Translate signature of the session: (msgctxt, English) -> text shown."""
        hit = self._cache.get(ctx)
        return hit.text if hit is not None else self._catalog.lookup(ctx, english).text


class Core:
    """Everything the window may ask of the core, for one vault folder."""

    def __init__(self, root: Path, clock: Clock = SYSTEM, demo_passphrase: str | None = None) -> None:
        self.root = Path(root)
        self.clock = clock
        self.demo_passphrase = demo_passphrase
        self.vault: Vault | None = None
        self.sealed_waiting = 0  # finalized interviews sealed at the last unlock or recipient added
        self.bus = bus
        self._texts: dict[str, FormText] = {}

    # -- vault -------------------------------------------------------------------------------
    @property
    def is_demo(self) -> bool:
        return self.demo_passphrase is not None

    def exists(self) -> bool:
        """VaultPaths(root).exists() without importing the vault (and its crypto) before the first paint."""
        return (self.root / "vault.key").exists() or (self.root / "vault.db").exists()

    def estimate(self, passphrase: str, inputs: list[str]) -> Strength:
        from desktop.core.passphrase import estimate

        return estimate(passphrase, inputs)

    def create(self, passphrase: str, interviewer: str, organisation: str) -> Vault:
        from desktop.core.vault import Vault

        self.vault = Vault.create(self.root, passphrase, interviewer, organisation, clock=self.clock)
        return self.vault

    def unlock(self, passphrase: str) -> Vault:
        from desktop.core.vault import Vault, kdf_profile_from_env

        vault = Vault.unlock(self.root, passphrase, clock=self.clock)
        if vault.kdf.profile == "fast" and not self.is_demo and kdf_profile_from_env() != "fast":
            vault.lock()  # the fast test KDF: only --demo and the test suite's switch open it here
            raise VoluntasError("V021", what="the window")
        self.vault = vault
        self.sealed_waiting = self.seal_waiting()
        return self.vault

    def seal_waiting(self) -> int:
        """Seal finalized interviews left unsealed for want of a recipient (issue 13); 0 if none or on failure
        (they stay finalized and are tried again at the next unlock)."""
        from desktop.core.finalize import seal_waiting

        try:
            return seal_waiting(self.vault) if self.vault is not None else 0
        except VoluntasError:
            return 0

    def remaining_delay(self) -> int:
        from desktop.core.vault.throttle import remaining_for

        return remaining_for(self.root, self.clock.epoch)

    def lock(self) -> None:
        if self.vault is not None:
            self.vault.lock()
        self.vault = None

    @property
    def unlocked(self) -> bool:
        return self.vault is not None and self.vault.is_open

    @property
    def records(self) -> Records:
        assert self.vault is not None
        return self.vault.records

    def fast_kdf(self) -> bool:
        return self.vault is not None and self.vault.kdf.profile == "fast"

    def fingerprints(self) -> tuple[str, str]:
        ident = self.records.identity()
        return ident.ed25519_fingerprint(), ident.cert_fingerprint()

    def who(self) -> tuple[str, str]:
        ident = self.records.identity()
        return ident.interviewer, ident.organisation

    def change_passphrase(self, old: str, new: str) -> None:
        assert self.vault is not None
        self.vault.change_passphrase(old, new)

    def wipe(self) -> None:
        from desktop.core.vault import Vault

        self.lock()
        Vault.wipe(self.root)

    # -- settings ----------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:  # a JSON value
        return self.records.get_setting(key, default) if self.unlocked else default

    def set_setting(self, key: str, value: Any) -> None:
        self.records.set_setting(key, value)

    # -- forms, interviews, evaluation -------------------------------------------------------
    def form(self) -> Form:
        from desktop.core.forms.loader import shipped_form

        return shipped_form()

    def warm_up(self) -> None:
        """Load the form, the rules and the catalogs while the unlock screen waits for the passphrase."""
        from desktop.core.rules import shipped_ruleset
        from desktop.core.vault import Vault  # noqa: F401 - loads the vault and its crypto

        form = self.form()
        shipped_ruleset(form.id)
        for lang in i18n.LANGUAGES:
            self.text(lang)
            self.language_problem(lang)

    def text(self, lang: str) -> FormText:
        if lang not in self._texts:
            self._texts[lang] = FormText(self.form(), lang)
        return self._texts[lang]

    def preview_source(self) -> PreviewSource:  # the translator preview (issue 8): forms and catalogs, no vault
        from desktop.core.translation.preview import PreviewSource

        return PreviewSource()

    def language_problem(self, lang: str) -> str | None:
        """None if `lang` may be the captive's language (every string translated); else the reason, in words."""
        from desktop.core.translation.shown import captive_language

        decision = captive_language(self.form().id, lang)
        return None if decision.allowed else decision.message(i18n._)

    def new_case(self, code: str) -> str:
        return str(self.records.create_case(code))

    def list_interviews(self) -> list[InterviewRow]:
        return self.records.list_interviews()

    def new_interview(self, case_id: str, captive_lang: str, interviewer_lang: str) -> str:
        from desktop.core.interview import new_record

        return new_record(self.records, self.form(), case_id, captive_lang, interviewer_lang, self._today())

    def open_interview(self, interview_id: str, case_id: str, interview_date: str, captive_lang: str,
                       interviewer_lang: str) -> Interview:
        """The record to continue (VoluntasError if it cannot be: a closed one missing its session date)."""
        from desktop.core.interview import Interview

        return Interview(self.form(), self.records, interview_id, case_id=case_id, interview_date=interview_date,
                         captive_lang=captive_lang, interviewer_lang=interviewer_lang, texts=self.text,
                         today=self._today)

    def _today(self) -> datetime.date:
        return self.clock.wall().date()

    def evaluate(self, interview_date: str, answers: Mapping[str, Any]) -> tuple[Evaluation, Ruleset]:
        from desktop.core.rules import evaluate_answers, shipped_ruleset

        rs = shipped_ruleset(self.form().id)
        return evaluate_answers([(interview_date, dict(answers))], ruleset=rs), rs

    def finalize(self, interview_id: str) -> str:
        """The one core call of the Finalize button: finalized, then sealed when a recipient exists."""
        from desktop.core.finalize import finalize

        assert self.vault is not None
        return finalize(self.vault, interview_id)

    def recipients(self) -> list[tuple[str, str]]:
        """(label, fingerprint) of each legal-team recipient; the label says which desk key it belongs to,
        whether it is the primary desk (whose receipt purges) and how many bundles each desk receipted."""
        from desktop.core.sync.recipients import describe

        assert self.vault is not None
        return describe(self.vault, i18n._)

    def add_recipient(self, path: str) -> tuple[str, str]:
        from desktop.core.sync.recipients import add_recipient

        assert self.vault is not None
        r = add_recipient(self.vault, Path(path))
        self.sealed_waiting = self.seal_waiting()
        return r.label, r.fingerprint
