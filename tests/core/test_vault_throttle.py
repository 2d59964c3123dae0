"""Issue 13 point 4 (and 10): the wrong-passphrase delay never locks the owner out, and it cannot be
side-stepped. Before issue 13 a missing counter said "wait 64 seconds" forever, a clock set back
stretched the wait without bound, an unwritable counter allowed unlimited tries, and an edited key
file header read as a wrong passphrase."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.clock import Clock
from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault
from desktop.core.vault.throttle import MAX_DELAY_S, Throttle
from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE, FakeTime, make_vault


def _failures(root: Path) -> int:
    return int(json.loads((root / "vault.throttle").read_text())["failures"])


@pytest.mark.parametrize("damage", ["missing", "garbage", "foreign"])
def test_an_untrusted_counter_fails_closed_once_then_lets_the_owner_in(tmp_path: Path, damage: str) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    counter = root / "vault.throttle"
    if damage == "missing":
        counter.unlink()  # a copy to a new laptop, or a backup that skipped it
    elif damage == "garbage":
        counter.write_bytes(b"\xff\x00 not json")
    else:
        other = tmp_path / "other"
        make_vault(other).lock()
        shutil.copy(other / "vault.throttle", counter)
    fake = FakeTime()
    clock = Clock(epoch=fake)
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASE, clock=clock)
    assert err.value.code == "V004" and err.value.fields["seconds"] == 64
    fake.now += 30
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASE, clock=clock)
    assert err.value.code == "V004" and err.value.fields["seconds"] == 34  # the same wait, running down
    fake.now += 34
    Vault.unlock(root, PASSPHRASE, clock=clock).lock()
    assert _failures(root) == 0
    Vault.unlock(root, PASSPHRASE, clock=clock).lock()  # and no wait after that


def test_a_clock_set_back_never_stretches_the_wait(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    fake = FakeTime()
    clock = Clock(epoch=fake)
    for _ in range(4):
        with pytest.raises(VoluntasError):
            Vault.unlock(root, "a wrong guess at the passphrase", clock=clock)
        fake.now += 10
    vault_id = json.loads((root / "vault.key").read_text())["vault_id"]
    fake.now -= 365 * 86400  # the clock set back a year
    wait = Throttle(root / "vault.throttle", vault_id, fake).remaining()
    assert 0 < wait <= 8 <= MAX_DELAY_S  # 4 failures: at most 8 s, not a year
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(root, PASSPHRASE, clock=clock)
    assert err.value.code == "V004" and err.value.fields["seconds"] <= 8
    fake.now += 8
    Vault.unlock(root, PASSPHRASE, clock=clock).lock()


LIMITED = """
import resource, signal, sys
from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
for attempt in sys.argv[2:]:
    try:
        Vault.unlock(sys.argv[1], attempt).lock()
        print("OPENED")
    except VoluntasError as err:
        print(err.code)
"""


def test_a_counter_that_cannot_be_written_blocks_every_try(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    guesses = [f"wrong guess number {n}" for n in range(6)] + [PASSPHRASE]
    proc = subprocess.run([sys.executable, "-c", LIMITED, str(root), *guesses], capture_output=True, text=True,
                          timeout=120)
    codes = proc.stdout.split()
    print(f"RLIMIT_FSIZE=0: {codes}")
    # Nothing tried: right and wrong look the same, and no guess is ever checked.
    assert codes == ["V019"] * len(guesses), proc.stdout + proc.stderr
    assert _failures(root) == 0  # nothing was counted either: nothing was tried
    Vault.unlock(root, PASSPHRASE).lock()


def test_the_cli_names_an_unwritable_counter(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    code = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0)); from desktop.cli import main; sys.exit(main())")
    proc = subprocess.run([sys.executable, "-c", code, "--data-dir", str(root), "--passphrase-file", str(pp),
                           "vault", "check"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "V019" in proc.stderr and "vault.throttle" in proc.stderr
    assert "nothing was tried" in proc.stderr and "Traceback" not in proc.stderr


HEADER_EDITS = {
    "time_cost": lambda d: d["kdf"].__setitem__("time_cost", 2),
    "salt": lambda d: d.__setitem__("salt", "A" * 22 + "=="),
    "vault_id": lambda d: d.__setitem__("vault_id", "00000000-0000-0000-0000-000000000000"),
    "profile": lambda d: d["kdf"].__setitem__("profile", "production"),
}
BAD_KDF = {
    "memory 1 TiB": ("memory_kib", 1 << 30), "memory 0": ("memory_kib", 0), "time_cost 0": ("time_cost", 0),
    "time_cost 10^9": ("time_cost", 10**9), "parallelism -1": ("parallelism", -1), "string": ("memory_kib", "8192"),
    "bool": ("time_cost", True), "float": ("parallelism", 1.5), "null": ("time_cost", None),
}


@pytest.mark.parametrize("field", sorted(HEADER_EDITS))
def test_an_edited_key_file_header_is_a_damaged_key_file_and_counts_no_failure(tmp_path: Path, field: str) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    key = root / "vault.key"
    doc = json.loads(key.read_text())
    HEADER_EDITS[field](doc)
    key.write_text(json.dumps(doc))
    for _ in range(5):  # five tries with the right passphrase: never "wrong passphrase", never a wait
        with pytest.raises(VoluntasError) as err:
            Vault.unlock(root, PASSPHRASE)
        assert err.value.code == "V006" and "vault.key" in str(err.value)
    assert _failures(root) == 0


@pytest.mark.parametrize("case", sorted(BAD_KDF))
def test_kdf_parameters_out_of_bounds_are_a_damaged_key_file(tmp_path: Path, case: str) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    key = root / "vault.key"
    doc = json.loads(key.read_text())
    name, value = BAD_KDF[case]
    doc["kdf"][name] = value
    key.write_text(json.dumps(doc))
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    proc = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "interview", "list")
    assert proc.returncode == 2 and "V006" in proc.stderr, proc.stderr
    assert "E999" not in proc.stderr and "Traceback" not in proc.stderr


DOC = Path(__file__).resolve().parents[2] / "docs" / "moving-laptops.md"


def test_moving_to_a_new_laptop_as_documented(tmp_path: Path) -> None:
    """Point 10: the two files the doc names, copied with the vault locked, open on the new laptop after
    one fail-closed wait, and every check passes."""
    doc = DOC.read_text(encoding="utf-8")
    assert "Lock the vault" in doc and "`vault.db`" in doc and "`vault.key`" in doc
    old, new = tmp_path / "old-laptop", tmp_path / "new-laptop"
    vault = make_vault(old)
    iid = vault.records.create_interview(vault.records.create_case("NK-MOVE"), "f", "1", "ko", "en", "2025-01-01")
    vault.records.save_answer(iid, "q1", "moved", "ko", "ab" * 32)
    vault.lock()
    assert not (old / "vault.db-wal").exists()  # locked: whole in vault.db
    new.mkdir()
    for name in ("vault.db", "vault.key"):
        shutil.copy2(old / name, new / name)
    fake = FakeTime()
    clock = Clock(epoch=fake)
    with pytest.raises(VoluntasError) as err:
        Vault.unlock(new, PASSPHRASE, clock=clock)
    assert err.value.code == "V004" and err.value.fields["seconds"] == 64
    fake.now += 64
    with Vault.unlock(new, PASSPHRASE, clock=clock) as moved:
        assert moved.records.answers(iid) == {"q1": "moved"}
        assert all(r.ok for r in moved.check())
