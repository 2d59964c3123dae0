"""Issue 14 point 9: the commands docs/legal-teams.md gives a legal team, run as written on a real
dossier: the pdfsig check (and a sneaky second signature it must catch), OpenSSL's Ed25519 check of
the manifest, and the recomputation of rendered_sha256."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from desktop.core import identity
from desktop.core.dossier import build_dossier
from tests.core.vaulttools import make_vault
from tests.dossier import dossiertools as tools
from tests.dossier.dossiertools import import_case

DOC = Path(__file__).resolve().parents[2] / "docs" / "legal-teams.md"


def _block(marker: str) -> str:
    """The fenced code block of the guide that contains `marker`."""
    blocks = re.findall(r"```\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    [found] = [b for b in blocks if marker in b]
    return found


def _run(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", "set -eo pipefail\n" + script], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("legal")
    vault = make_vault(root / "v")
    try:
        ident = vault.records.identity()
        (root / "dossier.pdf").write_bytes(build_dossier(vault, import_case(vault, "V05", "ko", "en")).pdf)
        public = ident.ed25519_key().public_key().public_bytes(  # before lock: lock zeroes the private keys
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    finally:
        vault.lock()
    (root / "interviewer-ed25519.pem").write_bytes(public)
    yield root


def _needs(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")


def test_the_documented_pdfsig_check_catches_a_sneaky_second_signature(folder: Path, tmp_path: Path) -> None:
    _needs("pdfsig", "awk")
    script = _block("pdfsig dossier.pdf | awk")
    assert _run(script, folder).returncode == 0
    genuine = (folder / "dossier.pdf").read_bytes()
    sneaky = tools.sign_update(genuine, identity.generate("Legal", "Desk", "d", tools.NOW), field="Second")
    (tmp_path / "dossier.pdf").write_bytes(sneaky)
    old_check = subprocess.run(["pdfsig", str(tmp_path / "dossier.pdf")], capture_output=True, text=True,
                               timeout=60).stdout
    assert "Total document signed" in old_check  # what the earlier guide told readers to look for
    assert _run(script, tmp_path).returncode != 0
    (tmp_path / "dossier.pdf").write_bytes(genuine + b"\n% appended\n")
    assert _run(script, tmp_path).returncode != 0


def test_the_documented_openssl_and_rendered_hash_commands(folder: Path, tmp_path: Path) -> None:
    _needs("pdfdetach", "openssl", "jq", "sha256sum")
    work = tmp_path / "w"
    shutil.copytree(folder, work)
    got = _run(_block("openssl pkeyutl -verify"), work)
    assert got.returncode == 0 and "Signature Verified Successfully" in got.stdout, got.stderr
    hashes = _run(_block("grep -boa '%%EOF'"), work).stdout.split()
    assert len(hashes) == 3 and hashes[0] == hashes[2], hashes  # sha256sum prints "HASH -"
    (work / "manifest.json").write_bytes((work / "manifest.json").read_bytes().replace(b'"V05"', b'"V06"', 1))
    got = _run("openssl pkeyutl -verify -pubin -inkey interviewer-ed25519.pem -rawin -in manifest.json "
               "-sigfile manifest.sig", work)
    assert got.returncode != 0 and "Signature Verified Successfully" not in got.stdout
