"""Every translatable string of a rules.yaml (and, through desktop.core.translation.catalog, of a form.yaml),
with its msgctxt, line and translator notes.

One enumeration serves the babel extraction (the `forms` domain's .pot), the catalog statistics and the
language rule, so "the strings of a form" means the same thing everywhere.

msgctxt scheme (locales/README.md):
    <form>.title                          the form's title
    <form>.<section>.title|hint           a section (A0 ... A10)
    <form>.<question>.label|hint|constraint_message
    <form>.<list>.<code>.label            a choice (L_... lists and the built-in yes_no, yes_no_unknown)
    <form>.rules.banner                   rules.yaml: the standing banner
    <form>.rules.<rule id>.explanation    every rule of every table and the DM-5 overlay
    <form>.rules.<F1..F7>.meaning         risk factors
    <form>.rules.<cfg key>.meaning        configuration keys
    <form>.rules.<option>.title           o1 ... o8
    <form>.rules.<condition code>.condition
    <form>.rules.legal_basis.<n>.text     n = 1 ... 4
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from desktop.core.yamlstrict import Marks, Path_, parse_yaml


@dataclass(frozen=True)
class FormMessage:
    context: str
    msgid: str
    line: int
    notes: tuple[str, ...] = ()


# A value of the rules file with its path from the root, so its line can be found (one strict YAML reader:
# desktop.core.yamlstrict, as for the rules loader).
Node = tuple[Any, Path_]


def _compose(data: bytes, file: str) -> tuple[Node, Marks]:
    value, marks = parse_yaml(data, file)
    return (value, ()), marks


def _get(node: Node | None, key: str) -> Node | None:
    if node is not None and isinstance(node[0], dict) and key in node[0]:
        return node[0][key], (*node[1], key)
    return None


def _items(node: Node | None) -> list[tuple[str, Node]]:
    if node is None or not isinstance(node[0], dict):
        return []
    return [(k, (v, (*node[1], k))) for k, v in node[0].items()]


def _seq(node: Node | None) -> list[Node]:
    if node is None or not isinstance(node[0], list):
        return []
    return [(v, (*node[1], i)) for i, v in enumerate(node[0])]


def _str(node: Node | None) -> str | None:
    return node[0] if node is not None and isinstance(node[0], str) and node[0] else None


class _Out:
    def __init__(self, marks: Marks) -> None:
        self.marks = marks
        self.messages: list[FormMessage] = []

    def add(self, context: str, node: Node | None, *notes: str | None) -> None:
        text = _str(node)
        if text is not None and node is not None:
            line = self.marks.at(node[1])[0]
            self.messages.append(FormMessage(context, text, line, tuple(n for n in notes if n)))


def form_messages(path: Path) -> list[FormMessage]:
    """The strings of a form.yaml as desktop.core.translation.catalog defines them (the session hashes these)."""
    from desktop.core.forms.loader import load_form
    from desktop.core.translation.catalog import form_messages as catalog_messages

    return [FormMessage(m.context, m.text, m.line, (m.note,) if m.note else ())
            for m in catalog_messages(load_form(path))]


def rules_messages(data: bytes, file: str = "rules.yaml") -> list[FormMessage]:
    """The user-visible strings of a rules.yaml: banner, explanations, meanings, titles, legal basis. Raises
    desktop.core.yamlstrict.YamlError for a file the rules loader would refuse as YAML."""
    root, marks = _compose(data, file)
    form_id = _str(_get(root, "form")) or "form"
    pre = f"{form_id}.rules"
    out = _Out(marks)
    out.add(f"{pre}.banner", _get(root, "banner"), "The standing banner over every evaluation.")
    for cfg in _seq(_get(root, "config")):
        key = _str(_get(cfg, "key")) or "?"
        out.add(f"{pre}.{key}.meaning", _get(cfg, "meaning"), "A setting the legal team chooses.")
    for table, body in _items(_get(root, "tables")):
        for rule in _rules_of(table, body):
            rid = _str(_get(rule, "id")) or "?"
            note = f"Rule {rid} ({table}): shown to legal advisers, never to the captive."
            out.add(f"{pre}.{rid}.explanation", _get(rule, "explanation"), note)
            out.add(f"{pre}.{rid}.meaning", _get(rule, "meaning"), f"Risk factor {rid}.")
        if table == "options":
            for code, label in _items(_get(body, "condition_codes")):
                out.add(f"{pre}.{code}.condition", label, "A condition an option is subject to.")
            for option, spec in _items(_get(body, "options")):
                out.add(f"{pre}.{option}.title", _get(spec, "title"), f"Title of option {option.upper()}.")
    for n, item in enumerate(_seq(_get(root, "legal_basis")), 1):
        out.add(f"{pre}.legal_basis.{n}.text", _get(item, "text"),
                "Legal basis shown with every risk result. Keep treaty and case names recognisable.")
    return out.messages


def _rules_of(table: str, body: Node) -> Iterator[Node]:
    yield from _seq(_get(body, "rules"))
    if table == "options":
        for _option, spec in _items(_get(body, "options")):
            yield from _seq(_get(spec, "rules"))
        yield from _seq(_get(body, "overlay"))


def messages_of(path: Path) -> list[FormMessage]:
    """form_messages or rules_messages, by the file's name."""
    return rules_messages(path.read_bytes(), str(path)) if path.name == "rules.yaml" else form_messages(path)


def form_dir_messages(form_dir: Path) -> list[FormMessage]:
    """Every string of a form folder: form.yaml, then rules.yaml when present."""
    out = form_messages(form_dir / "form.yaml")
    if (form_dir / "rules.yaml").is_file():
        out += rules_messages((form_dir / "rules.yaml").read_bytes(), str(form_dir / "rules.yaml"))
    return out


def extract_rules_yaml(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                       options: Any) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for forms/<form>/rules.yaml (domain `forms`).

    form.yaml is extracted by desktop.core.translation.catalog:extract_form (babel.cfg maps both).
    """
    for m in rules_messages(fileobj.read(), str(getattr(fileobj, "name", "rules.yaml"))):
        yield m.line, "pgettext", (m.context, m.msgid), list(m.notes)
