"""Keep secrets out of core dumps and away from same-user debuggers (security.md T14)."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

PR_SET_DUMPABLE = 4


def harden_process() -> None:
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        libc_name = ctypes.util.find_library("c")
        if libc_name:
            libc = ctypes.CDLL(libc_name, use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
