"""The parts of a bundle must agree (issue 14 point 2): the desk evaluates record.json while the
lawyer reads the PDF, so a bundle whose record says one thing and whose signed dossier says another is
refused. Compared: case code and interview ids (bundle manifest, record, dossier manifest), and for
each interview the answers, the notes and the audit-chain head. Errors name the interview and the
question, never a value.
"""

from __future__ import annotations

from typing import Any

import rfc8785

from desktop.core.errors import VoluntasError


def _disagree(file: str, problem: str) -> VoluntasError:
    return VoluntasError("S035", file=file, problem=problem)


def _canon(value: Any) -> bytes:
    try:
        return bytes(rfc8785.dumps(value))
    except (TypeError, ValueError, rfc8785.CanonicalizationError):
        return b"\x00unrepresentable"


def _names(keys: set[str]) -> str:
    shown = ", ".join(ascii(k)[1:-1][:64] for k in sorted(keys)[:5])
    return shown + (", ..." if len(keys) > 5 else "")


def _differs(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    return {k for k in set(a) | set(b) if k not in a or k not in b or _canon(a[k]) != _canon(b[k])}


def compare(file: str, dossier: Any, manifest: dict[str, Any], record: dict[str, Any]) -> None:
    """Raise S035 at the first disagreement between the signed dossier manifest and the bundle."""
    if not isinstance(dossier, dict) or not isinstance(dossier.get("interviews"), list):
        raise _disagree(file, "the dossier carries no readable manifest")
    case = dossier.get("case")
    if not isinstance(case, dict) or case.get("code") != manifest.get("case_code"):
        raise _disagree(file, "the dossier's case code differs from the bundle manifest's")
    signed = {str(i.get("id")): i for i in dossier["interviews"] if isinstance(i, dict)}
    listed = [str(i.get("id")) for i in manifest.get("interviews", []) if isinstance(i, dict)]
    if sorted(signed) != sorted(listed) or len(signed) != len(dossier["interviews"]):
        raise _disagree(file, "the dossier's interviews differ from the bundle manifest's")
    for item in record["interviews"]:
        iid = str(item["id"])
        part = signed[iid]
        want = {str(a.get("question")): a.get("value") for a in part.get("answers", []) if isinstance(a, dict)
                and a.get("value") is not None}
        got = {str(a["question_id"]): a["value"] for a in item["answers"] if a["value"] is not None}
        if diff := _differs(want, got):
            raise _disagree(file, f"interview {iid}: the answers to {_names(diff)} differ between record.json "
                                  "and the signed dossier")
        notes: dict[str, Any] = part["notes"] if isinstance(part.get("notes"), dict) else {}
        if diff := _differs(notes, {str(n["question_id"]): n["text"] for n in item["notes"]}):
            raise _disagree(file, f"interview {iid}: the notes on {_names(diff)} differ between record.json and "
                                  "the signed dossier")
        head = part.get("audit_head")
        if not isinstance(head, dict) or head.get("hash") != item.get("audit_head"):
            raise _disagree(file, f"interview {iid}: the audit chain head differs between record.json and the "
                                  "signed dossier")
