"""Reading and extracting archives that came from outside (security.md T9).

Only a plain (uncompressed) tar of regular files is accepted. Every entry is checked before any byte
is used: no traversal, no absolute path, no drive letter, no link, device, FIFO or sparse file, no
duplicate name, no two names equal after Unicode normalisation and case folding, at most MAX_ENTRIES
entries and MAX_TOTAL bytes in all. read_archive() keeps everything in memory (the desk never writes
plaintext to disk); extract_archive() writes into one target folder with tarfile's "data" filter.
"""

from __future__ import annotations

import io
import re
import tarfile
import unicodedata
from pathlib import Path, PurePosixPath

from desktop.core.errors import VoluntasError

MAX_ENTRIES = 1000
MAX_ENTRY = 256 * 1024 * 1024
MAX_TOTAL = 512 * 1024 * 1024
MAX_NAME = 255
_DRIVE = re.compile(r"^[A-Za-z]:")


def _unsafe(file: str, entry: str, problem: str) -> VoluntasError:
    return VoluntasError("S022", file=file, entry=ascii(entry)[1:-1], problem=problem)


def _check_name(file: str, name: str) -> str:
    if not name or "\x00" in name or len(name) > MAX_NAME:
        raise _unsafe(file, name, "empty, too long or with a NUL character")
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        raise _unsafe(file, name, "absolute path or drive letter")
    if "\\" in name:
        raise _unsafe(file, name, "backslash in the name")
    parts = PurePosixPath(name).parts
    if any(p in ("..", ".") for p in name.split("/")) or not parts:
        raise _unsafe(file, name, "path traversal")
    if any(ord(ch) < 32 for ch in name):
        raise _unsafe(file, name, "control character in the name")
    return "/".join(parts)


def check_members(file: str, members: list[tarfile.TarInfo]) -> list[tarfile.TarInfo]:
    """The regular-file members, after every T9 check; raises S022 on the first unsafe entry."""
    if len(members) > MAX_ENTRIES:
        raise VoluntasError("S023", file=file, problem=f"{len(members)} entries (at most {MAX_ENTRIES})")
    seen: set[str] = set()
    folded: set[str] = set()
    total = 0
    files = []
    for m in members:
        name = _check_name(file, m.name)
        if m.issym() or m.islnk():
            raise _unsafe(file, m.name, "link")
        if m.ischr() or m.isblk() or m.isfifo() or m.isdev():
            raise _unsafe(file, m.name, "device or FIFO")
        if m.issparse():
            raise _unsafe(file, m.name, "sparse file")
        if not (m.isreg() or m.isdir()):
            raise _unsafe(file, m.name, "not a regular file")
        key = unicodedata.normalize("NFKC", name).casefold()
        if name in seen:
            raise _unsafe(file, m.name, "duplicate name")
        if key in folded:
            raise _unsafe(file, m.name, "same name as another entry after Unicode normalisation")
        seen.add(name)
        folded.add(key)
        if m.isreg():
            if m.size > MAX_ENTRY:
                raise _unsafe(file, m.name, f"{m.size} bytes (at most {MAX_ENTRY})")
            total += m.size
            if total > MAX_TOTAL:
                raise VoluntasError("S023", file=file, problem=f"more than {MAX_TOTAL} bytes unpacked")
            files.append(m)
    return files


def _open(file: str, data: bytes) -> tarfile.TarFile:
    return _open_io(file, io.BytesIO(data))


def _open_io(file: str, fileobj: io.BytesIO) -> tarfile.TarFile:
    try:
        # "r:" is plain tar only: a compressed archive (a bomb) is refused, not unpacked.
        return tarfile.open(fileobj=fileobj, mode="r:")
    except (tarfile.TarError, EOFError, ValueError) as err:
        raise VoluntasError("S023", file=file, problem=f"not a plain tar archive ({type(err).__name__})") from None


def _members(file: str, tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    try:
        return tar.getmembers()
    except (tarfile.TarError, EOFError, ValueError) as err:
        raise VoluntasError("S023", file=file, problem=f"damaged tar ({type(err).__name__})") from None


def read_archive(file: str, data: bytes) -> dict[str, bytes]:
    """Name -> bytes of every regular file, checked; nothing is written anywhere."""
    with _open(file, data) as tar:
        out: dict[str, bytes] = {}
        for m in check_members(file, _members(file, tar)):
            try:
                fh = tar.extractfile(m)
                blob = fh.read() if fh else b""
            except (tarfile.TarError, EOFError, OSError) as err:
                raise VoluntasError("S023", file=file, problem=f"damaged entry ({type(err).__name__})") from None
            if len(blob) != m.size:
                raise VoluntasError("S023", file=file, problem="an entry is shorter than its header says")
            out["/".join(PurePosixPath(m.name).parts)] = blob
    return out


def read_archive_views(file: str, buf: io.BytesIO) -> dict[str, memoryview]:
    """Like read_archive, but each file is a view into `buf` (no copy: the desk keeps one copy of a bundle)."""
    buf.seek(0)
    with _open_io(file, buf) as tar:
        members = check_members(file, _members(file, tar))
    view = buf.getbuffer()
    out: dict[str, memoryview] = {}
    for m in members:
        blob = view[m.offset_data:m.offset_data + m.size]
        if len(blob) != m.size:
            raise VoluntasError("S023", file=file, problem="an entry is shorter than its header says")
        out["/".join(PurePosixPath(m.name).parts)] = blob
    return out


def extract_archive(file: str, data: bytes, target: Path) -> list[Path]:
    """Extract into `target` (created if missing) after the checks; returns the files written."""
    target = Path(target)
    with _open(file, data) as tar:
        members = check_members(file, _members(file, tar))
        root = target.resolve()
        for m in members:
            if not (root / m.name).resolve().is_relative_to(root):
                raise _unsafe(file, m.name, "resolves outside the target folder")
        target.mkdir(parents=True, exist_ok=True)
        try:
            tar.extractall(root, members=members, filter="data")
        except (tarfile.TarError, OSError) as err:
            raise VoluntasError("S023", file=file, problem=f"extraction refused ({type(err).__name__})") from None
    return [root / m.name for m in members]
