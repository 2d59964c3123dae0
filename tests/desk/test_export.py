"""The legal team's headless desk: export writes each dossier byte for byte as it arrived plus a case
report signed by the desk; `desk case` reads as words; a newer ruleset at the desk is said out loud."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.core.dossier import verify_dossier
from desktop.core.errors import VoluntasError
from desktop.core.sync.export import export_case, safe_name
from desktop.core.sync.report import case_story, story_text
from tests.conftest import run_cli
from tests.desk.deskworld import received
from tests.sync.synctools import DESK_PASSPHRASE

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    r = received(tmp_path_factory.mktemp("desk"))
    r.world.field.lock()
    yield r
    r.world.desk.lock()


def test_export_writes_each_dossier_as_it_arrived_and_a_signed_report(desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "export"
    done = export_case(desk.world.desk, "V05", out, "en")
    assert [p.read_bytes() for p in done.dossiers] == desk.port.rendered  # byte for byte, in order
    field_cert = (desk.world.keys / "interviewer-cert.pem").read_bytes()
    assert all(verify_dossier(p, field_cert).ok for p in done.dossiers)
    report = verify_dossier(done.report, done.certificate.read_bytes())
    assert report.ok, report.reasons
    assert not verify_dossier(done.report, field_cert).ok  # signed by the desk, not by the field
    again = export_case(desk.world.desk, "V05", out, "en")  # the same dossiers again: left as they are
    assert again.dossiers == done.dossiers
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [p.name for p in done.dossiers] + [done.report.name, again.report.name, "desk-cert.pem"])


@needs_poppler
def test_the_case_report_tells_the_case_over_time_in_words(desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = export_case(desk.world.desk, "V05", tmp_path / "x", "uk")
    text = subprocess.run(["pdftotext", "-layout", str(done.report), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")
    story = case_story(desk.world.desk, "V05", "uk")
    w = story.words
    assert w.result("RELIABLE_CONFIRMED") in text and w.result("RELIABLE_PROVISIONAL") in text  # over time
    assert w.answer("wsh_pref", "o7") in text and "V05" in text
    assert "Signed by the legal desk" in text
    sig = subprocess.run(["pdfsig", str(done.report)], capture_output=True, timeout=60).stdout.decode()
    assert "Signature is Valid" in sig and "LegalDeskSignature" in sig and "Total document signed" in sig


def test_desk_case_reads_as_words_and_json_stays(desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    story = case_story(desk.world.desk, "V05", "en")
    text = story_text(story)
    assert "Case V05: 2 interview(s), 2 dossier(s) received" in text
    assert "Reliable, confirmed" in text and "O7 " in text
    assert "After interview 1" in text and "After interview 2" in text
    assert "{" not in text and "wsh_" not in text and "RELIABLE" not in text


def test_a_newer_ruleset_at_the_desk_is_said(desk, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.core import rules

    real = rules.shipped_ruleset()
    monkeypatch.setattr(rules, "shipped_ruleset", lambda *_a: dataclasses.replace(real, version="9.9.9"))
    story = case_story(desk.world.desk, "V05", "en")
    assert "9.9.9" in story.ruleset_note and real.version in story.ruleset_note
    assert story.ruleset_note in story_text(story)
    assert case_story.__module__  # the unpatched story has no note:
    monkeypatch.undo()
    assert case_story(desk.world.desk, "V05", "en").ruleset_note == ""


def test_unknown_case_and_unwritable_folder_are_clear_errors(desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(VoluntasError) as err:
        export_case(desk.world.desk, "NOPE", tmp_path / "x", "en")
    assert err.value.code == "V015"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(VoluntasError) as err:
        export_case(desk.world.desk, "V05", blocker, "en")
    assert err.value.code == "V011" and str(blocker) in err.value.message()
    assert safe_name("../../etc/passwd") == "etc_passwd" and safe_name("..") == "case"


def test_cli_case_and_export(desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pp = tmp_path / "pp"
    pp.write_text(DESK_PASSPHRASE + "\n")
    D = ("--data-dir", str(desk.world.root / "desk"), "--passphrase-file", str(pp))
    desk.world.desk.lock()
    try:
        proc = run_cli(*D, "--lang", "uk", "desk", "case", "V05", check=True)
        assert "V05" in proc.stdout and "{" not in proc.stdout
        assert json.loads(run_cli(*D, "desk", "case", "V05", "--json", check=True).stdout)["case_code"] == "V05"
        proc = run_cli(*D, "desk", "export", "V05", "--out", str(tmp_path / "out"), check=True)
        assert "voluntas dossier verify" in proc.stdout
        proc = run_cli(*D, "desk", "export", "NOPE", "--out", str(tmp_path / "out"))
        assert proc.returncode == 2 and "V015" in proc.stderr + proc.stdout and "Traceback" not in proc.stderr
    finally:
        from desktop.core.vault import Vault

        desk.world.desk = Vault.unlock(desk.world.root / "desk", DESK_PASSPHRASE)
