"""Benchmarks of the rules engine: ruleset load, and evaluating a three-interview case after load.

rows() -> [(name, value, unit, target)]; run by the README's benchmark command, never asserted in tests.
"""

from __future__ import annotations

import copy
import json
import statistics
import time
from collections.abc import Callable

from desktop import paths
from desktop.core.forms.loader import shipped_form
from desktop.core.languages import LANGUAGES
from desktop.core.rules import evaluate_case, load_ruleset, parse_case
from tests.conftest import CASES


def _times(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm caches (the expression parser is built once per process)
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000.0)
    return sorted(out)


def _p99(samples: list[float]) -> float:
    return samples[min(len(samples) - 1, int(round(0.99 * (len(samples) - 1))))]


def three_interview_case() -> dict:
    """V05's two interviews plus a third, 30 days later, with the same wish."""
    doc = json.loads((CASES / "V05.json").read_text(encoding="utf-8"))
    third = copy.deepcopy(doc["interviews"][1])
    third["interview_date"] = third["answers"]["ses_dt"] = "2026-05-01"
    third["answers"]["ses_no"] = 3
    third["answers"]["ses_prev_dt"] = "2026-04-01"
    doc["interviews"].append(third)
    return doc


def rows() -> list[tuple[str, float, str, str]]:
    form = shipped_form()
    rules = paths.forms_dir() / "pow_interview" / "rules.yaml"
    load = _times(lambda: load_ruleset(rules, form), 30)
    ruleset = load_ruleset(rules, form)
    doc = three_interview_case()
    evaluate = _times(lambda: evaluate_case(ruleset, parse_case(doc, "bench.json")), 200)
    return [*_rows(load, evaluate), *_doc_rows()]


def _doc_rows() -> list[tuple[str, float, str, str]]:
    """`voluntas rules doc` per language, in process: render time (median of 3) and page count."""
    from desktop import i18n
    from desktop.core.rules import ruledoc, ruledoc_pdf, shipped_ruleset
    from desktop.core.rules import signoff as so
    from desktop.core.rules.words import Words

    out = []
    rs = shipped_ruleset()
    for lang in LANGUAGES:
        i18n.set_language(lang)
        forms = i18n.catalog(lang, "forms")
        words = Words(rs, i18n._, lambda ctx, english, f=forms: f.pgettext(ctx, english) if english else english,
                      lang)
        data = b""

        def render(words: Words = words) -> None:
            nonlocal data
            items = ruledoc.entries(words, so.states(rs, {}), {})
            data = ruledoc_pdf.render(words, items, rs.banner, "bench")

        took = _times(render, 3)
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
        out += [(f"rules doc {lang}: render (median of 3)", statistics.median(took), "ms", "-"),
                (f"rules doc {lang}: pages", float(pages), "pages", "-")]
    i18n.set_language("en")
    return out


def _rows(load: list[float], evaluate: list[float]) -> list[tuple[str, float, str, str]]:
    return [
        ("rules: ruleset load (median)", statistics.median(load), "ms", "< 100 ms"),
        ("rules: ruleset load (p99)", _p99(load), "ms", "< 100 ms"),
        ("rules: evaluate 3-interview case (median)", statistics.median(evaluate), "ms", "< 10 ms"),
        ("rules: evaluate 3-interview case (p99)", _p99(evaluate), "ms", "< 10 ms"),
    ]


if __name__ == "__main__":
    for name, value, unit, target in rows():
        print(f"{name:45s} {value:8.2f} {unit}  (target {target})")
