"""`voluntas dossier export` and `voluntas dossier verify` as a legal team's technician runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE
from tests.dossier.dossiertools import VIGNETTES


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    root, pp = tmp_path / "vault", tmp_path / "pp"
    pp.write_text(PASSPHRASE + "\n")
    base = ["--data-dir", str(root), "--passphrase-file", str(pp)]
    run_cli(*base, "vault", "init", "--interviewer", "Olena K.", "--organisation", "ICRC", check=True)
    case_id = run_cli(*base, "interview", "import", str(VIGNETTES / "V05.json"), check=True).stdout.split()[-1]
    pdf = tmp_path / "out" / "dossier.pdf"
    pdf.parent.mkdir()
    proc = run_cli(*base, "dossier", "export", case_id, "--out", str(pdf), check=True)
    assert str(pdf) in proc.stdout and "X.509:" in proc.stdout
    run_cli(*base, "keys", "export", "--out", str(tmp_path / "keys"), check=True)
    return pdf, tmp_path / "keys" / "interviewer-cert.pem", base


def test_verify_a_clean_then_a_tampered_dossier(exported: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    pdf, cert, _base = exported
    proc = run_cli("dossier", "verify", str(pdf), "--trust", str(cert))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("VALID") and "trusted certificate" in proc.stdout
    doc = json.loads(run_cli("dossier", "verify", str(pdf), "--trust", str(cert), "--json").stdout)
    assert doc["valid"] and doc["trusted"] and doc["details"]["coverage"] == "ENTIRE_FILE"
    assert doc["details"]["modification_level"] == "NONE" and doc["reasons"] == []
    unpinned = run_cli("dossier", "verify", str(pdf))  # proves nothing about who made it (issue 14)
    assert unpinned.returncode == 1 and unpinned.stdout.startswith("UNTRUSTED") and "--trust" in unpinned.stdout
    # tampered: exit 1 with the reason
    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 0x20
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    proc = run_cli("dossier", "verify", str(bad), "--trust", str(cert))
    assert proc.returncode == 1 and proc.stdout.startswith("INVALID") and "  - " in proc.stdout
    assert "Traceback" not in proc.stderr
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils not installed")
    # Poppler, an independent implementation, agrees
    out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature is Valid." in out and "Total document signed" in out
    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 0x01
    bad.write_bytes(bytes(data))
    out = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature is Valid." not in out and ("Digest Mismatch" in out or "Invalid" in out), out


def test_bad_input_names_the_file_and_exits_2(exported: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    pdf, _cert, base = exported
    notcert = tmp_path / "notcert.pem"
    notcert.write_text("hello")
    for args, name in ((["dossier", "verify", str(pdf), "--trust", str(notcert)], "notcert.pem"),
                       (["dossier", "verify", str(pdf), "--trust", str(tmp_path / "none.pem")], "none.pem"),
                       (["dossier", "verify", str(tmp_path / "none.pdf")], "none.pdf")):
        proc = run_cli(*args)
        assert proc.returncode == 2 and name in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    proc = run_cli(*base, "dossier", "export", "no-such-case", "--out", str(tmp_path / "x.pdf"))
    assert proc.returncode == 2 and "no-such-case" in proc.stderr and not (tmp_path / "x.pdf").exists()

