"""kill -9 during seal (security.md T4 variant): at seeded points inside seal and at random times,
every interview ends either still a draft with all its answers, or sealed with its bundle stored:
never lost, never both. Afterwards the desk receives every sealed interview."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop.core.sync import inbox
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.port import DefaultPort
from desktop.core.sync.receive import desk_receive
from desktop.core.vault import Vault, keyfile
from tests.core.vaulttools import PASSPHRASE
from tests.sync.synctools import add_interview, all_pages, import_vignette, world

WORKER = Path(__file__).resolve().parent / "workers" / "seal_loop.py"
STAGES = ("rendered", "encrypted", "in_transaction", "committed", "checkpointed")
RANDOM_KILLS = int(os.environ.get("VOLUNTAS_SEAL_KILLS", "6"))


def _run(root: Path, stage: str, nth: int, kill_after: float | None = None) -> list[str]:
    proc = subprocess.Popen([sys.executable, str(WORKER), str(root), PASSPHRASE, stage, str(nth)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_after is not None:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("READY")
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, -signal.SIGKILL), err[-2000:]
    return out.splitlines()


def _check(root: Path, originals: dict[str, dict[str, object]]) -> tuple[int, int]:
    vault = Vault.unlock(root, PASSPHRASE)
    try:
        conn = vault.conn_or_raise()
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert all(r.ok for r in vault.check()), [r for r in vault.check() if not r.ok]
        states = {r.id: r.state for r in vault.records.list_interviews()}
        drafts = sealed = 0
        for iid, answers in originals.items():
            assert iid in states, f"interview lost: {iid}"
            link = conn.execute("SELECT s.bundle_id, length(s.data) FROM sealed_interviews si JOIN sealed s "
                                "ON s.bundle_id = si.bundle_id WHERE si.interview_id = ?", (iid,)).fetchone()
            if states[iid] == "draft":
                assert vault.records.answers(iid) == answers and link is None, f"draft damaged: {iid}"
                drafts += 1
            else:
                assert states[iid] == "sealed" and link is not None and link[1] > 0, f"sealed without bundle: {iid}"
                assert vault.records.answers(iid) == {} and vault.records.notes(iid) == {}, f"both: {iid}"
                sealed += 1
        return drafts, sealed
    finally:
        vault.lock()


def test_kill_during_seal_never_loses_and_never_doubles(tmp_path: Path) -> None:
    seed = int(os.environ.get("VOLUNTAS_SEED", "20261126"))
    rng = random.Random(seed)
    w = world(tmp_path)
    root = tmp_path / "field"
    markers = {}
    for i in range(len(STAGES) * 4 + 60):
        markers[add_interview(w.field, f"K-{i:03d}", text=f"MARK-K{i:03d}-X")[1]] = f"MARK-K{i:03d}-X".encode()
    originals = {r.id: w.field.records.answers(r.id) for r in w.field.records.list_interviews()}
    w.field.lock()
    points = [(stage, rng.randint(1, 2)) for stage in STAGES for _ in range(2)]
    for _ in range(RANDOM_KILLS):  # random times first, while many drafts are left
        _run(root, "never", 0, kill_after=rng.uniform(0.005, 0.08))
        print("random kill:", _check(root, originals))
    for stage, nth in points:
        _run(root, stage, nth)
        print(stage, nth, _check(root, originals))
    drafts, sealed = _check(root, originals)
    assert sealed >= len(points) and drafts + sealed == len(originals)
    print(f"{len(points)} seeded + {RANDOM_KILLS} random kill points, seed {seed}: "
          f"{sealed} sealed, {drafts} drafts, 0 lost, 0 both")

    # T13 after the kills and one normal unlock/lock: sealed text is in no page of the db or WAL.
    Vault.unlock(root, PASSPHRASE).lock()
    key = bytes(keyfile.read(root / "vault.key").unwrap(PASSPHRASE.encode()))
    pages = all_pages(key, root / "vault.db")
    field = Vault.unlock(root, PASSPHRASE)
    states = {r.id: r.state for r in field.records.list_interviews()}
    found = {iid for iid, m in markers.items() if any(m in p for p in pages)}
    assert found == {iid for iid, st in states.items() if st == "draft"}, "sealed text left, or a draft not seen"
    out = tmp_path / "out"
    out.mkdir()
    push_outbox(field, out)
    got = desk_receive(w.desk, out, w.fake_dossier)
    assert all(o.status == inbox.IMPORTED for o in got)
    received = {i["id"] for (rec,) in w.desk.conn_or_raise().execute("SELECT record FROM desk_bundles")
                for i in __import__("json").loads(rec)["interviews"]}
    assert received == {r.id for r in field.records.list_interviews() if r.state == "sealed"}
    field.lock()


def test_kill_during_a_real_render_keeps_the_draft_and_the_desk_gets_real_dossiers(tmp_path: Path) -> None:
    """kill -9 while the real dossier is being rendered and signed (the slowest step of sealing): the
    interview stays a draft with all its answers; a later run seals everything, and the desk verifies and
    imports every real dossier."""
    seed = int(os.environ.get("VOLUNTAS_SEED", "20261126"))
    rng = random.Random(seed)
    w = world(tmp_path)
    root = tmp_path / "field"
    for name in ("V01", "V05", "V10"):
        import_vignette(w.field, name)
    originals = {r.id: w.field.records.answers(r.id) for r in w.field.records.list_interviews()}
    w.field.lock()
    in_render = 0
    kills = 3
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, str(WORKER), str(root), PASSPHRASE, "never", "0", "real"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        target, starts, last = rng.randint(1, 2), 0, ""
        for line in proc.stdout:
            last = line.strip()
            if last == "RENDER-START":
                starts += 1
                if starts == target:
                    time.sleep(rng.uniform(0.02, 0.15))
                    proc.send_signal(signal.SIGKILL)
                    break
            if last == "DONE":
                break
        rest, err = proc.communicate(timeout=120)
        assert proc.returncode == -signal.SIGKILL, err[-2000:]
        lines = [last, *rest.splitlines()]
        in_render += lines[-1] == "RENDER-START"
        print("kill during render:", _check(root, originals))
    assert in_render >= 2, f"only {in_render} of {kills} kills landed inside a render"
    lines = _run_real_to_the_end(root)
    assert lines[-1] == "DONE"
    drafts, sealed = _check(root, originals)
    assert (drafts, sealed) == (0, len(originals))
    field = Vault.unlock(root, PASSPHRASE)
    out = tmp_path / "out"
    out.mkdir()
    push_outbox(field, out)
    got = desk_receive(w.desk, out, DefaultPort())
    assert got and all(o.status == inbox.IMPORTED for o in got), got
    field.lock()
    print(f"{kills} kills, {in_render} inside a real render: 0 lost, 0 both; {len(got)} real dossiers received")


def _run_real_to_the_end(root: Path) -> list[str]:
    proc = subprocess.run([sys.executable, str(WORKER), str(root), PASSPHRASE, "never", "0", "real"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.splitlines()


def test_full_disk_during_seal_keeps_the_draft_and_the_retry_seals(tmp_path: Path) -> None:
    """T5 mid-seal: the bundle cannot be stored (EFBIG, as on a full disk); the draft stays whole,
    nothing sealed is half there, and sealing again after space is freed works."""
    w = world(tmp_path)
    _cid, iid = add_interview(w.field, "FULL")
    w.field.records.add_attachment(iid, None, "image/jpeg", os.urandom(1_500_000))
    answers = w.field.records.answers(iid)
    w.field.lock()
    worker = Path(__file__).resolve().parent / "workers" / "seal_full_disk.py"
    proc = subprocess.run([sys.executable, str(worker), str(tmp_path / "field"), PASSPHRASE, iid],
                          capture_output=True, text=True, timeout=120)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert lines[0] == "FAILED V011" and lines[1] == f"STATE draft {len(answers)}" and lines[2] == "RETRY-SEALED"
    assert "Traceback" not in proc.stderr
    vault = Vault.unlock(tmp_path / "field", PASSPHRASE)
    assert [r.state for r in vault.records.list_interviews()] == ["sealed"]
    assert vault.conn_or_raise().execute("SELECT count(*) FROM sealed").fetchone()[0] == 1
    assert all(r.ok for r in vault.check())
    vault.lock()


def test_a_crash_between_commit_and_checkpoint_is_cleaned_at_the_next_unlock(tmp_path: Path) -> None:
    """The WAL keeps older page versions until a checkpoint; checkpoint() after unlock removes them."""
    from desktop.core.sync.seal import checkpoint

    w = world(tmp_path)
    add_interview(w.field, "W", text="MARK-WAL-WINDOW")
    w.field.lock()
    root = tmp_path / "field"
    _run(root, "committed", 1)
    key = bytes(keyfile.read(root / "vault.key").unwrap(PASSPHRASE.encode()))
    before = sum(b"MARK-WAL-WINDOW" in p for p in all_pages(key, root / "vault.db"))
    vault = Vault.unlock(root, PASSPHRASE)
    assert [r.state for r in vault.records.list_interviews()] == ["sealed"]
    checkpoint(vault)
    assert sum(b"MARK-WAL-WINDOW" in p for p in all_pages(key, root / "vault.db")) == 0
    print(f"pages with sealed text after the crash: {before}; after unlock and checkpoint: 0")
    vault.lock()
