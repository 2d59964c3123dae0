"""Seal on finalize (security.md G2, section 4): render and sign the dossier, encrypt it to every
legal-team recipient, store the ciphertext, delete the interview's plaintext, checkpoint the WAL.

Everything slow (render, sign, encrypt) happens before one short transaction that stores the bundle,
deletes the answers, notes, attachments and the interview's audit chain, and marks the interviews
sealed. A crash before the commit leaves the drafts as they were; after it, they are sealed: never
lost, never both. The list keeps only the case code, the date and the state of a sealed interview.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.bus import bus
from desktop.core.errors import VoluntasError
from desktop.core.sync import bundle
from desktop.core.sync.port import DossierPort, default_port
from desktop.core.sync.receive import unsafe_to_carry
from desktop.core.sync.recipients import list_recipients
from desktop.core.vault import Vault, audit
from desktop.core.vault.seal_store import SEALABLE, Sealed

Hook = Callable[[str], None]  # test hook: called with a stage name ("rendered", "encrypted", ...)


@dataclass(frozen=True)
class SealResult:
    bundle_id: str
    name: str
    interview_ids: tuple[str, ...]
    size: int
    recipients: int


def sealable(vault: Vault, case_id: str) -> list[str]:
    return vault.sealing.sealable(case_id)


def _record(vault: Vault, ids: Sequence[str]) -> tuple[dict[str, Any], dict[str, bytes], dict[str, str]]:
    """The record (answers, notes, audit chains), the attachments, and each interview's audit head."""
    interviews, files, heads = [], {}, {}
    for iid in ids:
        got = vault.sealing.content(iid)
        chain = got.chain
        heads[iid] = chain[-1].hash if chain else audit.GENESIS
        for a in got.attachments:
            files[str(a[0])] = a[4]
        interviews.append({
            "id": iid, "form_id": got.form_id, "form_version": got.form_version, "captive_lang": got.captive_lang,
            "interviewer_lang": got.interviewer_lang, "interview_date": got.interview_date,
            "started_at": got.started_at, "elapsed_ms": got.elapsed_ms, "case_code": got.case_code,
            "answers": [{"question_id": q, "value": json.loads(v), "lang": lang, "text_hash": h, "elapsed_ms": ms}
                        for q, v, lang, h, ms in got.answers],
            "notes": [{"question_id": q, "text": t, "lang": lang, "elapsed_ms": ms} for q, t, lang, ms in got.notes],
            "attachments": [{"id": a[0], "question_id": a[1], "media_type": a[2], "sha256": a[3],
                             "elapsed_ms": a[5]} for a in got.attachments],
            "audit": [[e.seq, e.event, e.question_id, e.lang, e.text_hash, e.elapsed_ms, e.hash] for e in chain],
            "audit_head": heads[iid],
        })
    return {"format": "voluntas-record/1", "interviews": interviews}, files, heads


def seal_case(vault: Vault, case_id: str, port: DossierPort | None = None, hook: Hook | None = None) -> SealResult:
    """Seal every draft or finalized interview of a case into one bundle (`interview finalize CASE_ID`)."""
    ids = sealable(vault, case_id)
    if not ids:
        raise VoluntasError("S003", ident=case_id)
    return seal_interviews(vault, ids, port, hook)


def seal_interviews(vault: Vault, interview_ids: Sequence[str], port: DossierPort | None = None,
                    hook: Hook | None = None) -> SealResult:
    ids = list(dict.fromkeys(interview_ids))
    step: Hook = hook or (lambda _stage: None)
    recipients = [r.age_recipient for r in list_recipients(vault)]
    if not recipients:
        raise VoluntasError("S001")
    rows = {}
    for iid in ids:
        row = vault.sealing.case_and_state(iid)
        if row is None:
            raise VoluntasError("V015", what="interview", ident=iid)
        if row[1] not in SEALABLE:
            raise VoluntasError("V016", ident=iid, state=row[1])
        rows[iid] = row
    case_ids = {r[0] for r in rows.values()}
    if len(case_ids) != 1:
        raise VoluntasError("D002", ident=ids[-1])
    case_id = case_ids.pop()
    record, attachments, heads = _record(vault, ids)
    case_code = record["interviews"][0]["case_code"]
    problem = unsafe_to_carry(case_code)
    if problem:  # the desk would refuse it (S034): say so here, before anything is sealed
        raise VoluntasError("S016", problem=problem)
    bundle_id = bundle.new_id()
    extra = {"bundle_id": bundle_id, "recipients": sorted(bundle.recipient_fingerprint(r) for r in recipients)}
    pdf = (port or default_port()).render(vault, ids, extra)
    step("rendered")
    header = {"case_code": case_code, "created": vault.clock.iso_now(),
              "interviews": [{"id": i["id"], "interview_date": i["interview_date"], "audit_head": i["audit_head"],
                              "form": f"{i['form_id']}@{i['form_version']}"} for i in record["interviews"]]}
    sealed = bundle.seal(vault.records.identity(), recipients, pdf, record, attachments, header, bundle_id)
    del record, attachments, pdf
    step("encrypted")
    digest = hashlib.sha256(sealed.data).hexdigest()
    changed = vault.sealing.store_sealed(Sealed(sealed.bundle_id, case_id, sealed.name, sealed.data, digest), heads,
                                         lambda: step("in_transaction"))
    if changed is not None:
        raise VoluntasError("S004", ident=changed)
    step("committed")
    checkpoint(vault)
    step("checkpointed")
    bus.announce("interview.sealed", interview_ids=tuple(ids), bundle_id=sealed.bundle_id)
    return SealResult(sealed.bundle_id, sealed.name, tuple(ids), len(sealed.data), len(recipients))


def checkpoint(vault: Vault) -> None:
    """Move the WAL into the database and truncate it, so deleted pages do not linger in the WAL.

    Call it right after every unlock too: a crash between a seal's commit and its checkpoint leaves
    older page versions (the sealed answers, encrypted with the vault key) in the WAL until then.
    """
    vault.checkpoint()
