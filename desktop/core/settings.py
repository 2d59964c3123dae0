"""The user's settings, each declared once with its vault key, type, default and limits.

The vault keeps them as JSON in its settings table (Records.get_setting / set_setting); read and write them
through these declarations so that a value outside its limits is never used, whoever stored it. The sync
settings (recipients, role, keys) belong to the vault and are not user settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.core.languages import LANGUAGES

Lookup = Callable[[str], Any]  # key -> stored value or None: Records.get_setting, or the app's Core.setting
Store = Callable[[str, Any], None]  # Records.set_setting, or the app's Core.set_setting


@dataclass(frozen=True)
class IntSetting:
    """A whole number kept within [minimum, maximum]; anything unreadable reads as the default."""

    key: str
    default: int
    minimum: int
    maximum: int

    def coerce(self, raw: Any) -> int:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            return self.default
        return min(self.maximum, max(self.minimum, value))

    def get(self, lookup: Lookup) -> int:
        return self.coerce(lookup(self.key))

    def put(self, store: Store, value: int) -> None:
        store(self.key, self.coerce(value))


@dataclass(frozen=True)
class ChoiceSetting:
    """One of `choices`; unset or unknown reads as the default (None: not chosen yet)."""

    key: str
    choices: tuple[str, ...]
    default: str | None = None

    def coerce(self, raw: Any) -> str | None:
        return raw if raw in self.choices else self.default

    def get(self, lookup: Lookup) -> str | None:
        return self.coerce(lookup(self.key))

    def put(self, store: Store, value: str) -> None:
        if value not in self.choices:
            raise ValueError(f"{self.key}: not one of {self.choices}")
        store(self.key, value)


# Idle minutes before the window locks (README: 5 minutes, at most 15).
AUTOLOCK_MINUTES = IntSetting("autolock_minutes", default=5, minimum=1, maximum=15)
# The interface language chosen in Settings; applied at unlock.
UI_LANGUAGE = ChoiceSetting("ui_lang", LANGUAGES)
