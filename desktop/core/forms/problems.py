"""Problems found in a form file, each located FILE:LINE:COL with a stable code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.core.forms.codes import render


@dataclass(frozen=True, order=True)
class FormProblem:
    file: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.code} {self.message}"


def problem(file: str, pos: tuple[int, int], pcode: str, /, **fields: Any) -> FormProblem:
    return FormProblem(file, pos[0], pos[1], pcode, render(pcode, **fields))


class FormDefinitionError(Exception):
    """The form file cannot be used; `problems` says every reason found, in file order."""

    def __init__(self, problems: list[FormProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
