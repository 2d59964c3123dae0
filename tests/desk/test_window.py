"""The desk window as a legal team uses it, offscreen on the demo desk (real vaults, real dossiers, real
bundles): unlock, cases and filters, receive with a line per bundle, a case and its dossiers, sign-off,
keys with fingerprints, auto-lock, keyboard, languages."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from desktop import i18n
from desktop.ui import tasks
from desktop.ui.desk.cases import FILTERS
from desktop.ui.qt import Qt

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import os

    os.environ.setdefault("VOLUNTAS_KDF_PROFILE", "fast")
    from desktop.desk_app import make_demo_core

    core = make_demo_core(tmp_path_factory.mktemp("deskdemo"))
    yield core
    core.lock()


@pytest.fixture
def win(qtbot: Any, demo: Any) -> Any:
    from desktop.ui.app_window import ensure_app
    from desktop.ui.desk.window import DeskWindow

    i18n.set_language("en")
    ensure_app()
    opened: list[Path] = []
    clock = Clock()
    w = DeskWindow(demo, idle_clock=clock, opener=opened.append)
    w.opened, w.clock = opened, clock
    qtbot.addWidget(w)
    w.show()
    w.unlock_page.submit()
    tasks.wait()
    yield w
    tasks.wait()
    w.lock()
    i18n.set_language("en")


def texts(widget: Any) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def settle() -> None:
    tasks.wait()
    tasks.wait()


def test_unlock_shows_the_received_cases_with_filters(win: Any) -> None:
    cases = win.pages["cases"]
    settle()
    assert win.stack.currentWidget() is cases
    rows = texts(cases.list)
    assert any(r.startswith("DEMO-V05: 2 interview(s)") for r in rows) and len(rows) >= 3
    cases.filter.setCurrentIndex([k for k, _l in FILTERS].index("flags"))
    flagged = texts(cases.list)
    assert flagged and all("flags:" in r for r in flagged)
    assert not any(r.startswith("DEMO-V05") for r in flagged)


def test_inbox_receives_with_progress_and_a_line_per_bundle(win: Any, demo: Any) -> None:
    junk = demo.inbox / "0123456789abcdef0123456789abcdef.age"
    junk.write_bytes(b"age-encryption.org/v1\n-> X25519 AAAA\nAAAA\n--- AAAA\n")
    win.go("inbox")
    inbox = win.pages["inbox"]
    inbox.receive()
    settle()
    lines = texts(inbox.lines)
    assert len(lines) == 2
    assert any("imported (case DEMO-V02)" in x or "duplicate" in x for x in lines)
    refused = [x for x in lines if x.startswith(junk.name)]
    assert refused and ": refused: S0" in refused[0]
    assert inbox.progress.value() == inbox.progress.maximum() == 2
    inbox.receive()  # again: the good one is now a duplicate, the junk is still refused
    settle()
    assert any("duplicate, received before" in x for x in texts(inbox.lines))
    junk.unlink()
    receipts = demo.root.parent / "receipts"
    inbox.receipts_folder.edit.setText(str(receipts))
    inbox.write_receipts()  # no such folder yet: said with its code, nothing written
    settle()
    assert re.match(r"S0\d\d ", inbox.status.text()) and str(receipts) in inbox.status.text()
    receipts.mkdir()
    inbox.write_receipts()
    settle()
    written = sorted(receipts.iterdir())
    assert written and f"{len(written)} receipt(s) written" in inbox.status.text()


def test_a_case_shows_its_story_opens_and_exports_its_dossiers_and_signs_off(win: Any, demo: Any,
                                                                           tmp_path: Path) -> None:
    win.open_case("DEMO-V05")
    settle()
    case = win.pages["case"]
    html = case.view.toPlainText()
    assert "Reliable, confirmed" in html and "Evaluation over time" in html and "O7 " in html
    assert case.dossiers.count() == 2
    case.open_selected()
    settle()
    story = demo.story("DEMO-V05")
    assert win.opened and win.opened[-1].read_bytes() == story.dossiers[0].pdf  # the signed bytes, unchanged
    scratch = win.opened[-1].parent
    case.export_folder.edit.setText(str(tmp_path / "usb"))
    case.export()
    settle()
    exported = sorted((tmp_path / "usb").glob("*-dossier-*.pdf"))
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in exported] == [d.sha256 for d in story.dossiers]
    case.sign()  # nothing written yet: said, not recorded
    assert "name and a note" in case.status.text()
    case.reviewer.setText("R. Reviewer")
    case.note.setPlainText("Checked against both dossiers.")
    win.sign_key()
    settle()
    assert [o.note for o in demo.story("DEMO-V05").signoffs][-1] == "Checked against both dossiers."
    assert "Checked against both dossiers." in case.view.toPlainText()
    win.lock()
    assert not scratch.exists()  # the viewing copy is gone with the lock
    assert not win.pages and win.stack.currentWidget() is win.unlock_page


def test_keys_show_fingerprints_before_trusting(win: Any, demo: Any) -> None:
    import json

    win.go("keys")
    settle()
    keys = win.pages["keys"]
    folder = demo.root.parent / "f1" / "keys"
    info = json.loads((folder / "interviewer.json").read_text())
    keys.folder.edit.setText(str(folder))
    keys.read()
    settle()
    shown = keys.compare.text()
    assert info["ed25519_fingerprint"] in shown and info["certificate_fingerprint"] in shown
    assert keys.trust_button.isVisible()
    keys.trust()
    settle()
    assert any(info["ed25519_fingerprint"] in t for t in texts(keys.list))
    keys.folder.edit.setText(str(demo.root.parent / "nothing-here"))
    keys.read()
    settle()
    assert keys.status.text().startswith("S002") and "Traceback" not in keys.status.text()


def test_idle_and_minimize_lock_and_keys_move_between_screens(win: Any, qtbot: Any) -> None:
    win.activateWindow()
    ctrl = Qt.KeyboardModifier.ControlModifier
    for key, page in ((Qt.Key.Key_1, "inbox"), (Qt.Key.Key_3, "keys"), (Qt.Key.Key_2, "cases")):
        qtbot.keyClick(win, key, ctrl)
        settle()
        assert win.stack.currentWidget() is win.pages[page]
    cases = win.pages["cases"]
    qtbot.keyClick(cases.list, Qt.Key.Key_Down)
    qtbot.keyClick(cases.list, Qt.Key.Key_Return)  # Enter opens the selected case
    settle()
    assert win.stack.currentWidget() is win.pages["case"]
    assert win.pages["case"].case_code == cases.list.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert win.stack.currentWidget() is win.pages["cases"]
    qtbot.keyClick(win, Qt.Key.Key_L, ctrl)
    assert not win.core.unlocked
    win.unlock_page.submit()
    settle()
    win.clock.now += 5 * 60 + 1
    win.check_idle()
    assert not win.core.unlocked and win.stack.currentWidget() is win.unlock_page
    win.unlock_page.submit()
    settle()
    assert win.core.unlocked
    win.showMinimized()
    qtbot.waitUntil(lambda: not win.core.unlocked, timeout=3000)


def test_the_window_follows_the_language(win: Any) -> None:
    settle()
    i18n.set_language("uk")
    settle()
    assert win.buttons["cases"].text().startswith("\u0421\u043f\u0440\u0430\u0432\u0438")  # Spravy
    assert win.pages["cases"].title.text() != "Received cases"
    i18n.set_language("ko")
    assert "Ctrl+2" in win.buttons["cases"].text() and win.buttons["cases"].text() != "Cases (Ctrl+2)"
    win.open_case("DEMO-V06")
    settle()
    assert "\ubbff\uc74c\uc131" in win.pages["case"].view.toPlainText()  # the story in Korean too


def test_desk_gui_demo_starts_and_leaves_nothing_behind(isolated_env: Path) -> None:
    """`voluntas desk gui --demo` as a user starts it: the window comes up, quits, the demo folder is gone."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VOLUNTAS_GUI_SMOKE_MS="1500")
    before = set((isolated_env / "tmp").iterdir())
    proc = subprocess.run([sys.executable, "-m", "desktop", "desk", "gui", "--demo"], capture_output=True,
                          text=True, env=env, timeout=180, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert set((isolated_env / "tmp").iterdir()) == before


def test_a_reviewer_links_two_cases_of_the_same_man_and_undoes_it(win: Any, demo: Any) -> None:
    from desktop.ui.desk.linking import LinkSection

    win.open_case("DEMO-V06")
    settle()
    case = win.pages["case"]
    section = next(s for s in case.sections if isinstance(s, LinkSection))
    settle()
    assert section.state.text() == "Evaluated on its own: not linked to another case."
    others = [section.others.itemData(i) for i in range(section.others.count())]
    assert "DEMO-V04" in others and "DEMO-V06" not in others
    assert not section.unlink_button.isEnabled()
    section.others.setCurrentIndex(others.index("DEMO-V04"))
    section.link_button.click()
    settle()
    settle()
    assert demo.group("DEMO-V06") == ["DEMO-V06", "DEMO-V04"]
    assert section.state.text() == "Evaluated together with: DEMO-V04"
    assert section.unlink_button.isEnabled()
    section.unlink_button.click()
    settle()
    settle()
    assert demo.group("DEMO-V06") == ["DEMO-V06"] and demo.group("DEMO-V04") == ["DEMO-V04"]
    assert section.state.text() == "Evaluated on its own: not linked to another case."
