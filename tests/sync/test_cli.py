"""The sync commands as a technician uses them: desk init/recipient/enrol/list/receipts, keys
add-recipient, outbox push/list/receipts; bad input gives a coded message, never a traceback."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from desktop.commands.finalize import register_finalize, resolve_case
from desktop.commands.recipients import register_add_recipient
from desktop.core.errors import VoluntasError
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.seal import seal_case
from desktop.core.vault import Vault
from tests.conftest import run_cli
from tests.core.vaulttools import PASSPHRASE
from tests.sync.synctools import DESK_PASSPHRASE, FakeDossier, add_interview


def _in_process(register, root: Path, pp: Path, *argv: str) -> int:  # type: ignore[no-untyped-def]
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="c", required=True))
    args = parser.parse_args(list(argv))
    args.data_dir, args.passphrase_file = str(root), str(pp)
    return int(args.func(args))


def test_desk_and_field_commands(tmp_path: Path) -> None:
    field, desk, pp, dpp = tmp_path / "field", tmp_path / "desk", tmp_path / "pp", tmp_path / "dpp"
    pp.write_text(PASSPHRASE + "\n")
    dpp.write_text(DESK_PASSPHRASE + "\n")
    F = ("--data-dir", str(field), "--passphrase-file", str(pp))
    D = ("--data-dir", str(desk), "--passphrase-file", str(dpp))
    run_cli(*F, "vault", "init", "--interviewer", "I", "--organisation", "O", check=True)
    proc = run_cli(*D, "desk", "init", "--reviewer", "R", "--organisation", "Legal", check=True)
    assert "Desk key:" in proc.stdout
    rfile = tmp_path / "recipient.json"
    proc = run_cli(*D, "desk", "recipient", "--out", str(rfile), check=True)
    fp = json.loads(rfile.read_text())["fingerprint"]
    assert fp in proc.stdout and "AGE-SECRET" not in rfile.read_text()
    run_cli(*F, "keys", "export", "--out", str(tmp_path / "keys"), check=True)
    proc = run_cli(*D, "desk", "enrol", str(tmp_path / "keys"), check=True)
    assert "Ed25519:" in proc.stdout
    assert _in_process(register_add_recipient, field, pp, "add-recipient", str(rfile)) == 0

    vault = Vault.unlock(field, PASSPHRASE)
    cid, _iid = add_interview(vault, "CLI-1")
    seal_case(vault, cid, FakeDossier())
    vault.lock()
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli(*F, "outbox", "push", "--to", str(out), "--json", check=True)
    assert len(json.loads(proc.stdout)["written"]) == 1
    assert json.loads(run_cli(*F, "outbox", "push", "--to", str(out), "--json", check=True).stdout)["written"] == []
    listed = json.loads(run_cli(*F, "outbox", "list", "--json", check=True).stdout)
    assert listed[0]["case_code"] == "CLI-1" and listed[0]["sent_to"]

    dv = Vault.unlock(desk, DESK_PASSPHRASE)
    assert [o.status for o in desk_receive(dv, out, FakeDossier())] == ["imported"]
    dv.lock()
    cases = json.loads(run_cli(*D, "desk", "list", "--json", check=True).stdout)
    assert cases[0]["case_code"] == "CLI-1"
    note = tmp_path / "note.txt"
    note.write_text("checked", encoding="utf-8")
    run_cli(*D, "desk", "signoff", "CLI-1", "--reviewer", "R", "--note-file", str(note), check=True)
    view = json.loads(run_cli(*D, "desk", "case", "CLI-1", "--json", check=True).stdout)
    assert view["signoffs"][0]["note"] == "checked" and len(view["interviews"]) == 1
    assert view["interviews"][0]["answers"] == ["free_text", "ses_case"]  # question ids only
    full = json.loads(run_cli(*D, "desk", "case", "CLI-1", "--json", "--answers", check=True).stdout)
    assert full["interviews"][0]["answers"]["ses_case"] == "CLI-1"
    back = tmp_path / "back"
    back.mkdir()
    run_cli(*D, "desk", "receipts", "--to", str(back), check=True)
    proc = run_cli(*F, "outbox", "receipts", "--from", str(back), "--json", check=True)
    assert json.loads(proc.stdout)["purged_interviews"] == 1
    assert json.loads(run_cli(*F, "interview", "list", "--json", check=True).stdout) == []


def test_bad_input_is_a_coded_message(tmp_path: Path) -> None:
    field, pp = tmp_path / "field", tmp_path / "pp"
    pp.write_text(PASSPHRASE + "\n")
    F = ("--data-dir", str(field), "--passphrase-file", str(pp))
    run_cli(*F, "vault", "init", check=True)
    proc = run_cli(*F, "desk", "list")
    assert proc.returncode == 2 and "S007" not in proc.stdout and "desk init" in proc.stderr
    assert "Traceback" not in proc.stderr
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "voluntas-desk-recipient/1", "age_recipient": "age1nope",
                               "desk_ed25519": "00" * 32}))
    with pytest.raises(VoluntasError) as err:
        _in_process(register_add_recipient, field, pp, "add-recipient", str(bad))
    assert err.value.code == "S002" and "bad.json" in err.value.message() and "age_recipient" in err.value.message()
    proc = run_cli(*F, "outbox", "push", "--to", str(tmp_path / "missing"))
    assert proc.returncode == 2 and "missing" in proc.stderr and "Traceback" not in proc.stderr
    with pytest.raises(VoluntasError) as err:
        _in_process(register_finalize, field, pp, "finalize", "NO-SUCH-CASE")
    assert err.value.code == "V015"


def test_resolve_case() -> None:
    rows = [("id-1", "A"), ("id-2", "B"), ("id-3", "B")]
    assert resolve_case(rows, "id-2") == "id-2" and resolve_case(rows, "A") == "id-1"
    with pytest.raises(VoluntasError):
        resolve_case(rows, "B")


def test_finalize_and_receive_with_the_real_dossier(tmp_path: Path) -> None:
    """`interview import` -> `interview finalize` -> `outbox push` -> `desk receive` -> `desk case`."""
    pytest.importorskip("desktop.core.dossier")
    from desktop.core.sync.desk import desk_init, enrol, export_recipient
    from desktop.core.sync.recipients import add_recipient
    from tests.conftest import CASES
    from tests.sync.synctools import export_keys

    field, desk, pp, dpp = tmp_path / "field", tmp_path / "desk", tmp_path / "pp", tmp_path / "dpp"
    pp.write_text(PASSPHRASE + "\n")
    dpp.write_text(DESK_PASSPHRASE + "\n")
    F = ("--data-dir", str(field), "--passphrase-file", str(pp))
    D = ("--data-dir", str(desk), "--passphrase-file", str(dpp))
    run_cli(*F, "vault", "init", check=True)
    dv = desk_init(desk, DESK_PASSPHRASE, "R", "L", kdf_profile="fast")
    export_recipient(dv, tmp_path / "r.json")
    fv = Vault.unlock(field, PASSPHRASE)
    add_recipient(fv, tmp_path / "r.json")
    enrol(dv, export_keys(fv, tmp_path / "keys"))
    fv.lock()
    dv.lock()
    case_id = run_cli(*F, "interview", "import", str(CASES / "V05.json"), check=True).stdout.split()[-1]
    assert _in_process(register_finalize, field, pp, "finalize", case_id) == 0
    states = [r["state"] for r in json.loads(run_cli(*F, "interview", "list", "--json", check=True).stdout)]
    assert states == ["sealed", "sealed"]
    out = tmp_path / "out"
    out.mkdir()
    run_cli(*F, "outbox", "push", "--to", str(out), check=True)
    proc = run_cli(*D, "desk", "receive", "--from", str(out), "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [o["status"] for o in json.loads(proc.stdout)] == ["imported"]
    view = json.loads(run_cli(*D, "desk", "case", "V05", "--json", check=True).stdout)
    assert len(view["interviews"]) == 2 and view["evaluation"] is not None
    (out / next(out.iterdir()).name).write_bytes(b"age-encryption.org/v1\n-> X25519 AAAA\nAAAA\n--- AAAA\n")
    proc = run_cli(*D, "desk", "receive", "--from", str(out))
    assert proc.returncode == 1 and "rejected" in proc.stdout and "Traceback" not in proc.stderr
