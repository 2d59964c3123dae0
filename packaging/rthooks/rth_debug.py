"""Debug builds only (packaging/build.py --debug, never a release): VOLUNTAS_DEBUG_EXEC=FILE runs FILE's Python
inside the bundle instead of the app, so a failure seen only in the frozen app can be traced there."""

import os
import sys

_script = os.environ.get("VOLUNTAS_DEBUG_EXEC")
if _script:
    with open(_script, encoding="utf-8") as _fh:
        _code = compile(_fh.read(), _script, "exec")
    exec(_code, {"__name__": "__main__", "__file__": _script})  # noqa: S102 - debug builds only
    sys.exit(0)
