"""Issue 14 point 8: disaster recovery for the desk. `desk identity export` writes the desk's age
identity (mode 0600, only after the passphrase, with a warning), and Debian's own `age` binary
decrypts a real bundle with it: a legal team that loses the desk loses nothing it kept offline."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest

from desktop.core.sync import bundle
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.seal import seal_interviews
from tests.conftest import run_cli
from tests.sync.synctools import DESK_PASSPHRASE, MARKER, import_vignette, world

AGE = "/usr/bin/age"


def test_exported_identity_decrypts_a_real_bundle_with_debian_age(tmp_path: Path) -> None:
    w = world(tmp_path)
    _cid, ids = import_vignette(w.field, "V05", MARKER)
    seal_interviews(w.field, ids[:1])  # a real PAdES dossier inside
    out = tmp_path / "stick"
    out.mkdir()
    push_outbox(w.field, out)
    [sealed] = list(out.iterdir())
    w.desk.lock()
    pp, wrong = tmp_path / "dpp", tmp_path / "wrong"
    pp.write_text(DESK_PASSPHRASE + "\n")
    wrong.write_text("not the desk passphrase at all\n")
    D = ("desk", "--desk-dir", str(tmp_path / "desk"), "identity", "export", "--out")
    key = tmp_path / "offline" / "desk.agekey"
    key.parent.mkdir()
    proc = run_cli("--passphrase-file", str(wrong), *D, str(key))
    assert proc.returncode == 3 and not key.exists()  # nothing before the passphrase
    proc = run_cli("--passphrase-file", str(pp), *D, str(key), check=True)
    assert "WARNING" in proc.stderr and "offline" in proc.stderr
    secret = key.read_text()
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600 and "AGE-SECRET-KEY-1" in secret
    assert "AGE-SECRET-KEY" not in proc.stdout + proc.stderr  # named, never printed
    proc = run_cli("--passphrase-file", str(pp), *D, str(key))
    assert proc.returncode == 2 and "already exists" in proc.stderr and key.read_text() == secret
    if not Path(AGE).exists():
        pytest.skip("Debian's age is not installed (apt-get install age)")
    got = subprocess.run([AGE, "-d", "-i", str(key), str(sealed)], capture_output=True, timeout=60)
    assert got.returncode == 0, got.stderr
    with tarfile.open(fileobj=io.BytesIO(got.stdout)) as tar:
        names = sorted(tar.getnames())
        pdf = tar.extractfile(bundle.DOSSIER).read()  # type: ignore[union-attr]
    assert bundle.MANIFEST in names and bundle.RECORD in names and pdf.startswith(b"%PDF")
    if shutil.which("pdfsig"):
        (tmp_path / "recovered.pdf").write_bytes(pdf)
        check = subprocess.run(["pdfsig", str(tmp_path / "recovered.pdf")], capture_output=True, text=True,
                               timeout=60)
        assert "Signature is Valid." in check.stdout
