"""The composition root: the only module that wires the core to the window.

The window (desktop/ui) talks to one `Core` object built here; it never opens files, vaults or rule sets
itself. `run()` starts the application (`voluntas gui`), `run_demo()` the throwaway demo.
"""

from __future__ import annotations

import datetime
import json
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import i18n, paths
from desktop.core.bus import bus
from desktop.core.clock import SYSTEM, Clock
from desktop.core.errors import VoluntasError

if TYPE_CHECKING:  # imported where used: the unlock window must appear before the heavy core loads
    from desktop.core.forms.model import Form
    from desktop.core.passphrase import Strength
    from desktop.core.vault import Vault

RECIPIENTS_KEY = "recipients"
AUTOLOCK_KEY = "autolock_minutes"
UI_LANG_KEY = "ui_lang"
DEMO_PREFIX = "DEMO-"


@dataclass(frozen=True)
class Text:
    """A form string in one language, and whether a reviewer has approved that translation."""

    text: str
    reviewed: bool
    translated: bool


class FormText:
    """Form text (msgctxt <form>.<id>.<field>) in one language, with its review status (forms/text.py)."""

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
        from desktop.core.vault import Vault

        vault = Vault.unlock(self.root, passphrase, clock=self.clock)
        if vault.kdf.profile == "fast" and not self.is_demo and os.environ.get("VOLUNTAS_KDF_PROFILE") != "fast":
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
    def records(self) -> Any:
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
    def setting(self, key: str, default: Any = None) -> Any:
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

    def preview_source(self) -> Any:  # the translator preview (issue 8): forms and catalogs only, no vault
        from desktop.core.translation.preview import PreviewSource

        return PreviewSource()

    def language_problem(self, lang: str) -> str | None:
        """None if `lang` may be the captive's language (every string translated); else the reason, in words."""
        from desktop.core.translation.shown import captive_language

        decision = captive_language(self.form().id, lang)
        return None if decision.allowed else decision.message(i18n._)

    def new_case(self, code: str) -> str:
        return str(self.records.create_case(code))

    def new_interview(self, case_id: str, captive_lang: str, interviewer_lang: str) -> str:
        form = self.form()
        day = self.clock.wall().date().isoformat()
        return str(self.records.create_interview(case_id, form.id, form.version, captive_lang, interviewer_lang, day))

    def session(self, interview_id: str, captive_lang: str, interview_date: str) -> Any:
        from desktop.core.forms.session import Session

        form = self.form()
        return Session(form, self.records, interview_id, session_date=datetime.date.fromisoformat(interview_date),
                       lang=captive_lang, translate=self.text(captive_lang),
                       answers=self.records.answers(interview_id))

    def evaluate(self, interview_date: str, answers: Mapping[str, Any]) -> tuple[Any, Any]:
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


# -- demo ---------------------------------------------------------------------------------------
def vignette_dir() -> Path | None:
    # resources/demo ships with the app (a frozen build has no checkout beside it)
    for candidate in (paths.resources_dir() / "demo", paths.root() / "tests" / "cases"):
        if candidate.is_dir():
            return candidate
    return None


def fill_demo(core: Core, limit: int = 9) -> int:
    """Import fictional vignettes as clearly marked DEMO cases, through the vault API; returns the count."""
    from desktop.core.casefile import read_case

    folder = vignette_dir()
    if folder is None:
        return 0
    form = core.form()
    count = 0
    for path in sorted(folder.glob("V*.json"))[:limit]:
        try:
            case = read_case(path, path.name)
        except Exception:  # noqa: S112 - a vignette that does not read is skipped in the demo
            continue
        code = DEMO_PREFIX + (case.case_id or path.stem) + " (FICTIONAL)"
        case_id = core.records.create_case(code)
        for item in case.interviews:
            iid = core.records.create_interview(case_id, form.id, form.version, item.captive_lang,
                                                item.interviewer_lang, item.interview_date.isoformat())
            core.records.import_answers(iid, dict(item.answers), item.captive_lang, {})
        count += 1
    return count


def make_demo_core(folder: Path, clock: Clock = SYSTEM) -> Core:
    from desktop.core.vault import Vault

    passphrase = secrets.token_urlsafe(32)
    core = Core(folder / "vault", clock, demo_passphrase=passphrase)
    os.environ.setdefault("VOLUNTAS_KDF_PROFILE", "fast")
    core.vault = Vault.create(core.root, passphrase, "Demo interviewer (fictional)", "Demo organisation",
                              kdf_profile="fast", clock=clock, check_policy=False)
    fill_demo(core)
    return core


# -- start -------------------------------------------------------------------------------------
def _qt_folders(base: Path | None) -> None:
    """Keep Qt's own config and cache inside `base` when given (tests, demo)."""
    if base is not None:
        for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
            (base / sub).mkdir(parents=True, exist_ok=True)
            os.environ[var] = str(base / sub)


def _smoke_quit(app: Any) -> None:
    """VOLUNTAS_GUI_SMOKE_MS=N: quit N ms after start (tests run `voluntas gui --demo` end to end)."""
    ms = os.environ.get("VOLUNTAS_GUI_SMOKE_MS")
    if ms and ms.isdigit():
        from desktop.ui.qt import QTimer

        QTimer.singleShot(int(ms), app.quit)


def build(core: Core, argv: list[str] | None = None, clock: Callable[[], float] | None = None) -> Any:
    """The QApplication (created if needed) and the main window for `core`; not shown yet."""
    from desktop.ui.app_window import MainWindow, ensure_app

    app = ensure_app(argv or sys.argv[:1])
    window = MainWindow(core, idle_clock=clock)
    return app, window


def _show(core: Any, lang: str, make_window: Callable[[Any], Any] | None = None) -> int:
    """Show the window on `core` (the field window, or `make_window(core)`) until it closes; the vault is
    locked on the way out. The legal desk's window starts the same way."""
    i18n.set_language(lang)
    if make_window is None:
        app, window = build(core)
    else:
        from desktop.ui.app_window import ensure_app

        app, window = ensure_app(sys.argv[:1]), make_window(core)
    window.show()
    _smoke_quit(app)
    code = int(app.exec())
    window.close()
    core.lock()
    return code


def run(data_dir: Path, lang: str = "en") -> int:
    return _show(Core(data_dir), lang)


def run_demo(lang: str = "en") -> int:
    folder = Path(tempfile.mkdtemp(prefix="voluntas-demo-"))
    try:
        _qt_folders(folder / "qt")
        return _show(make_demo_core(folder), lang)
    finally:
        try:
            from desktop.core.vault import Vault

            Vault.wipe(folder / "vault")
        except Exception:  # noqa: S110 - the folder is removed below in any case
            pass
        shutil.rmtree(folder, ignore_errors=True)


def demo_summary() -> str:
    return json.dumps({"vignettes": str(vignette_dir())})
