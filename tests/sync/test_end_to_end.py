"""End to end with the real dossier: field vault, interviews, finalize (seal), push, desk receive, case view,
sign-off, receipt, field purge; then T13 on the field database and WAL."""

from __future__ import annotations

from pathlib import Path

from desktop.core.sync import inbox
from desktop.core.sync.caseview import case_view, list_cases, sign_off
from desktop.core.sync.outbox import pending, purged, push_outbox
from desktop.core.sync.port import DefaultPort
from desktop.core.sync.receipts import import_receipts, write_receipts
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.seal import seal_interviews
from desktop.core.vault import keyfile
from tests.core.vaulttools import PASSPHRASE, encodings, scan
from tests.sync.synctools import HANGUL, MARKER, all_pages, import_vignette, world

NEEDLES = [n for m in (MARKER, HANGUL) for n in encodings(m)[:1]]


def _raw_key(root: Path) -> bytes:
    return bytes(keyfile.read(root / "vault.key").unwrap(PASSPHRASE.encode()))


def _hits(root: Path) -> tuple[int, int]:
    pages = all_pages(_raw_key(root), root / "vault.db")
    return len(pages), sum(1 for p in pages for n in NEEDLES if n in p)


def test_field_to_desk_and_back(tmp_path: Path) -> None:
    w = world(tmp_path)
    port = DefaultPort()  # the real dossier: rendered, signed, verified at the desk
    field_root = tmp_path / "field"
    cid, ids = import_vignette(w.field, "V05", MARKER)
    keep_cid, keep_ids = import_vignette(w.field, "V01")  # a draft that stays readable
    pages, hits = _hits(field_root)
    assert hits > 0, "positive control: the page decryption must see the draft's answer"
    # Two finalizes over time: the case view must gather both interviews of the captive.
    first = seal_interviews(w.field, ids[:1], port)
    second = seal_interviews(w.field, ids[1:], port)
    assert first.bundle_id != second.bundle_id and first.name != second.name
    rows = {r.id: r for r in w.field.records.list_interviews()}
    assert [rows[i].state for i in ids] == ["sealed", "sealed"] and rows[keep_ids[0]].state == "draft"
    assert all(w.field.records.answers(i) == {} for i in ids)
    assert w.field.records.answers(keep_ids[0])  # drafts stay readable
    assert all(r.ok for r in w.field.check())

    pages, hits = _hits(field_root)
    assert hits == 0, f"T13: sealed answer text found in {hits} of {pages} decrypted pages"
    print(f"T13: {pages} pages scanned, hits = 0")

    out = tmp_path / "usb"
    out.mkdir()
    assert len(push_outbox(w.field, out).written) == 2
    again = push_outbox(w.field, out)
    assert again.written == [] and again.already == 2
    names = sorted(p.name for p in out.iterdir())
    assert all(len(n) == 36 and n.endswith(".age") for n in names)  # random, nothing about the case

    got = desk_receive(w.desk, out, port)
    assert [o.status for o in got] == [inbox.IMPORTED, inbox.IMPORTED]
    _files, _size, hits_on_disk = scan(tmp_path, [n for m in (MARKER, HANGUL) for n in encodings(m)])
    assert hits_on_disk == [], hits_on_disk  # desk and field vaults encrypted, bundles encrypted, no temp copies
    assert [c.case_code for c in list_cases(w.desk)] == ["V05"]
    view = case_view(w.desk, "V05")
    assert len(view.interviews) == 2 and view.problem == ""
    assert view.evaluation is not None
    assert view.interviews[0].answers["wsh_open"].startswith(MARKER)
    assert view.interviews[0].verification["signature"] == "valid"
    sign_off(w.desk, "V05", "Reviewer A", "Wish confirmed over two interviews.")
    assert case_view(w.desk, "V05").signoffs[0].reviewer == "Reviewer A"
    assert all(r.ok for r in w.desk.check())

    back = tmp_path / "back"
    back.mkdir()
    assert len(write_receipts(w.desk, back)) == 2
    assert write_receipts(w.desk, back) == []
    report = import_receipts(w.field, back)
    assert len(report.purged_bundles) == 2 and report.purged_interviews == 2 and not report.rejected
    assert pending(w.field) == []
    assert sorted(p.bundle_id for p in purged(w.field)) == sorted([first.bundle_id, second.bundle_id])
    assert {r.case_id for r in w.field.records.list_interviews()} == {keep_cid}
    assert import_receipts(w.field, back).already == 2
    assert all(r.ok for r in w.field.check())
    pages, hits = _hits(field_root)
    assert hits == 0
    assert w.field.conn_or_raise().execute("SELECT count(*) FROM sealed").fetchone()[0] == 0
    w.field.lock()
    w.desk.lock()


def test_evaluation_matches_a_direct_evaluation(tmp_path: Path) -> None:
    from desktop.core.rules import evaluate_answers

    w = world(tmp_path)
    cid, ids = import_vignette(w.field, "V10")
    answers = [(r.interview_date, w.field.records.answers(r.id)) for r in w.field.records.list_interviews()]
    expected = evaluate_answers(sorted(answers, key=lambda a: a[0]), case_id="V10").to_json()
    seal_interviews(w.field, ids, w.fake_dossier)
    out = tmp_path / "o"
    out.mkdir()
    push_outbox(w.field, out)
    assert [o.status for o in desk_receive(w.desk, out, w.fake_dossier)] == [inbox.IMPORTED]
    assert case_view(w.desk, "V10").evaluation == expected


def test_with_the_real_dossier_module(tmp_path: Path) -> None:
    """The default port: PAdES-signed PDF from desktop.core.dossier, verified at the desk; no plaintext
    file anywhere in the tree (vault, outbox, HOME, TMPDIR) after sealing."""
    w = world(tmp_path)
    port = DefaultPort()
    cid, ids = import_vignette(w.field, "V05", MARKER)
    seal_interviews(w.field, ids, port)
    out = tmp_path / "usb"
    out.mkdir()
    push_outbox(w.field, out)
    w.field.lock()
    files, size, hits = scan(tmp_path, [n for m in (MARKER, HANGUL) for n in encodings(m)])
    desk_files = [h for h in hits if h.startswith("desk")]
    assert hits == desk_files == [], hits
    got = desk_receive(w.desk, out, port)
    assert [o.status for o in got] == [inbox.IMPORTED], got
    view = case_view(w.desk, "V05")
    assert len(view.interviews) == 2 and view.evaluation is not None
    pdf = w.desk.conn_or_raise().execute("SELECT pdf FROM desk_bundles").fetchone()[0]
    cert = bytes(w.desk.conn_or_raise().execute("SELECT certificate FROM desk_keys").fetchone()[0])
    assert port.verify(bytes(pdf), cert) is None
    assert port.verify(bytes(pdf) + b"\n% appended after signing\n", cert) is not None
