"""Seal policy and the field-side checks: recipients required, sealed means read-only, a change during
sealing aborts it, two recipients can each open a bundle, receipts must be the desk's and match."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage
import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop.core.errors import VoluntasError
from desktop.core.sync import bundle, inbox
from desktop.core.sync.desk import desk_identity, enrol, export_recipient
from desktop.core.sync.outbox import pending, push_outbox
from desktop.core.sync.receipts import import_receipts, write_receipts
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.recipients import add_recipient, list_recipients
from desktop.core.sync.seal import seal_case, seal_interviews
from tests.core.vaulttools import make_vault
from tests.sync.synctools import FakeDossier, add_interview, make_desk, world


def test_finalize_needs_a_recipient(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    cid, iid = add_interview(vault)
    with pytest.raises(VoluntasError) as err:
        seal_case(vault, cid, FakeDossier())
    assert err.value.code == "S001" and "two are recommended" in err.value.message()
    assert vault.records.list_interviews()[0].state == "draft" and vault.records.answers(iid)


def test_sealed_is_read_only_and_keeps_only_code_date_state(tmp_path: Path) -> None:
    w = world(tmp_path)
    cid, iid = add_interview(w.field, "RO-1", "2025-05-05")
    seal_case(w.field, cid, w.fake_dossier)
    [row] = w.field.records.list_interviews()
    assert (row.case_code, row.interview_date, row.state, row.form_id) == ("RO-1", "2025-05-05", "sealed", "")
    with pytest.raises(VoluntasError) as err:
        w.field.records.save_answer(iid, "q", "x", "ko", "h" * 64)
    assert err.value.code == "V016"
    with pytest.raises(VoluntasError) as err:
        seal_interviews(w.field, [iid], w.fake_dossier)
    assert err.value.code == "V016"
    with pytest.raises(VoluntasError) as err:
        seal_case(w.field, cid, w.fake_dossier)
    assert err.value.code == "S003"
    conn = w.field.conn_or_raise()
    assert conn.execute("SELECT count(*) FROM audit WHERE chain = ?", (iid,)).fetchone()[0] == 0
    assert all(r.ok for r in w.field.check())


def test_a_change_while_sealing_aborts_the_seal(tmp_path: Path) -> None:
    w = world(tmp_path)
    cid, iid = add_interview(w.field)

    def meddle(stage: str) -> None:
        if stage == "encrypted":
            w.field.records.save_answer(iid, "late", "typed while sealing", "ko", "h" * 64)

    with pytest.raises(VoluntasError) as err:
        seal_case(w.field, cid, w.fake_dossier, hook=meddle)
    assert err.value.code == "S004"
    assert w.field.records.list_interviews()[0].state == "draft"
    assert w.field.records.answers(iid)["late"] == "typed while sealing"
    assert pending(w.field) == []


def test_two_recipients_each_open_the_bundle(tmp_path: Path) -> None:
    w = world(tmp_path)
    second = make_desk(tmp_path / "desk2")
    export_recipient(second, tmp_path / "r2.json")
    add_recipient(w.field, tmp_path / "r2.json")
    enrol(second, w.keys)
    assert len(list_recipients(w.field)) == 2
    cid, _iid = add_interview(w.field)
    result = seal_case(w.field, cid, w.fake_dossier)
    assert result.recipients == 2
    out = tmp_path / "o"
    out.mkdir()
    push_outbox(w.field, out)
    for desk in (w.desk, second):
        assert [o.status for o in desk_receive(desk, out, w.fake_dossier)] == [inbox.IMPORTED]
        assert enrol(desk, w.keys).fingerprint == w.field.records.identity().ed25519_fingerprint()  # again: fine
        assert all(r.ok for r in desk.check())
    data = next(out.iterdir()).read_bytes()
    assert pyrage.decrypt(data, [desk_identity(w.desk)]) == pyrage.decrypt(data, [desk_identity(second)])


def test_recipient_file_errors(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    desk = make_desk(tmp_path / "d")
    good = export_recipient(desk, tmp_path / "good.json")
    cases = {
        "missing.json": None,
        "notjson.json": b"{not json",
        "format.json": json.dumps({**good, "format": "x"}).encode(),
        "age.json": json.dumps({**good, "age_recipient": "age1xyz"}).encode(),
        "key.json": json.dumps({**good, "desk_ed25519": "abcd"}).encode(),
        "fp.json": json.dumps({**good, "fingerprint": "0000"}).encode(),
    }
    for name, data in cases.items():
        if data is not None:
            (tmp_path / name).write_bytes(data)
        with pytest.raises(VoluntasError) as err:
            add_recipient(vault, tmp_path / name)
        assert err.value.code in ("S002", "S006") and name in err.value.message(), name
    add_recipient(vault, tmp_path / "good.json")
    with pytest.raises(VoluntasError) as err:
        add_recipient(vault, tmp_path / "good.json")
    assert err.value.code == "S008"


def test_enrol_refuses_a_mismatched_fingerprint(tmp_path: Path) -> None:
    w = world(tmp_path, enrolled=False)
    info = json.loads((w.keys / "interviewer.json").read_text())
    (w.keys / "interviewer.json").write_text(json.dumps({**info, "ed25519_fingerprint": "ab" * 32}))
    with pytest.raises(VoluntasError) as err:
        enrol(w.desk, w.keys)
    assert err.value.code == "S002" and "ed25519_fingerprint" in err.value.message()


def test_receipts_must_be_signed_by_the_desk_and_match(tmp_path: Path) -> None:
    w = world(tmp_path)
    cid, _iid = add_interview(w.field)
    seal_case(w.field, cid, w.fake_dossier)
    out, back = tmp_path / "o", tmp_path / "b"
    out.mkdir()
    back.mkdir()
    push_outbox(w.field, out)
    desk_receive(w.desk, out, w.fake_dossier)
    [name] = write_receipts(w.desk, back)
    real = json.loads((back / name).read_text())
    (back / name).rename(tmp_path / name)
    body = dict(real["receipt"])
    forger = ed25519.Ed25519PrivateKey.generate()
    wrong_sha = dict(body, bundle_sha256="0" * 64)
    desk_key = w.desk.records.identity().ed25519_key()
    bad = {
        "forged.receipt": {"receipt": body, "signature": forger.sign(rfc8785.dumps(body)).hex()},
        "other-bytes.receipt": {"receipt": wrong_sha, "signature": desk_key.sign(rfc8785.dumps(wrong_sha)).hex()},
        "edited.receipt": {"receipt": dict(body, bundle_id="f" * 32), "signature": real["signature"]},
        "junk.receipt": "not a receipt",
    }
    (back / "deep.receipt").write_text("[" * 8000 + "]" * 8000)
    (back / "huge.receipt").write_text(" " * 20000)
    for fname, doc in bad.items():
        (back / fname).write_text(json.dumps(doc))
    report = import_receipts(w.field, back)
    codes = sorted((r.file, r.code) for r in report.rejected)
    assert codes == [("deep.receipt", "S041"), ("edited.receipt", "S040"), ("forged.receipt", "S040"),
                     ("huge.receipt", "S041"), ("junk.receipt", "S041"),
                     ("other-bytes.receipt", "S042")]
    assert report.purged_bundles == [] and len(pending(w.field)) == 1
    (tmp_path / name).rename(back / name)
    assert import_receipts(w.field, back).purged_interviews == 1
    assert pending(w.field) == [] and w.field.records.list_interviews() == []


def test_bundle_names_and_ids_are_random(tmp_path: Path) -> None:
    w = world(tmp_path)
    results = [seal_case(w.field, add_interview(w.field, "SAME")[0], w.fake_dossier) for _ in range(3)]
    assert len({r.name for r in results}) == len({r.bundle_id for r in results}) == 3
    assert all(r.bundle_id not in r.name and "SAME" not in r.name for r in results)
    assert all(len(r.name) == 32 + len(bundle.SUFFIX) for r in results)
