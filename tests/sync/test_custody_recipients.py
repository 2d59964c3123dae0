"""Issue 14 point 1: one rogue recipient can neither read silently nor erase. Recipient files are
signed by their desk's key; only the primary desk's receipt purges; the field shows which desks
receipted. Real desks (vaults, age identities, Ed25519 keys), real age."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage
import pytest
import rfc8785
from pyrage import x25519

from desktop.core.errors import VoluntasError
from desktop.core.sync import inbox
from desktop.core.sync.desk import desk_identity, enrol, export_recipient
from desktop.core.sync.outbox import pending, push_outbox
from desktop.core.sync.receipts import import_receipts, write_receipts
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.recipients import add_recipient, list_recipients, read_recipient_file
from desktop.core.sync.seal import seal_interviews
from desktop.core.vault import Vault
from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE
from tests.sync.synctools import World, add_interview, make_desk, world


@pytest.fixture
def w(tmp_path: Path) -> World:
    return world(tmp_path)


def _rogue(w: World, tmp: Path, name: str = "rogue") -> Vault:
    """A second desk whose recipient file the field adds (a rogue recipient, or an honest second desk)."""
    rogue = make_desk(tmp / name)
    export_recipient(rogue, tmp / f"{name}.json", label=f"{name} desk")
    add_recipient(w.field, tmp / f"{name}.json")
    enrol(rogue, w.keys)
    return rogue


def _sealed_to(w: World, tmp: Path, code: str = "R-1") -> Path:
    _cid, iid = add_interview(w.field, code)
    seal_interviews(w.field, [iid], w.fake_dossier)
    out = tmp / f"out-{code}"
    out.mkdir()
    push_outbox(w.field, out)
    return out


def _receipts(desk: Vault, tmp: Path, name: str) -> Path:
    back = tmp / name
    back.mkdir()
    write_receipts(desk, back)
    return back


def test_an_edited_recipient_file_is_refused(w: World, tmp_path: Path) -> None:
    good = json.loads(w.recipient_file.read_text())
    other = str(x25519.Identity.generate().to_public())
    for label, doc in {"age recipient swapped": {**good, "age_recipient": other,
                                                  "fingerprint": read_fp(other)},
                       "label edited": {**good, "label": "Trusted Legal Team"},
                       "signature removed": {k: v for k, v in good.items() if k != "signature"}}.items():
        path = tmp_path / "edited.json"
        path.write_text(json.dumps(doc))
        with pytest.raises(VoluntasError) as err:
            read_recipient_file(path)
        assert err.value.code == "S002" and "signature" in err.value.message() and "edited.json" in \
            err.value.message(), label
    assert read_recipient_file(w.recipient_file).signed


def read_fp(age: str) -> str:
    from desktop.core.sync.bundle import recipient_fingerprint

    return recipient_fingerprint(age)


def test_a_rogue_recipient_cannot_purge_and_is_listed(w: World, tmp_path: Path) -> None:
    rogue = _rogue(w, tmp_path)
    [primary, second] = list_recipients(w.field)
    assert primary.primary and primary.signed and not second.primary and second.signed
    assert primary.desk_fingerprint == w.desk.records.identity().ed25519_fingerprint()
    assert second.desk_fingerprint == rogue.records.identity().ed25519_fingerprint() and second.label == "rogue desk"
    out = _sealed_to(w, tmp_path)
    data = next(out.iterdir()).read_bytes()
    assert pyrage.decrypt(data, [desk_identity(rogue)])  # it can read what it is sent: openly listed above
    assert [o.status for o in desk_receive(rogue, out, w.fake_dossier)] == [inbox.IMPORTED]
    report = import_receipts(w.field, _receipts(rogue, tmp_path, "back-rogue"))
    assert report.purged_bundles == [] and len(report.noted) == 1 and not report.rejected
    [item] = pending(w.field)
    assert item.receipted_by == (second.desk_fingerprint,)
    assert w.field.records.list_interviews()[0].state == "sealed"
    # the rogue's receipt claiming to be the primary desk's: still only its own key verifies it
    back = tmp_path / "back-rogue"
    [name] = [p.name for p in back.iterdir()]
    doc = json.loads((back / name).read_text())
    body = dict(doc["receipt"], desk=primary.desk_fingerprint)
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / name).write_text(json.dumps({"receipt": body, "signature": rogue.records.identity().ed25519_key().sign(
        rfc8785.dumps(body)).hex()}))
    assert import_receipts(w.field, forged).purged_bundles == [] and len(pending(w.field)) == 1
    # the real desk receives, receipts, and only then is the field copy purged
    desk_receive(w.desk, out, w.fake_dossier)
    report = import_receipts(w.field, _receipts(w.desk, tmp_path, "back-desk"))
    assert report.purged_interviews == 1 and pending(w.field) == []


def test_a_plain_age_line_is_an_unsigned_recipient_that_never_purges(tmp_path: Path) -> None:
    w = world(tmp_path)
    rogue_id = x25519.Identity.generate()
    line = tmp_path / "team.age.txt"
    line.write_text("# the legal team's age recipient\n" + str(rogue_id.to_public()) + "\n")
    with pytest.raises(VoluntasError) as err:
        add_recipient(w.field, line, primary=True)
    assert err.value.code == "S013"
    added = add_recipient(w.field, line)
    assert not added.signed and not added.primary and added.desk_key == b""
    out = _sealed_to(w, tmp_path)
    assert pyrage.decrypt(next(out.iterdir()).read_bytes(), [rogue_id])  # it receives the bundles
    # whatever it signs, a receipt from it verifies against no desk key here
    fake = tmp_path / "fake"
    fake.mkdir()
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.generate()
    [item] = pending(w.field)
    sha = w.field.conn_or_raise().execute("SELECT sha256 FROM sealed").fetchone()[0]
    body = {"format": "voluntas-receipt/1", "bundle_id": item.bundle_id, "bundle_sha256": sha,
            "received_at": "2026-01-01T00:00:00Z", "desk": "x"}
    (fake / "a.receipt").write_text(json.dumps({"receipt": body, "signature": key.sign(rfc8785.dumps(body)).hex()}))
    report = import_receipts(w.field, fake)
    assert [r.code for r in report.rejected] == ["S040"] and len(pending(w.field)) == 1


def test_the_first_signed_recipient_is_primary_unless_one_is_marked(tmp_path: Path) -> None:
    w = world(tmp_path)  # the world's desk was added first
    second = make_desk(tmp_path / "second")
    export_recipient(second, tmp_path / "second.json", label="Second")
    added = add_recipient(w.field, tmp_path / "second.json", primary=True)
    assert added.primary and [r.primary for r in list_recipients(w.field)] == [False, True]


def test_outbox_list_and_add_recipient_show_the_desks(w: World, tmp_path: Path) -> None:
    rogue = _rogue(w, tmp_path)
    out = _sealed_to(w, tmp_path)
    desk_receive(rogue, out, w.fake_dossier)
    import_receipts(w.field, _receipts(rogue, tmp_path, "back"))
    w.field.lock()
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE + "\n")
    F = ("--data-dir", str(tmp_path / "field"), "--passphrase-file", str(pp))
    [item] = json.loads(run_cli(*F, "outbox", "list", "--json", check=True).stdout)
    assert [d["desk"] for d in item["receipted_by"]] == ["rogue desk"] and item["waiting_for"]
    text = run_cli(*F, "outbox", "list", check=True).stdout
    assert "receipted by: rogue desk" in text
    line = tmp_path / "plain.txt"
    line.write_text(str(x25519.Identity.generate().to_public()) + "\n")
    proc = run_cli(*F, "keys", "add-recipient", str(line), check=True)
    assert "unsigned" in proc.stdout and "never purge" in proc.stderr
    listing = run_cli(*F, "keys", "recipients", check=True).stdout
    assert "primary desk" in listing and w.desk.records.identity().ed25519_fingerprint() in listing
