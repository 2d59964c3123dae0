"""Read an age header before any decryption (issue 14 point 4).

Anyone can encrypt to the desk's public recipient, so a file of thousands of recipient stanzas costs
no key to make; age libraries try every stanza against the identity (rage's time grows with the square
of the count). We parse the header ourselves first and refuse more than MAX_STANZAS stanzas (Go's age
has the same limit) or a header longer than MAX_HEADER bytes, so the desk's unlocked vault is never
kept busy by one file. A malformed header is "damaged" (S021), as the decryptor would say.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from desktop.core.errors import VoluntasError

VERSION_LINE = b"age-encryption.org/v1"
MAX_STANZAS = 20
MAX_HEADER = 8 * 1024  # 20 X25519 stanzas and a grease stanza take about 2.3 kB
_ARG = re.compile(rb"[\x21-\x7e]+")
_B64 = re.compile(rb"[A-Za-z0-9+/]*")


def _damaged(file: str) -> VoluntasError:
    return VoluntasError("S021", file=file)


def _refused(file: str, problem: str) -> VoluntasError:
    return VoluntasError("S033", file=file, problem=problem)


def header_length(file: str, head: bytes) -> int:
    """Bytes of the age header at the start of `head` (at least MAX_HEADER + 1 bytes of the file, or
    all of it); raises S033 beyond the limits and S021 when it is not a well-formed age v1 header."""
    lines = head[: MAX_HEADER + 1].split(b"\n")
    if lines[0] != VERSION_LINE:
        raise _damaged(file)
    pos = len(lines[0]) + 1
    stanzas = 0
    in_body = False
    for line in lines[1:-1]:  # the last piece has no newline yet: never a complete line
        pos += len(line) + 1
        if in_body:
            if len(line) > 64 or not _B64.fullmatch(line):
                raise _damaged(file)
            in_body = len(line) == 64
            continue
        if line.startswith(b"-> "):
            args = line[3:].split(b" ")
            if not all(_ARG.fullmatch(a) for a in args):
                raise _damaged(file)
            stanzas += 1
            if stanzas > MAX_STANZAS:
                raise _refused(file, f"more than {MAX_STANZAS} recipient stanzas")
            in_body = True
            continue
        if line.startswith(b"--- ") and stanzas > 0:
            if pos > MAX_HEADER:
                break
            return pos
        raise _damaged(file)
    if len(head) > MAX_HEADER:
        raise _refused(file, f"the header is longer than {MAX_HEADER} bytes")
    raise _damaged(file)


def check_file(file: str, fh: BinaryIO) -> int:
    """header_length() of an open file, read from its start; the file is left at its start."""
    fh.seek(0)
    head = fh.read(MAX_HEADER + 1)
    fh.seek(0)
    return header_length(file, head)
