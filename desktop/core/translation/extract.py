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

import yaml

Node = yaml.Node


@dataclass(frozen=True)
class FormMessage:
    context: str
    msgid: str
    line: int
    notes: tuple[str, ...] = ()


def _compose(data: bytes) -> Node | None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(data.decode("utf-8"), Loader=loader)


def _get(node: Node | None, key: str) -> Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v  # type: ignore[no-any-return]
    return None


def _items(node: Node | None) -> list[tuple[str, Node]]:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


def _seq(node: Node | None) -> list[Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _str(node: Node | None) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        value = yaml.SafeLoader("").construct_scalar(node)
        return str(value) if value else None
    return None


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _Out:
    def __init__(self) -> None:
        self.messages: list[FormMessage] = []

    def add(self, context: str, node: Node | None, *notes: str | None) -> None:
        text = _str(node)
        if text is not None and node is not None:
            self.messages.append(FormMessage(context, text, _line(node), tuple(n for n in notes if n)))


def form_messages(path: Path) -> list[FormMessage]:
    """The strings of a form.yaml as desktop.core.translation.catalog defines them (the session hashes these)."""
    from desktop.core.forms.loader import load_form
    from desktop.core.translation.catalog import form_messages as catalog_messages

    return [FormMessage(m.context, m.text, m.line, (m.note,) if m.note else ())
            for m in catalog_messages(load_form(path))]


def rules_messages(data: bytes) -> list[FormMessage]:
    """The user-visible strings of a rules.yaml: banner, explanations, meanings, titles, legal basis."""
    root = _compose(data)
    form_id = _str(_get(root, "form")) or "form"
    pre = f"{form_id}.rules"
    out = _Out()
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
    return rules_messages(path.read_bytes()) if path.name == "rules.yaml" else form_messages(path)


def form_dir_messages(form_dir: Path) -> list[FormMessage]:
    """Every string of a form folder: form.yaml, then rules.yaml when present."""
    out = form_messages(form_dir / "form.yaml")
    if (form_dir / "rules.yaml").is_file():
        out += rules_messages((form_dir / "rules.yaml").read_bytes())
    return out


def extract_rules_yaml(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                       options: Any) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for forms/<form>/rules.yaml (domain `forms`).

    form.yaml is extracted by desktop.core.translation.catalog:extract_form (babel.cfg maps both).
    """
    for m in rules_messages(fileobj.read()):
        yield m.line, "pgettext", (m.context, m.msgid), list(m.notes)
