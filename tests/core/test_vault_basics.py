"""The vault as an interviewer meets it: create, unlock, save, lock, re-key, damage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault, VaultPaths
from tests.core.vaulttools import PASSPHRASE, make_vault


def test_answers_survive_lock_and_unlock(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    case = vault.records.create_case("NK-A")
    iid = vault.records.create_interview(case, "pow_interview", "1.0.0", "ko", "uk", "2025-03-10")
    vault.records.save_answer(iid, "wsh_pref", "o7", "ko", "ab" * 32)
    wish = "\ub0a8\ucabd\uc5d0 \uac00\uace0 \uc2f6\uc2b5\ub2c8\ub2e4"
    vault.records.save_answer(iid, "wsh_open", wish, "ko", "cd" * 32)
    vault.records.save_note(iid, "wsh_open", "long pause before answering", "uk")
    vault.lock()
    with pytest.raises(VoluntasError) as locked:
        vault.records.answers(iid)
    assert locked.value.code == "V010"
    again = Vault.unlock(tmp_path / "v", PASSPHRASE)
    assert again.records.answers(iid) == {"wsh_pref": "o7", "wsh_open": wish}
    assert again.records.notes(iid) == {"wsh_open": "long pause before answering"}
    assert again.records.position(iid) == "wsh_open"
    assert all(r.ok for r in again.check())
    again.lock()


def test_every_save_is_in_the_audit_chain_and_tampering_is_found(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    iid = vault.records.create_interview(vault.records.create_case("NK-B"), "f", "1", "ko", "en", "2025-01-01")
    for n in range(5):
        vault.records.save_answer(iid, f"q{n}", n, "ko", "00" * 32)
    vault.records.record_event(iid, "language_changed", lang="uk")
    conn = vault.conn_or_raise()
    events = [r[0] for r in conn.execute("SELECT event FROM audit WHERE chain = ? ORDER BY seq", (iid,))]
    assert events == ["interview_started"] + ["answer"] * 5 + ["language_changed"]
    assert {r.name: r.ok for r in vault.check()}["audit_chain"]
    conn.execute("UPDATE audit SET question_id = 'q9' WHERE chain = ? AND seq = 3", (iid,))
    failed = {r.name: r for r in vault.check()}["audit_chain"]
    assert not failed.ok and "entry 3" in failed.detail
    vault.lock()


def test_elapsed_time_comes_from_the_monotonic_clock(tmp_path: Path) -> None:
    from desktop.core.clock import Clock

    ticks = iter([100.0, 107.5, 200.0])
    vault = Vault.create(tmp_path / "v", PASSPHRASE, "I", "O", kdf_profile="fast",
                         clock=Clock(monotonic=lambda: next(ticks)))
    iid = vault.records.create_interview(vault.records.create_case("C"), "f", "1", "ko", "en", "2025-01-01")
    vault.records.save_answer(iid, "q", "yes", "ko", "00" * 32)
    rows = vault.records.answer_rows(iid)
    assert rows[0][4] == 7500
    vault.lock()


def test_second_process_gets_a_clear_error(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    code = (
        "import sys\nfrom desktop.core.vault import Vault\nfrom desktop.core.errors import VoluntasError\n"
        "try:\n    Vault.unlock(sys.argv[1], sys.argv[2])\nexcept VoluntasError as e:\n    print(e.code, e)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "v"), PASSPHRASE],
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.startswith("V007"), proc.stdout + proc.stderr
    assert "in use by another process" in proc.stdout
    assert all(r.ok for r in vault.check())
    vault.lock()


def test_passphrase_change_rekeys_the_database(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    old_key = (root / "vault.key").read_bytes()
    vault = Vault.unlock(root, PASSPHRASE)
    params = vault.change_passphrase(PASSPHRASE, "a completely different phrase for tomorrow")
    vault.lock()
    assert params.profile == "production" and json.loads((root / "vault.key").read_text())["kdf"] == {
        "profile": "production", "memory_kib": params.memory_kib, "time_cost": params.time_cost,
        "parallelism": params.parallelism}
    assert sorted(p.name for p in root.iterdir()) == ["vault.db", "vault.key", "vault.lock", "vault.throttle"]
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASE)
    assert err.value.code == "V003"
    # The old key file with the old passphrase opens nothing: the database has a new key.
    new_key = (root / "vault.key").read_bytes()
    (root / "vault.key").write_bytes(old_key)
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASE)
    assert err.value.code == "V025" and err.value.exit_code == 3
    (root / "vault.key").write_bytes(new_key)
    with Vault.unlock(root, "a completely different phrase for tomorrow") as vault:
        assert all(r.ok for r in vault.check())


@pytest.mark.parametrize("weak", ["short", "aaaaaaaaaaaaaaaaaaaa", "qwertyuiopasdfgh", "iloveyouiloveyou"])
def test_weak_passphrases_are_refused_with_reasons(tmp_path: Path, weak: str) -> None:
    with pytest.raises(VoluntasError) as err:
        Vault.create(tmp_path / "v", weak, "I", "O", kdf_profile="fast")
    assert err.value.code == "V009"
    assert "16 characters" in str(err.value) or "too easy to guess" in str(err.value)
    assert not (tmp_path / "v" / "vault.key").exists()


def test_five_word_passphrase_is_accepted(tmp_path: Path) -> None:
    Vault.create(tmp_path / "v", "plum tiger sofa river ankle", "I", "O", kdf_profile="fast").lock()


def test_missing_key_file_is_explained(tmp_path: Path) -> None:
    make_vault(tmp_path / "v").lock()
    (tmp_path / "v" / "vault.key").unlink()
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(tmp_path / "v", PASSPHRASE)
    assert err.value.code == "V005" and "vault.key" in str(err.value)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "edit_kdf", "flip_wrapped"])
def test_damaged_key_file_is_explained(tmp_path: Path, damage: str) -> None:
    make_vault(tmp_path / "v").lock()
    key = tmp_path / "v" / "vault.key"
    doc = json.loads(key.read_text())
    if damage == "truncate":
        key.write_bytes(key.read_bytes()[:40])
    elif damage == "garbage":
        key.write_bytes(b"\x00\xff" * 100)
    elif damage == "edit_kdf":
        doc["kdf"]["time_cost"] = 2
        key.write_text(json.dumps(doc))
    else:
        wrapped = bytearray(__import__("base64").b64decode(doc["wrapped"]))
        wrapped[0] ^= 1
        doc["wrapped"] = __import__("base64").b64encode(bytes(wrapped)).decode()
        key.write_text(json.dumps(doc))
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(tmp_path / "v", PASSPHRASE)
    # A damaged or edited header is named as such (V006), never as a wrong passphrase. Damage to the
    # wrapped keys themselves cannot be told from a wrong passphrase without leaking how close a guess was.
    assert err.value.code == ("V003" if damage == "flip_wrapped" else "V006")


def test_vault_files_are_private_to_the_user(tmp_path: Path) -> None:
    make_vault(tmp_path / "v").lock()
    paths = VaultPaths(tmp_path / "v")
    assert paths.key.stat().st_mode & 0o077 == 0
