"""Attach the manifest and sign the whole file: PAdES B-B with the interviewer's ECDSA P-256 certificate.

One incremental update on top of the rendered PDF holds both attachments and the signature, so the
signature's byte range covers every byte and the rendered revision stays byte-identical (its hash is
in the manifest). pyHanko is imported here only: importing it costs about 0.33 s.
The visible stamp shows no name (its built-in font is Latin only): the certificate fingerprint and time.
"""

from __future__ import annotations

import io
from typing import Any

from desktop.core.dossier.manifest import NAME, SIG_NAME
from desktop.core.errors import VoluntasError
from desktop.core.identity import Identity
from desktop.core.secrets_mem import wipe
from desktop.core.typeset.layout import SIG_BOX

FIELD = "InterviewerSignature"
RESERVED = 8192  # bytes for the CMS blob; an ECDSA signature with one certificate needs about 1 KB


def sign_dossier(rendered: bytes, manifest: bytes, manifest_sig: bytes, ident: Identity,
                 stamp_title: str = "Signed by the interviewer's device (PAdES B-B, ECDSA P-256)",
                 field_name: str = FIELD) -> bytes:
    """The rendered PDF with manifest.json and manifest.sig attached, PAdES-signed over the whole file."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = asn1_x509.Certificate.load(ident.certificate)
    der = bytes(bytearray(ident.ecdsa_private))  # our own copy: every parsed piece of it is zeroed after signing
    key = asn1_keys.PrivateKeyInfo.load(der)
    signer = signers.SimpleSigner(
        signing_cert=cert, signing_key=key,
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]  # the certificate, once
    )
    try:
        return _sign(rendered, manifest, manifest_sig, ident, signer, stamp_title, field_name)
    finally:
        _wipe_parsed(key, set())
        wipe(der)


def _wipe_parsed(obj: Any, seen: set[int]) -> None:
    """Zero the bytes an asn1crypto value parsed from the key holds (issue 13: no key left after lock)."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    for name in ("contents", "_header", "_trailer"):
        value = getattr(obj, name, None)
        if isinstance(value, bytes):
            wipe(value)
    for name in ("children", "_parsed"):
        value = getattr(obj, name, None)
        for child in value if isinstance(value, (list, tuple)) else [value]:
            if child is not None and hasattr(child, "contents"):
                _wipe_parsed(child, seen)


def _sign(rendered: bytes, manifest: bytes, manifest_sig: bytes, ident: Identity, signer: Any, stamp_title: str,
          field_name: str) -> bytes:
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    writer = IncrementalPdfFileWriter(io.BytesIO(rendered))
    for name, data, mime, desc in (
        (NAME, manifest, "application/json", "Canonical manifest (RFC 8785) of this dossier"),
        (SIG_NAME, manifest_sig, "application/octet-stream", "Ed25519 signature of manifest.json"),
    ):
        stream = embed.EmbeddedFileObject.from_file_data(writer, data, mime_type=mime)
        embed.embed_file(writer, embed.FileSpec(file_spec_string=name, file_name=name, embedded_data=stream,
                                                description=desc))
    groups = ident.cert_fingerprint().split(" ")
    stamp = TextStampStyle(
        stamp_text=(f"{stamp_title}\n"
                    f"Certificate SHA-256: {' '.join(groups[:8])}\n"
                    f"                     {' '.join(groups[8:])}\n"
                    "Signing time (device clock): %(ts)s"),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    pdf_signer = signers.PdfSigner(
        meta, signer, stamp_style=stamp,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=0, box=SIG_BOX),
    )
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out, bytes_reserved=RESERVED)
    except Exception as err:  # noqa: BLE001 - pyHanko raises many types; none may reach the user as a traceback
        raise VoluntasError("D005", reason=type(err).__name__) from None
    return out.getvalue()
