"""Scenarios the public vignettes do not cover, each expected result worked out from rules.md by hand."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from desktop.core.rules import evaluate_case, parse_case, shipped_ruleset
from tests.conftest import CASES


def vignette(name: str, **config: Any) -> dict[str, Any]:
    doc = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    doc.pop("expected")
    doc["config"] = config
    return doc


def answers(doc: dict[str, Any], i: int = 0) -> dict[str, Any]:
    return doc["interviews"][i]["answers"]


def run(doc: dict[str, Any]) -> dict[str, Any]:
    return evaluate_case(shipped_ruleset(), parse_case(doc, "case.json")).to_json()


def fired(out: dict[str, Any], key: str) -> list[str]:
    return [f["rule"] for f in out[key]["fired"]]


def test_refer_and_the_overlay() -> None:
    doc = vignette("V09")
    answers(doc).update(id_af="not_military", id_arms_open="no")
    out = run(doc)
    assert (out["status"]["result"], out["status"]["grounds"]) == ("REFER", [])
    assert "ST-7" in fired(out, "status") and "ST-5b" not in fired(out, "status")
    assert out["options"]["result"]["o3"] == "AVAILABLE_WITH_CONDITIONS"
    assert out["options"]["conditions"]["o3"] == ["status_review"]
    assert "DM-O3-REFER" in fired(out, "options")  # 1.1.0: O3 under REFER has its own row
    assert out["options"]["result"]["o4"] == "NOT_AVAILABLE_NOW" and out["options"]["conditions"]["o4"] == []
    assert out["options"]["result"]["o1"] == "BARRED"  # DM-5 only changes what is available
    dm5 = [f for f in out["options"]["fired"] if f["rule"] == "DM-5"]
    assert [(f["option"], f["outcome"], f["inputs_used"]) for f in dm5] == [
        ("o4", "NOT_AVAILABLE_NOW", {"ev_status": "REFER"}),
    ]
    assert fired(out, "options").index("DM-5") == fired(out, "options").index("DM-O4-COND") + 1


@pytest.mark.parametrize("change, config, grounds", [
    ({"id_af": "not_military", "id_arms_open": "yes"}, {}, ["GC3_5_PRESUMPTION"]),
    ({"id_uniform": "civilian"}, {}, ["GC3_4A1_DPRK", "GC3_5_PRESUMPTION"]),
    ({"id_command": "unknown"}, {"cfg_dprk_party": "contested"}, ["GC3_5_PRESUMPTION"]),
    ({"id_af": "other_dprk"}, {}, ["GC3_5_PRESUMPTION"]),
    ({"id_af": "declined"}, {}, ["GC3_5_PRESUMPTION"]),
    # 1.1.0: a refusal or "unknown" about arms keeps the Art. 5 presumption; only "no" refers him
    ({"id_af": "not_military", "id_arms_open": "declined"}, {}, ["GC3_5_PRESUMPTION"]),
    ({"id_af": "not_military", "id_arms_open": "unknown"}, {}, ["GC3_5_PRESUMPTION"]),
])
def test_presumed_pow(change: dict[str, str], config: dict[str, str], grounds: list[str]) -> None:
    doc = vignette("V07", **config)
    if change.get("id_af") == "declined":
        for qid in ("id_unit", "id_rank"):  # not relevant once he declines
            answers(doc).pop(qid)
    answers(doc).update(change)
    out = run(doc)
    assert out["status"]["result"] == "PRESUMED_POW"
    assert out["status"]["grounds"] == grounds


def test_reliable_return_after_hostilities_with_nr7_procedure() -> None:
    doc = vignette("V07", cfg_hostilities_ended="yes")
    answers(doc).update(wsh_pref="o1", wsh_second="o3", wsh_dest="dprk", wsh_ua_asylum="no", wsh_fam_risk="no",
                        wsh_fam_msg="no")
    out = run(doc)
    assert out["wish"]["result"] == "RELIABLE_PROVISIONAL"
    assert out["risk"]["flags"] == ["CONFLICT_NR7"] and "CONFLICT_NR7" in out["flags"]
    assert out["options"]["result"]["o1"] == "AVAILABLE_WITH_CONDITIONS"
    assert out["options"]["conditions"]["o1"] == [
        "repatriation_plan", "icrc_private_interview", "nr7_procedure", "confirm_wish"]
    assert out["options"]["result"]["o3"] == "NOT_AVAILABLE_NOW"  # DM-O3-HOST
    assert out["options"]["result"]["o2"] == "BARRED"


def test_unclear_evidence_and_assurances() -> None:
    out = run(vignette("V07", cfg_dprk_evidence="unclear", cfg_assurances="yes"))
    assert out["risk"]["result"]["dprk"] == "POSSIBLE" and out["risk"]["result"]["russia"] == "POSSIBLE"
    nr8 = [f for f in out["risk"]["fired"] if f["rule"] == "NR-8"]
    assert nr8 and nr8[0]["outcome"] == "ASSURANCES_NOT_DECISIVE" and nr8[0]["destination"] == "dprk"
    assert [f["rule"] for f in out["risk"]["fired"]] == ["NR-2", "NR-3", "NR-4", "NR-5", "NR-6", "NR-8"]
    assert out["options"]["result"]["o1"] == "NOT_AVAILABLE_NOW"
    assert out["options"]["result"]["o2"] == "NOT_AVAILABLE_NOW"


def test_override_is_applied_in_order_and_russia_follows() -> None:
    override = {"dprk": {"source": "Legal memo 12", "result": "NOT_SHOWN", "reason": "Assessed"}}
    out = run(vignette("V07", cfg_ru_onward="likely", cfg_nr_override=override))
    assert out["config"]["cfg_nr_override"] == {
        "dprk": {"result": "NOT_SHOWN", "reason": "Assessed", "source": "Legal memo 12"}}
    risk = [(f["rule"], f["destination"], f["outcome"]) for f in out["risk"]["fired"]]
    assert risk[:3] == [("NR-1", "dprk", "REAL"), ("NR-9", "dprk", "NOT_SHOWN"), ("NR-3", "russia", "NOT_SHOWN")]
    nr9 = out["risk"]["fired"][1]
    assert nr9["inputs_used"] == {"result": "NOT_SHOWN", "reason": "Assessed", "source": "Legal memo 12"}
    assert out["risk"]["result"]["dprk"] == "NOT_SHOWN"


def three_interviews(third_date: str) -> dict[str, Any]:
    doc = vignette("V05")
    second = doc["interviews"][1]
    third = copy.deepcopy(second)
    third["interview_date"] = third["answers"]["ses_dt"] = third_date
    third["answers"].update(ses_no=3, ses_prev_dt="2026-04-01", wsh_pref="o6", wsh_second="o7",
                            wsh_dest="ukraine", wsh_ua_asylum="yes")
    second["answers"].update(wsh_pref="o6", wsh_second="o7", wsh_dest="ukraine", wsh_ua_asylum="yes",
                             wsh_prior_same="different", wsh_change_code="reflection", wsh_change_why="He thought.")
    doc["interviews"].append(third)
    return doc


def test_a_changed_wish_is_confirmed_by_its_own_later_interview() -> None:
    out = run(three_interviews("2026-05-11"))
    assert out["wish"]["result"] == "RELIABLE_CONFIRMED"
    wr14 = out["wish"]["fired"][-1]
    assert wr14["rule"] == "WR-14" and wr14["interview"] == 3
    assert wr14["inputs_used"] == {"wsh_pref": "o6", "confirming_interview": 2, "days": 40, "cfg_confirm_gap": 30}
    assert "confirm_wish" not in out["options"]["conditions"]["o6"]


def test_a_change_of_mind_caps_at_doubts_until_confirmed() -> None:
    out = run(three_interviews("2026-04-20"))
    assert (out["wish"]["result"], out["wish"]["repeat_interview"]) == ("DOUBTS", True)
    wr15 = out["wish"]["fired"][-1]
    assert wr15["inputs_used"] == {"wsh_pref": "o6", "earlier_interview": 1, "earlier_pref": "o7"}
    assert out["wish"]["reasons"] == ["WR-15"]


def test_confirm_gap_is_configurable() -> None:
    out = run(vignette("V05", cfg_confirm_gap=31))
    assert (out["wish"]["result"], out["wish"]["repeat_interview"]) == ("RELIABLE_PROVISIONAL", False)
    assert "confirm_wish" in out["options"]["conditions"]["o7"]


def test_an_invalid_last_interview_does_not_erase_the_earlier_wish() -> None:
    doc = vignette("V05")
    answers(doc, 1)["con_decision"] = "postpones"
    out = run(doc)
    assert [i["valid"] for i in out["interviews"]] == [True, False]
    assert out["interviews"][1]["mr_reason"] == "postponed"
    assert out["status"]["interview"] == 1 and out["wish"]["current"]["interview"] == 1
    assert out["wish"]["result"] == "RELIABLE_PROVISIONAL"
    assert out["wish"]["interviews"][1]["result"] == "NOT_ASSESSED"
    assert out["wish"]["interviews"][1]["pref"] is None


@pytest.mark.parametrize("reask, decision, repeat", [
    ("yes", "declines", True), ("no", "declines", False), ("no", "postpones", True),
])
def test_repeat_interview_without_a_valid_interview(reask: str, decision: str, repeat: bool) -> None:
    doc = vignette("V11")
    answers(doc).update(mr_reask=reask, con_decision=decision)
    out = run(doc)
    assert out["wish"]["result"] == "NOT_ASSESSED" and out["wish"]["repeat_interview"] is repeat
    assert out["wish"]["fired"][0]["inputs_used"] == {"cmp_gate": False}
    assert out["risk"]["basis"] == "country_level" and out["risk"]["factors"] == ["F1", "F2"]


def test_self_harm_flags_without_changing_reliability() -> None:
    doc = vignette("V07")
    answers(doc)["cap_selfharm"] = "yes"
    out = run(doc)
    assert out["wish"]["result"] == "RELIABLE_PROVISIONAL"
    assert out["wish"]["flags"] == ["SELF_HARM_REFERRAL"]
    wr16 = [f for f in out["wish"]["fired"] if f["rule"] == "WR-16"]
    assert wr16[0]["outcome"] == "SELF_HARM_REFERRAL"
    assert fired(out, "wish") == ["WR-13", "WR-16"]


def test_flags_of_earlier_valid_interviews_stay() -> None:
    doc = vignette("V10")
    answers(doc, 0)["vol_threat"] = "yes"
    out = run(doc)
    assert "PROTECTION" in out["wish"]["flags"] and "PROTECTION" in out["flags"]
    assert "F7" in out["risk"]["factors"]


def test_a_declined_integer_counts_as_answered_and_fires_nothing() -> None:
    doc = vignette("V07")
    answers(doc)["cap_pain"] = "declined"
    out = run(doc)
    assert out["interviews"][0]["missing_inputs"] == []
    entry = next(f for f in out["wish"]["interviews"][0]["fired"] if f["rule"] == "WR-13")
    assert entry["inputs_used"] == {"wsh_pref": "o6"}  # WR-13 shows the stated wish, nothing of cap_pain


def test_evaluate_answers_matches_the_case_file() -> None:
    from desktop.core.rules import evaluate_answers

    doc = vignette("V05")
    direct = evaluate_answers([(i["interview_date"], i["answers"]) for i in doc["interviews"]], case_id="V05")
    assert direct.dumps() == evaluate_case(shipped_ruleset(), parse_case(doc, "x")).dumps()


def test_report_translates_interface_and_rule_texts() -> None:
    from desktop.core.rules import report

    rs = shipped_ruleset()
    ev = evaluate_case(rs, parse_case(vignette("V09"), "x"))
    keys: list[str] = []

    def data(key: str, english: str) -> str:
        keys.append(key)
        return "<" + english + ">"

    text = report(ev, rs, lambda s: s.upper() if s.startswith("Support") else s, data)
    assert text.startswith("SUPPORT FOR LEGAL ADVISERS. NOT A LEGAL DETERMINATION.")
    assert "<A finding that he falls within a category of GC III Art. 110>" in text
    assert {"ST-1.explanation", "o4.title", "art110_category.condition", "legal_basis.4.text"} <= set(keys)


@pytest.mark.parametrize("pref", ["undecided", "declined", None])
def test_no_stated_wish_is_no_wish_not_reliable(pref: str | None) -> None:
    doc = vignette("V07")
    if pref is None:
        for qid in [q for q in answers(doc) if q.startswith("wsh_") and q not in ("wsh_open",)]:
            answers(doc).pop(qid)
    else:
        answers(doc)["wsh_pref"] = pref
    out = run(doc)
    wish = out["wish"]
    assert (wish["result"], wish["repeat_interview"]) == ("NO_WISH", False)
    assert "WR-13" not in fired(out, "wish") and "WR-13b" in fired(out, "wish")
    assert wish["reasons"] == ["WR-13b"]
    entry = next(f for f in wish["fired"] if f["rule"] == "WR-13b")
    assert entry["inputs_used"] == {"wsh_pref": pref}
    for option in ("o6", "o7", "o8"):  # the options that depend on his wish stay closed
        assert out["options"]["result"][option] == "NOT_AVAILABLE_NOW"
        assert f"DM-O{option[1]}-REPEAT" in fired(out, "options")


def test_a_doubt_outranks_no_wish() -> None:
    doc = vignette("V07")
    answers(doc).update(wsh_pref="undecided", cap_pain=8)
    out = run(doc)
    assert out["wish"]["result"] == "DOUBTS" and "WR-13b" not in fired(out, "wish")


def test_no_wish_after_a_reliable_wish_governs_the_case() -> None:
    doc = vignette("V05")
    answers(doc, 1)["wsh_pref"] = "undecided"
    out = run(doc)
    assert [i["result"] for i in out["wish"]["interviews"]] == ["RELIABLE_PROVISIONAL", "NO_WISH"]
    assert out["wish"]["result"] == "NO_WISH"
    assert "WR-14" not in fired(out, "wish") and "WR-15" not in fired(out, "wish")
