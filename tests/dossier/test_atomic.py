"""T5/T6 for the dossier: atomic write order, and a full disk leaves the older dossier and no partial file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.dossier import export_dossier, verify_dossier
from desktop.core.errors import VoluntasError
from tests.core.vaulttools import PASSPHRASE, make_vault
from tests.dossier.dossiertools import import_case

WORKER = Path(__file__).resolve().parent / "workers" / "full_disk_export.py"


def test_write_order_temp_fsync_replace_fsync_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_vault(tmp_path / "v")
    case_id = import_case(vault, "V02", "ko", "en")
    out = tmp_path / "out" / "dossier.pdf"
    out.parent.mkdir()
    calls: list[tuple[str, str]] = []
    fds: dict[int, str] = {}
    real_open, real_write, real_fsync, real_replace = os.open, os.write, os.fsync, os.replace

    def spy_open(path: object, flags: int, *args: object, **kw: object) -> int:
        fd = real_open(path, flags, *args, **kw)  # type: ignore[arg-type]
        fds[fd] = str(path)
        calls.append(("open", str(path)))
        return fd

    def spy_write(fd: int, data: bytes) -> int:
        calls.append(("write", fds.get(fd, "?")))
        return real_write(fd, data)

    def spy_fsync(fd: int) -> None:
        calls.append(("fsync", fds.get(fd, "?")))
        real_fsync(fd)

    def spy_replace(src: object, dst: object) -> None:
        calls.append(("replace", f"{src}->{dst}"))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "write", spy_write)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", spy_replace)
    try:
        export_dossier(vault, case_id, out)
    finally:
        monkeypatch.undo()
        vault.lock()
    ours = [c for c in calls if str(out.parent) in c[1]]
    temp = ours[0][1]
    assert ours[0][0] == "open" and Path(temp).parent == out.parent and temp != str(out)
    kinds = [k for k, _ in ours]
    first_fsync, replace = kinds.index("fsync"), kinds.index("replace")
    assert set(kinds[1:first_fsync]) == {"write"} and ours[first_fsync][1] == temp
    assert first_fsync < replace and ours[replace][1] == f"{temp}->{out}"
    assert kinds[replace + 1:] == ["open", "fsync"] and ours[-1][1] == str(out.parent)
    assert verify_dossier(out).ok and sorted(p.name for p in out.parent.iterdir()) == ["dossier.pdf"]


def test_full_disk_keeps_the_older_dossier_and_leaves_no_partial(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    case_id = import_case(vault, "V02", "uk", "en")
    vault.lock()
    out = tmp_path / "out" / "dossier.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF-1.7 an older dossier of the same name")
    before = hashlib.sha256(out.read_bytes()).hexdigest()
    proc = subprocess.run([sys.executable, str(WORKER), str(tmp_path / "v"), PASSPHRASE, case_id, str(out)],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    line = proc.stdout.strip().splitlines()[-1]
    assert line.startswith("FAILED V011") and str(out) in line, line
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["dossier.pdf"]


def test_unknown_case_and_mixed_cases_are_clear_errors(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    try:
        a = import_case(vault, "V02", "uk", "en")
        b = import_case(vault, "V03", "uk", "en")
        ids = {r.case_id: r.id for r in vault.records.list_interviews()}
        with pytest.raises(VoluntasError) as err:
            export_dossier(vault, "nope", tmp_path / "x.pdf")
        assert err.value.code == "D001" and "nope" in str(err.value)
        with pytest.raises(VoluntasError) as err:
            export_dossier(vault, [ids[a], ids[b]], tmp_path / "x.pdf")
        assert err.value.code == "D002"
        with pytest.raises(VoluntasError) as err:
            export_dossier(vault, a, tmp_path / "x.pdf", extra_manifest={"answers": 1, "keys": {}})
        assert err.value.code == "D006"
        done = export_dossier(vault, [ids[a]], tmp_path / "x.pdf", extra_manifest={"recipients": ["age1xyz"]})
        assert b'"recipients":["age1xyz"]' in done.manifest
    finally:
        vault.lock()
    assert not (tmp_path / "nope").exists()
