"""Every storage version ever shipped opens with the current code and keeps its data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault, migrations

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PASSPHRASES = {"vault_v1": "fixture passphrase for schema version one",
               "vault_v2": "fixture passphrase for schema version two",
               "vault_v3": "fixture passphrase for schema version three"}


@pytest.mark.parametrize("name", sorted(PASSPHRASES))
def test_shipped_vault_opens_and_upgrades(tmp_path: Path, name: str) -> None:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    vault = Vault.unlock(root, PASSPHRASES[name])
    conn = vault.conn_or_raise()
    assert migrations.current_version(conn) == migrations.LATEST
    assert all(r.ok for r in vault.check())
    rows = vault.records.list_interviews()
    summary = [(r.case_code, r.state, r.captive_lang, r.interviewer_lang) for r in rows]
    assert summary == [("FIX-1", "draft", "ko", "uk")]
    assert vault.records.answers(rows[0].id) == {"ses_case": "FIX-1", "set_present": ["nobody"]}
    assert vault.records.notes(rows[0].id) == {"ses_case": "fixture note"}
    assert vault.records.get_setting("autolock_minutes") == 5
    assert vault.records.identity().interviewer == "Fixture Interviewer"
    vault.lock()


@pytest.mark.parametrize("name", sorted(PASSPHRASES))
def test_an_upgraded_vault_has_a_keyed_chain_over_its_answers(tmp_path: Path, name: str) -> None:
    """After the upgrade an edit with the database key alone shows, as in a new vault; the key file
    is in the current format, and an older copy of the database is refused."""
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    Vault.unlock(root, PASSPHRASES[name]).lock()
    assert json.loads((root / "vault.key").read_text())["format"] == "voluntas-keyfile/2"
    older = (root / "vault.db").read_bytes()
    vault = Vault.unlock(root, PASSPHRASES[name])
    iid = vault.records.list_interviews()[0].id
    vault.conn_or_raise().execute("UPDATE answers SET value = '\"FIX-2\"' WHERE interview_id = ? AND "
                                  "question_id = 'ses_case'", (iid,))
    audit_chain = [r for r in vault.check() if r.name == "audit_chain"][0]
    assert not audit_chain.ok and "ses_case" in audit_chain.detail
    vault.lock()
    (root / "vault.db").write_bytes(older)
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASES[name])
    assert err.value.code == "V018"


def test_every_migration_has_a_fixture() -> None:
    shipped = {int(p.name.removeprefix("vault_v")) for p in FIXTURES.glob("vault_v*")}
    assert shipped == {v for v, _n, _s in migrations.MIGRATIONS}


def test_a_newer_vault_is_refused_clearly(tmp_path: Path) -> None:
    root = tmp_path / "v"
    shutil.copytree(FIXTURES / "vault_v1", root)
    vault = Vault.unlock(root, PASSPHRASES["vault_v1"])
    vault.conn_or_raise().execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    vault.lock()
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASES["vault_v1"])
    assert err.value.code == "V012"
