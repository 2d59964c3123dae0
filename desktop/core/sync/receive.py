"""The desk receives bundles from a folder (security.md "How the legal team verifies").

For each bundle: age-decrypt with the desk identity; unpack with the T9 checks (in memory); verify the
manifest signature against the interviewer key pinned at enrolment; check that this desk is among the
signed recipients and that every file matches the manifest; verify the dossier; refuse a bundle id
seen before (replay); import. Any failure is a rejection with a code and a reason; nothing is written
outside the desk vault.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path

from desktop.core.errors import VoluntasError
from desktop.core.events import bus
from desktop.core.sync import bundle, inbox
from desktop.core.sync import problems as _problems  # noqa: F401
from desktop.core.sync.desk import desk_identity, desk_recipient
from desktop.core.sync.inbox import Outcome
from desktop.core.sync.port import DossierPort, default_port
from desktop.core.vault import Vault, audit


def _seen(vault: Vault, bundle_id: str) -> str | None:
    row = vault.conn_or_raise().execute("SELECT sha256 FROM desk_bundles WHERE bundle_id = ?",
                                        (bundle_id,)).fetchone()
    return None if row is None else str(row[0])


def open_bundle(vault: Vault, file: str, data: bytes, port: DossierPort) -> tuple[bundle.Opened, str]:
    """Decrypt and verify one bundle; returns it with the enrolled key's fingerprint. Raises S0xx."""
    plain = bundle.decrypt(file, data, desk_identity(vault))
    manifest, body, sig, files = bundle.unpack(file, plain)
    del plain
    key_fp = str(manifest["interviewer_key"])
    row = vault.conn_or_raise().execute("SELECT ed25519_public, certificate FROM desk_keys WHERE fingerprint = ?",
                                        (key_fp,)).fetchone()
    if row is None:
        raise VoluntasError("S024", file=file, fingerprint=ascii(key_fp)[1:-1][:80])
    opened = bundle.check_signed(file, manifest, body, sig, bytes(row[0]), desk_recipient(vault), files)
    try:
        record = opened.record()
        interviews = record["interviews"]
        assert isinstance(interviews, list) and interviews
        codes = {str(i["case_code"]) for i in interviews}
        assert codes == {str(manifest.get("case_code"))}
    except (ValueError, KeyError, TypeError, AssertionError):
        raise VoluntasError("S030", file=file, problem="record.json does not hold the manifest's interviews") from None
    reason = port.verify(opened.files[bundle.DOSSIER], bytes(row[1]))
    if reason is not None:
        raise VoluntasError("S029", file=file, reason=reason)
    return opened, key_fp


def receive_one(vault: Vault, path: Path, data: bytes, port: DossierPort) -> Outcome:
    file = path.name
    digest = hashlib.sha256(data).hexdigest()
    try:
        opened, key_fp = open_bundle(vault, file, data, port)
    except VoluntasError as err:
        return Outcome(file, inbox.REJECTED, err.code, err.message())
    bid = opened.bundle_id
    earlier = _seen(vault, bid)
    case_code = str(opened.manifest.get("case_code", ""))
    if earlier == digest:
        dup = VoluntasError("S031", file=file, bundle=bid)
        return Outcome(file, inbox.DUPLICATE, dup.code, dup.message(), bid, case_code)
    if earlier is not None:
        replay = VoluntasError("S028", file=file, bundle=bid)
        return Outcome(file, inbox.REJECTED, replay.code, replay.message(), bid, case_code)
    verification = {"signature": "valid", "interviewer_key": key_fp, "recipient": "this desk",
                    "files": "complete", "dossier": "valid", "replay": "new", "file_name": file}
    with vault.records.transaction() as conn:
        conn.execute("INSERT INTO desk_bundles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (bid, digest, key_fp, case_code, opened.manifest_bytes, opened.signature,
                      opened.files[bundle.RECORD].decode("utf-8"), opened.files[bundle.DOSSIER],
                      json.dumps(verification), secrets.token_hex(16) + ".receipt", vault.clock.iso_now()))
        for name, blob in opened.files.items():
            if name.startswith("attachments/"):
                conn.execute("INSERT INTO desk_files VALUES (?, ?, ?)", (bid, name, blob))
        vault.records.audit(conn, audit.VAULT_CHAIN, "bundle_received", 0, text_hash=digest)
    bus.announce("desk.received", bundle_id=bid, case_code=case_code)
    return Outcome(file, inbox.IMPORTED, "", "", bid, case_code)


def desk_receive(vault: Vault, folder: Path, port: DossierPort | None = None) -> list[Outcome]:
    """Receive every complete bundle in `folder`; partial files are skipped and tried next time."""
    use = port or default_port()
    desk_identity(vault)  # S007 before anything else
    outcomes = []
    for path in inbox.candidates(Path(folder), bundle.SUFFIX):
        data = inbox.read_settled(path, bundle.MAX_BUNDLE)
        if data is None:
            outcomes.append(Outcome(path.name, inbox.SKIPPED, "", "still arriving or too large"))
            continue
        outcomes.append(receive_one(vault, path, data, use))
    return outcomes
