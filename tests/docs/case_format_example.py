"""The worked example of docs/case-format.md: its input is acceptance case V01 under another case id.

    python -m tests.docs.case_format_example     rewrites the example's input and output in the doc
                                                  (after a ruleset change; read the diff before committing)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "case-format.md"
INPUT_MARK = "<!-- example-input"
OUTPUT_MARK = "<!-- example-output -->"


def example_case() -> dict:
    doc = json.loads((ROOT / "tests" / "cases" / "V01.json").read_text(encoding="utf-8"))
    case = {"case_id": "example-1"}
    case.update({k: v for k, v in doc.items() if k not in ("title", "facts", "expected", "case_id")})
    return case


def blocks(text: str) -> tuple[dict, dict]:
    """The example's input and output as written in the doc."""
    found = re.findall(r"```json\n(.*?)```", text[text.index(INPUT_MARK):], flags=re.S)
    return json.loads(found[0]), json.loads(found[1])


def rewrite() -> None:
    text = DOC.read_text(encoding="utf-8")
    head = text[:text.index(INPUT_MARK)]
    mark_line = text[text.index(INPUT_MARK):].splitlines()[0]
    case = example_case()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "example.json"
        path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "desktop", "evaluate", str(path), "--json"],
                             capture_output=True, text=True, check=True).stdout
    body = (f"{mark_line}\n\nThe case file:\n\n```json\n{json.dumps(case, ensure_ascii=False, indent=2)}\n```\n\n"
            f"{OUTPUT_MARK}\n\nWhat `voluntas evaluate example.json --json` prints:\n\n```json\n{out.rstrip()}\n```\n")
    DOC.write_text(head + body, encoding="utf-8")


if __name__ == "__main__":
    rewrite()
