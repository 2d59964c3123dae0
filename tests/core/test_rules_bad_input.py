"""Invalid case files (case-format.md 2.3): exit 2, a message naming the file and the JSON path, no
traceback, nothing on stdout."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CASES, run_cli

V01 = CASES / "V01.json"
V05 = CASES / "V05.json"

pytestmark = pytest.mark.skipif(not V01.is_file(), reason="shared vignettes not present")


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
