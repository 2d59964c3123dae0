"""A dossier signed under ruleset 1.0.0 (made by the release before 1.1.0, kept as a fixture) still verifies,
and names the ruleset it was evaluated with, so a legal team can tell it from a 1.1.0 evaluation."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.core.rules.loader import shipped_ruleset
from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OLD = FIXTURES / "dossier-ruleset-1.0.0.pdf"
CERT = FIXTURES / "dossier-ruleset-1.0.0-cert.pem"


def test_a_dossier_of_ruleset_1_0_0_verifies_with_todays_code() -> None:
    proc = run_cli("dossier", "verify", str(OLD), "--trust", str(CERT), "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    assert out["valid"] is True and out["trusted"] is True
    assert shipped_ruleset().version == "1.1.0"  # the code that verified it evaluates with a newer ruleset


@pytest.mark.skipif(shutil.which("pdfdetach") is None, reason="poppler-utils not installed")
def test_its_signed_manifest_names_ruleset_1_0_0(tmp_path: Path) -> None:
    out = tmp_path / "manifest.json"
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(out), str(OLD)], check=True, capture_output=True)
    manifest = json.loads(out.read_text(encoding="utf-8"))
    assert manifest["ruleset"]["version"] == "1.0.0"
    assert manifest["ruleset"]["id"] == shipped_ruleset().id


def test_a_changed_byte_in_the_old_dossier_is_refused(tmp_path: Path) -> None:
    data = bytearray(OLD.read_bytes())
    data[len(data) // 3] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    proc = run_cli("dossier", "verify", str(bad), "--trust", str(CERT))
    assert proc.returncode == 1
