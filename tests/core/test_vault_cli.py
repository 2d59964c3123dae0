"""The vault through the `voluntas` command, as a script or a legal team's technician uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.vault import Vault
from tests.conftest import CASES, run_cli
from tests.core.vaulttools import PASSPHRASE


@pytest.fixture
def cli_vault(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "vault"
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE + "\n")
    proc = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "vault", "init",
                   "--interviewer", "Olena K.", "--organisation", "ICRC", check=True)
    assert "Ed25519:" in proc.stdout and "X.509:" in proc.stdout
    return root, pp


def voluntas(vault: tuple[Path, Path], *args: str):  # type: ignore[no-untyped-def]
    root, pp = vault
    return run_cli("--data-dir", str(root), "--passphrase-file", str(pp), *args)


def test_check_reports_every_check_and_the_fast_profile(cli_vault: tuple[Path, Path]) -> None:
    proc = voluntas(cli_vault, "vault", "check", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["ok"] and doc["kdf_profile"] == "fast"
    assert [c["name"] for c in doc["checks"]] == [
        "key_check", "cipher_integrity_check", "integrity_check", "foreign_key_check", "audit_chain"]
    text = voluntas(cli_vault, "vault", "check")
    assert "fast test KDF profile" in text.stdout


def test_a_flipped_byte_fails_the_check_and_names_it(cli_vault: tuple[Path, Path]) -> None:
    root, _ = cli_vault
    vault = Vault.unlock(root, PASSPHRASE)
    iid = vault.records.create_interview(vault.records.create_case("C"), "f", "1", "ko", "en", "2025-01-01")
    for n in range(200):  # enough pages that the flip lands in a data page, not the first
        vault.records.save_answer(iid, f"q{n}", "x" * 300, "ko", "00" * 32)
    vault.lock()
    db = root / "vault.db"
    data = bytearray(db.read_bytes())
    assert len(data) > 8 * 4096
    data[5 * 4096 + 1000] ^= 0x40
    db.write_bytes(bytes(data))
    proc = voluntas(cli_vault, "vault", "check")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "cipher_integrity_check: FAILED" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_damaged_first_page_fails_the_key_check(cli_vault: tuple[Path, Path]) -> None:
    root, _ = cli_vault
    db = root / "vault.db"
    data = bytearray(db.read_bytes())
    data[100] ^= 0xFF
    db.write_bytes(bytes(data))
    proc = voluntas(cli_vault, "vault", "check")
    assert proc.returncode == 1
    assert "key_check: FAILED" in proc.stdout


def test_import_list_and_keys_export(cli_vault: tuple[Path, Path], tmp_path: Path) -> None:
    proc = voluntas(cli_vault, "interview", "import", str(CASES / "V05.json"))
    assert proc.returncode == 0, proc.stderr
    case_id = proc.stdout.strip().splitlines()[-1]
    listed = json.loads(voluntas(cli_vault, "interview", "list", "--json").stdout)
    assert [(r["case_id"], r["case_code"], r["state"]) for r in listed] == [(case_id, "V05", "draft")] * 2
    assert [r["date"] for r in listed] == ["2026-03-02", "2026-04-01"]
    out = tmp_path / "keys"
    assert voluntas(cli_vault, "keys", "export", "--out", str(out)).returncode == 0
    summary = json.loads((out / "interviewer.json").read_text())
    assert summary["interviewer"] == "Olena K."
    assert (out / "interviewer-cert.pem").read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert "PRIVATE" not in (out / "interviewer-ed25519.pem").read_text()


def test_import_reads_languages_and_defaults(cli_vault: tuple[Path, Path], tmp_path: Path) -> None:
    case = json.loads((CASES / "V01.json").read_text())
    case["interviews"][0]["languages"] = {"captive": "ko", "interviewer": "uk"}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    assert voluntas(cli_vault, "interview", "import", str(path)).returncode == 0
    listed = json.loads(voluntas(cli_vault, "interview", "list", "--json").stdout)
    assert (listed[0]["captive_lang"], listed[0]["interviewer_lang"]) == ("ko", "uk")


@pytest.mark.parametrize("content, expected", [
    ("{not json", "case.json: not valid JSON"),
    ("[]", "case.json: top level: the file must hold a JSON object"),
    ('{"interviews": []}', "case.json: interviews: empty"),
    ('{"interviews": [{"answers": {}}]}', "case.json: interview 1: interview_date"),
    ('{"interviews": [{"interview_date": "2025-02-30", "answers": {}}]}', "not a valid YYYY-MM-DD date"),
    ('{"interviews": [{"interview_date": "2025-02-03", "answers": {"ses_dt": "2025-02-04"}}]}',
     "interview 1: answers.ses_dt"),
    ('{"interviews": [{"interview_date": "2025-02-03", "answers": {}}, '
     '{"interview_date": "2025-02-01", "answers": {}}]}', "interview 2: interview_date"),
    ('{"interviews": [{"interview_date": "2025-02-03", "answers": {}, "languages": {"captive": "ru"}}]}',
     "interview 1: languages: 'ru' is not one of en, ko, uk"),
    ('{"interviews": [{"interview_date": "2025-02-03", "answers": {"set_int_aff": "sbu"}}]}',
     "interview 1: answers.set_int_aff"),
    ('{"interviews": [{"interview_date": "2025-02-03", "answers": {"no_such_question": "yes"}}]}',
     "interview 1: answers.no_such_question"),
])
def test_bad_case_files_get_a_clear_error_and_nothing_is_stored(
        cli_vault: tuple[Path, Path], tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "case.json"
    path.write_text(content)
    proc = voluntas(cli_vault, "interview", "import", str(path))
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert json.loads(voluntas(cli_vault, "interview", "list", "--json").stdout) == []


def test_passwd_and_wipe(cli_vault: tuple[Path, Path], tmp_path: Path) -> None:
    root, pp = cli_vault
    new = tmp_path / "new"
    new.write_text("seven lanterns over a quiet harbour\n")
    assert voluntas(cli_vault, "vault", "passwd", "--new-passphrase-file", str(new)).returncode == 0
    assert voluntas(cli_vault, "vault", "check").returncode == 3
    assert run_cli("--data-dir", str(root), "--passphrase-file", str(new), "vault", "check").returncode == 0
    assert run_cli("--data-dir", str(root), "vault", "wipe").returncode == 2
    assert root.exists()
    assert run_cli("--data-dir", str(root), "vault", "wipe", "--yes").returncode == 0
    assert not root.exists()


def test_no_passphrase_without_a_terminal_is_a_usage_error(cli_vault: tuple[Path, Path]) -> None:
    root, _ = cli_vault
    proc = run_cli("--data-dir", str(root), "vault", "check", stdin="")
    assert proc.returncode == 2 and "--passphrase-file" in proc.stderr


def test_missing_vault_is_explained(tmp_path: Path) -> None:
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    proc = run_cli("--data-dir", str(tmp_path / "none"), "--passphrase-file", str(pp), "interview", "list")
    assert proc.returncode == 2 and "voluntas vault init" in proc.stderr
