"""Shared by the dossier tests: sample vaults from the acceptance cases, reading a PDF's text, and real
attacks on a signed dossier (mutations for the T7 battery, crafted with pyHanko; self-made keys and
certificates, looping name trees, many %%EOF markers, a self-made TSA's document timestamp: no network)."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import rfc8785
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.core import identity
from desktop.core.casefile import read_case
from desktop.core.dossier import manifest as mf
from desktop.core.dossier.sign import FIELD, sign_dossier
from desktop.core.vault import Vault
from tests.conftest import CASES
from tests.core.vaulttools import make_vault

# -- sample ---------------------------------------------------------------------------------------

VIGNETTES = CASES
LANGUAGE_PAIRS = (("en", "en"), ("ko", "uk"), ("uk", "en"))
# Exact strings a dossier must carry: the Ukrainian letters no Korean font has, and Hangul.
UK_MARK = "\u0490\u0491 \u0404\u0454 \u0406\u0456 \u0407\u0457 \u0441\u0456\u043c'\u0457"
KO_MARK = "\uac00\uc871\uc5d0\uac8c \ud3b8\uc9c0\ub97c \uc4f0\uace0 \uc2f6\uc2b5\ub2c8\ub2e4"


def import_case(vault: Vault, vignette: str, captive: str, interviewer: str,
                changes: Mapping[str, Any] | None = None, code: str | None = None) -> str:
    """Store a vignette's interviews as one case; `changes` overrides answers of every interview."""
    case = read_case(VIGNETTES / f"{vignette}.json")
    case_id = vault.records.create_case(code or case.case_id or vignette)
    for item in case.interviews:
        iid = vault.records.create_interview(case_id, "pow_interview", "1", captive, interviewer,
                                             item.interview_date.isoformat())
        answers = {**dict(item.answers), **dict(changes or {})}
        vault.records.import_answers(iid, answers, captive, {})
    return case_id


def sample_vault(root: Path) -> tuple[Vault, list[str]]:
    """A vault holding V05 once per language pair, with marker text in the free-text answers."""
    vault = make_vault(root)
    cases = []
    for captive, interviewer in LANGUAGE_PAIRS:
        text = {"en": "I want to write to my family.", "ko": KO_MARK, "uk": UK_MARK}[captive]
        cases.append(import_case(vault, "V05", captive, interviewer, {"wsh_fear": text},
                                 code=f"NK-SAMPLE-{captive.upper()}"))
    return vault, cases


# -- custody tools --------------------------------------------------------------------------------

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


# -- tamper ---------------------------------------------------------------------------------------

Mutation = tuple[str, bytes]


def first_revision(pdf: bytes) -> bytes:
    end = pdf.index(b"%%EOF") + 5
    return pdf[:end + 1] if pdf[end:end + 1] == b"\n" else pdf[:end]


def attachments(pdf: bytes) -> tuple[bytes, bytes]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from desktop.core.dossier.verify import _attachments

    files = _attachments(PdfFileReader(io.BytesIO(pdf)))
    return files[mf.NAME], files[mf.SIG_NAME]


def byte_range(pdf: bytes) -> tuple[int, int, list[int]]:
    """(start, end) of the /ByteRange array text of the last signature, and its four numbers."""
    m = list(re.finditer(rb"/ByteRange\s*\[([^\]]*)\]", pdf))[-1]
    return m.start(), m.end(), [int(x) for x in m.group(1).split()]


def flip(pdf: bytes, pos: int, mask: int = 0x01) -> bytes:
    return pdf[:pos] + bytes([pdf[pos] ^ mask]) + pdf[pos + 1:]


def byte_flips(pdf: bytes, rng: random.Random, count: int) -> Iterator[Mutation]:
    for _ in range(count):
        pos = rng.randrange(len(pdf))
        yield f"random flip at {pos}", flip(pdf, pos, 1 << rng.randrange(8))


def structured_flips(pdf: bytes, rng: random.Random) -> Iterator[Mutation]:
    start, end, br = byte_range(pdf)
    for pos in range(start, end):
        yield f"/ByteRange byte {pos}", flip(pdf, pos)
    hole = range(br[1], br[2])
    der_end = br[1] + 1 + len(pdf[br[1] + 1:br[2] - 1].rstrip(b"0"))
    for pos in [br[1], br[2] - 1, *rng.sample(range(br[1] + 1, der_end), 80),
                *rng.sample(range(der_end, br[2] - 1), 20)]:
        if pos in hole:
            yield f"/Contents byte {pos}", flip(pdf, pos)
    streams = [m.end() for m in re.finditer(rb"stream\r?\n", pdf[:br[1]])]
    for pos in rng.sample(streams, min(20, len(streams))):
        yield f"content stream byte {pos + 8}", flip(pdf, pos + 8)
    tail = pdf.rfind(b"startxref")
    for pos in range(tail, len(pdf)):
        yield f"trailer byte {pos}", flip(pdf, pos)


def incremental_update(pdf: bytes, change: Callable[..., None]) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def shadow_page(writer: object) -> None:
    from pyhanko.pdf_utils import generic

    page = writer.root["/Pages"]["/Kids"][0].get_object()  # type: ignore[attr-defined]
    stream = generic.StreamObject(stream_data=b"BT /F1 40 Tf 60 400 Td (ALTERED) Tj ET")
    page["/Contents"] = writer.add_object(stream)  # type: ignore[attr-defined]
    writer.update_container(page)  # type: ignore[attr-defined]


def evil_annotation(writer: object) -> None:
    from pyhanko.pdf_utils import generic

    page = writer.root["/Pages"]["/Kids"][0].get_object()  # type: ignore[attr-defined]
    annot = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (50, 600, 500, 700)]),
        generic.NameObject("/Contents"): generic.TextStringObject("He wants to return."),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 24 Tf 0 g"),
    })
    annots = page.get("/Annots")
    items = list(annots.get_object()) if annots is not None else []
    page["/Annots"] = generic.ArrayObject([*items, writer.add_object(annot)])  # type: ignore[attr-defined]
    writer.update_container(page)  # type: ignore[attr-defined]


def sneaky_field(writer: object) -> None:
    from pyhanko.sign import fields

    fields.append_signature_field(writer, fields.SigFieldSpec("Sneaky", on_page=0, box=(50, 700, 200, 750)))


def added_attachment(writer: object) -> None:
    from pyhanko.pdf_utils import embed

    data = embed.EmbeddedFileObject.from_file_data(writer, b'{"wish":"o1"}')  # type: ignore[arg-type]
    embed.embed_file(writer, embed.FileSpec("extra.json", file_name="extra.json",  # type: ignore[arg-type]
                                            embedded_data=data))


def crafted(pdf: bytes, other: bytes, ident: identity.Identity) -> Iterator[Mutation]:
    """Updates after signing, re-signed forgeries, manifest edits, truncations, a stripped signature."""
    for name, change in (("shadow: page content replaced", shadow_page), ("evil annotation", evil_annotation),
                         ("sneaky signature field", sneaky_field), ("attachment added after", added_attachment)):
        yield name, incremental_update(pdf, change)
    rendered, (body, sig) = first_revision(pdf), attachments(pdf)
    other_body, other_sig = attachments(other)
    yield "signature stripped (rendered revision only)", rendered
    yield "truncated by one byte", pdf[:-1]
    yield "truncated in half", pdf[: len(pdf) // 2]
    yield "truncated before the signature", pdf[: byte_range(pdf)[2][1]]
    yield "appended bytes", pdf + b"\n% trailing\n"
    swapped = sign_dossier(rendered, other_body, other_sig, ident)
    yield "manifest swapped (another dossier's, its own signature)", swapped
    yield "Ed25519 signature swapped", sign_dossier(rendered, body, other_sig, ident)
    doc = json.loads(body)
    doc["interviews"][0]["answers"][0]["value"] = "EDITED"
    yield "manifest field edited", sign_dossier(rendered, rfc8785.dumps(doc), sig, ident)
    key = ident.ed25519_key()
    loose = json.dumps(json.loads(body), indent=1).encode()
    yield "manifest not canonical", sign_dossier(rendered, loose, key.sign(loose), ident)
    stranger = identity.generate("Someone Else", "Elsewhere", "dev", dt.datetime.now(dt.UTC))
    yield "re-signed with an untrusted key", sign_dossier(rendered, body, sig, stranger)
    forged = dict(json.loads(body), keys={**json.loads(body)["keys"]})
    forged["keys"]["certificate_fingerprint"] = stranger.cert_fingerprint()
    forged_body = rfc8785.dumps(forged)
    yield "forged manifest re-signed with the interviewer's Ed25519 key, PDF with a stranger's certificate", \
        sign_dossier(rendered, forged_body, key.sign(forged_body), stranger)
    yield "pages of another dossier with this manifest", sign_dossier(first_revision(other), body, sig, ident)


# -- reading a PDF ----------------------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdftext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          timeout=120).stdout.decode("utf-8")
