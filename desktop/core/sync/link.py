"""Different men are never merged by a code (issue 14 point 3).

Two interviewers may both use case code NK-A for two different captives. A bundle is therefore filed
under a desk case: its case code if that code is free or already used by the same interviewer key,
else the code followed by "~" and the first 8 hex digits of the key's fingerprint. Only a reviewer
joins desk cases (`voluntas desk link`), recorded in the audit log and reversible (`desk unlink`);
only linked cases are evaluated together. A sign-off lapses when its case gets a new interview, by a
new bundle or a link. Links and lapses live in the desk's settings (JSON), written in the same
transaction as the audit entry.
"""

from __future__ import annotations

import hashlib

from desktop.core.bus import bus
from desktop.core.errors import VoluntasError
from desktop.core.vault import Vault
from desktop.core.vault.desk_store import DeskChange, DeskReads


def desk_case(desk: DeskReads, case_code: str, key_fp: str) -> str:
    """The desk case a bundle of `case_code` signed by `key_fp` is filed under."""
    suffix = "~" + key_fp.replace(" ", "")[:8]
    for label in (case_code, case_code + suffix, case_code + "~" + key_fp.replace(" ", "")):
        owners = desk.key_owners(label)
        if not owners or owners == {key_fp}:
            return label
    raise VoluntasError("S036", case=ascii(case_code)[1:-1])


def root(desk: DeskReads, case: str) -> str:
    return str(desk.links().get(case, case))


def group(desk: DeskReads, case: str) -> list[str]:
    """Every desk case evaluated together with `case` (itself included), the group's root first."""
    links = desk.links()
    top = links.get(case, case)
    members = sorted(c for c, r in links.items() if r == top and c != top)
    return [top, *members]


def lapse(tx: DeskChange, case: str) -> None:
    """The group of `case` changed: every sign-off made so far lapses."""
    top = root(tx, case)
    seq = tx.last_signoff(top)
    if seq:
        floor = tx.floors()
        floor[top] = int(seq)
        tx.put_floors(floor)


def lapsed_up_to(desk: DeskReads, case: str) -> int:
    return int(desk.floors().get(root(desk, case), 0))


def _exists(desk: DeskReads, case: str) -> None:
    if not desk.has_case(case):
        raise VoluntasError("V015", what="case", ident=case)


def _hash(*cases: str) -> str:
    return hashlib.sha256("\x00".join(cases).encode("utf-8")).hexdigest()


def link(vault: Vault, case: str, other: str) -> list[str]:
    """Evaluate `other` (and its group) together with `case`; returns the group."""
    with vault.desk.change() as tx:
        _exists(tx, case)
        _exists(tx, other)
        links = tx.links()
        top, old = links.get(case, case), links.get(other, other)
        if top == old:
            raise VoluntasError("S037", case=case, other=other)
        lapse(tx, top)
        lapse(tx, old)
        for member in [c for c, r in links.items() if r == old] + [old]:
            links[member] = top
        links.pop(top, None)
        tx.put_links(links)
        tx.audit("cases_linked", text_hash=_hash(top, other))
        members = group(tx, top)
    bus.announce("desk.linked", case_code=top)
    return members


def unlink(vault: Vault, case: str) -> list[str]:
    """Take `case` out of its group again; returns what remains of the group."""
    with vault.desk.change() as tx:
        _exists(tx, case)
        links = tx.links()
        members = group(tx, case)
        if len(members) == 1:
            raise VoluntasError("S038", case=case)
        lapse(tx, case)
        top = members[0]
        rest = [m for m in members if m != case]
        for m in members:
            links.pop(m, None)
        if len(rest) > 1:
            for m in rest[1:]:
                links[m] = rest[0]
        tx.put_links(links)
        if case == top:  # the sign-offs stay with the group's first case: they lapsed above
            tx.move_signoffs(top, rest[0])
            floor = tx.floors()
            if top in floor:
                floor[rest[0]] = floor.pop(top)
                tx.put_floors(floor)
        tx.audit("cases_unlinked", text_hash=_hash(case, *rest))
        remaining = group(tx, rest[0])
    bus.announce("desk.linked", case_code=rest[0])
    return remaining
