"""Render every screen in en, ko and uk to PNG, offscreen:

    python -m desktop.ui.screenshots OUTDIR [--size 1366x768] [--scale 2]

--size is the screen in pixels (default 1280x800); the window starts as it would on that screen;
--scale 2 renders as a display at 200 % does (size/scale logical pixels, every image drawn at 2x). The
captive view is rendered for every question type. Works on a throwaway demo vault (fictional vignettes)
in a temporary folder, deleted afterwards. All Korean and Ukrainian text comes from locales/.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from desktop.core.languages import LANGUAGES
from desktop.core.settings import UI_LANGUAGE

SIZE = (1280, 800)
# The captive view of each question type (signature: an interviewer item, so his neutral page).
CAPTIVE_TYPES = {"select_one": "wsh_pref", "select_multiple": "con_scope", "yes_no": "wsh_more_time",
                 "yes_no_unknown": "vol_told", "text": "wsh_open", "date": "cap_capture_dt",
                 "integer": "cap_pain", "signature": "dec_nopress_sig"}


def screen_config(folder: Path, size: tuple[int, int], scale: float) -> str:
    """QT_QPA_PLATFORM for an offscreen screen of `size` pixels at `scale` (Qt's offscreen configfile)."""
    import json

    cfg = folder / "screen.json"
    cfg.write_text(json.dumps({"screens": [{"name": "shot", "x": 0, "y": 0, "width": size[0], "height": size[1],
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), "utf-8")
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"  # the offscreen screen's own dpr does not reach widgets
    return f"offscreen:configfile={cfg}"


def parse(args: list[str]) -> tuple[Path, tuple[int, int], float]:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m desktop.ui.screenshots")
    ap.add_argument("out", nargs="?", default="screenshots")
    ap.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="screen size in pixels, e.g. 1366x768")
    ap.add_argument("--scale", type=float, default=1.0, help="display scale, e.g. 2 for 200 %%")
    ns = ap.parse_args(args)
    w, _x, h = ns.size.partition("x")
    if not (w.isdigit() and h.isdigit()) or ns.scale <= 0:
        ap.error("--size is WIDTHxHEIGHT in pixels and --scale a positive number")
    return Path(ns.out), (int(w), int(h)), ns.scale


def fit(win: Any) -> None:
    """The window as large as the screen's usable area (as a maximized window on that laptop)."""
    screen = win.screen().availableGeometry()
    win.setGeometry(screen)


def _settle(app: Any) -> None:
    for _ in range(3):
        app.processEvents()


def _script() -> dict[str, Any]:
    import json

    from desktop.demo import vignette_dir

    folder = vignette_dir()
    if folder is None:
        return {}
    doc = json.loads((folder / "V01.json").read_text("utf-8"))
    return dict(doc["interviews"][0]["answers"])


def _fill(page: Any, script: dict[str, Any], stop_at: str, overrides: dict[str, Any] | None = None) -> None:
    """Answer through the session in protocol order until `stop_at` is current (or the stop)."""
    s = page.session
    answers = {**script, **(overrides or {})}
    for _ in range(400):
        qid = s.current
        if qid is None or qid == stop_at:
            break
        if qid in answers and qid not in (page.form.session_date, "ses_case"):
            value = answers[qid]
            if page.form.questions[qid].type == "signature":
                value = "typed:Demo"
            s.answer(qid, value)
        before = s.current
        if s.next() or s.current == before:
            break
    page.show_current()
    page.evaluate()


def _captive_views(app: Any, win: Any, out: Path, lang: str) -> None:
    """The captive view of every question type, as he sees it (his language: Korean)."""
    page = win.interview
    for qtype, qid in CAPTIVE_TYPES.items():
        page.session.current = qid
        page.show_current()
        win.show_captive()
        _settle(app)
        win.grab().save(str(out / f"06-captive-{qtype}-{qid}-{lang}.png"))
        win.leave_captive()
        _settle(app)


def _preview(out: Path, lang: str) -> None:
    """Screen 11, the translator preview (no vault), on the question with the longest choice list."""
    from desktop import preview_app
    from desktop.ui import tasks

    app, win = preview_app.build()
    win.show()
    fit(win)
    tasks.wait()
    page = win.centralWidget()
    page.go(next(n for n, p in enumerate(page.pages) if p.id == "set_present"))
    _settle(app)
    win.grab().save(str(out / f"11-translator-preview-{lang}.png"))
    win.close()


def main(argv: list[str] | None = None) -> int:
    out, size, scale = parse(sys.argv[1:] if argv is None else argv)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="voluntas-shots-"))
    try:
        from desktop.app import _qt_folders

        if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
            os.environ["QT_QPA_PLATFORM"] = screen_config(tmp, size, scale)
        _qt_folders(tmp / "qt")
        return _render(out, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _render(out: Path, tmp: Path) -> int:  # noqa: PLR0915 - one linear walk through the screens
    from desktop import i18n
    from desktop.app import build
    from desktop.demo import make_demo_core
    from desktop.facade import Core
    from desktop.ui.captive import captive_content

    script = _script()
    written = []
    for lang in LANGUAGES:
        i18n.set_language(lang)
        # first run: a folder with no vault
        fresh = Core(tmp / f"fresh-{lang}")
        app, win = build(fresh)
        win.show()
        fit(win)
        win.firstrun_page.name.setText("Demo")
        win.firstrun_page.pass1.setText("short")
        win.firstrun_page.pass2.setText("short")
        _settle(app)
        shots: list[tuple[str, Any]] = [("01-first-run", win)]
        win.grab().save(str(out / f"01-first-run-{lang}.png"))
        win.close()
        _preview(out, lang)
        core = make_demo_core(tmp / f"demo-{lang}")
        UI_LANGUAGE.put(core.set_setting, lang)
        app, win = build(core)
        win.show()
        fit(win)
        _settle(app)
        shots = []
        shots.append(("03-cases", None))
        win.grab().save(str(out / f"03-cases-{lang}.png"))
        cases = win.cases
        first = cases.list.item(0)
        win.show_case(first.data(256))
        _settle(app)
        win.grab().save(str(out / f"04-case-{lang}.png"))
        captive_lang, interviewer_lang = "ko", lang if lang != "ko" else "ko"
        win.start_interview("new:DEMO-NEW (FICTIONAL)", captive_lang, interviewer_lang)
        page = win.interview
        _fill(page, script, "set_int_aff")
        _settle(app)
        win.grab().save(str(out / f"05-interview-{lang}.png"))
        page.set_captive_lang("uk")
        _settle(app)
        win.grab().save(str(out / f"05b-interview-captive-uk-{lang}.png"))
        page.set_captive_lang("ko")
        win.show_captive()
        _settle(app)
        win.grab().save(str(out / f"06-captive-view-{lang}.png"))
        win.leave_captive()
        _captive_views(app, win, out, lang)
        # gate: consent declined
        win.start_interview("new:DEMO-DECLINED (FICTIONAL)", captive_lang, interviewer_lang)
        _fill(win.interview, script, "mr_reask", {"con_decision": "declines"})
        _settle(app)
        win.grab().save(str(out / f"07-consent-declined-{lang}.png"))
        # review: the first demo case's imported interview
        row = next(r for r in core.list_interviews() if r.state == "draft" and r.case_code.startswith("DEMO-V"))
        win.open_interview(row.id)
        win.show_review()
        _settle(app)
        win.grab().save(str(out / f"08-review-{lang}.png"))
        win.show_settings()
        win.settings.start_wipe()
        _settle(app)
        win.grab().save(str(out / f"09-settings-wipe-countdown-{lang}.png"))
        win.settings.cancel_wipe()
        win.toggle_help()
        _settle(app)
        win.grab().save(str(out / f"10-keys-{lang}.png"))
        win.close_help()
        win.lock()
        win.unlock_page._remaining = lambda: 42  # as after several wrong tries
        win.unlock_page.tick()
        _settle(app)
        win.grab().save(str(out / f"02-unlock-{lang}.png"))
        win.unlock_page.timer.stop()
        win.close()
        core.lock()
        assert captive_content is not None
        written.append(lang)
    i18n.set_language("en")
    sys.stdout.write(f"{len(list(out.glob('*.png')))} screenshots in {out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
