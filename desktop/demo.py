"""The throwaway demo (`voluntas gui --demo`): a fast-KDF vault in a temporary folder, filled with the
fictional vignettes as clearly marked DEMO cases, wiped and removed when the window closes."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from desktop import paths
from desktop.core.clock import SYSTEM, Clock
from desktop.facade import Core

DEMO_PREFIX = "DEMO-"


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


def run_demo(lang: str = "en") -> int:
    from desktop.app import _qt_folders, _show  # the Qt start-up and lock-on-exit of the field window

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
