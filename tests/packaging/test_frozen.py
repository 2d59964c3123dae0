"""Smoke test of the one-folder build (issue 9): the built app runs where no Python is, and says what the
checkout says.

Uses the build named by VOLUNTAS_FROZEN_APP (packaging/build.py --test sets it to the build it just made);
without it, builds first with packaging/build.py. Marked `packaging`: skipped unless run with -m packaging.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.languages import LANGUAGES
from tests.conftest import CASES

ROOT = Path(__file__).resolve().parent.parent.parent
SMOKE_PREFIX = "VOLUNTAS_SMOKE "
VIGNETTES = sorted(p.name for p in CASES.glob("V*.json"))
PASSPHRASE = "packaging smoke test: correct horse battery staple 42"

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="session")
def app() -> Path:
    given = os.environ.get("VOLUNTAS_FROZEN_APP")
    if not given:
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--no-tar", "--repeats", "1"],
                       cwd=ROOT, check=True)
        given = str(ROOT / "dist" / "voluntas" / ("voluntas.exe" if sys.platform == "win32" else "voluntas"))
    path = Path(given).resolve()
    assert path.is_file(), f"no built app at {path}"
    return path


@pytest.fixture(scope="session")
def internal(app: Path) -> Path:
    return app.parent / "_internal"  # sys._MEIPASS of a PyInstaller 6 one-folder build


def frozen(app: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(app), *args], cwd=ROOT, capture_output=True, timeout=180,
                          env={**os.environ, **(env or {})})


def checkout(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, capture_output=True, timeout=180)


def same(a: subprocess.CompletedProcess[bytes], b: subprocess.CompletedProcess[bytes]) -> None:
    assert (a.returncode, a.stderr.decode(errors="replace")) == (b.returncode, b.stderr.decode(errors="replace"))
    assert a.stdout == b.stdout  # byte-identical


def no_traceback(proc: subprocess.CompletedProcess[bytes]) -> None:
    err = proc.stderr.decode(errors="replace")
    assert "Traceback" not in err and "E999" not in err, err


# -- the window --------------------------------------------------------------------------------------------
def test_demo_window_shows_and_exits_cleanly(app: Path, isolated_env: Path) -> None:
    proc = frozen(app, "gui", "--demo", env={"QT_QPA_PLATFORM": "offscreen", "VOLUNTAS_GUI_SMOKE_MS": "500"})
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    lines = [ln for ln in proc.stdout.decode().splitlines() if ln.startswith(SMOKE_PREFIX)]
    assert len(lines) == 1, proc.stdout
    report = json.loads(lines[0][len(SMOKE_PREFIX):])
    assert report["frozen"] is True and report["platform"] == "offscreen"
    assert report["visible"] is True and report["title"]
    assert report["width"] >= 400 and report["height"] >= 300
    assert report["colours"] >= 8, "the window grab is (nearly) one colour: nothing was drawn"
    if sys.platform.startswith("linux"):  # security.md T14 holds in the bundle too: no core dumps, no ptrace
        assert (report["core_limit"], report["dumpable"]) == (0, 0)
    leftovers = list((isolated_env / "tmp").glob("voluntas-demo-*"))
    assert leftovers == [], "the demo vault was not deleted on exit"


def test_plain_start_without_the_smoke_variable_is_untouched(app: Path) -> None:
    """The runtime hook does nothing without VOLUNTAS_GUI_SMOKE_MS: `--help` is the checkout's, byte for byte."""
    same(frozen(app, "--help"), checkout("--help"))


# -- same answers as the checkout ----------------------------------------------------------------------------
def test_forms_check_is_the_checkouts(app: Path) -> None:
    a, b = frozen(app, "forms", "check"), checkout("forms", "check")
    no_traceback(a)
    same(a, b)


def test_forms_i18n_is_the_checkouts(app: Path) -> None:
    a, b = frozen(app, "forms", "i18n", "--json"), checkout("forms", "i18n", "--json")
    no_traceback(a)
    same(a, b)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_evaluate_v01_is_the_checkouts(app: Path, lang: str) -> None:
    args = ("--lang", lang, "evaluate", "tests/cases/V01.json", "--json")
    a, b = frozen(app, *args), checkout(*args)
    no_traceback(a)
    assert a.returncode == 0
    same(a, b)


@pytest.mark.parametrize("name", VIGNETTES)
def test_evaluate_every_vignette_is_the_checkouts(app: Path, name: str) -> None:
    a, b = frozen(app, "evaluate", f"tests/cases/{name}", "--json"), checkout(
        "evaluate", f"tests/cases/{name}", "--json")
    no_traceback(a)
    same(a, b)


# -- the lazily imported parts: vault (SQLCipher, Argon2id), dossier (reportlab, fonts, pyHanko) ------------
def test_vault_and_dossier_in_the_bundle(app: Path, isolated_env: Path, tmp_path: Path) -> None:
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE + "\n", encoding="utf-8")
    base = ("--data-dir", str(tmp_path / "vault"), "--passphrase-file", str(pp))
    for args in (("vault", "init", "--interviewer", "Smoke", "--organisation", "Test"), ("vault", "check")):
        proc = frozen(app, *base, *args)
        no_traceback(proc)
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    proc = frozen(app, *base, "interview", "import", "tests/cases/V01.json")
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    case_id = proc.stdout.decode().strip().splitlines()[-1]
    pdf = tmp_path / "dossier.pdf"
    proc = frozen(app, *base, "dossier", "export", case_id, "--out", str(pdf))
    no_traceback(proc)
    assert proc.returncode == 0 and pdf.is_file(), proc.stderr.decode(errors="replace")
    built = frozen(app, "dossier", "verify", str(pdf), "--json")
    no_traceback(built)
    assert built.returncode == 0 and json.loads(built.stdout)["valid"] is True
    # the checkout verifies what the bundle signed, with the same verdict
    assert checkout("dossier", "verify", str(pdf), "--json").stdout == built.stdout


def test_review_sheet_in_korean(app: Path, tmp_path: Path) -> None:
    """reportlab with the bundled Hangul font and the compiled Korean catalogs."""
    out = tmp_path / "review-ko.pdf"
    proc = frozen(app, "--lang", "ko", "forms", "review", "--lang", "ko", "--out", str(out))
    no_traceback(proc)
    assert proc.returncode == 0 and out.stat().st_size > 10_000


# -- what is inside -------------------------------------------------------------------------------------------
def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


STALE = "the bundle's copy differs from the checkout's: rebuild (did the tree change after the build?)"


@pytest.mark.parametrize("folder", ["forms", "resources"])
def test_shipped_data_is_the_checkouts(internal: Path, folder: str) -> None:
    assert _tree(internal / folder) == _tree(ROOT / folder), STALE


def test_catalogs_are_compiled_from_the_shipped_po(internal: Path) -> None:
    pos = sorted((internal / "locales").glob("*/LC_MESSAGES/*.po"))
    assert {p.parent.parent.name for p in pos} == {"ko", "uk"}
    for po in pos:
        assert po.read_bytes() == (ROOT / po.relative_to(internal)).read_bytes(), f"{po.name}: {STALE}"
        mo = po.with_suffix(".mo")
        assert mo.is_file(), f"{mo.name} of {po.parent.parent.name} is not in the bundle"
        assert hashlib.sha256(po.read_bytes()).hexdigest().encode() in mo.read_bytes(), f"stale {mo}"


def test_what_is_left_out(internal: Path) -> None:
    names = {p.name for p in internal.iterdir()}
    assert not names & {"tkinter", "_tkinter", "tcl", "tk", "pytest", "_pytest", "hypothesis", "PyInstaller"}
    babel = {p.stem for p in (internal / "babel" / "locale-data").glob("*.dat")}
    assert babel == {"en", "ko", "uk", "root"}
    qm = {p.stem.rsplit("_", 1)[-1] for p in (internal / "PySide6" / "Qt" / "translations").glob("*.qm")}
    assert qm <= {"en", "ko", "uk"}
    webengine = list((internal / "PySide6").rglob("*WebEngine*"))
    assert webengine == []
