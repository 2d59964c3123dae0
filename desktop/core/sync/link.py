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
import json
from typing import Any

from desktop.core.bus import bus
from desktop.core.errors import VoluntasError
from desktop.core.sync import problems as _problems  # noqa: F401
from desktop.core.vault import Vault, audit
from desktop.core.vault.db import Connection

LINKS = "desk.links"  # desk case -> the desk case its group is filed under (the first one linked)
FLOOR = "desk.signoff_floor"  # group -> highest sign-off seq that lapsed


def _get(conn: Connection, key: str) -> dict[str, Any]:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    value = json.loads(row[0]) if row else {}
    return value if isinstance(value, dict) else {}


def _put(conn: Connection, key: str, value: dict[str, Any]) -> None:
    conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, json.dumps(value, sort_keys=True)))


def desk_case(conn: Connection, case_code: str, key_fp: str) -> str:
    """The desk case a bundle of `case_code` signed by `key_fp` is filed under."""
    suffix = "~" + key_fp.replace(" ", "")[:8]
    for label in (case_code, case_code + suffix, case_code + "~" + key_fp.replace(" ", "")):
        owners = {r[0] for r in conn.execute("SELECT DISTINCT key_fingerprint FROM desk_bundles WHERE case_code = ?",
                                             (label,))}
        if not owners or owners == {key_fp}:
            return label
    raise VoluntasError("S036", case=ascii(case_code)[1:-1])


def root(conn: Connection, case: str) -> str:
    return str(_get(conn, LINKS).get(case, case))


def group(conn: Connection, case: str) -> list[str]:
    """Every desk case evaluated together with `case` (itself included), the group's root first."""
    links = _get(conn, LINKS)
    top = links.get(case, case)
    members = sorted(c for c, r in links.items() if r == top and c != top)
    return [top, *members]


def lapse(conn: Connection, case: str) -> None:
    """The group of `case` changed: every sign-off made so far lapses."""
    top = root(conn, case)
    seq = conn.execute("SELECT max(seq) FROM desk_signoff WHERE case_code = ?", (top,)).fetchone()[0]
    if seq:
        floor = _get(conn, FLOOR)
        floor[top] = int(seq)
        _put(conn, FLOOR, floor)


def lapsed_up_to(conn: Connection, case: str) -> int:
    return int(_get(conn, FLOOR).get(root(conn, case), 0))


def _exists(conn: Connection, case: str) -> None:
    if conn.execute("SELECT 1 FROM desk_bundles WHERE case_code = ?", (case,)).fetchone() is None:
        raise VoluntasError("V015", what="case", ident=case)


def _hash(*cases: str) -> str:
    return hashlib.sha256("\x00".join(cases).encode("utf-8")).hexdigest()


def link(vault: Vault, case: str, other: str) -> list[str]:
    """Evaluate `other` (and its group) together with `case`; returns the group."""
    with vault.records.transaction() as conn:
        _exists(conn, case)
        _exists(conn, other)
        links = _get(conn, LINKS)
        top, old = links.get(case, case), links.get(other, other)
        if top == old:
            raise VoluntasError("S037", case=case, other=other)
        lapse(conn, top)
        lapse(conn, old)
        for member in [c for c, r in links.items() if r == old] + [old]:
            links[member] = top
        links.pop(top, None)
        _put(conn, LINKS, links)
        vault.records.audit(conn, audit.VAULT_CHAIN, "cases_linked", 0, text_hash=_hash(top, other))
        members = group(conn, top)
    bus.announce("desk.linked", case_code=top)
    return members


def unlink(vault: Vault, case: str) -> list[str]:
    """Take `case` out of its group again; returns what remains of the group."""
    with vault.records.transaction() as conn:
        _exists(conn, case)
        links = _get(conn, LINKS)
        members = group(conn, case)
        if len(members) == 1:
            raise VoluntasError("S038", case=case)
        lapse(conn, case)
        top = members[0]
        rest = [m for m in members if m != case]
        for m in members:
            links.pop(m, None)
        if len(rest) > 1:
            for m in rest[1:]:
                links[m] = rest[0]
        _put(conn, LINKS, links)
        if case == top:  # the sign-offs stay with the group's first case: they lapsed above
            conn.execute("UPDATE desk_signoff SET case_code = ? WHERE case_code = ?", (rest[0], top))
            floor = _get(conn, FLOOR)
            if top in floor:
                floor[rest[0]] = floor.pop(top)
                _put(conn, FLOOR, floor)
        vault.records.audit(conn, audit.VAULT_CHAIN, "cases_unlinked", 0, text_hash=_hash(case, *rest))
        remaining = group(conn, rest[0])
    bus.announce("desk.linked", case_code=rest[0])
    return remaining
