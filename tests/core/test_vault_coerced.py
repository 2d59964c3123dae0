"""Issue 13 point 9: a coerced unlock shows as little as possible. After sealing, the interview's
wall-clock start time and the folders the outbox was pushed to are not kept (before issue 13 both
stayed in the vault, readable by anyone made to unlock it)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.sync.desk import export_recipient
from tests.conftest import CASES, run_cli
from tests.core.vaulttools import PASSPHRASE, make_vault, raw_db
from tests.sync.synctools import make_desk


def _every_text(conn) -> str:  # type: ignore[no-untyped-def]
    out = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for row in conn.execute(f'SELECT * FROM "{table}"').fetchall():  # noqa: S608
            out += [str(v) for v in row if isinstance(v, str)]
    return "\n".join(out)


def test_after_sealing_and_pushing_no_start_time_and_no_folder_path_is_kept(tmp_path: Path) -> None:
    root, pp = tmp_path / "field", tmp_path / "pp"
    pp.write_text(PASSPHRASE)
    make_vault(root).lock()
    desk = make_desk(tmp_path / "desk")
    export_recipient(desk, tmp_path / "recipient.json")
    desk.lock()
    cli = ("--data-dir", str(root), "--passphrase-file", str(pp))
    run_cli(*cli, "keys", "add-recipient", str(tmp_path / "recipient.json"), check=True)
    run_cli(*cli, "interview", "import", str(CASES / "V01.json"), check=True)
    conn = raw_db(root)
    started = conn.execute("SELECT started_at FROM interviews").fetchone()[0]
    conn.close()
    assert started  # a draft keeps its start
    code = json.loads(run_cli(*cli, "interview", "list", "--json", check=True).stdout)[0]["case_code"]
    run_cli(*cli, "interview", "finalize", code, check=True)
    stick = tmp_path / "STICK-OF-OLENA" / "outbox"
    stick.mkdir(parents=True)
    pushed = run_cli(*cli, "outbox", "push", "--to", str(stick), check=True)
    assert str(stick.resolve()) in pushed.stdout  # said to the user, not kept
    again = json.loads(run_cli(*cli, "outbox", "push", "--to", str(stick), "--json", check=True).stdout)
    assert again["written"] == [] and again["already"] == 1  # still knows it went there
    conn = raw_db(root)
    state, started = conn.execute("SELECT state, started_at FROM interviews").fetchone()
    everything = _every_text(conn)
    conn.close()
    print(f"sealed interview: started_at {started!r}; folder path in the vault: {'STICK-OF-OLENA' in everything}")
    assert state == "sealed" and started == ""
    assert "STICK-OF-OLENA" not in everything and str(tmp_path) not in everything
