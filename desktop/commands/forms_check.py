"""The work behind `voluntas forms check`, imported only when that command runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.core.errors import EXIT_OK, EXIT_USAGE
from desktop.core.forms.loader import FormDefinitionError, FormProblem, load_form, shipped_form_paths
from desktop.core.forms.model import Form


def _targets(paths: list[str]) -> list[Path]:
    if not paths:
        out: list[Path] = []
        for form in shipped_form_paths():
            out.append(form)
            if form.with_name("rules.yaml").is_file():
                out.append(form.with_name("rules.yaml"))
        return out
    targets: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            targets.extend(p for p in (path / "form.yaml", path / "rules.yaml") if p.is_file() or p.name == "form.yaml")
        else:
            targets.append(path)
    return targets


def _check(path: Path, forms: dict[Path, Form | None], rulesets: list[Any] | None = None) -> list[FormProblem]:
    try:
        if path.name == "rules.yaml":
            from desktop.core.rules.loader import load_ruleset

            form_path = path.with_name("form.yaml")
            if form_path.resolve() not in forms:
                forms[form_path.resolve()] = _try_form(form_path)
            form = forms[form_path.resolve()]
            if form is None:
                return [FormProblem(str(path), 1, 1, "F001", f"not checked: its form {form_path} is refused")]
            loaded = load_ruleset(path, form)
            if rulesets is not None:
                rulesets.append(loaded)
        else:
            forms[path.resolve()] = load_form(path)
    except FormDefinitionError as err:
        if path.name != "rules.yaml":
            forms[path.resolve()] = None
        return err.problems
    return []


def _try_form(path: Path) -> Form | None:
    try:
        return load_form(path)
    except FormDefinitionError:
        return None


def _glossary_warnings(targets: list[Path]) -> None:
    """Warnings only (exit status unchanged): translations of each checked form that miss a glossary term."""
    from desktop import paths
    from desktop.core.translation.glossary import check_po

    for form_id in sorted({p.parent.name for p in targets if p.name == "form.yaml"}):
        for po in sorted(paths.locales_dir().glob("*/LC_MESSAGES/forms.po")):
            for w in check_po(po, po.parent.parent.name, context_prefix=form_id + "."):
                sys.stdout.write(f"{w}\n")


def _signoff_warnings(rulesets: list[Any]) -> None:
    """W401 (a warning, exit status unchanged): a rule whose citations await verification has no valid legal
    sign-off; W402: the sign-off file beside the rules cannot be read, so nothing counts as signed off."""
    from desktop.core.errors import VoluntasError
    from desktop.core.rules import signoff

    for rs in rulesets:
        try:
            found = signoff.read_signoffs(signoff.signoff_path(rs))
        except VoluntasError as err:
            sys.stdout.write(f"{signoff.signoff_path(rs)}:1:1: W402 {err.message(str)}\n")
            found = {}
        states = signoff.states(rs, found)
        for rule in rs.all_rules():
            if rule.verify and states[rule.id] != signoff.SIGNED_OFF:
                why = "its sign-off lapsed" if states[rule.id] == signoff.LAPSED else "it has no legal sign-off"
                sys.stdout.write(f"{rs.path}:{rule.line}:1: W401 rule {rule.id}: its citations await "
                                 f"verification and {why}\n")


def run_check(args: argparse.Namespace) -> int:
    targets = _targets(list(args.paths))
    forms: dict[Path, Form | None] = {}
    rulesets: list[Any] = []
    refused = 0
    for path in targets:
        problems = _check(path, forms, rulesets)
        for p in problems:
            sys.stdout.write(f"{p}\n")
        refused += bool(problems)
    _glossary_warnings(targets)
    _signoff_warnings(rulesets)
    sys.stdout.flush()
    if not targets:
        sys.stderr.write("voluntas: no form files found\n")
        return EXIT_USAGE
    sys.stderr.write(f"voluntas: {len(targets) - refused} of {len(targets)} file(s) clean\n")
    return EXIT_USAGE if refused else EXIT_OK
