"""The user's settings are declared once (desktop.core.settings) and read and written within their limits,
whatever the vault holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.languages import LANGUAGES
from desktop.core.settings import AUTOLOCK_MINUTES, UI_LANGUAGE
from tests.core.vaulttools import make_vault


def test_the_declared_defaults_and_limits() -> None:
    assert (AUTOLOCK_MINUTES.key, AUTOLOCK_MINUTES.default, AUTOLOCK_MINUTES.minimum, AUTOLOCK_MINUTES.maximum) == (
        "autolock_minutes", 5, 1, 15)
    assert (UI_LANGUAGE.key, UI_LANGUAGE.choices, UI_LANGUAGE.default) == ("ui_lang", LANGUAGES, None)


def test_settings_round_trip_through_the_vault_within_their_limits(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    try:
        records = vault.records
        assert AUTOLOCK_MINUTES.get(records.get_setting) == 5 and UI_LANGUAGE.get(records.get_setting) is None
        AUTOLOCK_MINUTES.put(records.set_setting, 60)
        assert records.get_setting("autolock_minutes") == 15  # stored clamped
        AUTOLOCK_MINUTES.put(records.set_setting, 0)
        assert AUTOLOCK_MINUTES.get(records.get_setting) == 1
        for stored, read in ((99, 15), (-3, 1), (7, 7), ("7", 7), ("soon", 5), (None, 5), ([3], 5)):
            records.set_setting("autolock_minutes", stored)  # as an older or altered vault may hold it
            assert AUTOLOCK_MINUTES.get(records.get_setting) == read, stored
        UI_LANGUAGE.put(records.set_setting, "uk")
        assert UI_LANGUAGE.get(records.get_setting) == "uk"
        with pytest.raises(ValueError):
            UI_LANGUAGE.put(records.set_setting, "fr")
        records.set_setting("ui_lang", "fr")
        assert UI_LANGUAGE.get(records.get_setting) is None
    finally:
        vault.lock()
