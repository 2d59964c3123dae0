"""Treaty citations in the reader's language: "GC III Art. 5" reads "Jeneba je3hyeobyak je5jo" (in Hangul)
in Korean and "ZhK III, st. 5" (in Cyrillic) in Ukrainian. Other sources (case names, reports, manuals) are
proper names, kept as written.

The rules carry English citations (rules.yaml); the evaluation panel and the dossier call localize()."""

from __future__ import annotations

import re

from desktop.core.languages import TRANSLATED

_INSTRUMENTS = {  # English abbreviation -> (Korean, Ukrainian), escapes: Python source stays ASCII
    "GC III": ("\uc81c\ub124\ubc14 \uc81c3\ud611\uc57d", "\u0416\u041a III"),
    "GC IV": ("\uc81c\ub124\ubc14 \uc81c4\ud611\uc57d", "\u0416\u041a IV"),
    "AP I": ("\uc81c1\ucd94\uac00\uc758\uc815\uc11c", "\u0414\u041f I"),
    "CAT": ("\uace0\ubb38\ubc29\uc9c0\ud611\uc57d", "\u041a\u043e\u043d\u0432\u0435\u043d\u0446\u0456\u044f "
            "\u043f\u0440\u043e\u0442\u0438 \u043a\u0430\u0442\u0443\u0432\u0430\u043d\u044c"),
    "ECHR": ("\uc720\ub7fd\uc778\uad8c\ud611\uc57d", "\u0404\u041a\u041f\u041b"),
    "ICCPR": ("\uc790\uc720\uad8c\uaddc\uc57d", "\u041c\u041f\u0413\u041f\u041f"),
    "CRC": ("\uc544\ub3d9\uad8c\ub9ac\ud611\uc57d", "\u041a\u043e\u043d\u0432\u0435\u043d\u0446\u0456\u044f "
            "\u043f\u0440\u043e \u043f\u0440\u0430\u0432\u0430 \u0434\u0438\u0442\u0438\u043d\u0438"),
}
_CITE = re.compile(r"^(GC III|GC IV|AP I|CAT|ECHR|ICCPR|CRC) Arts?\.? (.+)$")
_AND = {"ko": "\ubc0f", "uk": "\u0456"}


def localize(citation: str, lang: str) -> str:
    """The citation as a reader of `lang` writes it; English (and anything not a treaty article) unchanged."""
    m = _CITE.match(citation)
    if lang not in TRANSLATED or m is None:
        return citation
    name = _INSTRUMENTS[m.group(1)][0 if lang == "ko" else 1]
    articles = m.group(2).replace(" and ", f" {_AND[lang]} ")
    if lang == "ko":  # 'Art. 5(1)' -> 'je5jo(1)'; 'Arts 2 and 3' -> 'je2 mit 3jo' (in Hangul)
        head = re.match(r"^(\d+[A-Z]?)(.*)$", articles)
        if head is None:
            return f"{name} {articles}"
        num, rest = head.groups()
        if rest and not rest.startswith("("):
            return f"{name} \uc81c{num}{rest}\uc870"
        return f"{name} \uc81c{num}\uc870{rest}"
    return f"{name}, \u0441\u0442. {articles}"
