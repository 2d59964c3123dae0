"""The legal desk's composition root: the one module that wires the desk core to the desk window.

The window (desktop/ui/desk) talks to one `DeskCore`; it never opens vaults, folders or rule sets
itself. `run()` starts `voluntas desk gui`, `run_demo()` the throwaway demo with fictional cases.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import i18n
from desktop.core.clock import SYSTEM, Clock

if TYPE_CHECKING:
    from desktop.core.sync.caseview import CaseSummary
    from desktop.core.sync.desk import EnrolledKey
    from desktop.core.sync.export import Exported
    from desktop.core.sync.inbox import Outcome
    from desktop.core.sync.report import CaseStory
    from desktop.core.vault import Vault

DEMO_CASES = ("V05", "V06", "V04")  # received at start; V02 waits in the demo inbox folder
DEMO_INBOX = ("V02",)


@dataclass(frozen=True)
class CaseRow:
    summary: CaseSummary
    flags: tuple[str, ...]  # evaluation flags (codes)
    needs_review: bool  # not signed off and something asks for a lawyer: flags, doubts, no evaluation

    @property
    def new(self) -> bool:
        return not self.summary.signed_off


@dataclass(frozen=True)
class KeyCandidate:
    folder: Path
    interviewer: str
    organisation: str
    ed25519: str
    certificate: str


class DeskCore:
    def __init__(self, root: Path, clock: Clock = SYSTEM, demo_passphrase: str | None = None,
                 inbox: Path | None = None) -> None:
        self.root, self.clock, self.demo_passphrase = Path(root), clock, demo_passphrase
        self.inbox = inbox  # the demo's folder of bundles waiting to be received
        self.vault: Vault | None = None
        self.scratch: Path | None = None  # dossiers opened for viewing; removed on lock

    @property
    def unlocked(self) -> bool:
        return self.vault is not None

    def unlock(self, passphrase: str) -> Vault:
        from desktop.core.sync.desk import require_desk
        from desktop.core.vault import Vault

        vault = Vault.unlock(self.root, passphrase, clock=self.clock)
        try:
            require_desk(vault)
        except Exception:
            vault.lock()
            raise
        self.vault = vault
        return vault

    def remaining_delay(self) -> int:
        from desktop.core.vault.throttle import remaining_for

        return remaining_for(self.root, self.clock.epoch)

    def lock(self) -> None:
        if self.vault is not None:
            self.vault.lock()
        self.vault = None
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def _v(self) -> Vault:
        if self.vault is None:
            from desktop.core.errors import VoluntasError

            raise VoluntasError("V010")
        return self.vault

    # -- inbox -------------------------------------------------------------------------------
    def bundles(self, folder: Path) -> list[Path]:
        from desktop.core.sync import bundle, inbox
        from desktop.core.sync.outbox import require_folder

        return list(inbox.candidates(require_folder(Path(folder)), bundle.SUFFIX))

    def receive_one(self, path: Path) -> Outcome:
        """One bundle (the window calls this per file, so its progress bar moves per bundle)."""
        from desktop.core.sync.port import default_port
        from desktop.core.sync.receive import receive_file

        return receive_file(self._v(), path, default_port())

    # -- cases -------------------------------------------------------------------------------
    def cases(self) -> list[CaseRow]:
        from desktop.core.sync.caseview import case_view, list_cases

        vault = self._v()
        out = []
        for summary in list_cases(vault):
            view = case_view(vault, summary.case_code)
            ev = view.evaluation or {}
            flags = tuple(ev.get("flags", []))
            unclear = ev.get("wish", {}).get("result") in (None, "NOT_RELIABLE", "DOUBTS", "NOT_ASSESSED")
            out.append(CaseRow(summary, flags, not summary.signed_off and (bool(flags) or unclear)))
        return out

    def story(self, case_code: str) -> CaseStory:
        from desktop.core.sync.report import case_story

        return case_story(self._v(), case_code, i18n.language())

    def open_copy(self, case_code: str, index: int) -> Path:
        """The dossier written to a private scratch folder (removed on lock) for the system PDF viewer."""
        story = self.story(case_code)
        if self.scratch is None:
            self.scratch = Path(tempfile.mkdtemp(prefix="voluntas-desk-view-"))
        path = self.scratch / f"dossier-{index}-{story.dossiers[index - 1].sha256[:8]}.pdf"
        path.write_bytes(story.dossiers[index - 1].pdf)
        path.chmod(0o600)
        return path

    def export(self, case_code: str, folder: Path) -> Exported:
        from desktop.core.sync.export import export_case

        return export_case(self._v(), case_code, Path(folder), i18n.language())

    def group(self, case_code: str) -> list[str]:
        """The desk cases evaluated together with `case_code` (itself included)."""
        from desktop.core.sync.link import group

        return group(self._v().desk, case_code)

    def link(self, case_code: str, other: str) -> list[str]:
        from desktop.core.sync.link import link

        return link(self._v(), case_code, other)

    def unlink(self, case_code: str) -> list[str]:
        from desktop.core.sync.link import unlink

        return unlink(self._v(), case_code)

    def sign_off(self, case_code: str, reviewer: str, note: str) -> None:
        from desktop.core.sync.caseview import sign_off

        sign_off(self._v(), case_code, reviewer, note)

    def write_receipts(self, folder: Path) -> list[Any]:
        from desktop.core.sync.receipts import write_receipts

        return list(write_receipts(self._v(), Path(folder)))

    # -- keys --------------------------------------------------------------------------------
    def enrolled(self) -> list[EnrolledKey]:
        from desktop.core.sync.desk import enrolled

        return enrolled(self._v())

    def inspect_key(self, folder: Path) -> KeyCandidate:
        """The fingerprints of a `keys export` folder, computed here, before anything is trusted."""
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization

        from desktop.core.errors import VoluntasError
        from desktop.core.identity import fingerprint

        folder = Path(folder)
        try:
            info = json.loads((folder / "interviewer.json").read_bytes()[:65536])
            public = serialization.load_pem_public_key((folder / "interviewer-ed25519.pem").read_bytes()[:65536])
            cert = x509.load_pem_x509_certificate((folder / "interviewer-cert.pem").read_bytes()[:65536])
        except (OSError, ValueError) as err:
            raise VoluntasError("S002", file=str(folder), field="-", problem=type(err).__name__) from None
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        der = cert.public_bytes(serialization.Encoding.DER)
        info = info if isinstance(info, dict) else {}
        return KeyCandidate(folder, str(info.get("interviewer") or ""), str(info.get("organisation") or ""),
                          fingerprint(raw), fingerprint(der))

    def enrol(self, folder: Path) -> EnrolledKey:
        from desktop.core.sync.desk import enrol

        return enrol(self._v(), Path(folder))


# -- demo --------------------------------------------------------------------------------------
def _demo_field(folder: Path, desk: Vault, names: Sequence[str], out: Path) -> None:
    """A throwaway field laptop seals fictional vignettes for this desk and pushes them to `out`."""
    from desktop.core.casefile import read_case
    from desktop.core.sync.desk import enrol, export_recipient
    from desktop.core.sync.outbox import push_outbox
    from desktop.core.sync.recipients import add_recipient
    from desktop.core.sync.seal import seal_interviews
    from desktop.core.vault import Vault
    from desktop.demo import vignette_dir

    field = Vault.create(folder / "field", secrets.token_urlsafe(32), "Demo interviewer (fictional)",
                         "Demo organisation", kdf_profile="fast", check_policy=False)
    try:
        export_recipient(desk, folder / "desk.recipient.json")
        add_recipient(field, folder / "desk.recipient.json")
        _export_keys(field, folder / "keys")
        enrol(desk, folder / "keys")
        cases = vignette_dir()
        for name in names:
            if cases is None or not (cases / f"{name}.json").is_file():
                continue
            case = read_case(cases / f"{name}.json")
            cid = field.records.create_case(f"DEMO-{name}")
            ids = []
            for item in case.interviews:
                iid = field.records.create_interview(cid, "pow_interview", "1", item.captive_lang,
                                                     item.interviewer_lang, item.interview_date.isoformat())
                field.records.import_answers(iid, dict(item.answers), item.captive_lang, {})
                ids.append(iid)
            for iid in ids:  # one bundle per interview, as if finalized on different days
                seal_interviews(field, [iid])
        out.mkdir(parents=True, exist_ok=True)
        push_outbox(field, out)
    finally:
        field.lock()


def _export_keys(vault: Vault, out: Path) -> None:
    from desktop.core.atomic import write_atomic

    out.mkdir(parents=True, exist_ok=True)
    for name, data in vault.records.identity().public_files().items():
        write_atomic(out / name, data, mode=0o644)


def make_demo_core(folder: Path, clock: Clock = SYSTEM) -> DeskCore:
    """A desk vault with fictional received cases, and an inbox folder with one more bundle."""
    from desktop.core.sync.desk import desk_init
    from desktop.core.sync.receive import desk_receive

    passphrase = secrets.token_urlsafe(32)
    desk = desk_init(folder / "desk", passphrase, "Demo reviewer (fictional)", "Demo legal team",
                     kdf_profile="fast", clock=clock)
    try:
        _demo_field(folder / "f1", desk, DEMO_CASES, folder / "received")
        desk_receive(desk, folder / "received")
        _demo_field(folder / "f2", desk, DEMO_INBOX, folder / "inbox")
    finally:
        desk.lock()
    return DeskCore(folder / "desk", clock, demo_passphrase=passphrase, inbox=folder / "inbox")


def _show(core: DeskCore, lang: str) -> int:
    from desktop.app import _show as show  # the same Qt set-up and lock-on-exit as the field window
    from desktop.ui.desk.window import DeskWindow

    return show(core, lang, DeskWindow)


def run(root: Path, lang: str = "en") -> int:
    return _show(DeskCore(root), lang)


def run_demo(lang: str = "en") -> int:
    from desktop.app import _qt_folders

    folder = Path(tempfile.mkdtemp(prefix="voluntas-desk-demo-"))
    try:
        _qt_folders(folder / "qt")
        return _show(make_demo_core(folder), lang)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
