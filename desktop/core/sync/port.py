"""The small interface sealing and the desk need from the dossier module (issue 6).

render(vault, interview_ids, extra) -> the signed PDF as bytes, built in memory (a plaintext
dossier is never written to the field laptop's disk); `extra` goes into the dossier's own signed
manifest (bundle id and recipient fingerprints). verify(pdf, certificate_der) -> None when the dossier
is valid, else the reason; check(pdf, certificate_der) -> (reason, None) or (None, the dossier's signed
manifest), which the desk compares with the bundle. DefaultPort adapts desktop.core.dossier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from desktop.core.vault import Vault


class DossierPort(Protocol):
    def render(self, vault: Vault, interview_ids: Sequence[str], extra: Mapping[str, Any]) -> bytes: ...

    def verify(self, pdf: bytes, certificate_der: bytes) -> str | None: ...

    def check(self, pdf: bytes, certificate_der: bytes) -> tuple[str | None, dict[str, Any] | None]: ...


class DefaultPort:
    """desktop.core.dossier: build_dossier (render, Ed25519 manifest with `extra`, PAdES; bytes only,
    nothing written) and verify.verify_bytes (pinned certificate, DER)."""

    def render(self, vault: Vault, interview_ids: Sequence[str], extra: Mapping[str, Any]) -> bytes:
        from desktop.core.dossier import build_dossier

        return bytes(build_dossier(vault, list(interview_ids), extra_manifest=dict(extra), final=True).pdf)

    def verify(self, pdf: bytes, certificate_der: bytes) -> str | None:
        return self.check(pdf, certificate_der)[0]

    def check(self, pdf: bytes, certificate_der: bytes) -> tuple[str | None, dict[str, Any] | None]:
        from desktop.core.dossier.verify import verify_bytes

        result = verify_bytes(pdf, certificate_der)
        if getattr(result, "ok", False) and getattr(result, "trusted", False):
            manifest = getattr(result, "manifest", None)
            if isinstance(manifest, dict) and manifest.get("draft") is True:  # exported before finalize
                return "the dossier is a draft (exported before finalize), not a finalized record", None
            return None, manifest
        reasons = getattr(result, "reasons", None) or ["not made with the enrolled certificate"]
        return "; ".join(str(r) for r in reasons), None


def default_port() -> DossierPort:
    return DefaultPort()
