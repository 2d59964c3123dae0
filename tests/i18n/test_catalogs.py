"""The shipped ko and uk catalogs: complete, not fuzzy, same placeholders, right plural forms and scripts."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from desktop import paths
from desktop.i18n_tools import catalog_problems, po_path, read
from tests.i18n.i18ntools import CATALOGS, CYRILLIC, HANGUL, PLACEHOLDER, catalog, ids, messages, strings, where


@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_every_string_translated_and_none_fuzzy(lang: str, domain: str) -> None:
    msgs = messages(lang, domain)
    assert msgs
    assert [where(m) for m in msgs if m.fuzzy] == []
    assert [where(m) for m in msgs if not all(strings(m))] == []


@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_catalog_matches_its_template(lang: str, domain: str) -> None:
    tmpl = read(paths.locales_dir() / f"{domain}.pot")
    assert catalog_problems(po_path(paths.locales_dir(), lang, domain), lang, tmpl) == []


@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_placeholders_are_the_same_as_in_the_source(lang: str, domain: str) -> None:
    bad = []
    for m in messages(lang, domain):
        want = set(PLACEHOLDER.findall(" ".join(ids(m))))
        bad += [where(m) for s in strings(m) if set(PLACEHOLDER.findall(s)) != want]
    assert bad == []


def test_plural_forms_headers() -> None:
    ko, uk = catalog("ko", "desktop"), catalog("uk", "desktop")
    assert ko.num_plurals == 1 and ko.plural_expr.replace(" ", "") == "0"
    assert uk.num_plurals == 3
    for domain in ("forms", "desktop"):
        assert catalog("ko", domain).num_plurals == 1
        assert catalog("uk", domain).num_plurals == 3


@pytest.mark.parametrize(("lang", "expected"), [
    ("ko", {1: 0, 2: 0, 5: 0, 11: 0, 21: 0, 22: 0, 25: 0}),
    ("uk", {1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1, 25: 2, 111: 2, 104: 1}),
])
def test_plural_rule_picks_the_right_form(lang: str, expected: dict[int, int]) -> None:
    shipped = catalog(lang, "desktop")
    test = Catalog(locale=lang, domain="desktop")
    test.mime_headers = shipped.mime_headers
    n = shipped.num_plurals
    test.add(("{count} answer", "{count} answers"), tuple(f"form{i}" for i in range(n)))
    buf = io.BytesIO()
    write_mo(buf, test)
    buf.seek(0)
    t = gettext.GNUTranslations(buf)
    for count, index in expected.items():
        assert t.ngettext("{count} answer", "{count} answers", count) == f"form{index}", count


@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_pluralizable_messages_have_every_form(lang: str, domain: str) -> None:
    cat = catalog(lang, domain)
    for m in messages(lang, domain):
        if m.pluralizable:
            assert len(strings(m)) == cat.num_plurals and all(strings(m)), where(m)


@pytest.mark.parametrize("domain", ["forms", "desktop"])
def test_no_hangul_in_ukrainian_and_no_cyrillic_in_korean(domain: str) -> None:
    assert [where(m) for m in messages("uk", domain) if any(HANGUL.search(s) for s in strings(m))] == []
    assert [where(m) for m in messages("ko", domain) if any(CYRILLIC.search(s) for s in strings(m))] == []


@pytest.mark.parametrize("domain", ["forms", "desktop"])
def test_translations_are_written_in_their_script(domain: str) -> None:
    """A string with words in it is translated into words of its language (codes alone may stay)."""
    for lang, script in (("ko", HANGUL), ("uk", CYRILLIC)):
        for m in messages(lang, domain):
            words = PLACEHOLDER.sub("", ids(m)[0])
            if sum(ch.isalpha() for ch in words) > 6 and any(w.islower() and len(w) > 3 for w in words.split()):
                assert all(script.search(s) for s in strings(m)), (lang, where(m))
