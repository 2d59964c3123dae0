"""Workaround for the PySide6 build in use (6.12.0) under Python 3.11: many calls that return nothing
(setText, addItem, setParent, ...) drop a reference to None that they never took. From Python 3.12 None
is immortal and nothing happens; on 3.11 the count of None sinks with every such call until the process
aborts ("Fatal Python error: none_dealloc"), in a long session or at exit. Measured: 100 setText calls
lower it by 100. Raising the count once, far out of reach, stops that; remove this with a fixed PySide6
or Python 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40


def apply() -> None:
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        ctypes.c_ssize_t.from_address(id(None)).value += HEADROOM  # ob_refcnt is PyObject's first field


apply()
