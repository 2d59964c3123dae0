"""Command groups of the `voluntas` CLI. Each module has register(subparsers)."""

from __future__ import annotations

from types import ModuleType

COMMAND_MODULES: list[ModuleType] = []
