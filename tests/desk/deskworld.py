"""A field laptop and a legal desk with real dossiers (the real dossier port), for the desk tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.sync.outbox import push_outbox
from desktop.core.sync.port import DefaultPort
from desktop.core.sync.receive import desk_receive
from desktop.core.sync.seal import seal_interviews
from desktop.core.vault import Vault
from tests.sync.synctools import World, import_vignette, world


class RecordingPort(DefaultPort):
    """The real dossier port; keeps each dossier as the field signed it, to compare with the export."""

    def __init__(self) -> None:
        self.rendered: list[bytes] = []

    def render(self, vault: Vault, interview_ids: Sequence[str], extra: Mapping[str, Any]) -> bytes:
        pdf = super().render(vault, interview_ids, extra)
        self.rendered.append(pdf)
        return pdf


@dataclass
class Received:
    world: World
    port: RecordingPort
    usb: Path
    cases: dict[str, str] = field(default_factory=dict)  # case code -> field case id


def received(tmp: Path, vignettes: Sequence[str] = ("V05",), split: bool = True) -> Received:
    """Each vignette sealed (one bundle per interview when `split`), pushed and received by the desk."""
    w = world(tmp)
    port = RecordingPort()
    usb = tmp / "usb"
    usb.mkdir()
    out = Received(w, port, usb)
    for name in vignettes:
        cid, ids = import_vignette(w.field, name)
        out.cases[name] = cid
        for group in ([[i] for i in ids] if split else [ids]):
            seal_interviews(w.field, group, port)
    push_outbox(w.field, usb)
    got = desk_receive(w.desk, usb, port)
    assert all(o.status == "imported" for o in got), got
    return out
