"""Terminology: the glossary of legal-brief.md section D, North Korean usage in Korean, and the official
Ukrainian GC III terms. Words are written with escapes here (house rule 11: Python source is ASCII)."""

from __future__ import annotations

import re

import pytest

from tests.i18n.i18ntools import messages, strings, where

# English pattern -> (Korean, Ukrainian) that every translation of a matching string must contain.
GLOSSARY = [
    (r"\bprisoners? of war\b|\bPOWs?\b", "\ud3ec\ub85c", "\u0432\u0456\u0439\u0441\u044c\u043a\u043e\u0432\u043e"
     "\u043f\u043e\u043b\u043e\u043d\u0435\u043d"),  # 1: ko po-ro, uk viiskovopolonen-
    (r"\brepatriat", "\uc1a1\ud658", "\u0440\u0435\u043f\u0430\u0442\u0440\u0456"),  # 5
    (r"\binterpreter", "\ud1b5\uc5ed\uc6d0", "\u043f\u0435\u0440\u0435\u043a\u043b\u0430\u0434\u0430\u0447"),  # 15
    (r"\binternment\b", "\uc5b5\ub958", "\u0456\u043d\u0442\u0435\u0440\u043d\u0443\u0432\u0430\u043d"),  # 22
    (r"\bnon-refoulement\b", "\uac15\uc81c\uc1a1\ud658\uae08\uc9c0",
     "\u043d\u0435\u0432\u0438\u0441\u043b\u0430\u043d"),  # 7
    (r"\bProtecting Power\b", "\uc774\uc775\ubcf4\ud638\uad6d",
     "\u043f\u043e\u043a\u0440\u043e\u0432\u0438\u0442\u0435\u043b"),  # 4
    (r"\basylum\b", "\ube44\ud638", "\u043f\u0440\u0438\u0442\u0443\u043b"),  # 16
    (r"\bcomplementary protection\b", "\ubcf4\ucda9\uc801 \ubcf4\ud638",
     "\u0434\u043e\u0434\u0430\u0442\u043a\u043e\u0432\\w* \u0437\u0430\u0445\u0438\u0441\u0442"),  # 18
    (r"\breal risk\b", "\uc2e4\uc9c8\uc801 \uc704\ud5d8", "\u0440\u0435\u0430\u043b\u044c\u043d\\w* "
     "\u0440\u0438\u0437\u0438\u043a"),  # 20
    (r"\bcompetent tribunal\b", "\uad8c\ud55c \uc788\ub294 \uc7ac\ud310\uc18c",
     "\u043a\u043e\u043c\u043f\u0435\u0442\u0435\u043d\u0442\u043d\\w* \u0441\u0443\u0434"),  # 8
    (r"\btortur", "\uace0\ubb38", "\u043a\u0430\u0442\u0443\u0432\u0430\u043d"),  # 19
    (r"\bmercenar", "\uc6a9\ubcd1", "\u043d\u0430\u0439\u043c\u0430\u043d"),  # 11
    (r"\bpublic curiosity\b", "\ub300\uc911\uc758 \ud638\uae30\uc2ec",
     "\u0446\u0456\u043a\u0430\u0432\\w* \u043f\u0443\u0431\u043b\u0456\u043a\u0438"),  # 21
    (r"\bneutral country\b", "\uc911\ub9bd\uad6d", "\u043d\u0435\u0439\u0442\u0440\u0430\u043b\u044c\u043d"),  # 24
    (r"\brefugee", "\ub09c\ubbfc", "\u0431\u0456\u0436\u0435\u043d"),  # 17
    (r"\binformed consent\b", "\ucda9\ubd84\ud55c \uc124\uba85\uc5d0 \uadfc\uac70\ud55c \ub3d9\uc758",
     "\u0456\u043d\u0444\u043e\u0440\u043c\u043e\u0432\u0430\u043d\\w* \u0437\u0433\u043e\u0434"),  # 12
    (r"\bcombatant", "\uc804\ud22c\uc6d0", "\u043a\u043e\u043c\u0431\u0430\u0442\u0430\u043d\u0442"),  # 10
    (r"\bICRC\b", "\uad6d\uc81c\uc801\uc2ed\uc790\uc704\uc6d0\ud68c", "\u041c\u041a\u0427\u0425"),
    (r"\bDPRK\b", "\uc870\uc120", "\u041a\u041d\u0414\u0420"),
    (r"\bRepublic of Korea\b|\bROK\b", "\ub300\ud55c\ubbfc\uad6d",
     "\u0420\u0435\u0441\u043f\u0443\u0431\u043b\u0456\\w* \u041a\u043e\u0440\u0435"),
]

# Korean words that must not appear: loaded labels (legal-brief D: avoid 'talbukmin'), ROK names for the
# captive's own State and language, and ROK spellings where North Korean usage differs.
BANNED_KO = {
    "\ud0c8\ubd81": "talbuk- (defector labels: talbukmin, talbukja)",
    "\ubd81\ud55c": "Bukhan (ROK name of the DPRK; use Joseon / the DPRK's full name)",
    "\ub0a8\uc870\uc120": "Namjoseon (hostile label for the ROK; the glossary uses Daehanminguk)",
    "\ub0a8\ud55c": "Namhan",
    "\uadc0\uc21c": "gwisun (loaded: 'returning to allegiance')",
    "\ubcc0\uc808": "byeonjeol (loaded: 'betrayal')",
    "\ud55c\uad6d\uc5b4": "hangugeo (ROK name of the language; DPRK: Joseonmal)",
    "\ub7ec\uc2dc\uc544": "ROK spelling of Russia (DPRK: Rossiya)",
    "\ub179\uc74c": "ROK spelling of recording (DPRK: rogeum)",
    "\uc778\ud130\ubdf0": "loanword 'interview' (use myeondam)",
    "\ud300": "loanword 'team'",
    "\ud30c\uc77c": "ROK spelling of 'file' (DPRK: hwail)",
    "\ud504\ub85c\uadf8\ub7a8": "ROK spelling of 'program' (DPRK: peurogeuram)",
    "\ub370\uc774\ud130": "loanword 'data' (DPRK: jaryo)",
    "\uba54\uc2dc\uc9c0": "loanword 'message'",
    "\ubbf8\ub514\uc5b4": "loanword 'media'",
    "\uc2a4\ud2b8\ub808\uc2a4": "loanword 'stress'",
    "\uc774\uc720": "ROK spelling of 'reason' (DPRK: riyu)",
    "\uc774\ud574": "ROK spelling of 'understanding' (DPRK: rihae)",
    "\ub178\ub3d9": "ROK spelling of 'labour' (DPRK: rodong)",
}

# Ukrainian: the official GC III terms, never these calques.
BANNED_UK = {
    "\u0432\u0456\u0439\u0441\u044c\u043a\u043e\u0432\u0438\u0439 \u043f\u043e\u043b\u043e\u043d\u0435\u043d":
        "viiskovyi polonenyi (use viiskovopolonenyi)",
    "\u0432\u043e\u0454\u043d\u043d\u043e\u043f\u043e\u043b\u043e\u043d\u0435\u043d":
        "russianism voiennopolonenyi",
    "\u0440\u0435\u043f\u0430\u0442\u0440\u0438\u0430\u0446": "russian spelling of repatriation",
    "\u041c\u041a\u041a\u041a": "ICRC is MKChKh in Ukrainian",
}


@pytest.mark.parametrize("domain", ["forms", "desktop"])
@pytest.mark.parametrize(("col", "lang"), [(1, "ko"), (2, "uk")])
def test_glossary_terms_are_used(domain: str, col: int, lang: str) -> None:
    missing = []
    for m in messages(lang, domain):
        english = m.id if isinstance(m.id, str) else m.id[0]
        for entry in GLOSSARY:
            if re.search(entry[0], english) and not all(re.search(entry[col], s, re.I) for s in strings(m)):
                missing.append((entry[0], where(m)))
    assert missing == []


@pytest.mark.parametrize("domain", ["forms", "desktop"])
def test_no_banned_korean_terms(domain: str) -> None:
    found = [(why, where(m)) for m in messages("ko", domain) for word, why in BANNED_KO.items()
             if any(word in s for s in strings(m))]
    assert found == []


@pytest.mark.parametrize("domain", ["forms", "desktop"])
def test_no_banned_ukrainian_terms(domain: str) -> None:
    found = [(why, where(m)) for m in messages("uk", domain) for word, why in BANNED_UK.items()
             if any(word in s.lower() for s in strings(m))]
    assert found == []


def test_captive_facing_korean_uses_the_dprk_names() -> None:
    by_ctx = {m.context: strings(m)[0] for m in messages("ko", "forms")}
    assert by_ctx["pow_interview.L_AF.kpa.label"] == "\uc870\uc120\uc778\ubbfc\uad70"  # Joseon inmingun
    assert by_ctx["pow_interview.L_LANG.korean.label"] == "\uc870\uc120\ub9d0"  # Joseonmal
    assert "\ub300\ud55c\ubbfc\uad6d" in by_ctx["pow_interview.wsh_rok_intent.label"]  # Daehanminguk


def _source_strings() -> list[tuple[str, str]]:
    """Every string literal of the application's Python source (texts outside the catalogs, such as the
    language names of the first-run picker), with file:line."""
    import ast

    from tests.conftest import ROOT

    out = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and not node.value.isascii():
                out.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    return out


def test_no_banned_terms_in_python_source() -> None:
    strings_ = _source_strings()
    assert strings_  # the language names at least
    found = [(why, at) for at, text in strings_ for word, why in BANNED_KO.items() if word in text]
    found += [(why, at) for at, text in strings_ for word, why in BANNED_UK.items() if word in text.lower()]
    assert found == []
    assert any("\uc870\uc120\ub9d0" in text for _at, text in strings_)  # Joseonmal in the language picker


# The issue-15 wording: one word for one thing, North Korean usage, the interviewer never addressed as dangsin.
KO_WORDING = {
    "\uc554\ud638\ubb38": "amhomun is ciphertext; a passphrase is amho",
    "\ub2f9\uc2e0": "dangsin: address the interviewer as myeondamja, or not at all",
    "\ud734\ub300\uc6a9 \ucf64\ud4e8\ud130": "one spelling: hyudaeyongkomputeo (attached)",
    "\uc6b0\ud06c\ub77c\uc774\ub098\ub9d0": "one spelling: ukeuraina-eo",
    "\ucc38\uace0\uae30\ub85d\ub97c": "particle: chamgogirog-eul",
    "Voluntas \ub97c": "particle attached: Voluntas-reul",
}


@pytest.mark.parametrize("domain", ["forms", "desktop"])
def test_korean_wording_of_issue_15(domain: str) -> None:
    found = [(why, where(m)) for m in messages("ko", domain) for word, why in KO_WORDING.items()
             if any(word in s for s in strings(m))]
    assert found == []


def test_captive_texts_address_him_politely() -> None:
    """What he reads is addressed to him in hapnida style, never as bonin or dangsin."""
    for lang_msgs in (messages("ko", "forms"),):
        for m in lang_msgs:
            if m.context and (".captive_" in m.context or m.context.startswith("pow_interview.captive_page")):
                text = strings(m)[0]
                assert "\ubcf8\uc778" not in text and "\ub2f9\uc2e0" not in text, where(m)
                if m.context.endswith((".captive_text", ".wait", ".decline")):
                    assert re.search("(\ub2c8\ub2e4|\ub2c8\uae4c|\uc2ed\uc2dc\uc624)[.?]", text), where(m)


def test_ukrainian_uses_one_word_for_non_refoulement() -> None:
    vydv = "\u0432\u0438\u0434\u0432\u043e\u0440\u0435\u043d"
    found = [where(m) for d in ("forms", "desktop") for m in messages("uk", d) if any(vydv in s for s in strings(m))]
    assert found == []


def test_ukrainian_wording_of_issue_15() -> None:
    forms = {m.context: strings(m)[0] for m in messages("uk", "forms")}
    desk = [strings(m)[0] for m in messages("uk", "desktop")]
    assert forms["pow_interview.L_PRIOR_TO.interrogators.label"] == (
        "\u0422\u0456, \u0445\u0442\u043e \u0434\u043e\u043f\u0438\u0442\u0443\u0432\u0430\u0432")  # Ti, khto dopytuvav
    assert forms["pow_interview.L_CAPACITY.fluctuating.label"].startswith("\u0417\u0434\u0430\u0442\u043d")  # Zdatnist
    leaving = "\u0437\u0430\u043b\u0438\u0448\u0435\u043d\u043d\u044f \u0432 \u0423\u043a\u0440\u0430\u0457\u043d\u0456"
    assert not any(leaving in s for s in forms.values())  # zalyshennia v Ukraini: perebuvannia instead
    screen = ("\u0415\u043a\u0440\u0430\u043d \u0434\u043b\u044f "
              "\u043f\u043e\u043b\u043e\u043d\u0435\u043d\u043e\u0433\u043e")
    assert any(s.startswith(screen) for s in desk)  # Ekran dlia polonenoho
