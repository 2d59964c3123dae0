"""Form benchmarks (issue 3): load and check the whole form with both catalogs; live relevance and
completeness after one answer."""

from __future__ import annotations

import datetime
import json
import statistics
import time
from typing import Any

from desktop import i18n
from desktop.core.forms import loader
from desktop.core.forms.session import Session
from desktop.core.languages import TRANSLATED
from tests.conftest import CASES

VIGNETTE = CASES / "V05.json"


class _Memory:
    def save_answer(self, interview_id: str, question_id: str, value: Any, lang: str, text_hash: str) -> None:
        pass

    def record_event(self, interview_id: str, event: str, question_id: str | None = None,
                     lang: str | None = None) -> None:
        pass


def load_with_catalogs() -> list[float]:
    times = []
    for _ in range(7):
        loader.shipped_form.cache_clear()
        i18n.catalog.cache_clear()
        start = time.perf_counter()
        loader.shipped_form()
        for lang in TRANSLATED:
            i18n.catalog(lang, "forms")
        times.append((time.perf_counter() - start) * 1000)
    return times


def after_one_answer() -> list[float]:
    form = loader.shipped_form()
    answers = json.loads(VIGNETTE.read_text())["interviews"][0]["answers"]
    session = Session(form, _Memory(), "bench", session_date=datetime.date(2026, 3, 2), unreviewed=None,
                      answers=answers)
    times = []
    for n in range(200):
        value = "yes" if n % 2 else "no"
        start = time.perf_counter()
        session.answer("vol_threat", value)
        session.navigable()
        session.completeness()
        times.append((time.perf_counter() - start) * 1000)
    return times


def rows() -> list[tuple[str, float | int, str, str]]:
    load = load_with_catalogs()
    live = sorted(after_one_answer())
    return [
        ("form load + check + ko/uk catalogs (median of 7)", statistics.median(load), "ms", "< 150 ms"),
        ("relevance + completeness after one answer, p50", live[len(live) // 2], "ms", ""),
        ("relevance + completeness after one answer, p99", live[int(len(live) * 0.99) - 1], "ms", "< 5 ms"),
    ]
