"""`voluntas forms check` as a user runs it: FILE:LINE:COL: CODE message per problem, exit 0 or 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.forms.formtools import MINI


def test_shipped_forms_are_clean() -> None:
    proc = run_cli("forms", "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # only warnings: W401 while rules awaiting verification have no legal sign-off (voluntas rules signoff)
    assert all(" W401 rule " in line for line in proc.stdout.splitlines()), proc.stdout
    assert "Traceback" not in proc.stderr


def test_explicit_shipped_form_and_folder() -> None:
    form = ROOT / "forms" / "pow_interview" / "form.yaml"
    assert run_cli("forms", "check", str(form)).returncode == 0
    assert run_cli("forms", "check", str(form.parent)).returncode == 0


def test_bad_forms_print_each_problem_and_exit_2(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(MINI, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace("type: yes_no,", "type: yesno,").replace("${cap_ok}\n", "${cap_okk}\n"),
                   encoding="utf-8")
    lol = tmp_path / "lol.yaml"
    lol.write_text("a: &a [1]\nb: *a\n", encoding="utf-8")
    proc = run_cli("forms", "check", str(good), str(bad), str(lol), str(tmp_path / "none.yaml"))
    assert proc.returncode == 2
    lines = proc.stdout.splitlines()
    assert lines == [
        f"{bad}:12:26: F104 sections[A0].questions[able].type: \"yesno\" is not one of yes_no, yes_no_unknown,"
        " select_one, select_multiple, text, date, integer, calculate, signature",
        f"{lol}:1:4: F004 YAML anchors and aliases are not allowed",
        f"{tmp_path / 'none.yaml'}:1:1: F001 cannot read the file: No such file or directory",
    ]
    assert all(re.match(r".+:\d+:\d+: [A-Z]\d{3} ", line) for line in lines)
    assert "Traceback" not in proc.stderr


def test_semantic_problems_are_all_listed(tmp_path: Path) -> None:
    bad = tmp_path / "form.yaml"
    bad.write_text(MINI.replace("relevance: ${cap_ok}\n", "relevance: ${cap_okk} = 'x'\n")
                   .replace("{code: no,", "{code: yes,"), encoding="utf-8")
    proc = run_cli("forms", "check", str(bad))
    assert proc.returncode == 2
    codes = [line.split(": ")[1].split()[0] for line in proc.stdout.splitlines()]
    assert codes == ["E201", "F203"]


def test_usage_error_exits_2() -> None:
    proc = run_cli("forms")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args, code", [
    (["forms", "review", "--lang", "xx"], "F021"),
    (["forms", "captive-script", "--lang", "ko", "--form", "nope"], "F020"),
    (["forms", "doc", "--form", "nope"], "F020"),
])
def test_unknown_form_or_catalog_is_a_coded_usage_error(tmp_path: Path, args: list[str], code: str) -> None:
    out = tmp_path / "out.pdf"
    proc = run_cli(*args, "--out", str(out))
    assert proc.returncode == 2 and f"voluntas: {code}: " in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()
