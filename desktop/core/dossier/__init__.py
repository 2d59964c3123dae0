"""Signed PDF dossiers a legal team can check with its own tools (issue 6).

Public API:
    export_dossier(vault, case_id_or_interview_ids, out_path, *, extra_manifest=None, translate=None,
                   now=None) -> ExportResult
        case_id_or_interview_ids: a case id (or a unique case code), or interview ids of one case.
        Renders (pdf.py), builds and Ed25519-signs the manifest (manifest.py), attaches it and PAdES-signs
        the whole file (sign.py), writes atomically (temp, fsync, rename, fsync folder).
        extra_manifest: more manifest fields, e.g. {"recipients": [...]} for the sealing step.
        Raises VoluntasError: D001/D002 (selection), D005 (signing), V011 (write; names the path).
        A dossier of any interview still in draft says "DRAFT, not finalized" on every page and
        "draft": true in its manifest; the desk refuses it (is_draft).
    build_dossier(..., final=False) -> ExportResult   the same, without writing (the seal step keeps the
                                            bytes and passes final=True: sealing is the finalization)
    is_draft(pdf_bytes) -> bool             the embedded manifest says "draft": true
    embedded_manifest(pdf_bytes) -> dict | None   the attached manifest.json, unchecked
    verify_dossier(path, trust_cert_pem=None) -> VerifyResult(ok, reasons, details)
        trust_cert_pem: the interviewer's (or the organisation's) certificate, PEM or DER bytes.
        Raises VoluntasError D003 (unreadable file) or D004 (unreadable certificate).
    prewarm()                               fonts, pyHanko, form and rules loaded ahead (about 2 s of a first
                                            export); the window may call it on a worker thread after unlock
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.dossier.verify import VerifyResult, verify_bytes
from desktop.core.errors import VoluntasError
from desktop.core.vault.vault import Vault


@dataclass(frozen=True)
class ExportResult:
    path: Path | None
    pdf: bytes
    manifest: bytes  # canonical JSON, as attached
    manifest_sig: bytes  # Ed25519, 64 bytes, as attached
    pages: int


def build_dossier(vault: Vault, case_id_or_interview_ids: str | Sequence[str], *,
                  extra_manifest: Mapping[str, Any] | None = None, translate: Callable[[str], str] | None = None,
                  now: dt.datetime | None = None, final: bool = False) -> ExportResult:
    import dataclasses

    from desktop.core.dossier import manifest, pdf
    from desktop.core.dossier.assemble import assemble
    from desktop.core.dossier.sign import sign_dossier

    d = assemble(vault, case_id_or_interview_ids, now=now)
    if final:  # the seal step finalizes as it renders: its dossier is never a draft
        d = dataclasses.replace(d, draft=False)
    if translate is None:
        from desktop import i18n

        translate = i18n.translator(d.interviews[0].row.interviewer_lang)
    rendered = pdf.render(d, translate)
    ident = vault.records.identity()
    data, sig = manifest.sign(manifest.build(d, rendered, extra_manifest), ident.ed25519_key())
    signed = sign_dossier(rendered, data, sig, ident)
    return ExportResult(None, signed, data, sig, rendered.count(b"/Type /Page\n"))


def export_dossier(vault: Vault, case_id_or_interview_ids: str | Sequence[str], out_path: str | Path, *,
                   extra_manifest: Mapping[str, Any] | None = None, translate: Callable[[str], str] | None = None,
                   now: dt.datetime | None = None) -> ExportResult:
    from desktop.core.atomic import write_atomic

    built = build_dossier(vault, case_id_or_interview_ids, extra_manifest=extra_manifest, translate=translate,
                          now=now)
    path = Path(out_path)
    write_atomic(path, built.pdf, mode=0o600)
    return ExportResult(path, built.pdf, built.manifest, built.manifest_sig, built.pages)


def embedded_manifest(pdf: bytes) -> dict[str, Any] | None:
    """The manifest.json a dossier carries, unchecked (verify_bytes checks it); None if there is none."""
    import io
    import json

    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        names = PdfFileReader(io.BytesIO(pdf)).root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names), 2):
            if str(names[i]) == "manifest.json":
                doc = json.loads(names[i + 1]["/EF"]["/F"].data.decode("utf-8"))
                return doc if isinstance(doc, dict) else None
    except Exception:  # noqa: BLE001 - a hostile file may break the parser anywhere: no manifest then
        return None
    return None


def is_draft(pdf: bytes) -> bool:
    """True when the dossier's embedded manifest says it is a draft (older dossiers carry no flag)."""
    doc = embedded_manifest(pdf)
    return doc is not None and doc.get("draft") is True


def prewarm() -> None:
    import pyhanko.sign  # noqa: F401 - the import is the cost being paid ahead

    from desktop.core.forms.loader import shipped_form
    from desktop.core.rules import shipped_ruleset
    from desktop.core.typeset import fonts

    fonts.register()
    shipped_ruleset(shipped_form().id)


def load_certificate(data: bytes, name: str = "certificate") -> bytes:
    """DER bytes of a PEM or DER X.509 certificate; D004 naming the file otherwise."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError:
        raise VoluntasError("D004", path=name, reason="not an X.509 certificate (PEM or DER)") from None
    return cert.public_bytes(Encoding.DER)


def verify_dossier(path: str | Path, trust_cert_pem: bytes | None = None) -> VerifyResult:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise VoluntasError("D003", path=str(path), reason=err.strerror or type(err).__name__) from None
    trust = load_certificate(trust_cert_pem) if trust_cert_pem is not None else None
    return verify_bytes(data, trust)


__all__ = ["ExportResult", "VerifyResult", "build_dossier", "embedded_manifest", "export_dossier", "is_draft",
           "prewarm", "verify_dossier"]
