"""The desk receives bundles from a folder (security.md "How the legal team verifies").

For each bundle: age-decrypt with the desk identity; unpack with the T9 checks (in memory); verify the
manifest signature against the interviewer key pinned at enrolment; check that this desk is among the
signed recipients and that every file matches the manifest; verify the dossier; refuse a bundle id
seen before (replay); import. Any failure is a rejection with a code and a reason; nothing is written
outside the desk vault.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO

from desktop.core.bus import bus
from desktop.core.errors import VoluntasError
from desktop.core.sync import agehdr, bundle, consistency, inbox, link
from desktop.core.sync.desk import desk_identity, desk_recipient
from desktop.core.sync.inbox import Outcome
from desktop.core.sync.outbox import require_folder
from desktop.core.sync.port import DossierPort, default_port
from desktop.core.vault import Vault
from desktop.core.vault.desk_store import Received


def open_bundle(vault: Vault, file: str, plain: io.BytesIO, port: DossierPort) -> tuple[bundle.Opened, str]:
    """Verify one decrypted bundle; returns it with the enrolled key's fingerprint. Raises S0xx."""
    manifest, body, sig, files = bundle.unpack(file, plain)
    key_fp = str(manifest["interviewer_key"])
    row = vault.desk.trusted_key(key_fp)
    if row is None:
        raise VoluntasError("S024", file=file, fingerprint=ascii(key_fp)[1:-1][:80])
    opened = bundle.check_signed(file, manifest, body, sig, row[0], desk_recipient(vault), files)
    check_case_code(file, manifest.get("case_code"))
    check_record(file, opened.record_or_none(), str(manifest.get("case_code")), manifest)
    reason, dossier = port.check(bytes(opened.files[bundle.DOSSIER]), row[1])
    if reason is not None:
        raise VoluntasError("S029", file=file, reason=reason)
    consistency.compare(file, dossier, manifest, opened.record())
    return opened, key_fp


MAX_CARRIED_CASE_CODE = 128


def unsafe_to_carry(code: Any) -> str | None:
    """Why a case code cannot travel in a bundle, or None. It is shown in lists, file names and reports: no
    control or invisible formatting characters (an escape sequence, a right-to-left override). Looser than
    the rule for a new code (vault.records.case_code_problem, 64 characters), so that no code a field
    vault holds is refused in transit."""
    if not isinstance(code, str) or not 0 < len(code) <= MAX_CARRIED_CASE_CODE:
        return f"missing, empty or longer than {MAX_CARRIED_CASE_CODE} characters"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn") for ch in code):
        return "it holds control or invisible formatting characters"
    return None


def check_case_code(file: str, code: Any) -> None:
    problem = unsafe_to_carry(code)
    if problem:
        raise VoluntasError("S034", file=file, problem=problem)


_RECORD_FIELDS = {"id": str, "interview_date": str, "form_id": str, "form_version": str, "captive_lang": str,
                  "interviewer_lang": str, "case_code": str, "answers": list, "notes": list, "attachments": list}


def check_record(file: str, record: Any, case_code: str, manifest: dict[str, Any]) -> None:
    """record.json holds the interviews the signed manifest names, in the shape the desk reads."""
    def bad(problem: str) -> VoluntasError:
        return VoluntasError("S030", file=file, problem=f"record.json: {problem}")

    if not isinstance(record, dict) or not isinstance(record.get("interviews"), list) or not record["interviews"]:
        raise bad("no interviews")
    listed = manifest.get("interviews")
    named = [i.get("id") for i in listed if isinstance(i, dict)] if isinstance(listed, list) else []
    for n, item in enumerate(record["interviews"], 1):
        if not isinstance(item, dict):
            raise bad(f"interview {n} is not an object")
        for key, kind in _RECORD_FIELDS.items():
            if not isinstance(item.get(key), kind):
                raise bad(f"interview {n}: field {key} is missing or has the wrong type")
        if item["case_code"] != case_code:
            raise bad(f"interview {n}: case_code differs from the manifest")
        for a in item["answers"]:
            if not isinstance(a, dict) or not isinstance(a.get("question_id"), str) or "value" not in a:
                raise bad(f"interview {n}: an answer has no question_id or value")
        for note in item["notes"]:
            if not isinstance(note, dict) or not isinstance(note.get("question_id"), str) or \
                    not isinstance(note.get("text"), str):
                raise bad(f"interview {n}: a note has no question_id or text")
    if named != [i["id"] for i in record["interviews"]]:
        raise bad("the interviews differ from the manifest's list")


def _rejected(file: str, err: VoluntasError) -> Outcome:
    return Outcome(file, inbox.REJECTED, err.code, err.message())


def _digest(fh: BinaryIO) -> str:
    h = hashlib.sha256()
    fh.seek(0)
    while chunk := fh.read(1 << 20):
        h.update(chunk)
    fh.seek(0)
    return h.hexdigest()


def read_bundle(vault: Vault, path: Path) -> tuple[str, io.BytesIO] | Outcome:
    """(SHA-256 of the file, its decrypted tar) or the outcome that ends this file here.

    Before any decryption: a regular file (a FIFO would block), at most MAX_BUNDLE bytes, an age header
    within the limits of agehdr. The ciphertext is streamed, so memory holds about one copy of the bundle.
    """
    file = path.name
    fd = inbox.open_regular(path)
    if fd is None:
        return Outcome(file, inbox.SKIPPED, "", "not a regular file")
    before = os.fstat(fd)
    with open(fd, "rb") as fh:
        if before.st_size > bundle.MAX_BUNDLE:
            return _rejected(file, VoluntasError("S033", file=file, problem=(
                f"{before.st_size // (1 << 20)} MiB; a bundle has at most {bundle.MAX_BUNDLE // (1 << 20)} MiB")))
        try:
            agehdr.check_file(file, fh)
        except VoluntasError as err:
            return _rejected(file, err)
        digest = _digest(fh)
        known = vault.desk.bundle_with(digest)
        if known is not None:  # the same bytes again: a second copy, nothing to decrypt
            dup = VoluntasError("S031", file=file, bundle=known)
            return Outcome(file, inbox.DUPLICATE, dup.code, dup.message(), known)
        plain = io.BytesIO()
        failure: VoluntasError | None = None
        try:
            bundle.decrypt_into(file, fh, plain, desk_identity(vault))
        except VoluntasError as err:
            failure = err
        after = os.fstat(fh.fileno())
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        return Outcome(file, inbox.SKIPPED, "", "still arriving")
    if failure is not None:
        return _rejected(file, failure)
    return digest, plain


def receive_file(vault: Vault, path: Path, port: DossierPort) -> Outcome:
    got = read_bundle(vault, path)
    if isinstance(got, Outcome):
        return got
    digest, plain = got
    file = path.name
    try:
        opened, key_fp = open_bundle(vault, file, plain, port)
    except VoluntasError as err:
        return _rejected(file, err)
    except Exception as err:  # noqa: BLE001 - hostile input must end in a reason, never a traceback
        return _rejected(file, VoluntasError("S032", file=file, kind=type(err).__name__))
    bid = opened.bundle_id
    earlier = vault.desk.digest_of(bid)
    case_code = str(opened.manifest.get("case_code", ""))
    if earlier == digest:
        dup = VoluntasError("S031", file=file, bundle=bid)
        return Outcome(file, inbox.DUPLICATE, dup.code, dup.message(), bid, case_code)
    if earlier is not None:
        replay = VoluntasError("S028", file=file, bundle=bid)
        return Outcome(file, inbox.REJECTED, replay.code, replay.message(), bid, case_code)
    verification = {"signature": "valid", "interviewer_key": key_fp, "recipient": "this desk",
                    "files": "complete", "dossier": "valid with the enrolled certificate",
                    "consistency": "record.json, the bundle manifest and the signed dossier agree",
                    "replay": "new", "file_name": file}
    with vault.desk.change() as tx:
        case_code = link.desk_case(tx, case_code, key_fp)  # another interviewer's NK-A is another man
        link.lapse(tx, case_code)
        tx.add_bundle(Received(bid, digest, key_fp, case_code, opened.manifest_bytes, opened.signature,
                               json.dumps(opened.record(), ensure_ascii=False), opened.files[bundle.DOSSIER],
                               json.dumps(verification), secrets.token_hex(16) + ".receipt", vault.clock.iso_now()))
        for name, blob in opened.files.items():
            if name.startswith("attachments/"):
                tx.add_file(bid, name, blob)
        tx.audit("bundle_received", text_hash=digest)
    bus.announce("desk.received", bundle_id=bid, case_code=case_code)
    return Outcome(file, inbox.IMPORTED, "", "", bid, case_code)


def read_desk_file(vault: Vault, bundle_id: str, name: str) -> bytes:
    """An attachment as received (its pieces joined); b"" when there is none of that name."""
    return vault.desk.file(bundle_id, name)


def desk_receive(vault: Vault, folder: Path, port: DossierPort | None = None) -> list[Outcome]:
    """Receive every complete bundle in `folder`; partial files are skipped and tried next time."""
    use = port or default_port()
    desk_identity(vault)  # S007 before anything else
    folder = require_folder(folder)
    return [receive_file(vault, path, use) for path in inbox.candidates(folder, bundle.SUFFIX)]
