"""Real attacks on a dossier for the issue 14 tests: a self-made key, a certificate issued by an
interviewer's certificate, a looping name tree, thousands of %%EOF markers, a legal team's document
timestamp (pyHanko's timestamper with a self-made TSA certificate: no network)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.core import identity
from desktop.core.dossier.sign import FIELD

NOW = dt.datetime.now(dt.UTC)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _usage(sign_docs: bool, sign_certs: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=sign_docs, content_commitment=sign_docs, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=sign_certs, crl_sign=sign_certs,
                         encipher_only=False, decipher_only=False)


def _der(key: object) -> bytes:
    return key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,  # type: ignore[attr-defined]
                             serialization.NoEncryption())


def issued_identity(issuer_cert_der: bytes, issuer_key_der: bytes, cn: str, ca: bool = False) -> identity.Identity:
    """An identity whose ECDSA certificate `issuer` signed (an interviewer's key, or an organisation CA)."""
    issuer_key = serialization.load_der_private_key(issuer_key_der, None)
    issuer = x509.load_der_x509_certificate(issuer_cert_der)
    base = identity.generate(cn, "Forgers", "dev", NOW)
    key = serialization.load_der_private_key(base.ecdsa_private, None)
    cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(issuer.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())  # type: ignore[arg-type]
            .not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
            .add_extension(_usage(not ca, ca), critical=True)
            .sign(issuer_key, hashes.SHA256()))  # type: ignore[arg-type]
    return identity.Identity(cn, "Forgers", "dev", base.ed25519_private, base.ecdsa_private,
                             cert.public_bytes(serialization.Encoding.DER))


def org_ca() -> tuple[bytes, bytes]:
    """(certificate DER, key DER) of an organisation's CA: CA and certificate signing, no document signing."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("Org Root CA")).issuer_name(_name("Org Root CA"))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
            .add_extension(_usage(False, True), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER), _der(key)


def old_interviewer(ident: identity.Identity) -> identity.Identity:
    """The interviewer's key with a certificate as versions before issue 14 made it: CA set, keyCertSign."""
    key = serialization.load_der_private_key(ident.ecdsa_private, None)
    name = _name(ident.interviewer)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())  # type: ignore[arg-type]
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(True, True), critical=True)
            .sign(key, hashes.SHA256()))  # type: ignore[arg-type]
    return identity.Identity(ident.interviewer, ident.organisation, ident.device_id, ident.ed25519_private,
                             ident.ecdsa_private, cert.public_bytes(serialization.Encoding.DER))


def sign_update(pdf: bytes, ident: identity.Identity, change: Callable[[object], None] | None = None,
                field: str = FIELD) -> bytes:
    """One incremental update of `pdf`: `change(writer)`, then a PAdES signature by `ident`."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if change is not None:
        change(writer)
    signer = signers.SimpleSigner(signing_cert=asn1_x509.Certificate.load(ident.certificate),
                                  signing_key=asn1_keys.PrivateKeyInfo.load(ident.ecdsa_private),
                                  cert_registry=SimpleCertificateStore())  # type: ignore[no-untyped-call]
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    out = io.BytesIO()
    signers.PdfSigner(meta, signer).sign_pdf(writer, output=out, bytes_reserved=8192)
    return out.getvalue()


def looping_names(writer: object) -> None:
    """/Names /EmbeddedFiles is a node whose /Kids holds itself."""
    from pyhanko.pdf_utils import generic

    node = generic.DictionaryObject()
    ref = writer.add_object(node)  # type: ignore[attr-defined]
    node[generic.NameObject("/Kids")] = generic.ArrayObject([ref, ref])
    root = writer.root  # type: ignore[attr-defined]
    root[generic.NameObject("/Names")] = generic.DictionaryObject({generic.NameObject("/EmbeddedFiles"): ref})
    writer.update_root()  # type: ignore[attr-defined]


def eof_markers(count: int) -> Callable[[object], None]:
    """An update adding an uncompressed stream of `count` %%EOF lines (inside the bytes signed next)."""
    def change(writer: object) -> None:
        from pyhanko.pdf_utils import generic

        writer.add_object(generic.StreamObject(stream_data=b"%%EOF\n" * count))  # type: ignore[attr-defined]
    return change


def tsa() -> object:
    """pyHanko's own timestamper with a self-made TSA certificate (RSA: the dummy timestamper's one kind)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps import DummyTimeStamper

    key = rsa.generate_private_key(65537, 2048)
    cert = (x509.CertificateBuilder().subject_name(_name("Legal team TSA")).issuer_name(_name("Legal team TSA"))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=3650))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    return DummyTimeStamper(tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
                            tsa_key=asn1_keys.PrivateKeyInfo.load(_der(key)))


def timestamped(pdf: bytes, stamper: object | None = None) -> bytes:
    """The legal team's step: one document timestamp (PdfTimeStamper) appended as a new revision."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import PdfTimeStamper

    out = io.BytesIO()
    PdfTimeStamper(stamper or tsa()).timestamp_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), "sha256",  # type: ignore[arg-type]
                                                    output=out)
    return out.getvalue()
