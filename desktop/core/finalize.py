"""Finalize an interview: the one core call the window's "Finalize" button makes.

The interview moves from draft to finalized in one transaction with its audit event, after which the
vault refuses any change to it (records raise V016). The dossier and sealing steps plug in here: when
desktop.core.dossier provides export_dossier, finalize() is where it is called, inside the same call,
so the window never needs to change.
"""

from __future__ import annotations

from desktop.core.errors import VoluntasError
from desktop.core.events import bus
from desktop.core.vault import audit
from desktop.core.vault.records import Records


def finalize(records: Records, interview_id: str) -> str:
    """Mark a draft interview finalized; returns the new state. Raises V015 (unknown) or V016 (not a draft)."""
    elapsed = records.elapsed_ms(interview_id)
    with records.transaction() as conn:
        row = conn.execute("SELECT state FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is None:
            raise VoluntasError("V015", what="interview", ident=interview_id)
        if row[0] != "draft":
            raise VoluntasError("V016", ident=interview_id, state=row[0])
        conn.execute("UPDATE interviews SET state = 'finalized', elapsed_ms = ? WHERE id = ?",
                     (elapsed, interview_id))
        audit.append(conn, interview_id, "finalized", elapsed)
    bus.announce("interview.finalized", interview_id=interview_id)
    return "finalized"
