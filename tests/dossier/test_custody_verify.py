"""Issue 14 points 5 and 6: `dossier verify` cannot be fooled or stalled, and the certificates are
end-entity. Each attack is a real PDF, signed with real keys by pyHanko."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509

from desktop.core import identity
from desktop.core.dossier import build_dossier
from desktop.core.dossier.sign import sign_dossier
from desktop.core.dossier.verify import verify_bytes
from tests.conftest import run_cli
from tests.core.vaulttools import make_vault
from tests.dossier import dossiertools as tools
from tests.dossier.dossiertools import import_case


@dataclass(frozen=True)
class Genuine:
    pdf: bytes
    ident: identity.Identity


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Genuine]:
    vault = make_vault(tmp_path_factory.mktemp("v") / "v")
    try:
        yield Genuine(build_dossier(vault, import_case(vault, "V05", "ko", "en")).pdf, vault.records.identity())
    finally:
        vault.lock()


def _check(data: bytes, trust: bytes | None) -> tuple[bool, list[str], float]:
    start = time.perf_counter()
    result = verify_bytes(data, trust)
    return result.ok, result.reasons, time.perf_counter() - start


def _forged(g: Genuine) -> tuple[bytes, identity.Identity]:
    """A self-consistent dossier made with a key of the forger's own: same pages, manifest re-signed."""
    stranger = identity.generate("Olena K.", "ICRC", "dev", tools.NOW)
    body, _sig = tools.attachments(g.pdf)
    doc = json.loads(body)
    doc["keys"] = {**doc["keys"], "ed25519": __import__("base64").b64encode(stranger.ed25519_public()).decode(),
                   "ed25519_fingerprint": stranger.ed25519_fingerprint(),
                   "certificate_fingerprint": stranger.cert_fingerprint()}
    forged_body = tools.rfc8785.dumps(doc)
    return sign_dossier(tools.first_revision(g.pdf), forged_body, stranger.ed25519_key().sign(forged_body),
                        stranger), stranger


def test_without_trust_a_forgery_is_untrusted_and_exits_1(genuine: Genuine, tmp_path: Path) -> None:
    forged, _stranger = _forged(genuine)
    path = tmp_path / "forged.pdf"
    path.write_bytes(forged)
    proc = run_cli("dossier", "verify", str(path))
    assert proc.returncode == 1 and proc.stdout.startswith("UNTRUSTED") and "--trust" in proc.stdout
    assert "VALID:" not in proc.stdout.replace("UNTRUSTED:", "")
    doc = json.loads(run_cli("dossier", "verify", str(path), "--json").stdout)
    assert doc["trusted"] is False and doc["valid"] is True and doc["checked"]
    assert any("rendered_sha256" in c and "not to what the pages say" in c for c in doc["checked"])
    cert = tmp_path / "interviewer-cert.der"
    cert.write_bytes(genuine.ident.certificate)
    proc = run_cli("dossier", "verify", str(path), "--trust", str(cert))
    assert proc.returncode == 1 and proc.stdout.startswith("INVALID") and "not the trusted certificate" in proc.stdout


def test_hostile_structures_are_answered_in_under_a_second(genuine: Genuine) -> None:
    g = genuine
    stranger = identity.generate("X", "Y", "dev", tools.NOW)
    rendered = tools.first_revision(g.pdf)
    hostile = {  # (file, certificate to trust): with the forger's own certificate trusted, every check runs
        "looping attachment list, signed": (tools.sign_update(rendered, stranger, tools.looping_names),
                                            stranger.certificate),
        "5000 %%EOF markers after the signature": (g.pdf + b"%%EOF\n" * 5000, g.ident.certificate),
        "5000 %%EOF markers inside the signed bytes": (
            tools.sign_update(rendered, stranger, tools.eof_markers(5000)), stranger.certificate),
        "12 %%EOF markers inside the signed bytes": (
            tools.sign_update(rendered, stranger, tools.eof_markers(12)), stranger.certificate),
    }
    worst = 0.0
    for label, (data, trust) in hostile.items():
        ok, reasons, secs = _check(data, trust)
        worst = max(worst, secs)
        assert not ok and len(reasons) == 1, (label, reasons)
    print(f"{len(hostile)} hostile PDFs refused, worst {worst * 1000:.0f} ms")


def test_the_checks_stop_at_the_first_failure(genuine: Genuine) -> None:
    g = genuine
    for name, data in tools.crafted(g.pdf, g.pdf, g.ident):
        if "swapped" in name or "another dossier" in name:
            continue  # those need a second dossier; test_t7_tamper has them
        ok, reasons, _secs = _check(data, g.ident.certificate)
        assert not ok and len(reasons) == 1, (name, reasons)


def test_one_document_timestamp_added_by_the_legal_team_verifies(genuine: Genuine) -> None:
    g = genuine
    stamped = tools.timestamped(g.pdf)
    result = verify_bytes(stamped, g.ident.certificate)
    assert result.ok and result.trusted, result.reasons
    assert result.details["timestamp"]["authority"].endswith("Legal team TSA") and result.details["timestamp"]["time"]
    refused = {
        "two timestamps": (tools.timestamped(stamped), "3 signatures"),
        "an annotation after the timestamp": (tools.incremental_update(stamped, tools.evil_annotation), "after"),
        "a second signature instead of a timestamp": (tools.sign_update(g.pdf, identity.generate(
            "Legal", "Desk", "d", tools.NOW), field="Second"), "2 signatures"),
        "a timestamp, then a second signature": (tools.sign_update(stamped, g.ident, field="Again"), "signature"),
        "a timestamp over an annotation": (tools.timestamped(tools.incremental_update(g.pdf, tools.evil_annotation)),
                                           "changed after it was signed"),
    }
    for label, (data, phrase) in refused.items():
        ok, reasons, _secs = _check(data, g.ident.certificate)
        assert not ok and any(phrase in r for r in reasons), (label, reasons)


def test_the_interviewer_certificate_is_end_entity(genuine: Genuine) -> None:
    cert = x509.load_der_x509_certificate(genuine.ident.certificate)
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert basic.ca is False and usage.key_cert_sign is False and usage.digital_signature


def test_a_certificate_issued_by_an_interviewer_certificate_is_refused(genuine: Genuine) -> None:
    g = genuine
    body, _sig = tools.attachments(g.pdf)
    rendered = tools.first_revision(g.pdf)

    def signed_by(signer: identity.Identity) -> bytes:
        doc = json.loads(body)
        doc["keys"] = {**doc["keys"], "ed25519": __import__("base64").b64encode(signer.ed25519_public()).decode(),
                       "ed25519_fingerprint": signer.ed25519_fingerprint(),
                       "certificate_fingerprint": signer.cert_fingerprint()}
        data = tools.rfc8785.dumps(doc)
        return sign_dossier(rendered, data, signer.ed25519_key().sign(data), signer)

    old = tools.old_interviewer(g.ident)  # CA set, as certificates were made before this change
    for issuer in (g.ident, old):
        sub = tools.issued_identity(issuer.certificate, issuer.ecdsa_private, "Someone Else")
        ok, reasons, _secs = _check(signed_by(sub), issuer.certificate)
        assert not ok and reasons, reasons
        assert any("may not issue certificates" in r or "not the trusted certificate" in r for r in reasons)
    ca_der, ca_key = tools.org_ca()  # an organisation's CA may issue interviewer certificates
    member = tools.issued_identity(ca_der, ca_key, "Olena K.")
    ok, reasons, _secs = _check(signed_by(member), ca_der)
    assert ok, reasons
