"""The dossier's data: the text shown then is compared with the text printed; the manifest binds it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from desktop.core.dossier import build_dossier
from desktop.core.dossier.assemble import DIFFERS, MATCH, assemble, translator
from desktop.core.dossier.manifest import check
from desktop.core.forms.loader import shipped_form
from desktop.core.forms.session import shown_text
from tests.core.vaulttools import make_vault


def test_text_hash_of_what_was_shown_is_checked_against_the_catalog(tmp_path: Path) -> None:
    form = shipped_form()
    vault = make_vault(tmp_path / "v")
    try:
        case = vault.records.create_case("NK-T")
        iid = vault.records.create_interview(case, form.id, form.version, "uk", "en", "2026-03-02")
        shown = shown_text(form, "wsh_open", translator("uk"))
        vault.records.save_answer(iid, "wsh_open", "text", "uk", hashlib.sha256(shown.encode()).hexdigest())
        vault.records.save_answer(iid, "wsh_fear", "text", "uk", "ab" * 32)  # not what the catalog says
        vault.records.save_note(iid, "wsh_fear", "a note", "en")
        d = assemble(vault, case)
        items = {i.qid: i for s in d.interviews[0].sections for i in s.items}
        assert items["wsh_open"].text_check == MATCH and items["wsh_fear"].text_check == DIFFERS
        assert items["wsh_open"].text_captive != items["wsh_open"].text_interviewer
        built = build_dossier(vault, case)
    finally:
        vault.lock()
    doc, problem = check(built.manifest, built.manifest_sig)
    assert problem is None and doc is not None
    answers = {a["question"]: a for a in doc["interviews"][0]["answers"]}
    assert answers["wsh_fear"]["text_check"] == DIFFERS and doc["interviews"][0]["notes"] == {"wsh_fear": "a note"}
    assert doc["interviews"][0]["audit_head"]["seq"] >= 4 and len(doc["rendered_sha256"]) == 64
    assert json.loads(built.manifest)["keys"]["certificate_fingerprint"].count(" ") == 15


def test_questions_shown_with_unreviewed_text_are_listed(tmp_path: Path) -> None:
    from desktop.core.translation.unreviewed import UNREVIEWED_EVENT

    form = shipped_form()
    vault = make_vault(tmp_path / "v")
    try:
        case = vault.records.create_case("NK-U")
        iid = vault.records.create_interview(case, form.id, form.version, "ko", "en", "2026-03-02")
        vault.records.save_answer(iid, "set_interp", "yes", "ko", "")
        vault.records.record_event(iid, UNREVIEWED_EVENT, "set_interp", "ko")
        built = build_dossier(vault, case)
    finally:
        vault.lock()
    doc, _problem = check(built.manifest, built.manifest_sig)
    assert doc is not None and doc["interviews"][0]["unreviewed_text"] == [{"question": "set_interp", "lang": "ko"}]
