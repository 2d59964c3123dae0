"""Rules files through the one strict YAML reader (desktop.core.yamlstrict): mappings become Map, which keeps
where the mapping and each value start, so rules problems point at FILE:LINE:COL like the form loader's.

Codes F001-F008 are the reader's, so form and rules files report alike.
"""

from __future__ import annotations

from typing import Any

from desktop.core.rules.problems import RuleProblem, RulesetError
from desktop.core.yamlstrict import Marks, Path_, YamlError, parse_yaml


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
    """Parse `data`; raise RulesetError with the F0xx problem when it is not plain, strict YAML."""
    try:
        value, marks = parse_yaml(data, file)
    except YamlError as err:
        p = err.problem
        raise RulesetError([RuleProblem(p.file, p.line, p.col, p.code, p.message)]) from None
    return _maps(value, marks, ())


def _maps(value: Any, marks: Marks, path: Path_) -> Any:
    if isinstance(value, list):
        return [_maps(item, marks, (*path, i)) for i, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    out = Map()
    out.line, out.column = marks.at(path)
    for key, item in value.items():
        out[key] = _maps(item, marks, (*path, key))
        line, col = marks.value[(*path, key)]
        style, single = marks.style.get((*path, key), (None, False))
        offset = (1 if style in ("'", '"') else 0) if single and style in (None, "", "'", '"') else None
        out.marks[key] = (line, col, offset)
    return out
