"""Issue 14 point 3: different men are never merged by a code. Two interviewers (two vaults, two keys)
each send one interview under case code NK-A, the code of the shipped examples; real dossiers, real age.
Before, the desk evaluated them as one man whose wish was confirmed over time."""

from __future__ import annotations

from pathlib import Path

from desktop.core.casefile import read_case
from desktop.core.forms.loader import shipped_form
from desktop.core.sync import inbox
from desktop.core.sync.caseview import case_view, list_cases, sign_off, signoffs
from desktop.core.sync.desk import enrol
from desktop.core.sync.link import link, unlink
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.port import default_port
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.recipients import add_recipient
from desktop.core.sync.seal import seal_interviews
from desktop.core.vault import Vault, audit
from tests.conftest import CASES, run_cli
from tests.core.vaulttools import make_vault
from tests.sync.synctools import DESK_PASSPHRASE, export_keys, world


def _send(vault: Vault, out: Path, index: int, code: str = "NK-A") -> None:
    """Interview `index` of vignette V05 under `code`, sealed with a real dossier and pushed to `out`."""
    case = read_case(CASES / "V05.json", "V05.json")
    form = shipped_form()
    item = case.interviews[index]
    cid = vault.records.create_case(code)
    iid = vault.records.create_interview(cid, form.id, form.version, item.captive_lang, item.interviewer_lang,
                                         item.interview_date.isoformat())
    vault.records.import_answers(iid, dict(item.answers), item.captive_lang, {})
    seal_interviews(vault, [iid])
    out.mkdir(exist_ok=True)
    push_outbox(vault, out)


def _wish(desk: Vault, case: str) -> str:
    view = case_view(desk, case)
    assert view.evaluation is not None, view.problem
    return str(view.evaluation["wish"]["result"])


def _events(desk: Vault) -> list[str]:
    return [e.event for e in audit.entries(desk.conn_or_raise(), audit.VAULT_CHAIN)]


def test_two_interviewers_one_code_stay_two_cases_until_linked(tmp_path: Path) -> None:
    w = world(tmp_path)
    other = make_vault(tmp_path / "field-b")
    add_recipient(other, w.recipient_file)
    enrol(w.desk, export_keys(other, tmp_path / "keys-b"))
    _send(w.field, tmp_path / "a", 0)
    _send(other, tmp_path / "b", 1)
    port = default_port()
    for folder in ("a", "b"):
        assert [o.status for o in desk_receive(w.desk, tmp_path / folder, port)] == [inbox.IMPORTED]
    b_case = "NK-A~" + other.records.identity().ed25519_fingerprint().replace(" ", "")[:8]
    assert [c.case_code for c in list_cases(w.desk)] == ["NK-A", b_case]
    assert [len(case_view(w.desk, c).interviews) for c in ("NK-A", b_case)] == [1, 1]
    assert _wish(w.desk, "NK-A") != "RELIABLE_CONFIRMED" and _wish(w.desk, b_case) != "RELIABLE_CONFIRMED"

    sign_off(w.desk, "NK-A", "Reviewer", "one interview, provisional")
    assert [c.signed_off for c in list_cases(w.desk)] == [True, False]
    assert link(w.desk, "NK-A", b_case) == ["NK-A", b_case]  # the reviewer decides: the same man
    assert "cases_linked" in _events(w.desk)
    view = case_view(w.desk, b_case)
    assert len(view.interviews) == 2 and view.linked == ("NK-A",) and _wish(w.desk, "NK-A") == "RELIABLE_CONFIRMED"
    assert [s.lapsed for s in signoffs(w.desk, "NK-A")] == [True]  # its case got a new interview
    assert not any(c.signed_off for c in list_cases(w.desk))
    sign_off(w.desk, b_case, "Reviewer", "two interviews, confirmed")  # filed under the group
    assert [s.lapsed for s in signoffs(w.desk, "NK-A")] == [True, False]

    assert unlink(w.desk, b_case) == ["NK-A"]  # reversible
    assert "cases_unlinked" in _events(w.desk)
    assert [len(case_view(w.desk, c).interviews) for c in ("NK-A", b_case)] == [1, 1]
    assert all(s.lapsed for s in signoffs(w.desk, "NK-A")) and signoffs(w.desk, b_case) == []

    sign_off(w.desk, "NK-A", "Reviewer", "again")
    _send(w.field, tmp_path / "a2", 1)  # the same interviewer sends a second interview of his NK-A
    assert sorted(o.status for o in desk_receive(w.desk, tmp_path / "a2", port)) == [inbox.DUPLICATE,
                                                                                      inbox.IMPORTED]
    assert len(case_view(w.desk, "NK-A").interviews) == 2 and all(s.lapsed for s in signoffs(w.desk, "NK-A"))

    w.desk.lock()
    pp = tmp_path / "dpp"
    pp.write_text(DESK_PASSPHRASE + "\n")
    D = ("--passphrase-file", str(pp), "desk", "--desk-dir", str(tmp_path / "desk"))
    proc = run_cli(*D, "link", "NK-A", b_case, check=True)
    assert "lapsed" in proc.stdout
    listing = run_cli(*D, "list", check=True).stdout
    assert f"linked with {b_case}" in listing
    proc = run_cli(*D, "link", "NK-A", b_case)
    assert proc.returncode == 2 and "already" in proc.stderr
    assert run_cli(*D, "unlink", b_case, check=True).returncode == 0


def test_a_case_code_the_desk_would_refuse_is_not_sealed(tmp_path: Path) -> None:
    from desktop.core.errors import VoluntasError
    from tests.sync.synctools import add_interview

    w = world(tmp_path)
    for n, code in enumerate(("NK-A\x1b[2J", "NK-\u202eA", "N" * 129)):
        try:  # the laptop refuses such a code when the case is made (V024) ...
            add_interview(w.field, code)
        except VoluntasError as err:
            assert err.code == "V024"
        else:
            raise AssertionError(f"created {code!r}")
        # ... and a code that got in some other way (an older vault, an edited database) is never sealed
        cid, iid = add_interview(w.field, f"OLD-{n}")
        w.field.conn_or_raise().execute("UPDATE cases SET code = ? WHERE id = ?", (code, cid))
        try:
            seal_interviews(w.field, [iid], w.fake_dossier)
        except VoluntasError as err:
            assert err.code == "S016" and "nothing was sealed" in err.message()
        else:
            raise AssertionError(f"sealed {code!r}")
        assert w.field.records.answers(iid)  # still a draft, nothing lost
