"""T12: quick wipe. After it, even a copy of the database taken before cannot be opened with the
right passphrase, and nothing of the vault is left in its folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault
from tests.core.vaulttools import PASSPHRASE, make_vault


def _vault_with_data(root: Path) -> Vault:
    vault = make_vault(root)
    iid = vault.records.create_interview(vault.records.create_case("W"), "f", "1", "ko", "en", "2025-01-01")
    for n in range(50):
        vault.records.save_answer(iid, f"q{n}", "x" * 500, "ko", "00" * 32)
    return vault


@pytest.mark.parametrize("state", ["open", "locked", "corrupt"])
def test_wipe_destroys_the_key_and_every_file(tmp_path: Path, state: str) -> None:
    root = tmp_path / "v"
    vault = _vault_with_data(root)
    wrapped = (root / "vault.key").read_bytes()
    if state != "open":
        vault.lock()
    aside = tmp_path / "aside"
    aside.mkdir()
    for p in root.iterdir():
        if p.name.startswith("vault.db"):
            shutil.copy(p, aside / p.name)
    if state == "corrupt":
        (root / "vault.db").write_bytes(b"\x00" * 8192)
    Vault.wipe(root)
    if state == "open":
        vault.lock()
    assert not root.exists()
    # The copy taken before the wipe, put back with nothing else: no key file, no way in.
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy(aside / "vault.db", restored / "vault.db")
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(restored, PASSPHRASE)
    assert err.value.code == "V005"
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and wrapped in p.read_bytes()]
    assert leftovers == []
