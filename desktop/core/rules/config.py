"""Configuration keys (rules.md section 2): defaults from rules.yaml, overrides from the case file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.casefile import bad, show


@dataclass(frozen=True)
class ConfigKey:
    """One configuration key as rules.yaml declares it."""

    key: str
    type: str  # "code", "integer" or "nr_override"
    default: Any
    meaning: str
    allowed: tuple[str, ...] = ()  # code: the allowed values
    minimum: int = 0  # integer
    destinations: tuple[str, ...] = ()  # nr_override: keys
    results: tuple[str, ...] = ()  # nr_override: allowed results
    entry_keys: tuple[str, ...] = ()  # nr_override: keys of each entry


def problem(spec: ConfigKey, value: Any) -> tuple[str, str] | None:
    """(sub-path, problem) if `value` is not allowed for `spec`, else None."""
    if spec.type == "code":
        if not isinstance(value, str) or value not in spec.allowed:
            return "", f"{show(value)} is not one of {', '.join(spec.allowed)}"
        return None
    if spec.type == "integer":
        # bool is an int in Python, not in JSON
        if isinstance(value, bool) or not isinstance(value, int):
            return "", f"{show(value)} is not an integer"
        if value < spec.minimum:
            return "", f"{value} is less than {spec.minimum}"
        return None
    return _override_problem(spec, value)


def _override_problem(spec: ConfigKey, value: Any) -> tuple[str, str] | None:
    if not isinstance(value, dict):
        return "", f"{show(value)} is not an object"
    for dest, entry in value.items():
        if dest not in spec.destinations:
            return f".{dest}", f"unknown destination (use {', '.join(spec.destinations)})"
        if not isinstance(entry, dict):
            return f".{dest}", f"{show(entry)} is not an object"
        for key in entry:
            if key not in spec.entry_keys:
                return f".{dest}.{key}", "unknown key (use result, reason, source)"
        for key in spec.entry_keys:
            if key not in entry:
                return f".{dest}.{key}", "missing"
        if not isinstance(entry["result"], str) or entry["result"] not in spec.results:
            return f".{dest}.result", f"{show(entry['result'])} is not one of {', '.join(spec.results)}"
        for key in ("reason", "source"):
            text = entry[key]
            # the override is logged and shown: an empty or blank text would hide why
            if not isinstance(text, str) or not text.strip():
                return f".{dest}.{key}", f"{show(text)} must be a non-empty text"
    return None


def effective_config(keys: tuple[ConfigKey, ...], overrides: Mapping[str, Any], file: str) -> dict[str, Any]:
    """Every key with its effective value, in rules.yaml order; raises VoluntasError on a bad override."""
    known = {spec.key: spec for spec in keys}
    for key in overrides:
        if key not in known:
            raise bad(file, f"config.{key}", "unknown configuration key")
    out: dict[str, Any] = {}
    for spec in keys:
        if spec.key not in overrides:
            out[spec.key] = _copy(spec.default)
            continue
        value = overrides[spec.key]
        found = problem(spec, value)
        if found is not None:
            raise bad(file, f"config.{spec.key}{found[0]}", found[1])
        out[spec.key] = _canonical(spec, value)
    return out


def _copy(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else value


def _canonical(spec: ConfigKey, value: Any) -> Any:
    """A fixed key order for the override object, so equal inputs print equal bytes."""
    if spec.type != "nr_override":
        return value
    return {dest: {key: value[dest][key] for key in spec.entry_keys}
            for dest in spec.destinations if dest in value}


def check_defaults(keys: tuple[ConfigKey, ...]) -> list[str]:
    """Problems with the defaults themselves (for the ruleset loader)."""
    out = []
    for spec in keys:
        found = problem(spec, spec.default)
        if found is not None:
            out.append(f"config {spec.key}: default {found[1]}")
    return out

