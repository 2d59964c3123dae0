"""Strict YAML for rules files: no anchors, aliases or tags, no repeated key; mappings keep their line.

Codes F003-F008 are the form loader's (desktop.core.forms.codes), so both files report alike.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from desktop.core.forms.codes import render
from desktop.core.rules.problems import RuleProblem, RulesetError

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


_LOADER = yaml.SafeLoader("")  # only its scalar constructors are used
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


class Map(dict[str, Any]):
    """A YAML mapping that remembers where it and each value start (1-based line and column)."""

    line = 1
    column = 1

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        # key -> (line, column, offset): offset is added to a column inside a one-line quoted string
        self.marks: dict[str, tuple[int, int, int | None]] = {}

    def where(self, key: str, column: int | None = None) -> tuple[int, int]:
        """The position of the value of `key`, or of `column` (1-based) within its expression text."""
        line, col, offset = self.marks.get(key, (self.line, self.column, None))
        if column is None or offset is None:
            return line, col
        return line, col + offset + column - 1


def read_yaml(data: bytes, file: str) -> Any:
    """Parse `data`; raise RulesetError with F0xx problems when it is not plain, strict YAML."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RulesetError([RuleProblem(file, 1, 1, "F008", render("F008"))]) from None
    try:
        node = yaml.compose(text, Loader=_FAST)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise RulesetError([RuleProblem(file, line, col, "F003",
                                        render("F003", reason=err.problem or "invalid YAML"))]) from None
    if node is None:
        return None
    problems: list[RuleProblem] = []
    value = _build(node, file, problems, set())
    if problems:
        raise RulesetError(problems)
    return value


def _problem(node: Node, file: str, code: str, **fields: Any) -> RuleProblem:
    return RuleProblem(file, node.start_mark.line + 1, node.start_mark.column + 1, code, render(code, **fields))


def _build(node: Node, file: str, problems: list[RuleProblem], seen: set[int]) -> Any:
    if id(node) in seen:  # the same node twice means an alias
        problems.append(_problem(node, file, "F004"))
        return None
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        problems.append(_problem(node, file, "F005", tag=node.tag))
        return None
    if isinstance(node, ScalarNode):
        return _LOADER.construct_object(node, deep=True)
    if isinstance(node, SequenceNode):
        return [_build(item, file, problems, seen) for item in node.value]
    assert isinstance(node, MappingNode)
    out = Map()
    out.line, out.column = node.start_mark.line + 1, node.start_mark.column + 1
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            problems.append(_problem(key_node, file, "F007"))
            continue
        key = str(key_node.value)
        if key in out:
            problems.append(_problem(key_node, file, "F006", key=key))
            continue
        out[key] = _build(value_node, file, problems, seen)
        start, end = value_node.start_mark, value_node.end_mark
        one_line = isinstance(value_node, ScalarNode) and start.line == end.line
        style = value_node.style if isinstance(value_node, ScalarNode) else None
        offset = (1 if style in ("'", '"') else 0) if one_line and style in (None, "'", '"') else None
        out.marks[key] = (start.line + 1, start.column + 1, offset)
    return out
