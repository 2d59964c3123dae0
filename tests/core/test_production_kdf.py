"""The production Argon2id profile, for real (about a second per derivation): a vault made without the fast
test switch has parameters at or above the floor, opens with its passphrase and refuses a wrong one."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault, keyfile
from desktop.core.vault.files import VaultPaths
from tests.core.vaulttools import PASSPHRASE

pytestmark = pytest.mark.production_kdf


def test_a_production_vault_is_at_the_floor_and_opens_only_with_its_passphrase(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOLUNTAS_KDF_PROFILE", raising=False)
    root = tmp_path / "v"
    Vault.create(root, PASSPHRASE, "Test Interviewer", "Test Org").lock()
    kdf = keyfile.read(VaultPaths(root).key).kdf
    floor = keyfile.PRODUCTION_FLOOR
    assert kdf.profile == "production"
    assert kdf.memory_kib >= floor.memory_kib and kdf.time_cost >= floor.time_cost
    assert kdf.parallelism >= floor.parallelism
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASE + "x")
    assert err.value.code == "V003"
    Vault.unlock(root, PASSPHRASE).lock()
