"""The .pot templates match the sources: change form, rules or UI text and these fail until
`python -m desktop.i18n_tools sync` is run (locales/README.md)."""

from __future__ import annotations

from desktop import paths
from desktop.core.translation.extract import form_dir_messages
from desktop.i18n_tools import read, template, template_problems

FORM = paths.forms_dir() / "pow_interview"


def test_pot_files_are_up_to_date() -> None:
    assert template_problems() == [], "run: python -m desktop.i18n_tools sync"


def test_forms_template_holds_every_form_and_rules_string_once() -> None:
    pot = read(paths.locales_dir() / "forms.pot")
    entries = {(m.context, m.id) for m in pot if m.id}
    contexts = [m.context for m in pot if m.id]
    assert len(contexts) == len(set(contexts)), "a msgctxt names one string only"
    wanted = {(m.context, m.msgid) for m in form_dir_messages(FORM)}
    assert wanted == entries


def test_rules_strings_have_file_line_references_and_notes() -> None:
    pot = template("forms")
    rules = [m for m in pot if m.id and m.context and ".rules." in m.context]
    assert len(rules) > 100
    for m in rules:
        (file, line), = m.locations
        assert file == "forms/pow_interview/rules.yaml" and line > 1
        assert m.auto_comments, m.context
    raw = (FORM / "rules.yaml").read_text(encoding="utf-8").splitlines()
    st1 = next(m for m in rules if m.context == "pow_interview.rules.ST-1.explanation")
    assert raw[st1.locations[0][1] - 1].strip().startswith("explanation:")


def test_form_strings_carry_translator_notes_as_extracted_comments() -> None:
    pot = template("forms")
    by_ctx = {m.context: m for m in pot if m.id}
    assert any("EARSHOT" in c for c in by_ctx["pow_interview.set_private.label"].auto_comments)
    assert by_ctx["pow_interview.set_private.label"].locations[0][0] == "forms/pow_interview/form.yaml"


def test_rule_contexts_cover_every_rule_and_rules_text() -> None:
    from desktop.core.rules import shipped_ruleset

    rs = shipped_ruleset()
    contexts = {m.context for m in form_dir_messages(FORM)}
    pre = "pow_interview.rules."
    for rule in rs.all_rules():
        field = "meaning" if rule.table == "factors" else "explanation"
        if rule.explanation:
            assert f"{pre}{rule.id}.{field}" in contexts, rule.id
    for option in rs.option_titles:
        assert f"{pre}{option}.title" in contexts
    for code in rs.condition_labels:
        assert f"{pre}{code}.condition" in contexts
    for n in range(1, len(rs.legal_basis) + 1):
        assert f"{pre}legal_basis.{n}.text" in contexts
    assert f"{pre}banner" in contexts


def test_desktop_template_has_the_ui_strings() -> None:
    pot = read(paths.locales_dir() / "desktop.pot")
    found = {m.id for m in pot if m.id}
    assert "Wrong passphrase." in found
    assert "Support for legal advisers. Not a legal determination." in found
