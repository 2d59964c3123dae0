"""Load rules.yaml (rules as data) into a Ruleset, refusing anything the engine could not apply exactly.

The sha256 is that of the file's bytes (case-format.md 3.1, one file). Conditions are checked against the
form's question types and codes, the configuration keys and the engine variables.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.core.expr import VType
from desktop.core.forms.loader import load_form, shipped_form
from desktop.core.forms.model import Form
from desktop.core.rules.config import ConfigKey, check_defaults
from desktop.core.rules.model import DESTINATIONS, TABLE_ORDER, Ruleset
from desktop.core.rules.problems import RuleProblem, RulesetError
from desktop.core.rules.rows import Rows
from desktop.core.rules.tables import check_tables
from desktop.core.rules.yamlmap import Map, read_yaml

TOP_KEYS = ("id", "version", "spec", "form", "banner", "order", "config", "engine_variables", "tables",
            "legal_basis")
# The engine variables the engine sets (rules.md section 3); rules.yaml must declare exactly these.
ENGINE_VARIABLES = ("ev_status", "ev_wish", "ev_wish_ready", "ev_pref", "ev_rok_intent", "ev_ua_asylum",
                    "ev_injury_serious", *(f"ev_f{i}" for i in range(1, 8)),
                    *(f"ev_risk_{d}" for d in DESTINATIONS))


def question_types(form: Form) -> dict[str, VType]:
    """The static type of every question and calculation of the form."""
    return {qid: q.value_type for qid, q in form.questions.items()}


@lru_cache(maxsize=4)
def shipped_ruleset(form_id: str = "pow_interview") -> Ruleset:
    """The ruleset shipped beside the form (forms/<form_id>/rules.yaml), loaded once per process."""
    return load_ruleset(paths.forms_dir() / form_id / "rules.yaml", shipped_form(form_id))


def load_ruleset(path: str | Path, form: Form | None = None) -> Ruleset:
    """Load and check a rules file; `form` defaults to form.yaml beside it. Raises RulesetError."""
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise RulesetError([RuleProblem(file, 1, 1, "F001", f"cannot read the file: {err.strerror}")]) from None
    doc = read_yaml(data, file)
    if form is None:
        form = load_form(Path(path).with_name("form.yaml"))
    return _build(doc, form, file, hashlib.sha256(data).hexdigest())


def _build(doc: Any, form: Form, file: str, sha256: str) -> Ruleset:
    rows = Rows(file, {})
    if not isinstance(doc, Map):
        rows.add(None, "R103", field="the file", value=type(doc).__name__, expected="a mapping")
        raise RulesetError(rows.problems)
    for key in doc:
        if key not in TOP_KEYS:
            rows.add(doc, "R101", key=key, where="")
    config = _config(rows, doc.get("config"))
    types = question_types(form)
    for spec in config:
        if spec.type == "code":
            types[spec.key] = VType("str", frozenset(spec.allowed))
        elif spec.type == "integer":
            types[spec.key] = VType("int")
    types.update(_engine_types(rows, doc.get("engine_variables"), types))
    rows.types = types
    order = doc.get("order")
    tables = doc.get("tables")
    if order != list(TABLE_ORDER) or not isinstance(tables, Map) or list(tables) != list(TABLE_ORDER):
        rows.add(doc, "R106", expected=", ".join(TABLE_ORDER))
        raise RulesetError(rows.problems)
    built = check_tables(rows, tables)
    basis = doc.get("legal_basis")
    texts = [m.get("text") for m in basis if isinstance(m, Map)] if isinstance(basis, list) else []
    legal = [t for t in texts if isinstance(t, str) and t]
    if len(legal) != 4 or len(texts) != 4:
        rows.add(doc, "R103", field="legal_basis", value="", expected="a list of four texts")
    if form.id != doc.get("form"):
        rows.add(doc, "R109", form=doc.get("form"), reason=f"the form loaded is '{form.id}'")
    for key in ("id", "version", "banner"):
        rows.get(doc, key, str, "")
    if rows.problems:
        raise RulesetError(rows.problems)
    return Ruleset(
        id=doc["id"], version=doc["version"], sha256=sha256, path=file, banner=doc["banner"], form=form,
        config=tuple(config), types=types, legal_basis=tuple(legal), **built,
        answer_ids=frozenset(qid for qid, q in form.questions.items() if q.type != "calculate"),
    )


def _config(rows: Rows, raw: Any) -> list[ConfigKey]:
    if not isinstance(raw, list):
        rows.add(None, "R102", key="config", where="")
        return []
    out: list[ConfigKey] = []
    for m in raw:
        if not isinstance(m, Map):
            continue
        key, typ = rows.get(m, "key", str, "config: "), rows.get(m, "type", str, "config: ")
        where = f"config {key}: "
        if key is None or typ not in ("code", "integer", "nr_override"):
            rows.add(m, "R104", field=f"{where}type", code=typ, allowed="code, integer, nr_override")
            continue
        out.append(ConfigKey(
            key=key, type=typ, default=m.get("default"), meaning=rows.get(m, "meaning", str, where) or "",
            allowed=rows.strings(m, "allowed", where) if typ == "code" else (),
            minimum=rows.get(m, "minimum", int, where) or 0 if typ == "integer" else 0,
            destinations=rows.strings(m, "destinations", where) if typ == "nr_override" else (),
            results=rows.strings(m, "results", where) if typ == "nr_override" else (),
            entry_keys=rows.strings(m, "entry_keys", where) if typ == "nr_override" else (),
        ))
    for text in check_defaults(tuple(out)):
        rows.add(raw[0] if raw else None, "R103", field=text, value="", expected="allowed")
    return out


def _engine_types(rows: Rows, raw: Any, types: dict[str, VType]) -> dict[str, VType]:
    out: dict[str, VType] = {}
    for m in raw if isinstance(raw, list) else []:
        if not isinstance(m, Map):
            continue
        name, typ = rows.get(m, "name", str, "engine_variables: "), rows.get(m, "type", str, "")
        if name is None:
            continue
        if "codes_of" in m:
            out[name] = types.get(str(m["codes_of"]), VType("str"))
        elif typ == "bool":
            out[name] = VType("bool")
        elif typ == "str" and "codes" in m:
            out[name] = VType("str", frozenset(rows.strings(m, "codes", f"{name}: ")))
        else:
            rows.add(m, "R104", field=f"engine variable {name}: type", code=typ, allowed="bool, str with codes")
    if tuple(out) != ENGINE_VARIABLES:
        rows.add(raw[0] if isinstance(raw, list) and raw else None, "R103", field="engine_variables",
                 value=", ".join(out), expected=", ".join(ENGINE_VARIABLES))
    return out

