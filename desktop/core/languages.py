"""The app's languages, written once: the interface, the form text, case files and the vault take these.

English is the source; the others are translated (locales/<lang>/LC_MESSAGES/). The order is the order of
every language picker.
"""

from __future__ import annotations

from desktop.core.errors import N_

SOURCE = "en"
LANGUAGES = ("en", "ko", "uk")
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != SOURCE)

# Each language in its own name, for the language pickers (escapes: Python source stays ASCII).
NATIVE_NAMES = {
    "en": "English",
    "ko": "\uc870\uc120\ub9d0",  # Joseonmal: North Korean usage (locales/glossary.yaml)
    "uk": "\u0423\u043a\u0440\u0430\u0457\u043d\u0441\u044c\u043a\u0430",
}

# Each language named in English, translated where shown (a case's languages, the dossier).
NAMES = {"en": N_("English"), "ko": N_("Korean"), "uk": N_("Ukrainian")}
