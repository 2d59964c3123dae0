"""Issue 13 point 5: nothing half-written. `interview import` is one transaction: interrupted by
SIGINT, a full disk or a file-size limit, the vault holds exactly what it held before (before issue
13 it kept a new case with an empty draft that could be exported and signed). The window's minimal
record purge is one core transaction; a case code already in the vault is refused by name."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault
from tests.conftest import CASES, ROOT, run_cli
from tests.core.vaulttools import PASSPHRASE, make_vault, sample_vault

TABLES = ("cases", "interviews", "answers", "notes", "audit", "audit_heads")


def _content(root: Path) -> tuple[dict[str, int], str]:
    """Row counts and one digest of every record table (not vault_state: locking moves it on)."""
    with Vault.unlock(root, PASSPHRASE) as vault:
        conn = vault.conn_or_raise()
        counts = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}  # noqa: S608
        rows = [conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES]  # noqa: S608
        assert all(r.ok for r in vault.check())
    return counts, hashlib.sha256(repr(rows).encode()).hexdigest()


def _case_file(path: Path, code: str, copies: int) -> Path:
    doc = json.loads((CASES / "V01.json").read_text())
    case = {"case_id": code, "interviews": [doc["interviews"][0]] * copies}
    path.write_text(json.dumps(case))
    return path


def _cli(root: Path, *args: str) -> list[str]:
    pp = root.parent / "pp"
    pp.write_text(PASSPHRASE)
    return [sys.executable, "-m", "desktop", "--data-dir", str(root), "--passphrase-file", str(pp), *args]


def test_sigint_at_any_point_leaves_the_vault_as_it_was_or_fully_imported(tmp_path: Path) -> None:
    root = tmp_path / "v"
    sample_vault(root)
    before = _content(root)
    outcomes = []
    for n, delay in enumerate([0.8, 1.4, 2.0, 2.4, 2.8, 3.2, 3.6, 4.2, 9.0]):  # the import takes about 3-4 s
        case = _case_file(tmp_path / f"case{n}.json", f"NK-SIGINT-{n}", 20)
        proc = subprocess.Popen(_cli(root, "interview", "import", str(case)), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
        assert "Traceback" not in err
        after = _content(root)
        whole = after[0]["cases"] == before[0]["cases"] + 1 and after[0]["interviews"] == before[0]["interviews"] + 20
        assert after == before or whole, f"SIGINT after {delay}s left a partial import"
        assert proc.returncode != 0 or whole
        # 130: interrupted and rolled back; -2: the signal came as Python was exiting, after the commit.
        outcomes.append((proc.returncode, "whole" if whole else "unchanged"))
        before = after
    print(f"SIGINT during import: {outcomes}")
    assert (130, "unchanged") in outcomes


MID_TRANSACTION = """
import json, os, signal, sys
from pathlib import Path
from desktop.core.vault import Vault
from desktop.core.errors import VoluntasError
from desktop.core.vault.records import ImportedInterview
root, calls, case = Path(sys.argv[1]), int(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text())
vault = Vault.unlock(root, sys.argv[4])
items = [ImportedInterview("ko", "en", i["interview_date"], i["answers"]) for i in case["interviews"]]
seen = []
def progress():
    seen.append(1)
    if len(seen) == calls:
        os.kill(os.getpid(), signal.SIGINT)  # a real SIGINT, delivered inside the import's transaction
    return 0
vault.conn_or_raise().set_progress_handler(progress, 20)
try:
    vault.records.import_case(case["case_id"], "pow_interview", "1", items)
    print("IMPORTED")
except (KeyboardInterrupt, VoluntasError):  # raised in the handler, SQLite reports the statement interrupted
    print("INTERRUPTED")
vault.conn_or_raise().set_progress_handler(None, 0)
vault.lock()
"""


def test_sigint_inside_the_transaction_rolls_all_of_it_back(tmp_path: Path) -> None:
    root = tmp_path / "v"
    sample_vault(root)
    before = _content(root)
    case = _case_file(tmp_path / "case.json", "NK-MID", 20)
    for calls in (1, 100, 3_000, 9_000):  # of about 10,900 calls of 20 SQLite steps each: all inside the import
        proc = subprocess.run([sys.executable, "-c", MID_TRANSACTION, str(root), str(calls), str(case), PASSPHRASE],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert proc.stdout.strip() == "INTERRUPTED", proc.stdout + proc.stderr
        assert _content(root) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="mounts a small tmpfs to fill the disk for real")
def test_a_full_disk_during_import_leaves_the_vault_as_it_was(tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)]).returncode != 0:
        pytest.skip("cannot mount tmpfs here")
    try:
        root = mnt / "v"
        sample_vault(root)
        before = _content(root)
        filler = mnt / "filler"
        free = os.statvfs(mnt).f_bavail * os.statvfs(mnt).f_frsize
        filler.write_bytes(b"\0" * max(0, free - 160 * 1024))  # leave about 160 kB
        case = _case_file(tmp_path / "case.json", "NK-FULL", 40)
        proc = subprocess.run(_cli(root, "interview", "import", str(case)), capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
        print(f"full disk: exit {proc.returncode}: {proc.stderr.strip()}")
        assert proc.returncode == 1 and "V011" in proc.stderr and "Traceback" not in proc.stderr
        filler.unlink()
        assert _content(root) == before
        assert subprocess.run(_cli(root, "interview", "import", str(case)), capture_output=True,
                              cwd=ROOT, timeout=120).returncode == 0  # after space is freed it imports
    finally:
        subprocess.run(["umount", str(mnt)])


LIMITED = ("import resource, signal, sys\n"
           "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
           "resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv.pop(1)), resource.RLIM_INFINITY))\n"
           "from desktop.cli import main\nsys.exit(main())\n")


def test_a_file_size_limit_during_import_leaves_the_vault_as_it_was(tmp_path: Path) -> None:
    root = tmp_path / "v"
    sample_vault(root)
    before = _content(root)
    largest = max(p.stat().st_size for p in root.iterdir() if p.is_file())
    case = _case_file(tmp_path / "case.json", "NK-FSIZE", 40)
    args = _cli(root, "interview", "import", str(case))[3:]
    proc = subprocess.run([sys.executable, "-c", LIMITED, str(largest + 64 * 1024), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    print(f"RLIMIT_FSIZE: exit {proc.returncode}: {proc.stderr.strip()}")
    assert proc.returncode == 1 and "V011" in proc.stderr and "Traceback" not in proc.stderr
    assert _content(root) == before


def test_a_case_code_already_in_the_vault_is_refused_by_name(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    case = _case_file(tmp_path / "case.json", "NK-DUP-1", 1)
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    cli = ("--data-dir", str(root), "--passphrase-file", str(pp))
    assert run_cli(*cli, "interview", "import", str(case)).returncode == 0
    before = _content(root)
    again = run_cli(*cli, "interview", "import", str(case))
    assert again.returncode == 2 and "V023" in again.stderr and "NK-DUP-1" in again.stderr
    assert _content(root) == before
    listed = run_cli(*cli, "interview", "list")
    assert listed.stdout.splitlines()[1].startswith("NK-DUP-1\t")
    # The code the list shows is the one finalize and dossier export accept (it is unique).
    fin = run_cli(*cli, "interview", "finalize", "NK-DUP-1")
    assert "V015" not in fin.stderr and "D001" not in fin.stderr


BAD_CODES = {"newline": "NK-1\nNK-2\tdraft\tforged", "escape": "NK-\x1b[2J-1", "bidi": "NK-\u202e1-KN",
             "too long": "N" * 65, "blank": "   ", "spaces at the ends": " NK-1 "}


@pytest.mark.parametrize("name", sorted(BAD_CODES))
def test_a_case_code_that_could_forge_rows_is_refused_at_import(tmp_path: Path, name: str) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    case = _case_file(tmp_path / "case.json", BAD_CODES[name], 1)
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    proc = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "interview", "import", str(case))
    assert proc.returncode == 2 and "C002" in proc.stderr and "case_id" in proc.stderr, proc.stderr
    assert "\x1b" not in proc.stderr and "forged" not in proc.stderr
    with Vault.unlock(root, PASSPHRASE) as vault:
        with pytest.raises(VoluntasError) as err:
            vault.records.create_case(BAD_CODES[name])
        assert err.value.code == "V024"
        assert vault.records.list_interviews() == []


def test_an_error_about_an_answer_names_the_field_never_the_value(tmp_path: Path) -> None:
    root = tmp_path / "v"
    make_vault(root).lock()
    doc: dict[str, Any] = json.loads((CASES / "V01.json").read_text())
    said = "He said he would rather die than go back to his unit"
    doc["interviews"][0]["answers"]["con_decision"] = said
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"case_id": "NK-MSG", "interviews": doc["interviews"]}))
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    proc = run_cli("--data-dir", str(root), "--passphrase-file", str(pp), "interview", "import", str(case))
    assert proc.returncode == 2 and "C002" in proc.stderr and "answers.con_decision" in proc.stderr
    assert said[:12] not in proc.stderr and "a text of" in proc.stderr


def test_the_minimal_record_purge_is_one_transaction_with_its_event(tmp_path: Path) -> None:
    root = tmp_path / "v"
    iid = sample_vault(root)
    with Vault.unlock(root, PASSPHRASE) as vault:
        generation = vault.keyfile.generation
        vault.records.purge_answers(iid, ["q1", "q2", "q3"], "minimal_record")
        assert sorted(vault.records.answers(iid)) == ["q0"]
        events = [e for (e,) in vault.conn_or_raise().execute(
            "SELECT event FROM audit WHERE chain = ? ORDER BY seq DESC LIMIT 4", (iid,)).fetchall()]
        assert events == ["minimal_record", "answer_cleared", "answer_cleared", "answer_cleared"]
        assert vault.keyfile.generation > generation  # a purge moves the state on: no rollback to before it
        assert all(r.ok for r in vault.check())
        # A failure part-way (an unknown interview state here) removes nothing.
        vault.conn_or_raise().execute("UPDATE interviews SET state = 'finalized' WHERE id = ?", (iid,))
        with pytest.raises(VoluntasError):
            vault.records.purge_answers(iid, ["q0"])
        assert sorted(vault.records.answers(iid)) == ["q0"]
