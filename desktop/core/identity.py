"""The interviewer's signing keys: Ed25519 for the manifest, ECDSA P-256 with a self-signed
certificate for PAdES (common PDF readers check ECDSA; EdDSA support in viewers lags)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID

CERT_YEARS = 5
KEYS_FORMAT = "voluntas-interviewer-keys/1"  # interviewer.json of `keys export`, read by `desk enrol`


@dataclass(frozen=True)
class Identity:
    interviewer: str
    organisation: str
    device_id: str
    ed25519_private: bytes  # raw 32 bytes
    ecdsa_private: bytes  # PKCS#8 DER
    certificate: bytes  # DER

    def ed25519_key(self) -> ed25519.Ed25519PrivateKey:
        if not any(self.ed25519_private):  # zeroed when the vault was locked: never sign with a zero key
            from desktop.core.errors import VoluntasError

            raise VoluntasError("V010")
        return ed25519.Ed25519PrivateKey.from_private_bytes(self.ed25519_private)

    def ed25519_public(self) -> bytes:
        return self.ed25519_key().public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    def cert(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.certificate)

    def ed25519_fingerprint(self) -> str:
        return fingerprint(self.ed25519_public())

    def cert_fingerprint(self) -> str:
        return fingerprint(self.certificate)

    def public_files(self) -> dict[str, bytes]:
        """What the interviewer registers with the legal team (`keys export`; the desk enrols the folder):
        the certificate, the Ed25519 public key and a summary with both fingerprints. Nothing private."""
        import json

        ed_pem = self.ed25519_key().public_key().public_bytes(serialization.Encoding.PEM,
                                                               serialization.PublicFormat.SubjectPublicKeyInfo)
        summary = {"format": KEYS_FORMAT, "interviewer": self.interviewer, "organisation": self.organisation,
                   "device_id": self.device_id, "ed25519_fingerprint": self.ed25519_fingerprint(),
                   "certificate_fingerprint": self.cert_fingerprint()}
        return {"interviewer-cert.pem": self.cert().public_bytes(serialization.Encoding.PEM),
                "interviewer-ed25519.pem": ed_pem,
                "interviewer.json": (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}


def fingerprint(data: bytes) -> str:
    """SHA-256 in groups of four hex digits, to read out over a phone line or print."""
    digest = hashlib.sha256(data).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 64, 4))


def generate(interviewer: str, organisation: str, device_id: str, now: dt.datetime) -> Identity:
    ed_key = ed25519.Ed25519PrivateKey.generate()
    ec_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, interviewer or "Voluntas interviewer"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation or "Voluntas"),
    ])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(ec_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * CERT_YEARS))
        # An end-entity certificate: its key signs dossiers, never other certificates (issue 14).
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .sign(ec_key, hashes.SHA256())
    )
    return Identity(
        interviewer=interviewer,
        organisation=organisation,
        device_id=device_id,
        ed25519_private=ed_key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        ),
        ecdsa_private=ec_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
        certificate=cert.public_bytes(serialization.Encoding.DER),
    )
