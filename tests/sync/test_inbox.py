"""What a sync tool or a person does to a folder (issue 7 item 5), each simulated in a folder:
partial files ignored until complete, files in any order or twice imported once, conflict copies,
a truncated bundle (stick pulled out) rejected and accepted when a complete copy arrives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.sync import inbox
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.seal import seal_interviews
from tests.sync.synctools import World, add_interview, world


@pytest.fixture
def w(tmp_path: Path) -> World:
    return world(tmp_path)


def _bundles(w: World, tmp: Path, n: int) -> list[Path]:
    for i in range(n):
        _cid, iid = add_interview(w.field, f"IN-{i}")
        seal_interviews(w.field, [iid], w.fake_dossier)
    out = tmp / "outbox"
    out.mkdir()
    push_outbox(w.field, out)
    return sorted(out.iterdir())


def _statuses(w: World, box: Path) -> dict[str, str]:
    return {o.file: o.status for o in desk_receive(w.desk, box, w.fake_dossier)}


def _imported(w: World) -> int:
    return int(w.desk.conn_or_raise().execute("SELECT count(*) FROM desk_bundles").fetchone()[0])


def test_partial_files_are_ignored_until_renamed(w: World, tmp_path: Path) -> None:
    [src] = _bundles(w, tmp_path, 1)
    box = tmp_path / "inbox"
    box.mkdir()
    data = src.read_bytes()
    partial = {f".syncthing.{src.name}.tmp": data[: len(data) // 2], f"~syncthing~{src.name}.tmp": data,
               ".0123abcd.part": data, f"{src.name}.part": data[:100], f"{src.name}.crdownload": data}
    for name, blob in partial.items():
        (box / name).write_bytes(blob)
    assert _statuses(w, box) == {} and _imported(w) == 0
    (box / f".syncthing.{src.name}.tmp").write_bytes(data)  # Syncthing finishes, then renames
    (box / f".syncthing.{src.name}.tmp").rename(box / src.name)
    assert _statuses(w, box) == {src.name: inbox.IMPORTED}


def test_any_order_and_twice_imports_once(w: World, tmp_path: Path) -> None:
    srcs = _bundles(w, tmp_path, 4)
    box = tmp_path / "inbox"
    box.mkdir()
    for src in reversed(srcs):  # arrive one by one, newest first
        shutil.copy(src, box / src.name)
        _statuses(w, box)
    assert _imported(w) == 4
    for src in srcs:  # the same files arrive again, under another name too
        shutil.copy(src, box / ("f" * 32 + src.name[32:]) if src == srcs[0] else box / src.name)
    again = _statuses(w, box)
    assert set(again.values()) == {inbox.DUPLICATE} and _imported(w) == 4


def test_conflict_copies(w: World, tmp_path: Path) -> None:
    [src] = _bundles(w, tmp_path, 1)
    box = tmp_path / "inbox"
    box.mkdir()
    stem = src.name[: -len(".age")]
    same = box / f"{stem}.sync-conflict-20260301-101500-ABCDEFG.age"
    damaged = box / f"{stem}.sync-conflict-20260301-101501-HIJKLMN.age"
    assert inbox.is_conflict_copy(same.name)
    shutil.copy(src, same)
    damaged.write_bytes(src.read_bytes()[:-40])
    shutil.copy(src, box / src.name)
    got = {o.file: (o.status, o.code) for o in desk_receive(w.desk, box, w.fake_dossier)}
    assert sorted(s for s, _c in got.values()) == [inbox.DUPLICATE, inbox.IMPORTED, inbox.REJECTED]
    assert got[damaged.name] == (inbox.REJECTED, "S021") and _imported(w) == 1


def test_truncated_bundle_is_rejected_then_retried_when_complete(w: World, tmp_path: Path) -> None:
    [src] = _bundles(w, tmp_path, 1)
    box = tmp_path / "stick"
    box.mkdir()
    data = src.read_bytes()
    (box / src.name).write_bytes(data[: len(data) * 2 // 3])  # the stick was pulled out mid-copy
    [first] = desk_receive(w.desk, box, w.fake_dossier)
    assert (first.status, first.code) == (inbox.REJECTED, "S021") and "incomplete" in first.reason
    (box / src.name).write_bytes(data)  # copied again, completely
    assert _statuses(w, box) == {src.name: inbox.IMPORTED}


def test_links_and_folders_in_the_inbox_are_not_followed(w: World, tmp_path: Path) -> None:
    [src] = _bundles(w, tmp_path, 1)
    box = tmp_path / "inbox"
    box.mkdir()
    (box / ("a" * 32 + ".age")).symlink_to(src)
    (box / ("b" * 32 + ".age")).mkdir()
    assert _statuses(w, box) == {}


def test_a_file_still_growing_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.age"
    path.write_bytes(b"abc")
    real_open = open

    def growing(p: object, mode: str = "r", *a: object, **k: object):  # type: ignore[no-untyped-def]
        fh = real_open(p, mode, *a, **k)  # type: ignore[call-overload]
        with real_open(path, "ab") as more:
            more.write(b"more")
        return fh

    monkeypatch.setattr("builtins.open", growing)
    assert inbox.read_settled(path, 1000) is None
    monkeypatch.undo()
    assert inbox.read_settled(path, 1000) == b"abcmore"
    assert inbox.read_settled(path, 3) is None
