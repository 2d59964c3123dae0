"""The one strict YAML reader, for form files and rules files: safe_load semantics, stricter, and with the
position of every value.

Refused, each with a stable code (F001-F008) at FILE:LINE:COL: aliases (billion laughs), tags but the plain
ones (!!python/object and friends), duplicate keys, non-string keys, nesting deeper than MAX_DEPTH, files
over MAX_BYTES, text that is not UTF-8.

One rule for booleans, YAML 1.2 style: only `true` and `false` are booleans, so the codes yes/no/on/off stay
strings (quoted or not) and a `yes` where a boolean is expected is refused by the check that follows. Dates
stay strings for the form's schema and the rules' checks.

    read_yaml(path, file) -> ((data, marks), raw)      parse_yaml(raw, file) -> (data, marks)
    both raise YamlError (.problem: file, line, col, code, message)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from desktop.core.errors import N_

# The codes of the file and its YAML, shared by the form loader and the rules loader (desktop.core.forms.codes
# lists them with the form's own codes).
TEMPLATES: dict[str, str] = {
    "F001": N_("cannot read the file: {reason}"),
    "F002": N_("the file is too large ({size} bytes; limit {limit})"),
    "F003": N_("YAML syntax error: {reason}"),
    "F004": N_("YAML anchors and aliases are not allowed"),
    "F005": N_("YAML tags are not allowed ({tag})"),
    "F006": N_("duplicate key '{key}'"),
    "F007": N_("mapping keys must be plain strings"),
    "F008": N_("the file is not UTF-8 text"),
}

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
Path_ = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null")}


class _Refused(Exception):
    def __init__(self, pcode: str, mark: Any, **fields: Any) -> None:
        super().__init__(pcode)
        self.pcode, self.mark, self.fields = pcode, mark, fields


class _Loader(yaml.SafeLoader):
    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("F004", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise _Refused("F005", event.start_mark, tag=str(tag)[:40])
        return super().compose_node(parent, index)


_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|false)$"), list("tf"))

_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_FastLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):
    # libyaml composes about 10x faster than the pure-Python parser. It does not expand aliases while
    # composing, so the builder refuses a node met twice; tags are checked there too.
    class _CLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    _FastLoader = _CLoader


@dataclass
class Marks:
    """1-based (line, col) of every value and mapping key, by path from the document root."""

    value: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # (style, single_line) of string scalars, to map a column inside an expression to the file
    style: dict[Path_, tuple[str | None, bool]] = field(default_factory=dict)

    def at(self, path: Path_) -> tuple[int, int]:
        while path:
            if path in self.value:
                return self.value[path]
            path = path[:-1]
        return self.value.get((), (1, 1))

    def key_at(self, path: Path_) -> tuple[int, int]:
        return self.key.get(path) or self.at(path)

    def expr_at(self, path: Path_, column: int | None) -> tuple[int, int]:
        line, col = self.at(path)
        style, single = self.style.get(path, (None, False))
        if column is None or not single or style not in (None, "", "'", '"'):
            return line, col
        return line, col + column - 1 + (1 if style in ("'", '"') else 0)


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Builder:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.marks = Marks()
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if len(path) > MAX_DEPTH:
            raise _Refused("F003", node.start_mark, reason=f"nested deeper than {MAX_DEPTH} levels")
        if id(node) in self.seen:  # an alias: the same node reached twice
            raise _Refused("F004", node.start_mark)
        self.seen.add(id(node))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
            raise _Refused("F005", node.start_mark, tag=str(node.tag)[:40])
        self.marks.value[path] = _pos(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _PLAIN_TAGS:
                raise _Refused("F005", node.start_mark, tag=str(node.tag)[:40])
            if node.tag.endswith(":str"):
                single = node.start_mark.line == node.end_mark.line
                self.marks.style[path] = (node.style, single)
            try:
                return self.loader.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError) as err:
                raise _Refused("F003", node.start_mark, reason=str(err)[:80]) from None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or not key_node.tag.endswith(":str"):
                raise _Refused("F007", key_node.start_mark)
            key = str(key_node.value)
            if key in out:
                raise _Refused("F006", key_node.start_mark, key=key[:40])
            self.marks.key[(*path, key)] = _pos(key_node.start_mark)
            out[key] = self.build(value_node, (*path, key))
        return out


@dataclass(frozen=True)
class YamlProblem:
    """Why a file was refused, FILE:LINE:COL with a code; the loaders turn it into their own problem type."""

    file: str
    line: int
    col: int
    code: str
    message: str


class YamlError(Exception):
    """The file is not plain, strict YAML; `problem` says why and where."""

    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem
        super().__init__(f"{problem.file}:{problem.line}:{problem.col}: {problem.code} {problem.message}")


def _fail(file: str, pos: tuple[int, int], pcode: str, **fields: Any) -> YamlError:
    return YamlError(YamlProblem(file, pos[0], pos[1], pcode, TEMPLATES[pcode].format(**fields)))


def read_yaml(path: Path, file: str) -> tuple[tuple[Any, Marks], bytes]:
    """((data, marks), raw bytes) of the YAML file; YamlError for anything refused."""

    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise _fail(file, (1, 1), "F001", reason=err.strerror or type(err).__name__) from None
    return parse_yaml(raw, file), raw


def parse_yaml(raw: bytes, file: str) -> tuple[Any, Marks]:
    """(data, marks) of YAML bytes; YamlError for anything refused."""

    if len(raw) > MAX_BYTES:
        raise _fail(file, (1, 1), "F002", size=f"more than {MAX_BYTES}", limit=MAX_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _fail(file, _line_col(raw, err.start), "F008") from None
    try:
        loader = (_FastLoader or _Loader)(text)
    except yaml.YAMLError as err:  # the reader refuses control characters up front
        raise _fail(file, (1, 1), "F003", reason=str(err).splitlines()[0][:120]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Marks()
        builder = _Builder(loader)
        data = builder.build(node, ())
        return data, builder.marks
    except _Refused as err:
        raise _fail(file, _pos(err.mark), err.pcode, **err.fields) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        reason = " ".join(str(x) for x in (err.context, err.problem) if x)
        raise _fail(file, _pos(mark), "F003", reason=reason or "cannot parse") from None
    except yaml.YAMLError as err:
        raise _fail(file, (1, 1), "F003", reason=str(err).splitlines()[0][:120]) from None
    except RecursionError:
        raise _fail(file, (1, 1), "F003", reason="nested too deeply") from None
    finally:
        loader.dispose()


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


__all__ = ["MAX_BYTES", "Marks", "Path_", "YamlError", "YamlProblem", "parse_yaml", "read_yaml"]
