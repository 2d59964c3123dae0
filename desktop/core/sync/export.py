"""`voluntas desk export CASE --out DIR`: each received dossier of the case exactly as it arrived (byte for
byte what the interviewer's device signed), the desk's signed case report, and the desk's certificate to
check the report with. Files are written atomically; an existing file is never overwritten (the same
bytes exported again are left as they are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from desktop.core.atomic import write_atomic
from desktop.core.bus import bus
from desktop.core.errors import VoluntasError
from desktop.core.sync.report import case_story
from desktop.core.vault import Vault

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Exported:
    dossiers: tuple[Path, ...]
    report: Path
    certificate: Path
    ruleset_note: str


def safe_name(text: str) -> str:
    """A file-name part from a case code: letters, digits, dot, dash, underscore; never empty or hidden."""
    return _UNSAFE.sub("_", text).strip("._")[:60] or "case"


def _write_new(path: Path, data: bytes) -> Path:
    if path.exists():
        if path.is_file() and path.read_bytes() == data:
            return path  # exported before: the same bytes
        raise VoluntasError("V011", path=str(path), reason="another file of that name exists")
    write_atomic(path, data, mode=0o600)
    return path


def export_case(vault: Vault, case_code: str, out_dir: Path, lang: str) -> Exported:
    from desktop.core.sync.reportpdf import build_report

    story = case_story(vault, case_code, lang)  # V015 for an unknown case, S007 for a field vault
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VoluntasError("V011", path=str(out), reason=err.strerror or type(err).__name__) from None
    base = safe_name(case_code)
    report = build_report(vault, story)
    written = []
    for n, d in enumerate(story.dossiers, 1):
        name = f"{base}-dossier-{n}-{safe_name(d.received[:10])}-{d.sha256[:8]}.pdf"
        written.append(_write_new(out / name, d.pdf))
    stamp = re.sub(r"[^0-9]", "", vault.clock.iso_now())[:14]
    report_path = out / f"{base}-case-report-{stamp}.pdf"
    n = 1
    while report_path.exists():  # a second export within the same second
        n += 1
        report_path = out / f"{base}-case-report-{stamp}-{n}.pdf"
    _write_new(report_path, report)
    cert = vault.records.identity().cert().public_bytes(serialization.Encoding.PEM)
    cert_path = _write_new(out / "desk-cert.pem", cert)
    vault.records.log_event("case_exported")
    bus.announce("desk.exported", case_code=case_code)
    return Exported(tuple(written), report_path, cert_path, story.ruleset_note)
