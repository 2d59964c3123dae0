"""Where things are: the vault's data folder, and the shipped forms, locales and resources.

A checkout, an editable install and a frozen (PyInstaller) bundle all keep forms/, locales/ and
resources/ beside the package, so one rule finds them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "voluntas"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir beats VOLUNTAS_DATA_DIR beats the platform's user data dir."""
    if override:
        return Path(override)
    env = os.environ.get("VOLUNTAS_DATA_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    return root() / "forms"


def locales_dir() -> Path:
    return root() / "locales"


def resources_dir() -> Path:
    return root() / "resources"
