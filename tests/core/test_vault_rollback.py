"""Issue 13 points 2 and 3: an older vault.db (with or without its WAL) put back under the current
key file is refused, and a passphrase change re-keys the database so an old key file opens nothing.
Before issue 13 both opened, and the rollback brought sealed answers back in clear."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.sync.seal import seal_interviews
from desktop.core.vault import Vault
from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE, make_vault, sample_vault
from tests.sync.synctools import MARKER, add_interview, world

NEW = "a new passphrase for the second week"


def _cli(root: Path, pp: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("--data-dir", str(root), "--passphrase-file", str(pp), *args)


def _generation(root: Path) -> int:
    return int(json.loads((root / "vault.key").read_text())["generation"])


def test_an_older_database_under_the_current_key_file_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "v"
    iid = sample_vault(root)
    older = (root / "vault.db").read_bytes()
    with Vault.unlock(root, PASSPHRASE) as vault:
        vault.records.save_answer(iid, "q9", "said later", "ko", "ab" * 32)
    (root / "vault.db").write_bytes(older)
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    proc = _cli(root, pp, "interview", "list")
    print(f"older vault.db: exit {proc.returncode}: {proc.stderr.strip()}")
    assert proc.returncode == 1 and "V018" in proc.stderr and "older than its key file" in proc.stderr
    assert proc.stdout == ""


def test_a_snapshot_with_its_wal_taken_while_open_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "v"
    iid = sample_vault(root)
    snap = tmp_path / "snap"
    with Vault.unlock(root, PASSPHRASE) as vault:
        vault.records.save_answer(iid, "q8", "before the snapshot", "ko", "ab" * 32)
        snap.mkdir()
        for name in ("vault.db", "vault.db-wal", "vault.db-shm"):
            shutil.copy(root / name, snap / name)
        vault.records.save_answer(iid, "q9", "after the snapshot", "ko", "ab" * 32)
    for name in ("vault.db", "vault.db-wal", "vault.db-shm"):
        shutil.copy(snap / name, root / name)
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASE)
    assert err.value.code == "V018" and err.value.exit_code == 1


def test_a_copy_from_before_a_seal_cannot_bring_the_answers_back(tmp_path: Path) -> None:
    w = world(tmp_path)
    _cid, iid = add_interview(w.field)
    root = w.field.paths.root
    w.field.lock()
    older = (root / "vault.db").read_bytes()
    field = Vault.unlock(root, PASSPHRASE)
    before = _generation(root)
    seal_interviews(field, [iid], port=w.fake_dossier)
    assert _generation(root) > before  # advanced at the seal itself, not only at lock
    field.lock()
    w.desk.lock()
    (root / "vault.db").write_bytes(older)
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASE)
    assert err.value.code == "V018"
    assert MARKER not in str(err.value)


def test_a_crash_between_database_and_key_file_is_not_a_rollback(tmp_path: Path) -> None:
    """The database moves first; a key file one step behind is repaired, never refused."""
    root = tmp_path / "v"
    sample_vault(root)
    behind = (root / "vault.key").read_bytes()
    Vault.unlock(root, PASSPHRASE).lock()
    (root / "vault.key").write_bytes(behind)
    with Vault.unlock(root, PASSPHRASE) as vault:
        assert all(r.ok for r in vault.check())
    assert _generation(root) > json.loads(behind)["generation"]


def test_passwd_rekeys_and_the_old_key_file_opens_nothing(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    old_key = (root / "vault.key").read_bytes()
    old_db = (root / "vault.db").read_bytes()
    pp, new = tmp_path / "pp", tmp_path / "new"
    pp.write_text(PASSPHRASE)
    new.write_text(NEW)
    proc = _cli(root, pp, "vault", "passwd", "--new-passphrase-file", str(new))
    print(proc.stdout + proc.stderr)
    assert proc.returncode == 0, proc.stderr
    assert "re-encrypted under a new key" in proc.stdout
    assert "moved from the fast KDF profile to production" in proc.stdout
    assert "fast test KDF profile" in proc.stderr  # it opened a fast vault, and said so
    assert sorted(p.name for p in root.iterdir()) == ["vault.db", "vault.key", "vault.lock", "vault.throttle"]
    assert json.loads((root / "vault.key").read_text())["kdf"]["profile"] == "production"
    assert (root / "vault.db").read_bytes()[:4096] != old_db[:4096]
    # The old key file with the old passphrase: exit 3, nothing opened.
    current = (root / "vault.key").read_bytes()
    (root / "vault.key").write_bytes(old_key)
    stale = _cli(root, pp, "interview", "list")
    assert stale.returncode == 3 and "V025" in stale.stderr, stale.stderr
    (root / "vault.key").write_bytes(current)
    assert _cli(root, pp, "interview", "list").returncode == 3  # the old passphrase: wrong
    assert _cli(root, new, "vault", "check").returncode == 0
