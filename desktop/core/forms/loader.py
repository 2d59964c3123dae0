"""Load a form file: safe YAML with positions, the JSON Schema, then the form's meaning (formcheck)."""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from desktop import paths
from desktop.core.forms.formcheck import build_form
from desktop.core.forms.model import Form
from desktop.core.forms.problems import FormDefinitionError, FormProblem, problem
from desktop.core.forms.schema import validate
from desktop.core.yamlstrict import Marks, YamlError, parse_yaml, read_yaml

__all__ = ["FormDefinitionError", "FormProblem", "load_form", "load_form_bytes", "shipped_form", "shipped_form_paths"]


def load_form(path: str | os.PathLike[str]) -> Form:
    """The form in `path`; FormDefinitionError listing every problem (FILE:LINE:COL: CODE message)."""
    source = Path(path)
    try:
        (data, marks), raw = read_yaml(source, str(path))
    except YamlError as err:
        raise refused(err) from None
    return _build(data, marks, raw, str(path), source)


def load_form_bytes(raw: bytes, file: str) -> Form:
    """The form in `raw` (e.g. a file object's content), named `file` in problems."""
    try:
        data, marks = parse_yaml(raw, file)
    except YamlError as err:
        raise refused(err) from None
    return _build(data, marks, raw, file, Path(file))


def refused(err: YamlError) -> FormDefinitionError:
    """The strict YAML reader's refusal as the form loader's error (same code, same FILE:LINE:COL)."""
    p = err.problem
    return FormDefinitionError([FormProblem(p.file, p.line, p.col, p.code, p.message)])


def _build(data: object, marks: Marks, raw: bytes, file: str, source: Path) -> Form:
    if not isinstance(data, dict):
        raise FormDefinitionError([problem(file, (1, 1), "F103", field="the file", value="its content",
                                           expected="object (a YAML mapping)")])
    problems = validate(data, marks, file)
    if problems:
        raise FormDefinitionError(problems)
    return build_form(data, marks, file, source, hashlib.sha256(raw).hexdigest())


def shipped_form_paths() -> list[Path]:
    """forms/<form_id>/form.yaml of every shipped form, sorted."""
    return sorted(paths.forms_dir().glob("*/form.yaml"))


@lru_cache(maxsize=8)
def shipped_form(form_id: str = "pow_interview") -> Form:
    """A shipped form, loaded once per process."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", form_id):
        raise FormDefinitionError([FormProblem(form_id, 1, 1, "F001", "not a form id")])
    return load_form(paths.forms_dir() / form_id / "form.yaml")
