"""A real vault with vignette cases for dossier tests, the benchmark and the sample renderer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop.core.casefile import read_case
from desktop.core.vault import Vault
from tests.conftest import CASES
from tests.core.vaulttools import make_vault

VIGNETTES = CASES
LANGUAGE_PAIRS = (("en", "en"), ("ko", "uk"), ("uk", "en"))
# Exact strings a dossier must carry: the Ukrainian letters no Korean font has, and Hangul.
UK_MARK = "\u0490\u0491 \u0404\u0454 \u0406\u0456 \u0407\u0457 \u0441\u0456\u043c'\u0457"
KO_MARK = "\uac00\uc871\uc5d0\uac8c \ud3b8\uc9c0\ub97c \uc4f0\uace0 \uc2f6\uc2b5\ub2c8\ub2e4"


def import_case(vault: Vault, vignette: str, captive: str, interviewer: str,
                changes: Mapping[str, Any] | None = None, code: str | None = None) -> str:
    """Store a vignette's interviews as one case; `changes` overrides answers of every interview."""
    case = read_case(VIGNETTES / f"{vignette}.json")
    case_id = vault.records.create_case(code or case.case_id or vignette)
    for item in case.interviews:
        iid = vault.records.create_interview(case_id, "pow_interview", "1", captive, interviewer,
                                             item.interview_date.isoformat())
        answers = {**dict(item.answers), **dict(changes or {})}
        vault.records.import_answers(iid, answers, captive, {})
    return case_id


def sample_vault(root: Path) -> tuple[Vault, list[str]]:
    """A vault holding V05 once per language pair, with marker text in the free-text answers."""
    vault = make_vault(root)
    cases = []
    for captive, interviewer in LANGUAGE_PAIRS:
        text = {"en": "I want to write to my family.", "ko": KO_MARK, "uk": UK_MARK}[captive]
        cases.append(import_case(vault, "V05", captive, interviewer, {"wsh_fear": text},
                                 code=f"NK-SAMPLE-{captive.upper()}"))
    return vault, cases
