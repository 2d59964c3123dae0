"""The desk rejects, with a code and a reason, every altered, misaddressed, unknown or replayed bundle
(security.md T7 bundle mutations, G5), and writes nothing outside its vault."""

from __future__ import annotations

import io
import random
import tarfile
from pathlib import Path

import pyrage
import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric import ed25519
from pyrage import x25519

from desktop.core.sync import bundle, inbox
from desktop.core.sync.desk import desk_identity, desk_recipient
from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.seal import seal_interviews
from tests.sync.synctools import World, add_interview, folder_hashes, world


def _sealed(w: World, tmp: Path, code: str = "CASE-1") -> Path:
    cid, iid = add_interview(w.field, code)
    name = seal_interviews(w.field, [iid], w.fake_dossier).name
    out = tmp / f"src-{code}"
    out.mkdir()
    push_outbox(w.field, out)
    return out / name


def _files(w: World, data: bytes) -> dict[str, bytes]:
    plain = pyrage.decrypt(data, [desk_identity(w.desk)])
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def _repack(w: World, files: dict[str, bytes]) -> bytes:
    return pyrage.encrypt(bundle._tar(files), [x25519.Recipient.from_str(desk_recipient(w.desk))])


def _receive_one(w: World, tmp: Path, data: bytes, name: str = "0" * 32 + ".age") -> inbox.Outcome:
    box = tmp / "inbox"
    box.mkdir(exist_ok=True)
    for old in box.iterdir():
        old.unlink()
    (box / name).write_bytes(data)
    before = folder_hashes(tmp / "inbox")
    [got] = desk_receive(w.desk, box, w.fake_dossier)
    assert folder_hashes(tmp / "inbox") == before
    return got


@pytest.fixture
def w(tmp_path: Path) -> World:
    return world(tmp_path)


def _header_end(data: bytes) -> int:
    return data.index(b"\n", data.index(b"\n--- ")) + 1


def test_byte_flips_and_truncations_are_rejected(w: World, tmp_path: Path) -> None:
    data = _sealed(w, tmp_path).read_bytes()
    rng = random.Random(20261126)
    cases = {f"flip@{i}": data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]
             for i in sorted(rng.sample(range(len(data)), 40)) + [len(data) - 1, _header_end(data) + 3]}
    cases.update({f"cut@{n}": data[:n] for n in (len(data) - 1, len(data) - 17, _header_end(data) + 10, 100, 0)})
    for label, bad in cases.items():
        got = _receive_one(w, tmp_path, bad)
        assert got.status == inbox.REJECTED and got.code in ("S020", "S021"), (label, got)
        assert got.reason
    assert _receive_one(w, tmp_path, data).status == inbox.IMPORTED  # the clean one still goes in


def test_recipient_stanza_swap_is_rejected(w: World, tmp_path: Path) -> None:
    a = _sealed(w, tmp_path, "A").read_bytes()
    b = _sealed(w, tmp_path, "B").read_bytes()
    def stanza(data: bytes) -> bytes:  # the X25519 stanza: its "-> X25519" line and its body line
        start = data.index(b"\n-> X25519 ") + 1
        body = data.index(b"\n", start) + 1
        return data[start: data.index(b"\n", body) + 1]

    assert a != b and stanza(a) != stanza(b)
    swapped = a.replace(stanza(a), stanza(b), 1)  # B's stanza (same desk, B's file key) in A's header
    got = _receive_one(w, tmp_path, swapped)
    assert got.status == inbox.REJECTED and got.code == "S021"


def test_wrong_recipient(w: World, tmp_path: Path) -> None:
    other = x25519.Identity.generate()
    sealed = bundle.seal(w.field.records.identity(), [str(other.to_public())], b"%PDF", {"interviews": []}, {}, {})
    got = _receive_one(w, tmp_path, sealed.data)
    assert (got.status, got.code) == (inbox.REJECTED, "S020")


def test_desk_not_named_in_signed_recipients(w: World, tmp_path: Path) -> None:
    """Decrypted by another holder and re-encrypted to us: the signed recipient list gives it away."""
    other = x25519.Identity.generate()
    cid, iid = add_interview(w.field, "C")
    pdf = w.fake_dossier.render(w.field, [iid])
    sealed = bundle.seal(w.field.records.identity(), [str(other.to_public())], pdf,
                         {"interviews": [{"case_code": "C"}]}, {}, {"case_code": "C"})
    plain = pyrage.decrypt(sealed.data, [other])
    again = pyrage.encrypt(plain, [x25519.Recipient.from_str(desk_recipient(w.desk))])
    got = _receive_one(w, tmp_path, again)
    assert (got.status, got.code) == (inbox.REJECTED, "S026")


def test_unknown_interviewer_key(tmp_path: Path) -> None:
    w = world(tmp_path, enrolled=False)
    got = _receive_one(w, tmp_path, _sealed(w, tmp_path).read_bytes())
    assert (got.status, got.code) == (inbox.REJECTED, "S024")


def test_manifest_and_file_mutations(w: World, tmp_path: Path) -> None:
    files = _files(w, _sealed(w, tmp_path).read_bytes())
    manifest = bundle.json.loads(files[bundle.MANIFEST])

    def variant(**changes: bytes | None) -> dict[str, bytes]:
        out = dict(files)
        for name, value in changes.items():
            key = name.replace("__", "/").replace("_dot_", ".")
            if value is None:
                out.pop(key)
            else:
                out[key] = value
        return out

    edited = dict(manifest, case_code="OTHER")
    forger = ed25519.Ed25519PrivateKey.generate()
    att = next(n for n in files if n.startswith("attachments/"))
    cases = {
        "manifest field edited": (variant(manifest_dot_json=rfc8785.dumps(edited)), "S025"),
        "signature swapped": (variant(manifest_dot_sig=forger.sign(files[bundle.MANIFEST])), "S025"),
        "re-signed by an unknown key": ({**variant(manifest_dot_json=rfc8785.dumps(edited)),
                                         bundle.SIGNATURE: forger.sign(rfc8785.dumps(edited))}, "S025"),
        "attachment swapped": ({**files, att: b"other bytes"}, "S027"),
        "file added": ({**files, "attachments/extra": b"x"}, "S027"),
        "file removed": ({k: v for k, v in files.items() if k != bundle.RECORD}, "S027"),
        "dossier altered": ({**files, bundle.DOSSIER: files[bundle.DOSSIER] + b"% incremental update\n"}, "S027"),
        "signature stripped": ({k: v for k, v in files.items() if k != bundle.SIGNATURE}, "S030"),
        "manifest not canonical": (variant(manifest_dot_json=bundle.json.dumps(manifest, indent=1).encode()), "S030"),
    }
    for label, (changed, code) in cases.items():
        got = _receive_one(w, tmp_path, _repack(w, changed))
        assert (got.status, got.code) == (inbox.REJECTED, code), label


def test_dossier_that_does_not_verify(w: World, tmp_path: Path) -> None:
    class Strict(type(w.fake_dossier)):  # type: ignore[misc]
        def check(self, pdf: bytes, certificate_der: bytes) -> tuple[str | None, None]:
            return "coverage is not ENTIRE_FILE", None

    w.fake_dossier = Strict()
    got = _receive_one(w, tmp_path, _sealed(w, tmp_path).read_bytes())
    assert (got.status, got.code) == (inbox.REJECTED, "S029") and "ENTIRE_FILE" in got.reason


def test_replay_of_a_bundle_id(w: World, tmp_path: Path) -> None:
    first = _sealed(w, tmp_path).read_bytes()
    assert _receive_one(w, tmp_path, first).status == inbox.IMPORTED
    again = _receive_one(w, tmp_path, first, "1" * 32 + ".age")
    assert (again.status, again.code) == (inbox.DUPLICATE, "S031")  # same bytes: imported once
    bid = again.bundle_id
    files = _files(w, first)
    manifest = bundle.json.loads(files[bundle.MANIFEST])
    header = {k: manifest[k] for k in ("case_code", "created", "interviews")}
    replay = bundle.seal(w.field.records.identity(), [desk_recipient(w.desk)], files[bundle.DOSSIER],
                         bundle.json.loads(files[bundle.RECORD]), {}, header, bundle_id=bid)
    got = _receive_one(w, tmp_path, replay.data, "2" * 32 + ".age")
    assert (got.status, got.code) == (inbox.REJECTED, "S028")
    assert w.desk.conn_or_raise().execute("SELECT count(*) FROM desk_bundles").fetchone()[0] == 1


def test_nothing_written_outside_the_desk_vault(w: World, tmp_path: Path) -> None:
    good = _sealed(w, tmp_path).read_bytes()
    box = tmp_path / "inbox"
    box.mkdir()
    for i in range(5):
        (box / f"{i:032x}.age").write_bytes(good[: len(good) - i * 7])
    outside = {k: v for k, v in folder_hashes(tmp_path).items() if not k.startswith(("desk", "home"))}
    desk_receive(w.desk, box, w.fake_dossier)
    after = {k: v for k, v in folder_hashes(tmp_path).items() if not k.startswith(("desk", "home"))}
    assert after == outside


def test_hostile_json_inside_a_validly_encrypted_bundle(w: World, tmp_path: Path) -> None:
    """Anyone can encrypt to the desk's public recipient: what is inside must fail with a reason."""
    files = _files(w, _sealed(w, tmp_path).read_bytes())
    deep = b"[" * 200_000 + b"]" * 200_000
    for manifest, code in ((deep, "S030"), (b'{"format": NaN}', "S030"), (b"\xff\xfe", "S030")):
        got = _receive_one(w, tmp_path, _repack(w, {**files, bundle.MANIFEST: manifest}))
        assert (got.status, got.code) == (inbox.REJECTED, code)


def test_signed_record_that_does_not_match_the_manifest(w: World, tmp_path: Path) -> None:
    """Even a validly signed bundle is refused if its record is not what the manifest lists."""
    cid, iid = add_interview(w.field, "R")
    for record in ({"interviews": []}, {"interviews": [{"case_code": "R"}]}, {"nothing": 1}):
        pdf = w.fake_dossier.render(w.field, [iid])
        sealed = bundle.seal(w.field.records.identity(), [desk_recipient(w.desk)], pdf, record, {},
                             {"case_code": "R", "interviews": [{"id": iid}]})
        got = _receive_one(w, tmp_path, sealed.data)
        assert (got.status, got.code) == (inbox.REJECTED, "S030") and "record.json" in got.reason
