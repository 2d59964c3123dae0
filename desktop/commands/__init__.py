"""Command groups of the `voluntas` CLI. Each module has register(subparsers)."""

from __future__ import annotations

from types import ModuleType

from desktop.commands import desk, docs, dossier, evaluate, forms, gui, interview, keys, outbox, rules, vault

COMMAND_MODULES: list[ModuleType] = [vault, keys, interview, evaluate, rules, forms, gui, outbox, desk, dossier, docs]
