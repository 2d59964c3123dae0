"""The dossier manifest: RFC 8785 canonical JSON, signed with the interviewer's Ed25519 key.

What is hashed, and why: the manifest travels inside the PDF it describes (attachments manifest.json
and manifest.sig), so it cannot hold the hash of the final file. It holds instead `rendered_sha256`,
the SHA-256 of the PDF exactly as rendered (the file's first revision, ending at its first %%EOF).
Export appends one incremental update to that revision with the two attachments and the PAdES
signature, whose byte range covers the whole file. A verifier therefore checks: the PAdES signature
covers the entire file; the first revision hashes to `rendered_sha256`; the manifest signature
verifies with the Ed25519 key it names; the signing certificate is the one the manifest names. The
manifest binds the answers, notes, form, catalog and ruleset hashes, the evaluation, the audit-chain
heads and both key fingerprints; the PDF signature binds the manifest to the pages.
"draft" is true for a dossier exported before its interviews were finalized (older manifests lack it).
The sealing step adds fields (e.g. "recipients") through `extra`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop.core.dossier.assemble import Dossier, InterviewPart
from desktop.core.errors import VoluntasError
from desktop.core.identity import fingerprint

FORMAT = "voluntas-dossier-manifest/1"
NAME, SIG_NAME = "manifest.json", "manifest.sig"
_RESERVED = {"format", "case", "interviews", "form", "ruleset", "catalogs", "evaluation_sha256", "keys",
             "rendered_sha256", "created", "draft"}


def canonical(doc: Any) -> bytes:
    return rfc8785.dumps(doc)


def sha256_json(doc: Any) -> str:
    return hashlib.sha256(canonical(json.loads(json.dumps(doc)))).hexdigest()


def _interview(p: InterviewPart) -> dict[str, Any]:
    r = p.row
    return {
        "id": r.id, "date": r.interview_date, "state": r.state, "form": f"{r.form_id}@{r.form_version}",
        "captive_lang": r.captive_lang, "interviewer_lang": r.interviewer_lang,
        "answers": [{"question": i.qid, "value": i.value, "lang": i.lang, "text_hash": i.text_hash,
                     "text_check": i.text_check}
                    for s in p.sections for i in s.items if i.value is not None],
        "notes": dict(sorted(p.notes.items())),
        "attachments": [{"question": q, "media_type": m, "sha256": h} for q, m, h in p.attachments],
        "audit_head": {"chain": r.id, "seq": p.audit_seq, "hash": p.audit_head},
        "unreviewed_text": [{"question": q, "lang": lang} for q, lang, _still in p.unreviewed],
    }


def build(d: Dossier, rendered: bytes, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The manifest of dossier `d` whose rendered PDF is `rendered`; `extra` adds fields (recipients)."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "case": {"id": d.case_id, "code": d.case_code},
        "interviews": [_interview(p) for p in d.interviews],
        "form": {"id": d.form.id, "version": d.form.version, "sha256": d.form.sha256},
        "ruleset": dict(d.ruleset),
        "catalogs": dict(d.catalogs),
        "evaluation_sha256": sha256_json(d.evaluation) if d.evaluation is not None else None,
        "keys": {"ed25519": base64.b64encode(d.ed25519_public).decode("ascii"),
                 "ed25519_fingerprint": fingerprint(d.ed25519_public),
                 "certificate_fingerprint": fingerprint(d.certificate), "device_id": d.device_id},
        "rendered_sha256": hashlib.sha256(rendered).hexdigest(),
        "created": d.created,
        "draft": d.draft,
    }
    for key, value in (extra or {}).items():
        if key in _RESERVED:
            raise VoluntasError("D006", field=key)
        doc[key] = value
    return doc


def sign(doc: Mapping[str, Any], key: ed25519.Ed25519PrivateKey) -> tuple[bytes, bytes]:
    """(canonical manifest bytes, 64-byte Ed25519 signature over them)."""
    data = canonical(doc)
    return data, key.sign(data)


def check(data: bytes, signature: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """(manifest, None) if `data` is canonical JSON signed by the Ed25519 key it names; else (None, reason)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, "the manifest is not JSON"
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return None, "the manifest has an unknown format"
    if canonical(doc) != data:
        return None, "the manifest is not in canonical form (RFC 8785)"
    try:
        public = base64.b64decode(doc["keys"]["ed25519"], validate=True)
        ed25519.Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (KeyError, TypeError, ValueError):
        return None, "the manifest names no usable Ed25519 key"
    except InvalidSignature:
        return None, "the manifest signature (Ed25519) does not verify"
    if fingerprint(public) != doc["keys"].get("ed25519_fingerprint"):
        return None, "the manifest's Ed25519 fingerprint does not match its key"
    return doc, None
