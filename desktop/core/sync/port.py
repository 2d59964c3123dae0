"""The small interface sealing and the desk need from the dossier module (issue 6).

render(vault, interview_ids) -> the signed PDF as bytes (rendered in memory: a plaintext dossier is
never written to the field laptop's disk). verify(pdf, certificate_pem) -> None when the dossier is
valid, else the reason. The default port adapts desktop.core.dossier; tests inject their own.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Protocol

from desktop.core.errors import VoluntasError
from desktop.core.sync import problems as _problems  # noqa: F401
from desktop.core.vault import Vault


class DossierPort(Protocol):
    def render(self, vault: Vault, interview_ids: Sequence[str]) -> bytes: ...

    def verify(self, pdf: bytes, certificate_pem: bytes) -> str | None: ...


class DefaultPort:
    """desktop.core.dossier: render_pdf(vault, ids) -> bytes and verify_dossier(path_or_bytes, pem)."""

    def _module(self) -> Any:
        try:
            return importlib.import_module("desktop.core.dossier")
        except ImportError as err:
            raise VoluntasError("S005", reason=type(err).__name__) from None

    def render(self, vault: Vault, interview_ids: Sequence[str]) -> bytes:
        mod = self._module()
        render = getattr(mod, "render_pdf", None)
        if render is None:
            raise VoluntasError("S005", reason="desktop.core.dossier has no render_pdf")
        return bytes(render(vault, list(interview_ids)))

    def verify(self, pdf: bytes, certificate_pem: bytes) -> str | None:
        mod = self._module()
        check = getattr(mod, "verify_dossier_bytes", None)
        if check is None:
            raise VoluntasError("S005", reason="desktop.core.dossier has no verify_dossier_bytes")
        result = check(pdf, certificate_pem)
        if getattr(result, "ok", False):
            return None
        return str(getattr(result, "reason", "") or "invalid")


def default_port() -> DossierPort:
    return DefaultPort()
