"""Settings: live interface language, recipients, passphrase change, quick wipe (cancel and complete);
`voluntas gui --demo` end to end; first run through the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop import i18n
from desktop.ui.qt import QApplication, Qt
from tests.ui.uitools import PASSPHRASE


def test_quick_wipe_can_be_cancelled_then_runs(window: Any, keyboard: Any, core: Any, qtbot: Any) -> None:
    window.show_settings()
    settings = window.settings
    settings.start_wipe()
    assert settings.countdown.isVisible() and "5" in settings.countdown.text()
    keyboard.key(Qt.Key.Key_Escape)  # Esc cancels
    assert not settings.wiping()
    assert core.unlocked and core.exists()
    settings.start_wipe()
    for _ in range(5):
        settings._tick()  # five seconds
    assert not core.exists()
    assert not core.root.exists() or not any(core.root.iterdir())
    assert window.stack.currentWidget() is window.firstrun_page


def recipient_file(folder: Path, label: str = "Legal desk A") -> Path:
    import json

    import pyrage

    from desktop.core.sync.recipients import recipient_document

    age = str(pyrage.x25519.Identity.generate().to_public())
    path = folder / f"{label.replace(' ', '_')}.json"
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.generate()  # the desk's key signs its recipient file
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    path.write_text(json.dumps(recipient_document(age, public, label, key)), "utf-8")
    return path


def test_recipients_and_interface_language(window: Any, core: Any, tmp_path: Path) -> None:
    window.show_settings()
    s = window.settings
    assert "None yet" in s.recipients.text()
    bad = tmp_path / "bad.json"
    bad.write_text("{}", "utf-8")
    s.recipient_path.setText(str(bad))
    s._save_recipients()
    assert core.recipients() == [] and s.recipients_msg.text()
    s.recipient_path.setText(str(recipient_file(tmp_path)))
    s._save_recipients()
    [(label, _fp)] = core.recipients()
    assert label.startswith("Legal desk A - desk key ") and "primary desk" in label  # which desk, and its role
    assert "Legal desk A" in s.recipients.text() and "primary desk" in s.recipients.text()
    english = s.back_btn.text()
    s.lang.setCurrentIndex(2)
    s.lang.activated.emit(2)
    assert i18n.language() == "uk" and s.back_btn.text() != english
    assert core.setting("ui_lang") == "uk"
    i18n.set_language("en")


def test_finalize_seals_when_a_recipient_exists(window: Any, keyboard: Any, core: Any, script: dict,
                                                tmp_path: Path) -> None:
    from desktop.ui import tasks
    from tests.ui.uitools import drive, start_interview

    core.add_recipient(str(recipient_file(tmp_path)))
    page = start_interview(window, keyboard, "CASE-SEAL")
    drive(keyboard, page, script, {"ses_case": None})
    review = window.review
    for box in review.checks:
        box.setChecked(True)
    review.finalize()
    tasks.wait()
    row = next(r for r in core.records.list_interviews() if r.case_code == "CASE-SEAL")
    assert row.state == "sealed"
    assert core.records.answers(page.interview_id) == {}  # plaintext gone from the vault
    assert "ealed" in review.state.text()


def test_passphrase_change_through_settings(window: Any, core: Any) -> None:
    from desktop.facade import Core
    from desktop.ui import tasks

    window.show_settings()
    s = window.settings
    new = "a different and much longer passphrase for the test"
    s.old.setText(PASSPHRASE)
    s.new1.setText(new)
    s.new2.setText(new)
    s._change()
    tasks.wait()
    assert "changed" in s.pass_msg.text()
    window.lock()
    other = Core(core.root)
    other.unlock(new)
    other.lock()


def test_first_run_creates_vault_and_shows_fingerprint(qtbot: Any, isolated_env: Path) -> None:
    from desktop.app import build
    from desktop.facade import Core
    from desktop.ui import tasks

    core = Core(isolated_env / "fresh")
    _app, win = build(core)
    QApplication.clipboard().clear()
    qtbot.addWidget(win)
    win.show()
    page = win.firstrun_page
    assert win.stack.currentWidget() is page
    page.pass1.setText("short")
    page.pass2.setText("short")
    page.name.setText("Tester")
    page.org.setText("Org")
    assert not page.create_btn.isEnabled()
    assert page.reasons.text().startswith("- ")
    page.pass1.setText(PASSPHRASE)
    page.pass2.setText(PASSPHRASE)
    assert page.create_btn.isEnabled()
    page.submit()
    tasks.wait()
    assert page.stack.currentIndex() == 1
    assert len(page.ed_value.text()) > 20
    assert page.pass1.text() == ""
    page.continue_btn.click()
    assert win.stack.currentWidget() is win.cases
    assert QApplication.clipboard().text() == ""
    win.close()


def test_demo_end_to_end(isolated_env: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VOLUNTAS_GUI_SMOKE_MS="1500")
    before = set((isolated_env / "tmp").iterdir())
    proc = subprocess.run([sys.executable, "-m", "desktop", "gui", "--demo"], capture_output=True, text=True,
                          env=env, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert set((isolated_env / "tmp").iterdir()) == before  # the throwaway folder is gone


def test_demo_cases_are_marked_fictional(tmp_path: Path) -> None:
    from desktop.demo import make_demo_core

    core = make_demo_core(tmp_path / "demo")
    try:
        rows = core.records.list_interviews()
        assert rows and all(r.case_code.startswith("DEMO-") and "FICTIONAL" in r.case_code for r in rows)
    finally:
        core.lock()
