"""The form JSON Schema (forms/schema/form.schema.json), run for real, errors mapped to FILE:LINE:COL."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from desktop import paths
from desktop.core.forms.problems import FormProblem, problem
from desktop.core.yamlstrict import Marks, Path_

MAX_REPORTED = 50


def schema_path() -> Any:
    return paths.forms_dir() / "schema" / "form.schema.json"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def describe(path: Path_, data: Any) -> str:
    """sections[A4].questions[id_af].list: items with an id are named by it, others by index."""
    out, node = "", data
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            out += f"[{ident}]" if isinstance(ident, str) and len(ident) < 65 else f"[{step}]"
            node = item
        else:
            out += f".{step}" if out else str(step)
            node = node.get(step) if isinstance(node, dict) else None
    return out or "the file"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def validate(data: Any, marks: Marks, file: str) -> list[FormProblem]:
    """Every schema violation, at the position of the offending key or value."""
    out: list[FormProblem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in _validator().iter_errors(data):
        for p in _map(err, data, marks, file):
            ident = (p.line, p.col, p.code, p.message)
            if ident not in seen:
                seen.add(ident)
                out.append(p)
        if len(out) >= MAX_REPORTED:
            break
    return sorted(out)


def _map(err: ValidationError, data: Any, marks: Marks, file: str) -> list[FormProblem]:
    path: Path_ = tuple(err.absolute_path)
    inst = err.instance
    where = f" in {describe(path, data)}" if path else ""
    field = describe(path, data)
    kind = err.validator
    if kind == "additionalProperties" and isinstance(inst, dict):
        allowed = set(err.schema.get("properties", {}))
        patterns = err.schema.get("patternProperties", {})
        extra = [k for k in inst if k not in allowed and not any(re.search(p, k) for p in patterns)]
        return [problem(file, marks.key_at((*path, k)), "F101", key=k[:40], where=where) for k in extra]
    if kind in ("required", "dependentRequired") and isinstance(inst, dict):
        needed = err.validator_value if kind == "required" else [
            k for trigger, ks in err.validator_value.items() if trigger in inst for k in ks]
        return [problem(file, marks.at(path), "F102", key=k, where=where) for k in needed if k not in inst]
    if kind == "type":
        return [problem(file, marks.at(path), "F103", field=field, value=_short(inst),
                        expected=err.validator_value)]
    if kind == "enum":
        choices = ", ".join(str(v) for v in err.validator_value)
        return [problem(file, marks.at(path), "F104", field=field, value=_short(inst), allowed=choices)]
    if kind == "pattern":
        return [problem(file, marks.at(path), "F105", field=field, value=_short(inst),
                        pattern=err.validator_value)]
    return [problem(file, marks.at(path), "F106", field=field, reason=err.message[:160])]
