"""What a lawyer reads: the cover's results in words, the evaluation without codes, one language, the
contents page, and a draft that says so on every page (and that the desk refuses)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from desktop.core.dossier import build_dossier, export_dossier, is_draft, verify_dossier
from desktop.core.dossier.summary import DECISION_SUPPORT
from desktop.core.dossier.words import Words
from desktop.core.forms.loader import shipped_form
from desktop.core.rules import shipped_ruleset
from tests.core.vaulttools import make_vault
from tests.dossier.dossiertools import import_case

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
FIXTURES = Path(__file__).parent / "fixtures"
# name, captive's language, interviewer's language, vignette: reliable, flags, no wish, a child, no evaluation
SPECS = (("en", "en", "en", "V05"), ("uk", "ko", "uk", "V05"), ("v03", "ko", "uk", "V03"), ("v06", "ko", "uk", "V06"),
         ("v13", "ko", "uk", "V13"), ("v12", "en", "en", "V12"), ("v04", "ko", "uk", "V04"))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pages(pdf: Path, layout: bool = False) -> list[str]:
    cmd = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    out = subprocess.run(cmd, capture_output=True, check=True, timeout=120).stdout.decode("utf-8")
    return [p if layout else flat(p) for p in out.split("\f")][:-1]


def manifest(pdf: bytes) -> dict[str, Any]:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    names = PdfFileReader(io.BytesIO(pdf)).root["/Names"]["/EmbeddedFiles"]["/Names"]
    data = dict(zip([str(n) for n in names[::2]], names[1::2], strict=True))["manifest.json"]["/EF"]["/F"].data
    return dict(json.loads(data))


def section(all_pages: list[str], start: str, end: str) -> list[str]:
    """The pages from the one starting with heading `start` up to (not including) the one starting with `end`."""
    first = next(i for i, p in enumerate(all_pages) if i > 1 and start in p[:200])
    last = next(i for i, p in enumerate(all_pages) if i > first and end in p[:200])
    return all_pages[first:last]


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("cover")
    vault = make_vault(root / "v")
    out: dict[str, Any] = {}
    try:
        for name, captive, interviewer, vignette in SPECS:
            case = import_case(vault, vignette, captive, interviewer, code=f"NK-{name.upper()}")
            path = root / f"{name}.pdf"
            built = export_dossier(vault, case, path)
            out[name] = (path, built, json.loads(built.manifest))
        final = build_dossier(vault, "NK-EN", final=True)
        (root / "final.pdf").write_bytes(final.pdf)
        out["final"] = (root / "final.pdf", final, json.loads(final.manifest))
    finally:
        vault.lock()
    return out


def evaluation_of(vignette: str) -> dict[str, Any]:
    from desktop.core.rules import evaluate_file

    return evaluate_file(Path(__file__).parents[1] / "cases" / f"{vignette}.json").to_json()


@needs_poppler
@pytest.mark.parametrize("name", ["en", "uk", "v06", "v13", "v12"])
def test_the_cover_holds_status_wish_reliability_and_risk_in_words(dossiers: dict[str, Any], name: str) -> None:
    path, _built, _doc = dossiers[name]
    _name, _captive, lang, vignette = next(s for s in SPECS if s[0] == name)
    ev = evaluation_of(vignette)
    w = Words(shipped_ruleset(), lang)
    cover = pages(path)[0]
    assert flat(w.result(ev["status"]["result"])) in cover  # Prisoner of war
    assert flat(w.result(ev["wish"]["result"])) in cover  # Reliable, confirmed / No wish stated / ...
    current = ev["wish"]["current"]
    if vignette == "V05":
        assert "I do not want to go back" in cover  # his own words (wsh_open of the vignette)
    if current and current["pref"] not in (None, "undecided", "declined"):
        assert flat(w.answer("wsh_pref", current["pref"])) in cover  # the option he chose, as a label
    for flag in ev["flags"]:
        assert flat(w.code(flag)) in cover, flag
    for dest, result in ev["risk"]["result"].items():
        assert f"{flat(w.destination(dest))}: {flat(w.result(result))}" in cover, dest
    for option in ev["options"]["result"]:
        assert flat(w.option(option)) in cover
    assert flat(w.ui(DECISION_SUPPORT)) in cover


@needs_poppler
@pytest.mark.parametrize("name", [s[0] for s in SPECS])
def test_no_evaluation_page_holds_a_raw_option_or_answer_code(dossiers: dict[str, Any], name: str) -> None:
    path, built, _doc = dossiers[name]
    lang = next(s[2] for s in SPECS if s[0] == name)
    w = Words(shipped_ruleset(), lang)
    evaluation = " ".join(section(pages(path), flat(w.ui("Evaluation")), flat(w.ui("Consent and capacity"))))
    if name != "v04":  # V04 has no valid interview: no rule used an answer
        assert flat(w.ui("Based on these answers and settings:")) in evaluation  # the inputs, as words
    codes = {f"o{n}" for n in range(1, 9)}
    form = shipped_form()
    for lst in form.choice_lists.values():
        codes |= {c.code for c in lst.choices if "_" in c.code or len(c.code) <= 3}
    codes -= {"no", "yes", "not", "war"}  # English words an English page may hold
    if lang == "uk":  # every English choice code counts, "yes" and "no" included
        codes |= {c.code for lst in form.choice_lists.values() for c in lst.choices}
        codes |= {"true", "false", "individual", "grave", "unknown", "draft", "valid"}
    codes -= {"ua", "un", "ru"}  # country names in the published citations (kept as published)
    evaluation = re.sub(r"\bno\. \d", "", evaluation)  # "M.S. v Belgium, no. 50012/08": a cited case number
    found = sorted(c for c in codes if re.search(rf"(?<![\w/-]){re.escape(c)}(?![\w/-])", evaluation))
    assert found == []
    assert not re.search(r"\b(?:cfg|ev|wsh|id|cap|con|set|vol)_[a-z_0-9]+\b", evaluation)


@needs_poppler
def test_a_ukrainian_dossier_carries_no_english_interface_words(dossiers: dict[str, Any]) -> None:
    path, _built, _doc = dossiers["uk"]
    text = pages(path)
    w = Words(shipped_ruleset(), "uk")
    stamp = flat(w.ui("Electronic signature of the interviewer's device (PAdES); see the last page to check it."))
    cover = text[0][:text[0].index(stamp)]  # pyHanko's stamp below it is Latin-only by design (sign.py)
    front = " ".join([cover, *text[1:3]])  # cover, contents and his wish
    for english in ("Results", "Contents", "His wish", "Reliability", "Risk on return", "Options", "Flags",
                    "draft", "captive", "interviewer", "Evaluation", "Interview", "Languages", "not answered"):
        assert not re.search(rf"\b{english}\b", front), english
    rest = " ".join(text[1:-1])  # every page but the cover's stamp and the hashes page's commands
    for english in ("characters", "interview_started", "imported", "answer", "Answer", "Note", "Duration",
                    "Audit", "draft", "captive's", "interviewer's"):
        assert not re.search(rf"\b{english}\b", rest), english


@needs_poppler
def test_contents_page_numbers_point_at_the_sections_and_the_wish_comes_first(dossiers: dict[str, Any]) -> None:
    path, _built, _doc = dossiers["en"]
    text = pages(path)
    contents = pages(path, layout=True)[1]
    assert "Contents" in contents
    for title in ("His wish", "Evaluation", "Consent and capacity", "Audit summary", "Hashes and keys"):
        found = re.search(rf"^ *{re.escape(title)} +(\d+) *$", contents, re.M)
        assert found, title
        page = int(found.group(1))
        assert title in text[page - 1], (title, page)
    assert int(re.search(r"His wish +(\d+)", contents).group(1)) == 2  # type: ignore[union-attr]


@needs_poppler
def test_a_draft_says_so_on_every_page_and_in_its_manifest(dossiers: dict[str, Any]) -> None:
    for name, mark in (("en", "DRAFT, not finalized"), ("uk", "\u0427\u0415\u0420\u041d\u0415\u0422\u041a\u0410")):
        path, built, doc = dossiers[name]
        assert doc["draft"] is True and is_draft(built.pdf)
        text = pages(path)
        assert all(mark in p for p in text), name
        assert text[0].count(mark) >= 2  # the cover's box and the page's line
        assert verify_dossier(path).ok  # a draft is a valid signed file; it just says what it is
    path, built, doc = dossiers["final"]
    assert doc["draft"] is False and not is_draft(built.pdf)
    assert not any("DRAFT" in p for p in pages(path))


def test_a_dossier_made_before_this_version_still_verifies() -> None:
    old = FIXTURES / "dossier-before-issue16.pdf"
    result = verify_dossier(old)
    assert result.ok, result.reasons
    assert not is_draft(old.read_bytes())  # no flag in its manifest: not treated as a draft


def test_the_desk_refuses_a_draft_sealed_by_a_rogue_laptop(tmp_path: Path) -> None:
    """An insider seals a draft dossier into a bundle (a patched laptop): the desk rejects the bundle."""
    from collections.abc import Mapping, Sequence

    from desktop.core.sync import inbox
    from desktop.core.sync.outbox import push_outbox
    from desktop.core.sync.port import DefaultPort
    from desktop.core.sync.receive import desk_receive
    from desktop.core.sync.seal import seal_interviews
    from desktop.core.vault import Vault
    from tests.sync.synctools import import_vignette, world

    class DraftPort(DefaultPort):
        def render(self, vault: Vault, interview_ids: Sequence[str], extra: Mapping[str, Any]) -> bytes:
            return bytes(build_dossier(vault, list(interview_ids), extra_manifest=dict(extra)).pdf)

    w = world(tmp_path)
    try:
        _cid, ids = import_vignette(w.field, "V05")
        seal_interviews(w.field, ids, DraftPort())
        usb = tmp_path / "usb"
        usb.mkdir()
        push_outbox(w.field, usb)
        got = desk_receive(w.desk, usb, DefaultPort())
        assert [o.status for o in got] == [inbox.REJECTED]
        assert got[0].code == "S029" and "draft" in got[0].reason
        from desktop.core.sync.caseview import list_cases

        assert list_cases(w.desk) == []
    finally:
        w.field.lock()
        w.desk.lock()


@needs_poppler
def test_the_cover_names_the_questions_shown_with_unreviewed_translations(tmp_path: Path) -> None:
    from desktop.core.translation.unreviewed import UNREVIEWED_EVENT

    vault = make_vault(tmp_path / "v")
    try:
        case = import_case(vault, "V05", "ko", "uk", code="NK-SHOWN")
        imported = build_dossier(vault, case, final=True)
        first = vault.records.list_interviews()[0].id
        vault.records.record_event(first, UNREVIEWED_EVENT, "wsh_pref", "ko")
        shown = build_dossier(vault, case, final=True)
    finally:
        vault.lock()
    w = Words(shipped_ruleset(), "uk")
    for built, expected in ((imported, "No record of the text shown: the answers were imported."),
                            (shown, "{count} question(s) were shown with translations no translator has reviewed: "
                                    "{labels}")):
        path = tmp_path / "x.pdf"
        path.write_bytes(built.pdf)
        cover = pages(path)[0]
        said = flat(w.ui(expected).format(count=1, labels=w.question("wsh_pref")))
        assert said in cover


@needs_poppler
@pytest.mark.parametrize("name", [s[0] for s in SPECS])
def test_the_cover_fits_on_page_one_and_contents_come_second(dossiers: dict[str, Any], name: str) -> None:
    path, _built, _doc = dossiers[name]
    w = Words(shipped_ruleset(), next(s[2] for s in SPECS if s[0] == name))
    text = pages(path)
    assert flat(w.ui(DECISION_SUPPORT)) in text[0]  # the cover's last line is still on page 1
    assert flat(w.ui("Contents")) in text[1][:80]
