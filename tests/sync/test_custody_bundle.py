"""Issue 14 point 2 (and the desk side of point 3): the desk refuses a bundle whose parts disagree.

The attacker is a coerced insider holding the interviewer's keys: he re-signs the bundle manifest
after changing record.json (what the desk evaluates) but cannot re-make the PAdES dossier the lawyer
reads without it showing. Real PDFs (the dossier module), real age, real keys.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest
import rfc8785
from pyrage import x25519

from desktop.core.sync import bundle, inbox
from desktop.core.sync.desk import desk_identity, desk_recipient
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.port import default_port
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.seal import seal_interviews
from tests.conftest import run_cli
from tests.core.vaulttools import make_vault
from tests.sync.synctools import DESK_PASSPHRASE, World, import_vignette, world

SECRET = "MARK-7f3e-insider-edit"


@dataclass
class Setup:
    w: World
    genuine: bytes
    other_dossier: bytes  # a real dossier of another interviewer (not enrolled)
    box: Path


def _sealed(vault: Any, tmp: Path, name: str, note: bool = False) -> bytes:
    _cid, ids = import_vignette(vault, "V05")
    if note:
        vault.records.save_note(ids[0], "wsh_open", "a note by the interviewer", "uk")
    seal_interviews(vault, ids[:1])
    out = tmp / name
    out.mkdir()
    push_outbox(vault, out)
    [path] = [p for p in out.iterdir() if p.suffix == ".age"]
    return path.read_bytes()


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    tmp = tmp_path_factory.mktemp("custody")
    w = world(tmp)
    genuine = _sealed(w.field, tmp, "out", note=True)
    other = make_vault(tmp / "other")
    from desktop.core.sync.recipients import add_recipient

    add_recipient(other, w.recipient_file)
    files = _files(w, _sealed(other, tmp, "out-other"))
    other.lock()
    yield Setup(w, genuine, files[bundle.DOSSIER], tmp / "box")


def _files(w: World, data: bytes) -> dict[str, bytes]:
    plain = pyrage.decrypt(data, [desk_identity(w.desk)])
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def _resigned(w: World, files: dict[str, bytes], manifest: dict[str, Any] | None = None,
              record: dict[str, Any] | None = None) -> bytes:
    """What the insider can make: any content, a manifest re-signed with the interviewer's Ed25519 key."""
    files = dict(files)
    doc = json.loads(files.pop(bundle.MANIFEST))
    files.pop(bundle.SIGNATURE)
    doc.update(manifest or {})
    if record is not None:
        files[bundle.RECORD] = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    doc["files"] = {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in sorted(files.items())}
    body = rfc8785.dumps(doc)
    files[bundle.MANIFEST] = body
    files[bundle.SIGNATURE] = w.field.records.identity().ed25519_key().sign(body)
    return pyrage.encrypt(bundle._tar(files), [x25519.Recipient.from_str(desk_recipient(w.desk))])


def _receive(s: Setup, data: bytes) -> inbox.Outcome:
    s.box.mkdir(exist_ok=True)
    for old in s.box.iterdir():
        old.unlink()
    (s.box / ("e" * 32 + ".age")).write_bytes(data)
    [got] = desk_receive(s.w.desk, s.box, default_port())
    return got


def _attacks(s: Setup) -> dict[str, tuple[bytes, str, str]]:
    """label -> (bundle, code, phrase of the reason)."""
    files = _files(s.w, s.genuine)
    manifest = json.loads(files[bundle.MANIFEST])

    def edited(change: Any) -> dict[str, Any]:
        rec = json.loads(files[bundle.RECORD])
        change(rec["interviews"][0])
        return rec

    def answer(item: dict[str, Any]) -> None:
        target = next(a for a in item["answers"] if a["question_id"] == "wsh_open")
        target["value"] = SECRET

    def drop_answer(item: dict[str, Any]) -> None:
        item["answers"] = [a for a in item["answers"] if a["question_id"] != "wsh_open"]

    def note(item: dict[str, Any]) -> None:
        item["notes"][0]["text"] = SECRET

    def recode(rec: dict[str, Any], code: str) -> dict[str, Any]:
        for item in rec["interviews"]:
            item["case_code"] = code
        return rec

    renamed = json.loads(files[bundle.RECORD])
    renamed["interviews"][0]["id"] = "0" * 32
    return {
        "an answer changed in record.json": (_resigned(s.w, files, record=edited(answer)), "S035", "wsh_open"),
        "an answer removed from record.json": (_resigned(s.w, files, record=edited(drop_answer)), "S035",
                                                "wsh_open"),
        "a note changed in record.json": (_resigned(s.w, files, record=edited(note)), "S035", "notes"),
        "another case code in manifest and record": (
            _resigned(s.w, files, {"case_code": "NK-B"}, recode(json.loads(files[bundle.RECORD]), "NK-B")),
            "S035", "case code"),
        "another interview id in manifest and record": (
            _resigned(s.w, files, {"interviews": [{**manifest["interviews"][0], "id": "0" * 32}]}, renamed),
            "S035", "interviews differ"),
        "another interviewer's real dossier": (_resigned(s.w, {**files, bundle.DOSSIER: s.other_dossier}),
                                               "S029", "trusted certificate"),
        "a case code with an escape sequence": (
            _resigned(s.w, files, {"case_code": "NK-A\x1b[2J"}, recode(json.loads(files[bundle.RECORD]),
                                                                        "NK-A\x1b[2J")), "S034", "control"),
        "a case code with a right-to-left override": (
            _resigned(s.w, files, {"case_code": "NK-\u202eA"}, recode(json.loads(files[bundle.RECORD]),
                                                                       "NK-\u202eA")), "S034", "control"),
        "the record of the interview under another id": (
            _resigned(s.w, files, record=renamed), "S030", "record.json"),
    }


def test_a_bundle_whose_parts_disagree_is_refused(setup: Setup) -> None:
    attacks = _attacks(setup)
    for label, (data, code, phrase) in attacks.items():
        got = _receive(setup, data)
        assert (got.status, got.code) == (inbox.REJECTED, code), (label, got)
        assert phrase in got.reason and SECRET not in got.reason, (label, got.reason)
    assert setup.w.desk.conn_or_raise().execute("SELECT count(*) FROM desk_bundles").fetchone()[0] == 0
    got = _receive(setup, setup.genuine)
    assert got.status == inbox.IMPORTED, got
    print(f"{len(attacks)} inconsistent bundles refused")


def test_desk_receive_exits_1_with_the_code(setup: Setup, tmp_path: Path) -> None:
    data, _code, _phrase = _attacks(setup)["an answer changed in record.json"]
    box = tmp_path / "box"
    box.mkdir()
    (box / ("f" * 32 + ".age")).write_bytes(data)
    pp = tmp_path / "dpp"
    pp.write_text(DESK_PASSPHRASE + "\n")
    setup.w.desk.lock()
    try:
        proc = run_cli("--passphrase-file", str(pp), "desk", "--desk-dir", str(setup.w.root / "desk"),
                       "receive", "--from", str(box))
    finally:
        setup.w.desk = type(setup.w.desk).unlock(setup.w.root / "desk", DESK_PASSPHRASE)
    assert proc.returncode == 1 and "S035" in proc.stdout and "wsh_open" in proc.stdout
    assert SECRET not in proc.stdout + proc.stderr and "Traceback" not in proc.stderr
