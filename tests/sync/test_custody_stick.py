"""Issue 14 points 4 and 7: no desk stalls on a hostile age file, and nothing on the stick but a
regular file is read or written. Every hostile file is made with real age (pyrage) and real keys."""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from desktop.core.errors import VoluntasError
from desktop.core.sync import agehdr, bundle, inbox
from desktop.core.sync.desk import desk_recipient
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.receipts import write_receipts
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.recipients import add_recipient, recipient_document
from desktop.core.sync.seal import seal_interviews
from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE
from tests.sync.synctools import World, add_interview, world


@pytest.fixture
def w(tmp_path: Path) -> World:
    return world(tmp_path)


def _others(n: int) -> list[x25519.Recipient]:
    return [x25519.Identity.generate().to_public() for _ in range(n)]


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    got = fn()
    return got, time.perf_counter() - start


def _receive(w: World, box: Path, name: str, data: bytes) -> tuple[inbox.Outcome, float]:
    box.mkdir(exist_ok=True)
    for old in box.iterdir():
        old.unlink()
    (box / name).write_bytes(data)
    got, secs = _timed(lambda: desk_receive(w.desk, box, w.fake_dossier))
    [outcome] = got  # type: ignore[misc]
    return outcome, secs


def _header_with_body_lines(lines: int) -> bytes:
    body = b"\n".join([b"A" * 64] * lines) + b"\nAAAA\n"
    return b"age-encryption.org/v1\n-> X25519 " + b"B" * 43 + b"\n" + body + b"--- " + b"C" * 43 + b"\n" + b"\0" * 64


def test_hostile_age_headers_are_refused_before_decryption(w: World, tmp_path: Path) -> None:
    me = x25519.Recipient.from_str(desk_recipient(w.desk))
    hostile = {
        "2000 stanzas, the desk's last": (pyrage.encrypt(b"x" * 1000, [*_others(1999), me]), "S033"),
        "21 stanzas": (pyrage.encrypt(b"x", [*_others(20), me]), "S033"),
        "a header over 8 kB": (_header_with_body_lines(200), "S033"),
        "no version line": (b"age-encryption.org/v2\n" + b"x" * 100, "S021"),
        "binary junk": (os.urandom(5000), "S021"),
        "a stanza with a space in an argument": (b"age-encryption.org/v1\n->  X25519\n\n--- x\n", "S021"),
        "empty": (b"", "S021"),
    }
    worst = 0.0
    for label, (data, code) in hostile.items():
        got, secs = _receive(w, tmp_path / "box", "a" * 32 + ".age", data)
        worst = max(worst, secs)
        assert (got.status, got.code) == (inbox.REJECTED, code), label
    print(f"{len(hostile)} hostile age files refused; worst {worst * 1000:.0f} ms")
    assert w.desk.conn_or_raise().execute("SELECT count(*) FROM desk_bundles").fetchone()[0] == 0


def test_a_bundle_of_the_largest_allowed_header_is_received(w: World, tmp_path: Path) -> None:
    """15 more recipients (16 in all) and age's grease stanza: within the limit, imported."""
    for n in range(bundle_extra := 15):
        rfile = tmp_path / f"r{n}.json"
        doc = recipient_document(str(_others(1)[0]), os.urandom(32), f"desk {n}")
        rfile.write_text(bundle.json.dumps(doc))
        add_recipient(w.field, rfile)
    _cid, iid = add_interview(w.field, "MANY")
    seal_interviews(w.field, [iid], w.fake_dossier)
    out = tmp_path / "out"
    out.mkdir()
    push_outbox(w.field, out)
    [path] = out.iterdir()
    data = path.read_bytes()
    assert agehdr.header_length("f", data) > 0 and data[:agehdr.MAX_HEADER].count(b"\n-> ") >= bundle_extra + 1
    [got] = desk_receive(w.desk, out, w.fake_dossier)
    assert got.status == inbox.IMPORTED
    rfile = tmp_path / "one-too-many.json"
    rfile.write_text(bundle.json.dumps(recipient_document(str(_others(1)[0]), os.urandom(32), "17th")))
    with pytest.raises(VoluntasError) as err:
        add_recipient(w.field, rfile)
    assert err.value.code == "S012"


def test_a_file_over_the_size_limit_is_refused_unread(w: World, tmp_path: Path) -> None:
    box = tmp_path / "box"
    box.mkdir()
    with open(box / ("b" * 32 + ".age"), "wb") as fh:  # sparse: no disk used, nothing read
        fh.truncate(bundle.MAX_BUNDLE + 1)
    got, secs = _timed(lambda: desk_receive(w.desk, box, w.fake_dossier))
    [outcome] = got  # type: ignore[misc]
    assert (outcome.status, outcome.code) == (inbox.REJECTED, "S033") and "MiB" in outcome.reason


def _in_thread(fn: Callable[[], object], timeout: float = 20.0) -> object:
    """Run fn; fail (instead of hanging the suite) if a FIFO blocks it."""
    box: list[object] = []
    t = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "blocked on a special file"
    return box[0]


def _device(path: Path) -> bool:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # /dev/null's numbers
    except (PermissionError, OSError):
        return False
    return True


def test_push_skips_a_fifo_a_link_and_a_device_named_like_a_bundle(w: World, tmp_path: Path) -> None:
    names = []
    for code in ("F1", "F2", "F3"):
        _cid, iid = add_interview(w.field, code)
        names.append(seal_interviews(w.field, [iid], w.fake_dossier).name)
    stick = tmp_path / "stick"
    stick.mkdir()
    os.mkfifo(stick / names[0])
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep me")
    (stick / names[1]).symlink_to(elsewhere)
    has_device = _device(stick / names[2])
    report = _in_thread(lambda: push_outbox(w.field, stick))
    assert sorted(report.skipped) == sorted(names[: 3 if has_device else 2])  # type: ignore[attr-defined]
    assert elsewhere.read_bytes() == b"keep me" and stat.S_ISFIFO(os.lstat(stick / names[0]).st_mode)
    assert (stick / names[1]).is_symlink()


def test_push_command_warns_and_names_a_missing_folder(w: World, tmp_path: Path) -> None:
    _cid, iid = add_interview(w.field, "CLI")
    name = seal_interviews(w.field, [iid], w.fake_dossier).name
    w.field.lock()
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE + "\n")
    F = ("--data-dir", str(tmp_path / "field"), "--passphrase-file", str(pp))
    missing = tmp_path / "no-stick"
    proc = run_cli(*F, "outbox", "push", "--to", str(missing))
    assert proc.returncode == 2 and "does not exist" in proc.stderr and str(missing) in proc.stderr
    assert "Cannot read" not in proc.stderr and "Traceback" not in proc.stderr
    stick = tmp_path / "stick"
    stick.mkdir()
    os.mkfifo(stick / name)
    proc = _in_thread(lambda: run_cli(*F, "outbox", "push", "--to", str(stick)))
    assert proc.returncode == 0 and "Warning: skipped" in proc.stderr and name in proc.stderr  # type: ignore[attr-defined]


def test_desk_receipts_skip_special_files_and_the_inbox_ignores_them(w: World, tmp_path: Path) -> None:
    _cid, iid = add_interview(w.field, "R1")
    seal_interviews(w.field, [iid], w.fake_dossier)
    out = tmp_path / "out"
    out.mkdir()
    push_outbox(w.field, out)
    [got] = desk_receive(w.desk, out, w.fake_dossier)
    assert got.status == inbox.IMPORTED
    back = tmp_path / "back"
    back.mkdir()
    [name] = [r[0] for r in w.desk.conn_or_raise().execute("SELECT receipt_name FROM desk_bundles")]
    os.mkfifo(back / name)
    skipped: list[str] = []
    written = _in_thread(lambda: write_receipts(w.desk, back, skipped))
    assert written == [] and skipped == [name]
    with pytest.raises(VoluntasError) as err:
        write_receipts(w.desk, tmp_path / "gone")
    assert err.value.code == "S010" and "does not exist" in err.value.message()
    box = tmp_path / "box"
    box.mkdir()
    os.mkfifo(box / ("c" * 32 + ".age"))
    assert _in_thread(lambda: desk_receive(w.desk, box, w.fake_dossier)) == []


def test_attachments_are_stored_in_pieces_and_read_back_whole(w: World, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core.sync import receive
    from desktop.core.vault import desk_store

    monkeypatch.setattr(desk_store, "CHUNK", 7)  # pieces of 7 bytes: the same code path as 8 MiB pieces
    _cid, iid = add_interview(w.field, "BIG")
    data = os.urandom(100)
    w.field.records.add_attachment(iid, "free_text", "application/octet-stream", data)
    seal_interviews(w.field, [iid], w.fake_dossier)
    out = tmp_path / "out"
    out.mkdir()
    push_outbox(w.field, out)
    [got] = desk_receive(w.desk, out, w.fake_dossier)
    assert got.status == inbox.IMPORTED
    names = [r[0] for r in w.desk.conn_or_raise().execute("SELECT name FROM desk_files ORDER BY name")]
    whole = [n for n in names if "\x00" not in n]
    assert len(names) > len(whole) == 2
    found = {receive.read_desk_file(w.desk, got.bundle_id, n) for n in whole}
    assert data in found
