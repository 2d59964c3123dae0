"""Issue 14 point 6 (desk side): re-enrolling a known interviewer key with another certificate or name
is refused unless --replace, which the desk logs. The keys folder is public material anyone can drop."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from desktop.core import identity
from desktop.core.errors import VoluntasError
from desktop.core.sync.desk import enrol, enrolled
from desktop.core.vault import audit
from tests.conftest import run_cli
from tests.sync.synctools import DESK_PASSPHRASE, world


def _swapped_certificate(keys: Path, out: Path) -> Path:
    """The interviewer's real Ed25519 key beside a certificate of someone else's making."""
    shutil.copytree(keys, out)
    stranger = identity.generate("Olena K.", "ICRC", "dev", dt.datetime.now(dt.UTC))
    (out / "interviewer-cert.pem").write_bytes(stranger.cert().public_bytes(serialization.Encoding.PEM))
    info = json.loads((out / "interviewer.json").read_text())
    (out / "interviewer.json").write_text(json.dumps({**info, "certificate_fingerprint": stranger.cert_fingerprint()}))
    return out


def test_a_known_key_with_another_certificate_or_name_is_refused(tmp_path: Path) -> None:
    w = world(tmp_path)
    [before] = enrolled(w.desk)
    assert enrol(w.desk, w.keys) == before  # the same folder again: nothing changes
    renamed = tmp_path / "renamed"
    shutil.copytree(w.keys, renamed)
    info = json.loads((renamed / "interviewer.json").read_text())
    (renamed / "interviewer.json").write_text(json.dumps({**info, "interviewer": "Someone Else"}))
    for folder in (_swapped_certificate(w.keys, tmp_path / "swapped"), renamed):
        with pytest.raises(VoluntasError) as err:
            enrol(w.desk, folder)
        assert err.value.code == "S014" and "--replace" in err.value.message()
        assert enrolled(w.desk) == [before]
    replaced = enrol(w.desk, tmp_path / "swapped", replace=True)
    assert replaced.fingerprint == before.fingerprint and replaced.certificate_fingerprint != \
        before.certificate_fingerprint
    events = [e.event for e in audit.entries(w.desk.conn_or_raise(), audit.VAULT_CHAIN)]
    assert events.count("interviewer_replaced") == 1


def test_enrol_command_exits_1_and_replace_is_explicit(tmp_path: Path) -> None:
    w = world(tmp_path)
    swapped = _swapped_certificate(w.keys, tmp_path / "swapped")
    w.desk.lock()
    pp = tmp_path / "dpp"
    pp.write_text(DESK_PASSPHRASE + "\n")
    D = ("--passphrase-file", str(pp), "desk", "--desk-dir", str(tmp_path / "desk"))
    proc = run_cli(*D, "enrol", str(swapped))
    assert proc.returncode == 1 and "--replace" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli(*D, "enrol", str(swapped), "--replace", check=True)
    assert "X.509:" in proc.stdout
