"""Finalize an interview: the one core call the window's "Finalize" button makes.

First the interview moves from draft to finalized, in one transaction with its audit event; from then on
the vault refuses any change to it (records raise V016). Then, when the vault has at least one
legal-team recipient, the interview is sealed at once (desktop.core.sync.seal: the signed dossier is
rendered by desktop.core.dossier, encrypted to the recipients, and the plaintext removed). Without a
recipient it stays finalized, and `voluntas interview finalize CASE` seals it once one is added. If
sealing fails, the interview stays finalized: never lost, and sealed on the next try.
"""

from __future__ import annotations

from desktop.core.bus import bus
from desktop.core.vault import Vault

FINALIZED, SEALED = "finalized", "sealed"


def mark_finalized(vault: Vault, interview_id: str) -> None:
    """draft -> finalized with its audit event. Raises V015 (unknown) or V016 (not a draft)."""
    vault.sealing.mark_finalized(interview_id)
    bus.announce("interview.finalized", interview_id=interview_id)


def finalize(vault: Vault, interview_id: str) -> str:
    """Finalize, then seal when a legal-team recipient is configured; returns the resulting state."""
    mark_finalized(vault, interview_id)
    from desktop.core.sync.recipients import list_recipients

    if not list_recipients(vault):
        return FINALIZED
    from desktop.core.sync.seal import seal_interviews

    seal_interviews(vault, [interview_id])
    return SEALED


def waiting(vault: Vault) -> dict[str, list[str]]:
    """Finalized interviews not yet sealed, by case: they still hold their plaintext."""
    out: dict[str, list[str]] = {}
    for case_id, iid in vault.sealing.finalized():
        out.setdefault(case_id, []).append(iid)
    return out


def seal_waiting(vault: Vault) -> int:
    """Seal every finalized interview still unsealed, one bundle per case, once a recipient exists:
    called when a recipient is added and at every unlock. Returns how many were sealed; a failure
    leaves the rest finalized, to be sealed next time."""
    pending = waiting(vault)
    if not pending:
        return 0
    from desktop.core.sync.recipients import list_recipients
    from desktop.core.sync.seal import seal_interviews

    if not list_recipients(vault):
        return 0
    return sum(len(seal_interviews(vault, ids).interview_ids) for ids in pending.values())
