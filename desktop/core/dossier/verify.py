"""Check a dossier without trusting the software that made it (security.md section 4, verifier step 6).

Valid only if: exactly one signature; intact, cryptographically valid and (with a trusted certificate)
trusted; its byte range covers the entire file with no later change; no unsigned bytes hide in the
signature's padding; the only attachments are manifest.json and manifest.sig; the manifest is canonical
and its Ed25519 signature verifies; it names the signing certificate; and the file's first revision is
the rendered PDF whose SHA-256 the manifest holds. Every failure gives a reason.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature

from desktop.core.dossier import manifest as mf
from desktop.core.identity import fingerprint


@dataclass
class VerifyResult:
    ok: bool
    reasons: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


def verify_bytes(data: bytes, trust_cert_der: bytes | None = None) -> VerifyResult:
    result = VerifyResult(False)
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # the verdict is ours to print, not the log's
    try:
        _verify(data, trust_cert_der, result)
    except Exception as err:  # noqa: BLE001 - a forged file may break the parser anywhere
        result.reasons.append(f"the file cannot be read as a signed PDF ({type(err).__name__})")
    result.ok = not result.reasons
    return result


def _verify(data: bytes, trust: bytes | None, result: VerifyResult) -> None:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis.policy_api import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reasons, details = result.reasons, result.details
    reader = PdfFileReader(io.BytesIO(data))
    sigs = reader.embedded_signatures
    if len(sigs) != 1:
        reasons.append("the file carries no signature" if not sigs else f"the file carries {len(sigs)} signatures")
        return
    sig = sigs[0]
    signer_der = sig.signer_cert.dump()
    details["certificate_fingerprint"] = fingerprint(signer_der)
    details["signer"] = sig.signer_cert.subject.human_friendly
    certs = sig.signed_data["certificates"]
    if len(certs) != 1 or certs[0].chosen.dump() != signer_der or not _self_or_trust_issued(signer_der, trust):
        reasons.append("the signature embeds unexpected or altered certificates")
    if not _cms_strict(sig.signed_data):
        reasons.append("the signature container (CMS) has altered or unexpected fields")
    padding = _padding_problem(data, [int(x) for x in sig.sig_object["/ByteRange"]])
    if padding:
        reasons.append(padding)
    roots = [asn1_x509.Certificate.load(trust if trust is not None else signer_der)]
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots, allow_fetching=False))
    details.update(intact=status.intact, valid=status.valid, trusted=status.trusted if trust else None,
                   coverage=status.coverage.name if status.coverage else None,
                   modification_level=status.modification_level.name if status.modification_level else None,
                   signing_time=status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
                   revisions=reader.xrefs.total_revisions)
    if not status.intact:
        reasons.append("the signed bytes were changed (digest mismatch)")
    elif not status.valid:
        reasons.append("the signature does not verify with the certificate in the file")
    if trust is not None and not status.trusted:
        reasons.append("the signing certificate is not the trusted certificate")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        reasons.append("the signature does not cover the entire file (something was added after signing)")
    if status.modification_level not in (None, ModificationLevel.NONE) or not status.docmdp_ok:
        reasons.append("the file was changed after it was signed")
    if reader.xrefs.total_revisions != 2:
        reasons.append(f"the file has {reader.xrefs.total_revisions} revisions; a dossier has 2")
    files = _attachments(reader)
    details["attachments"] = sorted(files)
    if sorted(files) != sorted([mf.NAME, mf.SIG_NAME]):
        reasons.append("the attachments are not exactly manifest.json and manifest.sig")
        return
    doc, problem = mf.check(files[mf.NAME], files[mf.SIG_NAME])
    if doc is None:
        reasons.append(str(problem))
        return
    details["case_code"] = doc.get("case", {}).get("code")
    details["interviews"] = len(doc.get("interviews", []))
    details["ed25519_fingerprint"] = doc["keys"].get("ed25519_fingerprint")
    if doc["keys"].get("certificate_fingerprint") != fingerprint(signer_der):
        reasons.append("the manifest names another signing certificate")
    if not _rendered_matches(data, str(doc.get("rendered_sha256", ""))):
        reasons.append("the pages are not the ones the manifest was made for (rendered hash differs)")


def _cms_strict(sd: Any) -> bool:
    """Fields of the CMS container no signature covers must be exactly what a signer writes: pyHanko
    reads only what it needs, so a changed digestAlgorithms set would otherwise pass unnoticed."""
    try:
        infos = sd["signer_infos"]
        algo = infos[0]["digest_algorithm"].dump()
        return (len(infos) == 1 and sd["version"].native == "v1" and infos[0]["version"].native == "v1"
                and [a.dump() for a in sd["digest_algorithms"]] == [algo]
                and sd["encap_content_info"]["content_type"].native == "data"
                and sd["encap_content_info"]["content"].native is None)
    except (ValueError, TypeError, KeyError, IndexError):
        return False


def _self_or_trust_issued(signer_der: bytes, trust: bytes | None) -> bool:
    """The embedded certificate's own signature holds (pyHanko does not check a trust anchor's bytes)."""
    from cryptography import x509

    cert = x509.load_der_x509_certificate(signer_der)
    issuer = x509.load_der_x509_certificate(trust) if trust is not None and trust != signer_der else cert
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _padding_problem(data: bytes, br: list[int]) -> str | None:
    """The /Contents hole must hold the DER signature followed by zeros only."""
    if len(br) != 4 or br[0] != 0 or br[2] + br[3] != len(data) or not br[1] < br[2]:
        return "the signature's byte range is malformed"
    hole = data[br[1]:br[2]]
    if len(hole) < 2 or hole[:1] != b"<" or hole[-1:] != b">":
        return "the signature's /Contents is malformed"
    try:
        blob = bytes.fromhex(hole[1:-1].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return "the signature's /Contents is not hexadecimal"
    if len(blob) < 4 or blob[0] != 0x30:
        return "the signature's /Contents is not a DER structure"
    size, start = blob[1], 2
    if size & 0x80:
        count = size & 0x7F
        size, start = int.from_bytes(blob[2:2 + count], "big"), 2 + count
    if start + size > len(blob) or any(blob[start + size:]):
        return "the signature's /Contents holds bytes outside the signature"
    # ContentInfo = SEQUENCE {OID, [0] {SignedData SEQUENCE {...}}}: each level filled exactly, no slack
    outer = _tlvs(blob[start:start + size])
    inner = _tlvs(outer[1]) if outer is not None and len(outer) == 2 else None
    fields = _tlvs(inner[0]) if inner is not None and len(inner) == 1 else None
    return None if fields is not None and len(fields) in (4, 5, 6) else "the signature's /Contents is not in DER form"


def _tlvs(data: bytes) -> list[bytes] | None:
    """The contents of each DER element in `data`, if they fill it exactly with minimal lengths."""
    out, pos = [], 0
    while pos < len(data):
        if pos + 2 > len(data):
            return None
        size, pos = data[pos + 1], pos + 2
        if size & 0x80:
            count = size & 0x7F
            raw = data[pos:pos + count]
            size, pos = int.from_bytes(raw, "big"), pos + count
            if count == 0 or len(raw) != count or raw[0] == 0 or size < 0x80:
                return None
        if pos + size > len(data):
            return None
        out.append(data[pos:pos + size])
        pos += size
    return out


def _attachments(reader: Any) -> dict[str, bytes]:
    names = _deref(reader.root.get("/Names"))
    tree = _deref(names.get("/EmbeddedFiles")) if names is not None else None
    out: dict[str, bytes] = {}
    stack = [tree] if tree is not None else []
    while stack:
        node = stack.pop()
        for kid in _deref(node.get("/Kids", [])):
            stack.append(_deref(kid))
        pairs = list(_deref(node.get("/Names", [])))
        for i in range(0, len(pairs) - 1, 2):
            spec = _deref(pairs[i + 1])
            name = str(pairs[i])
            out[name + ("#dup" if name in out else "")] = _deref(_deref(spec["/EF"])["/F"]).data
    return out


def _deref(obj: Any) -> Any:
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _rendered_matches(data: bytes, expected: str) -> bool:
    """Does the file start with the rendered PDF (ending at one of its %%EOF markers) of that hash?"""
    pos = data.find(b"%%EOF")
    while pos >= 0:
        for end in (pos + 5, pos + 6, pos + 7):
            if hashlib.sha256(data[:end]).hexdigest() == expected:
                return True
        pos = data.find(b"%%EOF", pos + 5)
    return False
