"""Treaty citations read as the reader writes them (issue 15): Korean "Jeneba je3hyeobyak je5jo", Ukrainian
"ZhK III, st. 5" (in their scripts); case names and reports stay as written; every citation of the shipped
rules is handled."""

from __future__ import annotations

import pytest
import yaml

from desktop.core.citations import localize
from tests.conftest import ROOT

KO_GC3 = "\uc81c\ub124\ubc14 \uc81c3\ud611\uc57d"  # Geneva Convention III
UK_GC3 = "\u0416\u041a III"


@pytest.mark.parametrize(("english", "ko", "uk"), [
    ("GC III Art. 5", f"{KO_GC3} \uc81c5\uc870", f"{UK_GC3}, \u0441\u0442. 5"),
    ("GC III Art. 118(3)", f"{KO_GC3} \uc81c118\uc870(3)", f"{UK_GC3}, \u0441\u0442. 118(3)"),
    ("GC III Arts 118-119", f"{KO_GC3} \uc81c118-119\uc870", f"{UK_GC3}, \u0441\u0442. 118-119"),
    ("Saadi v Italy (ECtHR GC 2008), para. 138", "Saadi v Italy (ECtHR GC 2008), para. 138",
     "Saadi v Italy (ECtHR GC 2008), para. 138"),
])
def test_citation_forms(english: str, ko: str, uk: str) -> None:
    assert localize(english, "ko") == ko
    assert localize(english, "uk") == uk
    assert localize(english, "en") == english


def test_every_treaty_citation_of_the_shipped_rules_is_localized() -> None:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "citations":
                    found.update(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load((ROOT / "forms" / "pow_interview" / "rules.yaml").read_text("utf-8")))
    treaty = [c for c in found if c.split(" Art")[0] in ("GC III", "GC IV", "AP I", "CAT", "ECHR", "ICCPR", "CRC")]
    assert len(treaty) > 20
    for c in treaty:
        assert "Art" not in localize(c, "ko") and "Art" not in localize(c, "uk"), c
