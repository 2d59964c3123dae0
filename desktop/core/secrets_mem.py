"""Zeroing key material in memory.

Keys live in bytearrays that are zeroed after use. Libraries (cryptography, argon2) return
immutable bytes; those are overwritten in place too, which works in CPython (the only runtime we
ship). Python str copies of a passphrase cannot be wiped reliably; we keep as few as we can.
"""

from __future__ import annotations

import ctypes
import sys

_BYTES_OFFSET = sys.getsizeof(b"") - 1  # header size of a CPython bytes object


def wipe(buf: bytearray | bytes | None) -> None:
    if buf is None or len(buf) <= 1:  # 0- and 1-byte bytes objects are shared singletons
        return
    if isinstance(buf, bytearray):
        ctypes.memset((ctypes.c_char * len(buf)).from_buffer(buf), 0, len(buf))
        return
    # bytes is immutable by contract; this key copy is ours alone and is never used again.
    ctypes.memset(id(buf) + _BYTES_OFFSET, 0, len(buf))


_HEX = b"0123456789abcdef"


def sqlcipher_raw_key(key: bytes | bytearray) -> bytearray:
    """x'<64 hex>' built byte by byte in a bytearray, so no str or bytes copy of the hex exists."""
    out = bytearray(3 + 2 * len(key))
    out[0:2] = b"x'"
    for i, byte in enumerate(key):
        out[2 + 2 * i] = _HEX[byte >> 4]
        out[3 + 2 * i] = _HEX[byte & 0x0F]
    out[-1] = ord("'")
    return out
