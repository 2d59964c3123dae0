"""T3: a wrong passphrase gets a clear message, writes nothing, and a delay that survives a restart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.clock import Clock
from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault
from desktop.core.vault.throttle import Throttle
from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE, FakeTime, make_vault, tree_hashes

WRONG = ["", PASSPHRASE[:-1] + "T", "x" * 10_000, "correct\x00horse", "\u05e9\u05dc\u05d5\u05dd \u202eevil"]


def test_wrong_passphrases_write_nothing_and_delay_grows_across_restarts(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    before = tree_hashes(root)
    vault_id = json.loads((root / "vault.key").read_text())["vault_id"]
    fake = FakeTime()
    clock = Clock(epoch=fake)
    delays = []
    for attempt in WRONG:
        # Each try is a fresh Vault.unlock: nothing is kept in memory between them, as after a restart.
        with pytest.raises(VoluntasError) as err:
            Vault.unlock(root, attempt, clock=clock)
        assert err.value.code == "V003"
        assert str(err.value) == "Wrong passphrase."
        wait = Throttle(root / "vault.throttle", vault_id, fake).remaining()
        if wait:
            # Even the right passphrase is refused until the delay has passed.
            with pytest.raises(VoluntasError) as refused:
                Vault.unlock(root, PASSPHRASE, clock=clock)
            assert refused.value.code == "V004" and refused.value.fields["seconds"] == wait
        delays.append(wait)
        fake.now += wait
    assert delays == [0, 0, 2, 4, 8]
    assert tree_hashes(root) == before
    assert not (root / "vault.db-wal").exists() and not (root / "vault.db-shm").exists()
    Vault.unlock(root, PASSPHRASE, clock=clock).lock()  # the right passphrase still works after waiting


def test_deleting_or_editing_the_counter_does_not_bring_back_fast_guessing(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    fake = FakeTime()
    for tamper in ("delete", "edit"):
        counter = root / "vault.throttle"
        if tamper == "delete":
            counter.unlink()
        else:
            counter.write_text('{"failures": 0, "last": 0.0, "mac": "00"}')
        with pytest.raises(VoluntasError) as err:
            Vault.unlock(root, "a guess", clock=Clock(epoch=fake))
        assert err.value.code == "V004" and err.value.fields["seconds"] >= 60
        fake.now += 10_000


def test_cli_wrong_passphrase_message_and_delay_after_restart(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    outputs = [run_cli("--data-dir", str(root), "--passphrase-file", str(wrong), "vault", "check")
               for _ in range(4)]
    for proc in outputs[:3]:
        assert proc.returncode == 3
        assert "Wrong passphrase." in proc.stderr
        assert "Traceback" not in proc.stderr
    assert outputs[3].returncode == 3
    assert "Wait" in outputs[3].stderr and "seconds" in outputs[3].stderr
