"""An interviewer's note has the free-text answer's limit (real vault): a longer one is refused whole, by
code, with nothing of the note in the message, and the note stored before stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import VoluntasError
from desktop.core.forms.values import MAX_TEXT_CHARS
from tests.core.vaulttools import make_vault


def test_a_note_over_the_limit_is_refused_and_the_old_note_kept(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    try:
        r = vault.records
        case = r.create_case("NOTE-1")
        iid = r.create_interview(case, "pow_interview", "1.0.0", "ko", "uk", "2025-03-10")
        r.save_note(iid, "wsh_open", "x" * MAX_TEXT_CHARS, "uk")  # exactly at the limit: kept
        secret = "SECRETNOTE "
        with pytest.raises(VoluntasError) as err:
            r.save_note(iid, "wsh_open", secret * (MAX_TEXT_CHARS // len(secret) + 1), "uk")
        assert err.value.code == "V026"
        assert "SECRETNOTE" not in err.value.message()
        assert dict(r.notes(iid))["wsh_open"] == "x" * MAX_TEXT_CHARS
    finally:
        vault.lock()
