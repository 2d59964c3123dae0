"""Invalid case files (case-format.md 2.3): exit 2, a message naming the file and the JSON path, no
traceback, nothing on stdout."""

from __future__ import annotations

import copy
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.core import casejson
from desktop.core.casejson import MAX_CASE_BYTES, MAX_DEPTH, MAX_NUMBER_CHARS
from desktop.core.errors import VoluntasError
from desktop.core.forms.values import MAX_INTERVIEW_TEXT_CHARS, MAX_TEXT_CHARS
from desktop.core.rules import shipped_ruleset
from tests.conftest import CASES, run_cli

V01 = CASES / "V01.json"
V05 = CASES / "V05.json"



def base(path: Path = V01) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def answers(doc: dict[str, Any], i: int = 0) -> dict[str, Any]:
    return doc["interviews"][i]["answers"]


def check_rejected(tmp_path: Path, content: str | dict[str, Any], *fragments: str) -> str:
    path = tmp_path / "case.json"
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    proc = run_cli("evaluate", str(path), "--json")
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert "case.json" in proc.stderr
    for fragment in fragments:
        assert fragment in proc.stderr, (fragment, proc.stderr)
    return proc.stderr


def mutate(fn: Callable[[dict[str, Any]], Any], path: Path = V01) -> dict[str, Any]:
    doc = copy.deepcopy(base(path))
    fn(doc)
    return doc


@pytest.mark.parametrize("content, fragments", [
    ("{", ("not valid JSON",)),
    ("[1, 2]", ("top level",)),
    ('{"interviews": [], "a": NaN}', ()),
    ('{"case_id": 3, "interviews": [{}]}', ("case_id",)),
    ('{"case_id": "x"}', ("interviews",)),
    ('{"interviews": []}', ("interviews",)),
    ('{"interviews": {}}', ("interviews",)),
    ('{"interviews": [{"answers": {}}]}', ("interview 1: interview_date",)),
    ('{"interviews": [{"interview_date": "2025-01-01"}]}', ("interview 1: answers",)),
    ('{"interviews": [{"interview_date": "2025-02-30", "answers": {}}]}', ("interview 1: interview_date",)),
    ('{"interviews": [{"interview_date": "2025-3-01", "answers": {}}]}', ("interview 1: interview_date",)),
    ('{"interviews": [{"interview_date": "2025-01-01", "answers": []}]}', ("interview 1: answers",)),
])
def test_bad_frame(tmp_path: Path, content: str, fragments: tuple[str, ...]) -> None:
    check_rejected(tmp_path, content, *fragments)


def test_interviews_out_of_order(tmp_path: Path) -> None:
    doc = base(V05)
    doc["interviews"][1]["interview_date"] = "2026-01-01"
    answers(doc, 1)["ses_dt"] = "2026-01-01"
    check_rejected(tmp_path, doc, "interview 2: interview_date")


def test_ses_dt_mismatch(tmp_path: Path) -> None:
    check_rejected(tmp_path, mutate(lambda d: answers(d).update(ses_dt="2025-03-11")),
                   "interview 1: answers.ses_dt")


@pytest.mark.parametrize("key, value, fragment", [
    ("no_such_question", "yes", "answers.no_such_question"),
    ("id_af", "army", "answers.id_af"),
    ("cap_pain", "7", "answers.cap_pain"),
    ("cap_pain", 11, "answers.cap_pain"),
    ("set_present", ["medical", "medical"], "answers.set_present"),
    ("set_present", ["nobody", "medical"], "answers.set_present"),
    ("cmp_gate", True, "answers.cmp_gate"),
    ("id_af", "", "answers.id_af"),
    ("set_place", "declined", "answers.set_place"),
    ("wsh_pref", 7, "answers.wsh_pref"),
])
def test_bad_answer(tmp_path: Path, key: str, value: Any, fragment: str) -> None:
    stderr = check_rejected(tmp_path, mutate(lambda d: answers(d).update({key: value})), fragment)
    assert "interview 1" in stderr


@pytest.mark.parametrize("config, fragment", [
    ({"cfg_unknown": "yes"}, "config.cfg_unknown"),
    ({"cfg_dprk_party": "no"}, "config.cfg_dprk_party"),
    ({"cfg_dprk_party": True}, "config.cfg_dprk_party"),
    ({"cfg_confirm_gap": -1}, "config.cfg_confirm_gap"),
    ({"cfg_confirm_gap": True}, "config.cfg_confirm_gap"),
    ({"cfg_confirm_gap": 1.5}, "config.cfg_confirm_gap"),
    ({"cfg_nr_override": []}, "config.cfg_nr_override"),
    ({"cfg_nr_override": {"mars": {"result": "REAL", "reason": "r", "source": "s"}}},
     "config.cfg_nr_override.mars"),
    ({"cfg_nr_override": {"dprk": {"result": "LOW", "reason": "r", "source": "s"}}},
     "config.cfg_nr_override.dprk.result"),
    ({"cfg_nr_override": {"dprk": {"result": "REAL", "reason": "", "source": "s"}}},
     "config.cfg_nr_override.dprk.reason"),
    ({"cfg_nr_override": {"dprk": {"result": "REAL", "reason": "r"}}}, "config.cfg_nr_override.dprk.source"),
    ({"cfg_nr_override": {"dprk": {"result": "REAL", "reason": "r", "source": "s", "x": 1}}},
     "config.cfg_nr_override.dprk.x"),
    ({"cfg_nr_override": {"dprk": "REAL"}}, "config.cfg_nr_override.dprk"),
])
def test_bad_config(tmp_path: Path, config: dict[str, Any], fragment: str) -> None:
    check_rejected(tmp_path, mutate(lambda d: d.update(config=config)), fragment)


def test_config_not_an_object(tmp_path: Path) -> None:
    check_rejected(tmp_path, mutate(lambda d: d.update(config=[])), "config")


def test_missing_file(tmp_path: Path) -> None:
    proc = run_cli("evaluate", str(tmp_path / "nope.json"), "--json")
    assert proc.returncode == 2 and proc.stdout == "" and "nope.json" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_required_answer_is_not_invalid(tmp_path: Path) -> None:
    doc = mutate(lambda d: answers(d).pop("id_uniform"))
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    proc = run_cli("evaluate", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert "id_uniform" in out["interviews"][0]["missing_inputs"]
    assert {"interview": 1, "id": "id_uniform"} in out["status"]["missing_inputs"]


# -- limits on the read and the parse (issue 12: bad input as a new user would try it) ----------------
LIMIT = "10 MB"
PYTHON_WORDING = ("Expecting", "Exceeds the limit", "set_int_max_str_digits", "Traceback", "JSONDecodeError")


def run_limited(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI with its address space capped at 1.5 GB: an unbounded read fails here, not on the machine."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=cap, check=False)  # noqa: PLW1509 - a test's own child


def refused(proc: subprocess.CompletedProcess[str], code: str, *fragments: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    assert f"{code}:" in proc.stderr, proc.stderr
    for fragment in fragments:
        assert fragment in proc.stderr, (fragment, proc.stderr)
    for wording in PYTHON_WORDING:
        assert wording not in proc.stderr, proc.stderr
    return proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists() or sys.platform == "win32", reason="POSIX devices")
@pytest.mark.parametrize("command", [("evaluate",), ("interview", "import")])
def test_dev_zero_is_refused_without_reading(command: tuple[str, ...]) -> None:
    started = time.monotonic()
    refused(run_limited(*command, "/dev/zero"), "C004", "zero", LIMIT)
    assert time.monotonic() - started < 30


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("command", [("evaluate",), ("interview", "import")])
def test_fifo_without_writer_is_refused_not_waited_on(tmp_path: Path, command: tuple[str, ...]) -> None:
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    refused(run_limited(*command, str(fifo), timeout=30), "C004", "case.json", LIMIT)


def test_folder_is_refused(tmp_path: Path) -> None:
    refused(run_limited("evaluate", str(tmp_path)), "C004", LIMIT)


def test_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    with path.open("wb") as f:
        f.truncate(MAX_CASE_BYTES + 1)  # sparse: the size says it all
    refused(run_limited("evaluate", str(path)), "C005", "case.json", LIMIT)


def test_read_stops_one_byte_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows after its size was taken (or lies about it) is still read only to the limit."""
    path = tmp_path / "case.json"
    path.write_bytes(b" " * 1000)
    asked: list[int] = []
    real_read = os.read

    def read(fd: int, n: int) -> bytes:
        asked.append(n)
        return b" " * min(n, 1 << 20)  # an endless file

    monkeypatch.setattr(casejson.os, "read", read)
    with pytest.raises(VoluntasError) as err:
        casejson.read_bounded(path, "case.json")
    monkeypatch.setattr(casejson.os, "read", real_read)
    assert err.value.code == "C005"
    assert sum(min(n, 1 << 20) for n in asked) == MAX_CASE_BYTES + 1


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    text = json.dumps(base(), ensure_ascii=False).encode("utf-8")
    path = tmp_path / "case.json"
    path.write_bytes(text + b" " * (MAX_CASE_BYTES - len(text)))
    assert path.stat().st_size == MAX_CASE_BYTES
    proc = run_cli("evaluate", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["case_id"] == base()["case_id"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5000, 200_000])
def test_deep_nesting_is_a_coded_refusal_not_an_internal_error(tmp_path: Path, depth: int) -> None:
    text = '{"case_id": "x",\n "config": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"
    stderr = check_rejected(tmp_path, text)
    assert "C006:" in stderr and f"limit of {MAX_DEPTH} levels" in stderr
    assert "(line 2, column 43)" in stderr  # the bracket that opens level 33


def test_nesting_at_the_limit_is_not_refused_for_depth(tmp_path: Path) -> None:
    doc = base()
    answers(doc)["set_present"] = "x"
    text = json.dumps(doc)[:-1] + ', "extra": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    stderr = check_rejected(tmp_path, text)
    assert "C006" not in stderr  # refused for the answers, not for the depth


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_at_their_line_and_column(tmp_path: Path, token: str) -> None:
    text = '{\n  "case_id": "NaN Infinity",\n  "config": {"cfg_confirm_gap":\n      ' + token + "}}"
    stderr = check_rejected(tmp_path, text, "(line 4, column 7)", "NaN and Infinity are not JSON numbers")
    assert "C001:" in stderr
    assert "line 1" not in stderr


@pytest.mark.parametrize("number", ["7" * 5000, "-" + "7" * 101, "1." + "5" * 5000, "1e" + "9" * 200])
def test_long_number_at_its_line_and_column(tmp_path: Path, number: str) -> None:
    text = '{\n "case_id": "1234567",\n  "config": {"cfg_confirm_gap": ' + number + "}}"
    stderr = check_rejected(tmp_path, text, "(line 3, column 33)", f"limit of {MAX_NUMBER_CHARS} characters")
    assert "C008:" in stderr
    for wording in PYTHON_WORDING:
        assert wording not in stderr


def test_not_utf8_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_bytes('{\n "case_id": "\u00e9\ud55c x\xff"}'.encode("utf-8", "surrogatepass").replace(
        b"\xc3\xbf", b"\xff"))
    proc = run_cli("evaluate", str(path))
    refused(proc, "C001", "case.json", "not UTF-8", "(line 2, column 18)")
    assert "\u00e9" not in proc.stderr and "codec" not in proc.stderr


@pytest.mark.parametrize("text, where", [
    ('{"interviews": [{"interview_date": "2025-01-01", "answers": {"id_af": "x", "id_af": "y"}}]}',
     "interview 1: answers:"),
    ('{"interviews": [{"interview_date": "2025-01-01", "answers": {}}, {"answers": {}, "answers": {}}]}',
     "interview 2:"),
    ('{"config": {"cfg_nr_override": {"dprk": {"reason": "a", "reason": "b"}}}, "interviews": []}',
     "config.cfg_nr_override.dprk:"),
    ('{"case_id": "a", "case_id": "b"}', "top level:"),
])
def test_repeated_key_names_its_path(tmp_path: Path, text: str, where: str) -> None:
    stderr = check_rejected(tmp_path, text, where, "appears twice")
    assert "C002:" in stderr
    if where != "top level:":
        assert "top level" not in stderr


@pytest.mark.parametrize("text, reason", [
    ('{"case_id": "x",\n "interviews": [1 2]}', "',' or a closing bracket is expected here (line 2, column 19)"),
    ('{"case_id": "x\n"}', "a control character"),
    ('{"case_id" "x"}', "':' is expected here (line 1, column 12)"),
    ('{"a": 1} 2', "more text after the end"),
])
def test_syntax_errors_in_our_words(tmp_path: Path, text: str, reason: str) -> None:
    stderr = check_rejected(tmp_path, text, "not valid JSON", reason)
    for wording in PYTHON_WORDING:
        assert wording not in stderr


# -- free-text limits (one answer, one interview) -------------------------------------------------------
SECRET = "ZQXSECRET"  # stands for interview content: never in a message


def texts_of_v01() -> list[str]:
    form = shipped_ruleset().form
    return [qid for qid, q in form.questions.items() if q.type == "text"]


@pytest.mark.parametrize("command", [("evaluate",), ("interview", "import")])
def test_text_answer_over_the_limit_is_refused_without_quoting_it(tmp_path: Path, command: tuple[str, ...]) -> None:
    doc = mutate(lambda d: answers(d).update(id_cap_place=SECRET + "x" * MAX_TEXT_CHARS))
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    proc = run_cli(*command, str(path))
    stderr = refused(proc, "C007", "case.json", "interview 1: answers.id_cap_place", f"{MAX_TEXT_CHARS:,}")
    assert SECRET not in stderr and "xxxx" not in stderr


def test_text_answer_at_the_limit_is_accepted(tmp_path: Path) -> None:
    doc = mutate(lambda d: answers(d).update(id_cap_place="\ud55c" * MAX_TEXT_CHARS))  # Korean: 3 bytes each
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    proc = run_cli("evaluate", str(path), "--json")
    assert proc.returncode == 0, proc.stderr


def test_interview_text_over_the_limit_names_the_answer_that_passes_it(tmp_path: Path) -> None:
    ids = texts_of_v01()
    share = MAX_TEXT_CHARS
    count = MAX_INTERVIEW_TEXT_CHARS // share + 1
    doc = base()
    for qid in ids:
        answers(doc).pop(qid, None)
    for qid in ids[:count]:
        answers(doc)[qid] = SECRET + "y" * (share - len(SECRET))
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    stderr = refused(run_cli("interview", "import", str(path)), "C007",
                     f"interview 1: answers.{ids[count - 1]}", f"{MAX_INTERVIEW_TEXT_CHARS:,}")
    assert SECRET not in stderr and "yyyy" not in stderr
    # exactly at the interview's limit: accepted (the vault is never opened on a refusal, so none exists)
    answers(doc).pop(ids[count - 1])
    path.write_text(json.dumps(doc), encoding="utf-8")
    proc = run_cli("evaluate", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
