"""`voluntas forms i18n`, and compiled catalogs: a .mo is used only when it was built from the same .po."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from desktop import i18n, paths
from desktop.i18n_tools import compile_mo
from tests.conftest import run_cli


def test_forms_i18n_json() -> None:
    proc = run_cli("forms", "i18n", "--json", check=True)
    doc = json.loads(proc.stdout)
    rows = {(r["form"], r["language"]): r for r in doc["forms"]}
    assert set(rows) == {("pow_interview", "ko"), ("pow_interview", "uk")}
    for row in rows.values():
        assert row["total"] == row["translated"] > 400
        assert row["fuzzy"] == row["untranslated"] == 0
        assert row["reviewed"] + row["unreviewed"] == row["translated"] and row["captive_language"] is True


def test_forms_i18n_text_says_unreviewed() -> None:
    proc = run_cli("forms", "i18n", check=True)
    assert " reviewed" in proc.stdout and "pow_interview ko" in proc.stdout and "pow_interview uk" in proc.stdout
    doc = json.loads(run_cli("forms", "i18n", "--json", check=True).stdout)
    if any(r["unreviewed"] for r in doc["forms"]):
        assert "UNREVIEWED" in proc.stdout
    ko = run_cli("--lang", "ko", "forms", "i18n", check=True)
    assert "UNREVIEWED" not in ko.stdout and "\uac80\ud1a0" in ko.stdout


def test_compiled_mo_is_used_only_while_it_matches_the_po(tmp_path: Path) -> None:
    po = tmp_path / "desktop.po"
    shutil.copy(paths.locales_dir() / "uk" / "LC_MESSAGES" / "desktop.po", po)
    mo = compile_mo(po)
    import hashlib

    sha = hashlib.sha256(po.read_bytes()).hexdigest()
    compiled = i18n._compiled(mo, sha)
    assert compiled is not None and compiled.gettext("Wrong passphrase.") != "Wrong passphrase."
    po.write_bytes(po.read_bytes() + b"\n")
    assert i18n._compiled(mo, hashlib.sha256(po.read_bytes()).hexdigest()) is None
    assert i18n._compiled(tmp_path / "missing.mo", sha) is None


def test_catalog_works_without_a_build_step() -> None:
    cat = i18n.catalog("uk", "forms")
    assert cat.pgettext("pow_interview.yes_no.yes.label", "Yes") == "\u0422\u0430\u043a"
