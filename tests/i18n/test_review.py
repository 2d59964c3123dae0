"""Review status: an approval holds only while the English source and the translation both stay the same.
Catalogs and review files are written inside tmp_path."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from desktop.core.languages import TRANSLATED
from desktop.core.translation.signoff import is_reviewed, load, review_path, sign_off

UK_YES = "\u0422\u0430\u043a"
UK_YES_2 = "\u0422\u0430\u043a."
CTX = "demo.q1.label"


def write_catalog(path: Path, entries: list[tuple[str, str, str, bool]]) -> Path:
    cat = Catalog(locale="uk", domain="forms")
    for ctx, english, translation, fuzzy in entries:
        cat.add(english, translation, context=ctx, flags=("fuzzy",) if fuzzy else ())
    buf = io.BytesIO()
    write_po(buf, cat)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return path


def reviewed(po: Path) -> dict[str, bool]:
    cat = read_po(io.BytesIO(po.read_bytes()))
    approvals = load(review_path(po))
    return {str(m.context): is_reviewed("forms", m, approvals) for m in cat if m.id}


def test_nothing_is_reviewed_before_sign_off(tmp_path: Path) -> None:
    po = write_catalog(tmp_path / "forms.po", [(CTX, "Yes", UK_YES, False)])
    assert reviewed(po) == {CTX: False}
    assert not review_path(po).exists()


def test_sign_off_records_hashes_reviewer_and_date(tmp_path: Path) -> None:
    po = write_catalog(tmp_path / "forms.po", [(CTX, "Yes", UK_YES, False), ("demo.q2.label", "No", "", False),
                                                ("demo.q3.label", "Maybe", "\u041c\u043e\u0436\u0435", True)])
    assert sign_off(po, "Olena K.", date=datetime.date(2026, 11, 26)) == 1
    doc = json.loads(review_path(po).read_text(encoding="utf-8"))
    entry = doc["approvals"][CTX]
    assert entry["reviewer"] == "Olena K." and entry["date"] == "2026-11-26"
    assert len(entry["source_sha256"]) == 64 and len(entry["translation_sha256"]) == 64
    assert reviewed(po) == {CTX: True, "demo.q2.label": False, "demo.q3.label": False}


def test_changing_the_english_source_makes_it_unreviewed(tmp_path: Path) -> None:
    po = write_catalog(tmp_path / "forms.po", [(CTX, "Yes", UK_YES, False)])
    sign_off(po, "Olena K.")
    write_catalog(po, [(CTX, "Yes, I agree", UK_YES, False)])  # same context, same translation, new English
    assert reviewed(po) == {CTX: False}


def test_changing_the_translation_makes_it_unreviewed(tmp_path: Path) -> None:
    po = write_catalog(tmp_path / "forms.po", [(CTX, "Yes", UK_YES, False)])
    sign_off(po, "Olena K.")
    write_catalog(po, [(CTX, "Yes", UK_YES_2, False)])
    assert reviewed(po) == {CTX: False}
    write_catalog(po, [(CTX, "Yes", UK_YES, False)])  # back to exactly what was approved
    assert reviewed(po) == {CTX: True}


def test_a_fuzzy_string_is_never_reviewed(tmp_path: Path) -> None:
    po = write_catalog(tmp_path / "forms.po", [(CTX, "Yes", UK_YES, False)])
    sign_off(po, "Olena K.")
    write_catalog(po, [(CTX, "Yes", UK_YES, True)])
    assert reviewed(po) == {CTX: False}


def test_sign_off_by_context_prefix_only(tmp_path: Path) -> None:
    po = write_catalog(tmp_path / "forms.po", [(CTX, "Yes", UK_YES, False), ("other.q.label", "Yes", UK_YES, False)])
    assert sign_off(po, "Olena K.", context_prefix="demo.") == 1
    assert reviewed(po) == {CTX: True, "other.q.label": False}


def test_every_shipped_catalog_has_a_valid_review_file() -> None:
    """Kept beside each catalog; a string counts as reviewed only through a matching approval."""
    from desktop import paths
    from desktop.core.translation.shown import form_stats

    for lang in TRANSLATED:
        for domain in ("forms", "desktop"):
            po = paths.locales_dir() / lang / "LC_MESSAGES" / f"{domain}.po"
            assert review_path(po).is_file()
            approvals = load(review_path(po))
            assert all(a.reviewer.strip() and len(a.source_sha256) == 64 for a in approvals.values())
        st = form_stats("pow_interview", lang)
        assert st.reviewed + len(st.unreviewed) == st.translated
        assert st.reviewed == sum(reviewed(paths.locales_dir() / lang / "LC_MESSAGES" / "forms.po").values())
