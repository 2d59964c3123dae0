"""The packaging tests build or run the frozen app: only when asked for with `-m packaging`.

`python -m pytest` (and `python -m tests`, CI) skips them with a reason; packaging/README.md's command runs
them: `.venv/bin/python packaging/build.py --test` (or `pytest -m packaging tests/packaging` on a build).
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "packaging" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="packaging: run by packaging/README.md's command (pytest -m packaging)")
    for item in items:
        if item.get_closest_marker("packaging") is not None:
            item.add_marker(skip)
