"""voluntas interview import CASE.json | list"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.common import open_vault, print_json
from desktop.commands.finalize import register_finalize
from desktop.core.errors import EXIT_OK
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    interview = sub.add_parser("interview", help="interviews in the vault")
    isub = interview.add_subparsers(dest="interview_command", required=True)
    imp = isub.add_parser("import", help="store a case file's interviews as drafts of one case")
    imp.add_argument("case_file")
    imp.set_defaults(func=cmd_import)
    lst = isub.add_parser("list", help="the cases and interviews in the vault, with their states")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    register_finalize(isub)


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.core.casefile import bad, read_case
    from desktop.core.forms.answers import AnswerError, check_answers
    from desktop.core.forms.loader import shipped_form
    from desktop.core.vault.records import CASE_CODE_MAX, ImportedInterview, case_code_problem

    path = Path(args.case_file)
    case = read_case(path, path.name)
    form = shipped_form()
    for item in case.interviews:  # check the whole file against the form before unlocking anything
        try:
            check_answers(form, item.answers, f"interview {item.index}", session_date=item.interview_date)
        except AnswerError as err:
            raise bad(case.file, err.where, err.problem, err.code) from None
    code = case.case_id or str(case.interviews[0].answers.get("ses_case") or "imported")
    problem = case_code_problem(code)
    if problem is not None:
        raise bad(case.file, "case_id" if case.case_id else "interview 1: answers.ses_case",
                  problem.format(limit=CASE_CODE_MAX))
    items = [ImportedInterview(item.captive_lang, item.interviewer_lang, item.interview_date.isoformat(),
                               dict(item.answers)) for item in case.interviews]
    with open_vault(args) as vault:
        case_id, _ids = vault.records.import_case(code, form.id, form.version, items)  # one transaction
    print(_("Imported {count} interviews as drafts of case {code}.").format(count=len(items), code=code))
    print(case_id)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        rows = vault.records.list_interviews()
    if args.json:
        print_json([
            {"case_id": r.case_id, "case_code": r.case_code, "interview_id": r.id, "date": r.interview_date,
             "state": r.state, "form": f"{r.form_id}@{r.form_version}", "captive_lang": r.captive_lang,
             "interviewer_lang": r.interviewer_lang}
            for r in rows
        ])
        return EXIT_OK
    if not rows:
        print(_("The vault holds no interviews."))
    else:
        print(_("case code\tdate\tstate\tlanguages\tinterview id"))
    for r in rows:
        print(f"{r.case_code}\t{r.interview_date}\t{r.state}\t{r.captive_lang}/{r.interviewer_lang}\t{r.id}")
    return EXIT_OK
