"""T9: crafted archives are refused with a clear error, before anything is written, and nothing
appears outside the target folder (the parent tree hashes the same before and after)."""

from __future__ import annotations

import gzip
import io
import tarfile
from collections.abc import Callable
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from desktop.core.errors import VoluntasError
from desktop.core.sync import inbox, safety
from desktop.core.sync.desk import desk_recipient
from desktop.core.sync.receive import desk_receive
from tests.sync.synctools import folder_hashes, world


def _tar(*entries: tarfile.TarInfo | tuple[str, bytes], fmt: int = tarfile.PAX_FORMAT) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for e in entries:
            if isinstance(e, tuple):
                info = tarfile.TarInfo(e[0])
                info.size = len(e[1])
                tar.addfile(info, io.BytesIO(e[1]))
            else:
                tar.addfile(e)
    return buf.getvalue()


def _info(name: str, kind: bytes, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    return info


def _many(n: int) -> bytes:
    return _tar(*[(f"f{i}", b"") for i in range(n)])


def _bomb() -> bytes:
    inner = _tar(("big", bytes(1_000_000)))
    return gzip.compress(inner, 9)


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "traversal": (lambda: _tar(("../escape.txt", b"x")), "S022"),
    "deep traversal": (lambda: _tar(("a/../../escape.txt", b"x")), "S022"),
    "absolute path": (lambda: _tar(("/tmp/escape.txt", b"x")), "S022"),
    "drive letter": (lambda: _tar(("C:/escape.txt", b"x")), "S022"),
    "drive letter backslash": (lambda: _tar(("C:\\escape.txt", b"x")), "S022"),
    "backslash traversal": (lambda: _tar(("..\\escape.txt", b"x")), "S022"),
    "symlink": (lambda: _tar(_info("link", tarfile.SYMTYPE, "/etc/passwd")), "S022"),
    "hardlink": (lambda: _tar(("a", b"x"), _info("b", tarfile.LNKTYPE, "a")), "S022"),
    "char device": (lambda: _tar(_info("dev", tarfile.CHRTYPE)), "S022"),
    "block device": (lambda: _tar(_info("blk", tarfile.BLKTYPE)), "S022"),
    "fifo": (lambda: _tar(_info("fifo", tarfile.FIFOTYPE)), "S022"),
    "duplicate name": (lambda: _tar(("a.txt", b"1"), ("a.txt", b"2")), "S022"),
    "duplicate after ./": (lambda: _tar(("a.txt", b"1"), ("./a.txt", b"2")), "S022"),
    "unicode NFC/NFD": (lambda: _tar(("caf\u00e9.txt", b"1"), ("cafe\u0301.txt", b"2")), "S022"),
    "case fold": (lambda: _tar(("Dossier.pdf", b"1"), ("dossier.pdf", b"2")), "S022"),
    "NUL-free control char": (lambda: _tar(("a\x07b", b"1")), "S022"),
    "10k entries": (lambda: _many(10_000), "S023"),
    "1000:1 gzip bomb": (_bomb, "S023"),
    "not a tar": (lambda: b"PK\x03\x04 zip or junk" * 100, "S023"),
    "truncated tar": (lambda: _tar(("a", bytes(5000)))[:3000], "S023"),
}


@pytest.mark.parametrize("label", sorted(CASES))
def test_crafted_archive_is_refused(tmp_path: Path, label: str) -> None:
    make, code = CASES[label]
    data = make()
    parent = tmp_path / "parent"
    target = parent / "target"
    parent.mkdir()
    (parent / "keep.txt").write_text("unchanged")
    before = folder_hashes(tmp_path)
    with pytest.raises(VoluntasError) as err:
        safety.read_archive("x.tar", data)
    assert err.value.code == code, (label, err.value.message())
    with pytest.raises(VoluntasError) as err2:
        safety.extract_archive("x.tar", data, target)
    assert err2.value.code == code
    assert folder_hashes(tmp_path) == before
    assert "x.tar" in err.value.message()


def test_size_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_ENTRY", 100)
    with pytest.raises(VoluntasError) as err:
        safety.read_archive("x.tar", _tar(("a", bytes(101))))
    assert err.value.code == "S022"
    monkeypatch.setattr(safety, "MAX_ENTRY", 1000)
    monkeypatch.setattr(safety, "MAX_TOTAL", 1500)
    with pytest.raises(VoluntasError) as err:
        safety.read_archive("x.tar", _tar(("a", bytes(800)), ("b", bytes(800))))
    assert err.value.code == "S023"


def test_a_clean_archive_extracts_only_inside(tmp_path: Path) -> None:
    data = _tar(("dossier.pdf", b"%PDF"), ("attachments/a", b"x"))
    assert safety.read_archive("ok.tar", data) == {"dossier.pdf": b"%PDF", "attachments/a": b"x"}
    parent = tmp_path / "p"
    parent.mkdir()
    written = safety.extract_archive("ok.tar", data, parent / "t")
    assert sorted(p.relative_to(parent / "t").as_posix() for p in written) == ["attachments/a", "dossier.pdf"]
    assert sorted(folder_hashes(parent)) == ["t", "t/attachments", "t/attachments/a", "t/dossier.pdf"]


@pytest.mark.parametrize("label", ["traversal", "symlink", "unicode NFC/NFD", "10k entries"])
def test_desk_refuses_an_encrypted_crafted_archive(tmp_path: Path, label: str) -> None:
    w = world(tmp_path)
    box = tmp_path / "inbox"
    box.mkdir()
    data = pyrage.encrypt(CASES[label][0](), [x25519.Recipient.from_str(desk_recipient(w.desk))])
    (box / ("a" * 32 + ".age")).write_bytes(data)
    outside = {k: v for k, v in folder_hashes(tmp_path).items() if not k.startswith(("desk", "home"))}
    [got] = desk_receive(w.desk, box, w.fake_dossier)
    assert (got.status, got.code) == (inbox.REJECTED, CASES[label][1])
    assert {k: v for k, v in folder_hashes(tmp_path).items() if not k.startswith(("desk", "home"))} == outside
