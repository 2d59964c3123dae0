"""The live panel never shows a wish as reliable before he has stated one (ruleset 1.1.0: NO_WISH), and says
how many of the rules that fired have no legal sign-off."""

from __future__ import annotations

import json
from typing import Any

from desktop.core.rules.explain import LABELS
from desktop.i18n import _
from tests.conftest import CASES
from tests.ui.uitools import answer_current, start_interview


def wish_heading(page: Any) -> str:
    text = page.panel.body.toPlainText()
    return next(line for line in text.splitlines() if line.startswith("2. "))


def test_no_wish_until_he_states_one_then_reliable(window: Any, keyboard: Any) -> None:
    script = dict(json.loads((CASES / "V07.json").read_text("utf-8"))["interviews"][0]["answers"])
    page = start_interview(window, keyboard, "CASE-PANEL")
    seen = []
    for _step in range(300):
        qid = page.session.current
        if qid == "wsh_pref":
            break
        answer_current(keyboard, page, script)
        page.evaluate()  # what the 300 ms timer does once he pauses
        if page.panel.result is not None:
            heading = wish_heading(page)
            seen.append(heading)
            assert _(LABELS["RELIABLE_PROVISIONAL"]) not in heading, (qid, heading)
    assert page.session.current == "wsh_pref"
    assert seen and seen[-1].endswith(_(LABELS["NO_WISH"]))  # a compliant interview, no wish stated yet
    answer_current(keyboard, page, script)  # o6, as in the acceptance case
    page.evaluate()
    assert wish_heading(page).endswith(_(LABELS["RELIABLE_PROVISIONAL"]))
    footer = page.panel.body.toPlainText().splitlines()[-1]
    assert "rules that fired have no legal sign-off" in footer
