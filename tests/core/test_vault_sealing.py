"""Issue 13 point 6: no finalized interview stays unsealed. An interview finalized in the window
before any legal-team recipient exists kept its plaintext, and adding a recipient later sealed
nothing (before issue 13). Now adding a recipient, and every unlock, seals it, and says so. The
dossier is the real one (rendered, signed, encrypted with age)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.finalize import finalize
from desktop.core.sync.desk import export_recipient
from desktop.core.sync.recipients import add_recipient
from desktop.core.vault import Vault
from tests.conftest import CASES, run_cli
from tests.core.vaulttools import PASSPHRASE, make_vault
from tests.sync.synctools import make_desk


def _finalized_without_recipient(tmp_path: Path) -> tuple[Path, Path, str]:
    root, pp = tmp_path / "field", tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    make_vault(root).lock()
    run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "interview", "import", str(CASES / "V01.json"),
            check=True)
    with Vault.unlock(root, PASSPHRASE) as vault:
        iid = vault.records.list_interviews()[0].id
        assert finalize(vault, iid) == "finalized"  # the window's Finalize button, no recipient yet
        assert vault.records.answers(iid)  # the plaintext is still there
    desk = make_desk(tmp_path / "desk")
    export_recipient(desk, tmp_path / "recipient.json")
    desk.lock()
    return root, pp, iid


def _states(root: Path, pp: Path) -> tuple[list[str], str]:
    proc = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "interview", "list", "--json", check=True)
    return [r["state"] for r in json.loads(proc.stdout)], proc.stderr


def test_adding_a_recipient_seals_what_was_waiting(tmp_path: Path) -> None:
    root, pp, iid = _finalized_without_recipient(tmp_path)
    proc = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "keys", "add-recipient",
                   str(tmp_path / "recipient.json"), check=True)
    print(proc.stdout + proc.stderr)
    assert "sealed 1 finalized interviews" in proc.stderr
    assert _states(root, pp)[0] == ["sealed"]
    with Vault.unlock(root, PASSPHRASE) as vault:
        assert vault.records.answers(iid) == {}
        assert all(r.ok for r in vault.check())


def test_every_unlock_seals_what_was_waiting(tmp_path: Path) -> None:
    root, pp, iid = _finalized_without_recipient(tmp_path)
    with Vault.unlock(root, PASSPHRASE) as vault:  # a recipient added by a path that did not seal
        add_recipient(vault, tmp_path / "recipient.json")
        assert vault.records.answers(iid)
    states, stderr = _states(root, pp)
    assert states == ["sealed"] and "sealed 1 finalized interviews" in stderr


def test_the_window_says_it_sealed_them(tmp_path: Path, qtbot: Any) -> None:
    from desktop.app import build
    from desktop.facade import Core

    root, _pp, iid = _finalized_without_recipient(tmp_path)
    with Vault.unlock(root, PASSPHRASE) as vault:
        add_recipient(vault, tmp_path / "recipient.json")
    core = Core(root)
    _app, win = build(core)
    qtbot.addWidget(win)
    core.unlock(PASSPHRASE)
    win.on_unlocked()
    try:
        assert core.sealed_waiting == 1
        assert "1 finalized interviews were waiting" in win.cases.problem.text()
        assert core.records.answers(iid) == {}
    finally:
        core.lock()
