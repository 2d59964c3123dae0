"""The bytes and the JSON of a case file, read within stated limits (case-format.md section 2).

The read is bounded: only regular files, at most MAX_CASE_BYTES, opened without blocking (a FIFO or
/dev/zero is refused, never read). The parse is strict: UTF-8, no NaN or Infinity, no repeated key,
numbers of at most MAX_NUMBER_CHARS characters, arrays and objects nested at most MAX_DEPTH deep.
Every problem is a coded VoluntasError naming the file and the line and column, or the JSON path.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.core.errors import VoluntasError

# A case file of three interviews is about 10 KB; even at the free-text limits (forms/values.py) an
# interview stays under 200 KB, so 10 MB holds dozens of interviews and still bounds memory and time.
MAX_CASE_BYTES = 10_000_000
LIMIT_TEXT = "10 MB (10,000,000 bytes)"
# A valid case file nests five deep (top level, interviews, interview, answers, a list of codes).
MAX_DEPTH = 32
# No answer or setting needs more than a few digits; Python itself refuses integers above 4,300.
MAX_NUMBER_CHARS = 100

# JSONDecodeError messages in our own words (the parser's wording is not ours and not translated).
_REASONS = {
    "Expecting value": "a value is expected here",
    "Expecting property name enclosed in double quotes": "a key in double quotes is expected here",
    "Expecting ':' delimiter": "':' is expected here",
    "Expecting ',' delimiter": "',' or a closing bracket is expected here",
    "Unterminated string starting at": "a string starts here and is never closed",
    "Invalid control character at": "a control character (such as a line break) inside a string",
    "Invalid \\escape": "a backslash escape that JSON does not have",
    "Invalid \\uXXXX escape": "a \\u escape without four hexadecimal digits",
    "Extra data": "more text after the end of the JSON document",
}
# Outside strings: the tokens whose position a late check needs (constants, numbers, brackets).
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|(-?Infinity|NaN)|(-?[0-9][0-9.eE+-]*)|([\[{])|([\]}])', re.S)


def read_bounded(path: str | Path, file: str) -> bytes:
    """The bytes of a regular file of at most MAX_CASE_BYTES; never blocks, never reads more."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise VoluntasError("C003", file=file, reason=err.strerror or type(err).__name__) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise VoluntasError("C004", file=file, limit=LIMIT_TEXT)
        if info.st_size > MAX_CASE_BYTES:
            raise VoluntasError("C005", file=file, limit=LIMIT_TEXT)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_CASE_BYTES:  # the file may grow while it is read: stop one byte past the limit
            chunk = os.read(fd, MAX_CASE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_CASE_BYTES:
            raise VoluntasError("C005", file=file, limit=LIMIT_TEXT)
        return b"".join(chunks)
    except OSError as err:
        raise VoluntasError("C003", file=file, reason=err.strerror or type(err).__name__) from None
    finally:
        os.close(fd)


class _Constant(ValueError):
    pass


class _LongNumber(ValueError):
    pass


class _Repeated(dict):  # type: ignore[type-arg]
    """An object in which `key` appeared twice (reported with its path after the parse)."""

    key = ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            marked = _Repeated(pairs)
            marked.key = key
            return marked
        out[key] = value
    return out


def _no_constant(_name: str) -> Any:
    raise _Constant


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _LongNumber
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _LongNumber
    return float(text)


def load_json(data: bytes, file: str) -> Any:
    """Parse the bytes of a case file strictly; VoluntasError (exit 2) with line and column, or path."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _byte_position(data, err.start)
        raise VoluntasError("C001", file=file, reason="bytes that are not UTF-8 text", line=line,
                            column=column) from None
    try:
        doc = json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant, parse_int=_int,
                         parse_float=_float)
    except json.JSONDecodeError as err:
        reason = _REASONS.get(err.msg, "this is not JSON")
        raise VoluntasError("C001", file=file, reason=reason, line=err.lineno, column=err.colno) from None
    except _Constant:
        line, column = _position(text, _find(text, "constant"))
        raise VoluntasError("C001", file=file, reason="NaN and Infinity are not JSON numbers", line=line,
                            column=column) from None
    except _LongNumber:
        line, column = _position(text, _find(text, "number"))
        raise VoluntasError("C008", file=file, limit=MAX_NUMBER_CHARS, line=line, column=column) from None
    except RecursionError:
        raise _too_deep(text, file) from None
    _check_tree(doc, text, file)
    return doc


def _check_tree(doc: Any, text: str, file: str) -> None:
    """Depth and repeated keys, in document order. One iterator per level: memory grows with the depth
    (at most MAX_DEPTH), not with the width of the document."""
    if not isinstance(doc, dict | list):
        return
    path: list[str | int] = []
    levels = [_children(doc)]
    if isinstance(doc, _Repeated):
        raise _repeated(doc, path, file)
    while levels:
        for key, value in levels[-1]:
            if isinstance(value, dict | list):
                path.append(key)
                if len(path) >= MAX_DEPTH:
                    raise _too_deep(text, file)
                if isinstance(value, _Repeated):
                    raise _repeated(value, path, file)
                levels.append(_children(value))
                break
        else:
            levels.pop()
            if path:
                path.pop()


def _children(node: dict[str, Any] | list[Any]) -> Iterator[tuple[str | int, Any]]:
    return iter(node.items()) if isinstance(node, dict) else enumerate(node)


def _repeated(node: _Repeated, path: list[str | int], file: str) -> VoluntasError:
    return VoluntasError("C002", file=file, where=path_text(tuple(path)),
                         problem=f"the key '{node.key[:60]}' appears twice in one object")


def path_text(path: tuple[str | int, ...]) -> str:
    """A JSON path as messages name it: top level, interview 2: answers, config.cfg_nr_override.dprk."""
    if not path:
        return "top level"
    head, rest = "", list(path)
    if len(rest) >= 2 and rest[0] == "interviews" and isinstance(rest[1], int):
        head, rest = f"interview {rest[1] + 1}", rest[2:]
    out = ""
    for key in rest:
        out += f" item {key + 1}" if isinstance(key, int) else (f".{key}" if out else key)
    return f"{head}: {out}" if head and out else head or out


def _too_deep(text: str, file: str) -> VoluntasError:
    line, column = _position(text, _find(text, "depth"))
    return VoluntasError("C006", file=file, limit=MAX_DEPTH, line=line, column=column)


def _find(text: str, kind: str) -> int:
    """Where the first token of `kind` sits outside strings (only called once a problem is known)."""
    depth = 0
    for m in _TOKEN.finditer(text):
        if kind == "constant" and m.group(1):
            return m.start()
        if kind == "number" and m.group(2) and len(m.group(2)) > MAX_NUMBER_CHARS:
            return m.start()
        if m.group(3):
            depth += 1
            if kind == "depth" and depth > MAX_DEPTH:
                return m.start()
        elif m.group(4):
            depth -= 1
    return 0


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    """Line and column (in characters) of a byte offset; the bytes before it are valid UTF-8."""
    line = data.count(b"\n", 0, index) + 1
    start = data.rfind(b"\n", 0, index) + 1
    before = data[start:index].decode("utf-8-sig" if start == 0 else "utf-8", errors="replace")
    return line, len(before) + 1
