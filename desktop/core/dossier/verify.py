"""Check a dossier without trusting the software that made it (security.md section 4, verifier step 6).

Valid only if every check in CHECKS passes: one interviewer signature (plus, at most, one document
timestamp a legal team added later); intact, valid and (with a trusted certificate) trusted; covering
the entire file with no later change; no unsigned bytes in the padding; exactly the two manifest
attachments; a canonical, Ed25519-signed manifest naming the signing certificate; the first revision
is the rendered PDF whose SHA-256 the manifest holds. The checks stop at the first failure, whose
reason is given; a hostile file (thousands of %%EOF markers, a looping name tree) is answered at once.
Without a trusted certificate nothing says who made the file: `trusted` is then never true.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature

from desktop.core.dossier import manifest as mf
from desktop.core.errors import N_
from desktop.core.identity import fingerprint

MAX_EOF = 16  # %%EOF markers: a dossier has 2, 3 with a document timestamp; thousands would cost seconds
MAX_NAME_NODES = 64  # nodes of the attachment name tree: a dossier has one; a loop must not hang us
TRUST_CHECK = 2  # the index of the check that needs --trust
CHECKS = (
    N_("exactly one interviewer signature, and at most one later document timestamp (which covers the whole "
       "file)"),
    N_("the signature is intact and verifies with its certificate"),
    N_("the certificate is the trusted one (--trust), or issued by it if it is a CA certificate"),
    N_("the signature covers the entire file (or the entire revision under the document timestamp) and nothing "
       "else was changed after signing"),
    N_("the signature container holds only the signature, one certificate and zero padding"),
    N_("the only attachments are manifest.json and manifest.sig"),
    N_("the manifest is canonical JSON and its Ed25519 signature verifies; it names the signing certificate"),
    N_("the file's first revision hashes to the manifest's rendered_sha256: the manifest is tied to those bytes, "
       "not to what the pages say (no text on the pages is compared with the answers)"),
)


@dataclass
class VerifyResult:
    ok: bool
    reasons: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    manifest: dict[str, Any] | None = None  # the checked manifest, when ok

    @property
    def trusted(self) -> bool:
        """Valid and made with the trusted certificate; never true without one."""
        return self.ok and self.details.get("trusted") is True


def verify_bytes(data: bytes, trust_cert_der: bytes | None = None) -> VerifyResult:
    """Every check in CHECKS, stopping at the first that fails (its reason is the one given)."""
    result = VerifyResult(False)
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # the verdict is ours to print, not the log's
    result.details["trusted"] = False if trust_cert_der is not None else None
    try:
        reason = _verify(data, trust_cert_der, result)
    except Exception as err:  # noqa: BLE001 - a forged file may break the parser anywhere
        reason = f"the file cannot be read as a signed PDF ({type(err).__name__})"
    if reason:
        result.reasons.append(reason)
        result.manifest = None
    result.ok = not result.reasons
    return result


def _verify(data: bytes, trust: bytes | None, result: VerifyResult) -> str | None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    details = result.details
    markers = data.count(b"%%EOF")
    if markers > MAX_EOF:
        return f"the file has {markers} end-of-file markers; a dossier has 2 (3 with a document timestamp)"
    reader = PdfFileReader(io.BytesIO(data))
    sigs = reader.embedded_signatures
    signed = [s for s in sigs if s.sig_object_type == "/Sig"]
    stamps = [s for s in sigs if s.sig_object_type == "/DocTimeStamp"]
    if len(signed) != 1 or len(stamps) > 1 or len(sigs) != len(signed) + len(stamps):
        return "the file carries no signature" if not sigs else f"the file carries {len(sigs)} signatures"
    sig, stamp = signed[0], (stamps[0] if stamps else None)
    if stamp is not None and sigs[-1] is not stamp:
        return "the document timestamp is not the last signature"
    return (_signature(data, reader, sig, stamp, trust, details) or _timestamp(data, stamp, details)
            or _manifest(data, reader, sig.signer_cert.dump(), result))


def _signature(data: bytes, reader: Any, sig: Any, stamp: Any, trust: bytes | None,
               details: dict[str, Any]) -> str | None:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.diff_analysis.policy_api import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    signer_der = sig.signer_cert.dump()
    details["certificate_fingerprint"] = fingerprint(signer_der)
    details["signer"] = sig.signer_cert.subject.human_friendly
    roots = [asn1_x509.Certificate.load(trust if trust is not None else signer_der)]
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots, allow_fetching=False))
    revisions = reader.xrefs.total_revisions
    details.update(intact=status.intact, valid=status.valid, trusted=bool(status.trusted) if trust else None,
                   coverage=status.coverage.name if status.coverage else None,
                   modification_level=status.modification_level.name if status.modification_level else None,
                   signing_time=status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
                   revisions=revisions)
    if not status.intact:
        return "the signed bytes were changed (digest mismatch)"
    if not status.valid:
        return "the signature does not verify with the certificate in the file"
    if trust is not None and not status.trusted:
        return "the signing certificate is not the trusted certificate"
    want = SignatureCoverageLevel.ENTIRE_REVISION if stamp else SignatureCoverageLevel.ENTIRE_FILE
    allowed = (None, ModificationLevel.NONE, ModificationLevel.LTA_UPDATES) if stamp else (
        None, ModificationLevel.NONE)
    if status.coverage != want:
        return "the signature does not cover the entire file (something was added after signing)"
    if status.modification_level not in allowed or not status.docmdp_ok:
        return "the file was changed after it was signed"
    if revisions != (3 if stamp else 2):
        return f"the file has {revisions} revisions; a dossier has 2 (3 with a document timestamp)"
    certs = sig.signed_data["certificates"]
    if len(certs) != 1 or certs[0].chosen.dump() != signer_der:
        return "the signature embeds unexpected or altered certificates"
    issuer = _issuer_problem(signer_der, trust)
    if issuer:
        return issuer
    if not _cms_strict(sig.signed_data):
        return "the signature container (CMS) has altered or unexpected fields"
    br = [int(x) for x in sig.sig_object["/ByteRange"]]
    return _padding_problem(data, br, len(data) if stamp is None else br[2] + br[3])


def _timestamp(data: bytes, stamp: Any, details: dict[str, Any]) -> str | None:
    """A document timestamp the legal team added on receipt: intact, valid, over the whole file. Its
    authority is reported, not trusted: it dates the file, it does not say who made it."""
    if stamp is None:
        return None
    from pyhanko.sign.validation import validate_pdf_timestamp
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    status = validate_pdf_timestamp(stamp, ValidationContext(trust_roots=[stamp.signer_cert], allow_fetching=False))
    details["timestamp"] = {"time": status.timestamp.isoformat() if status.timestamp else None,
                            "authority": stamp.signer_cert.subject.human_friendly,
                            "certificate_fingerprint": fingerprint(stamp.signer_cert.dump())}
    if not status.intact or not status.valid:
        return "the document timestamp does not verify"
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "the document timestamp does not cover the entire file (something was added after it)"
    return _padding_problem(data, [int(x) for x in stamp.sig_object["/ByteRange"]], len(data))


def _manifest(data: bytes, reader: Any, signer_der: bytes, result: VerifyResult) -> str | None:
    details = result.details
    files = _attachments(reader)
    details["attachments"] = sorted(files)
    if sorted(files) != sorted([mf.NAME, mf.SIG_NAME]):
        return "the attachments are not exactly manifest.json and manifest.sig"
    doc, problem = mf.check(files[mf.NAME], files[mf.SIG_NAME])
    if doc is None:
        return str(problem)
    details["case_code"] = doc.get("case", {}).get("code")
    details["interviews"] = len(doc.get("interviews", []))
    details["ed25519_fingerprint"] = doc["keys"].get("ed25519_fingerprint")
    if doc["keys"].get("certificate_fingerprint") != fingerprint(signer_der):
        return "the manifest names another signing certificate"
    if not _rendered_matches(data, str(doc.get("rendered_sha256", ""))):
        return "the pages are not the ones the manifest was made for (rendered hash differs)"
    result.manifest = doc
    return None


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


def _issuer_problem(signer_der: bytes, trust: bytes | None) -> str | None:
    """The embedded certificate's own signature holds (pyHanko does not check a trust anchor's bytes), and
    a certificate other than the trusted one was issued by a CA: never by an interviewer's certificate."""
    from cryptography import x509

    cert = x509.load_der_x509_certificate(signer_der)
    issuer = x509.load_der_x509_certificate(trust) if trust is not None and trust != signer_der else cert
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return "the signature embeds unexpected or altered certificates"
    if issuer is not cert and not _issuing_ca(issuer):
        return "the signing certificate was issued by a certificate that may not issue certificates"
    return None


def _issuing_ca(cert: Any) -> bool:
    """CA and certificate signing, and not itself a document signer (an interviewer's certificate of
    an older version was self-signed with CA set: its key must not vouch for anyone else)."""
    from cryptography import x509

    try:
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return bool(basic.ca and usage.key_cert_sign and not usage.content_commitment)


def _padding_problem(data: bytes, br: list[int], end: int) -> str | None:
    """The /Contents hole must hold the DER signature followed by zeros only."""
    if len(br) != 4 or br[0] != 0 or br[2] + br[3] != end or not br[1] < br[2]:
        return "the signature's byte range is malformed"
    hole = data[br[1]:br[2]]
    if len(hole) < 2 or hole[:1] != b"<" or hole[-1:] != b">":
        return "the signature's /Contents is malformed"
    try:
        blob = bytes.fromhex(hole[1:-1].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return "the signature's /Contents is not hexadecimal"
    if hole[1:-1] != blob.hex().upper().encode("ascii"):
        # the signer writes upper-case hex; any other spelling is a change to bytes outside the byte range
        return "the signature's /Contents is not written as the signer wrote it"
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
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_NAME_NODES:
            out["#too-many-nodes"] = b""  # a loop or a giant tree: "not exactly the two attachments"
            break
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
    """Does the file start with the rendered PDF (ending at one of its %%EOF markers) of that hash?
    One pass: the hash is carried forward from marker to marker, never restarted."""
    running = hashlib.sha256()
    done = 0
    pos = data.find(b"%%EOF")
    while pos >= 0:
        for end in (pos + 5, pos + 6, pos + 7):
            if end > len(data):
                break
            running.update(data[done:end])
            done = end
            if running.copy().hexdigest() == expected:
                return True
        pos = data.find(b"%%EOF", done)
    return False
