"""Reads the tables of docs/spec/protocol-tables.md, so tests compare the form with its written specification."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DASH = "\u2013"  # the tables write an en dash for "none"


@dataclass
class Protocol:
    sections: dict[str, str] = field(default_factory=dict)  # id -> title
    questions: list[dict[str, str]] = field(default_factory=list)  # rows of "Questions", in order
    calculations: dict[str, str] = field(default_factory=dict)
    constraints: dict[str, str] = field(default_factory=dict)
    choices: list[dict[str, str]] = field(default_factory=list)  # rows of "Choice lists"
    minimal_record: list[str] = field(default_factory=list)


def _cell(text: str) -> str:
    text = text.strip()
    if text.startswith("`") and text.endswith("`"):
        text = text[1:-1]
    return "" if text == DASH else text


def _tables(lines: list[str]) -> list[tuple[str, str, list[dict[str, str]]]]:
    """(chapter heading, sub heading, rows) for each table."""
    out: list[tuple[str, str, list[dict[str, str]]]] = []
    chapter = sub = ""
    header: list[str] | None = None
    for line in lines:
        if line.startswith("## "):
            chapter, sub, header = line[3:].strip(), "", None
        elif line.startswith("### "):
            sub, header = line[4:].strip(), None
        elif line.startswith("|"):
            cells = [c for c in line.strip().strip("|").split("|")]
            if header is None:
                header = [c.strip() for c in cells]
                out.append((chapter, sub, []))
            elif not set(line.replace("|", "").strip()) <= {"-", ":", " "}:
                out[-1][2].append(dict(zip(header, (_cell(c) for c in cells))))
        else:
            header = None
    return out


def read_protocol(path: Path) -> Protocol:
    p = Protocol()
    for chapter, sub, rows in _tables(path.read_text(encoding="utf-8").splitlines()):
        if chapter == "Questions":
            m = re.match(r"(A\d+) (.+)", sub)
            assert m, sub
            p.sections[m.group(1)] = m.group(2)
            p.questions.extend(rows)
        elif chapter == "Calculations":
            p.calculations.update({r["id"]: r["expression"] for r in rows})
        elif chapter == "Constraints":
            p.constraints.update({r["id"]: r["constraint"] for r in rows})
        elif chapter == "Minimal record":
            for r in rows:
                for name in r["kept field"].split(","):
                    p.minimal_record.append(name.replace("(calculated)", "").strip())
        elif chapter == "Choice lists":
            p.choices.extend(rows)
    return p
