"""The meaning of a schema-valid form: ids, lists, expressions, order and cycles. Builds the model."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.core import expr as ex
from desktop.core.expr.nodes import ANY, Expr, VType
from desktop.core.forms.model import (
    BUILTIN_LISTS,
    CODED,
    TYPES,
    Choice,
    ChoiceList,
    Form,
    Gates,
    Question,
    Section,
)
from desktop.core.forms.problems import FormDefinitionError, FormProblem, problem
from desktop.core.yamlstrict import Marks, Path_

_EXPR_KEYS = ("relevance", "calculation", "constraint")
_FIXED = {"text": VType("str"), "signature": VType("str"), "date": VType("date"), "integer": VType("int")}


class _Builder:
    def __init__(self, data: dict[str, Any], marks: Marks, file: str) -> None:
        self.data, self.marks, self.file = data, marks, file
        self.problems: list[FormProblem] = []
        self.lists: dict[str, ChoiceList] = dict(BUILTIN_LISTS)
        self.used_lists: set[str] = set()

    def add(self, path: Path_, pcode: str, /, *, at_key: bool = False, **fields: Any) -> None:
        pos = self.marks.key_at(path) if at_key else self.marks.at(path)
        self.problems.append(problem(self.file, pos, pcode, **fields))

    def choice_lists(self) -> None:
        for lid, items in self.data["choice_lists"].items():
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item["code"] in seen:
                    self.add(("choice_lists", lid, i, "code"), "F203", code=item["code"], list=lid)
                seen.add(item["code"])
            choices = tuple(Choice(c["code"], c["label"], bool(c.get("exclusive")), c.get("translator_note"),
                                   self.marks.at(("choice_lists", lid, i))[0], c.get("captive_label"))
                            for i, c in enumerate(items))
            self.lists[lid] = ChoiceList(lid, choices, frozenset(c.code for c in choices if c.exclusive))

    def parse(self, path: Path_, text: str | None) -> Expr | None:
        if text is None:
            return None
        try:
            return ex.parse(text)
        except ex.ExprError as err:
            pos = self.marks.expr_at(path, err.column)
            self.problems.append(FormProblem(self.file, pos[0], pos[1], err.code, err.message))
            return None

    def question(self, path: Path_, q: dict[str, Any], section: str) -> tuple[Question, dict[str, Expr]]:
        qid, qtype = q["id"], q["type"]
        list_id: str | None = q.get("list")
        if qtype in ("select_one", "select_multiple"):
            if list_id is None:
                self.add(path, "F204", id=qid, type=qtype)
            elif list_id not in self.lists or list_id in BUILTIN_LISTS:
                self.add((*path, "list"), "F206", list=list_id)
                list_id = None
        elif list_id is not None:
            self.add((*path, "list"), "F205", id=qid, type=qtype)
            list_id = None
        if qtype in ("yes_no", "yes_no_unknown"):
            list_id = qtype
        if list_id:
            self.used_lists.add(list_id)
        if qtype == "calculate":
            if "calculation" not in q:
                self.add(path, "F207", id=qid)
            for key in ("by", "required", "constraint", "constraint_message", "captive", "captive_text",
                        "captive_hint"):
                if key in q:
                    self.add((*path, key), "F208", at_key=True, key=key, allowed="answered",
                             id=qid, type=qtype)
        else:
            if "calculation" in q:
                self.add((*path, "calculation"), "F208", at_key=True, key="calculation",
                         allowed="calculate", id=qid, type=qtype)
            if "by" not in q:
                self.add(path, "F209", id=qid)
            self.captive(path, q, qtype)
        exprs = {k: e for k in _EXPR_KEYS if (e := self.parse((*path, k), q.get(k))) is not None}
        if qtype in CODED and list_id:
            codes = frozenset(self.lists[list_id].codes)
            vtype = VType("list" if qtype == "select_multiple" else "str", codes)
        else:
            vtype = _FIXED.get(qtype, ANY)
        question = Question(
            id=qid, section=section, type=qtype, list_id=list_id, by=q.get("by"),
            relevance=exprs.get("relevance"), relevance_src=q.get("relevance"),
            required=bool(q.get("required", False)), label=q["label"], hint=q.get("hint"),
            constraint=exprs.get("constraint"), constraint_src=q.get("constraint"),
            constraint_message=q.get("constraint_message"),
            calculation=exprs.get("calculation"), calculation_src=q.get("calculation"),
            translator_note=q.get("translator_note"), value_type=vtype, line=self.marks.at(path)[0],
            captive=q.get("captive", "none"), captive_text=q.get("captive_text"), captive_hint=q.get("captive_hint"),
        )
        return question, exprs

    def captive(self, path: Path_, q: dict[str, Any], qtype: str) -> None:
        """Every answered question says what the captive sees; a shown one has his own text, a hidden none."""
        qid, mode = q["id"], q.get("captive")
        if mode is None:
            self.add(path, "F217", id=qid)
        elif mode == "choices" and qtype not in CODED:
            self.add((*path, "captive"), "F218", id=qid, type=qtype)
        elif mode != "none" and "captive_text" not in q:
            self.add(path, "F219", id=qid, mode=mode)
        elif mode == "none":
            for key in ("captive_text", "captive_hint"):
                if key in q:
                    self.add((*path, key), "F220", at_key=True, key=key, id=qid)


def build_form(data: dict[str, Any], marks: Marks, file: str, source: Any, sha256: str) -> Form:
    """The Form built from schema-valid `data`; FormDefinitionError with every problem found."""
    b = _Builder(data, marks, file)
    b.choice_lists()
    sections: list[Section] = []
    questions: dict[str, Question] = {}
    paths: dict[str, Path_] = {}
    exprs: dict[str, dict[str, Expr]] = {}
    for si, sec in enumerate(data["sections"]):
        spath: Path_ = ("sections", si)
        if any(s.id == sec["id"] for s in sections):
            b.add((*spath, "id"), "F201", id=sec["id"])
        ids = []
        for qi, q in enumerate(sec["questions"]):
            qpath: Path_ = (*spath, "questions", qi)
            if q["id"] in questions:
                b.add((*qpath, "id"), "F202", id=q["id"], line=questions[q["id"]].line)
                continue
            questions[q["id"]], exprs[q["id"]] = b.question(qpath, q, sec["id"])
            paths[q["id"]] = qpath
            ids.append(q["id"])
        sections.append(Section(sec["id"], sec["title"], tuple(ids), sec.get("hint"), sec.get("translator_note"),
                                b.marks.at(spath)[0]))
    for lid in data["choice_lists"]:
        if lid not in b.used_lists:
            b.add(("choice_lists", lid), "F215", at_key=True, list=lid)
    questions = _check_expressions(b, questions, exprs, paths)
    gates = _check_roles(b, data, questions)
    if b.problems:
        raise FormDefinitionError(b.problems)
    return Form(
        id=data["form"], version=data["version"], title=data["title"], sections=tuple(sections),
        questions=questions, choice_lists=b.lists, source_path=source, sha256=sha256,
        session_date=data["session_date"], gates=gates, minimal_record=tuple(data["minimal_record"]["keep"]),
        mr_reason=data["minimal_record"]["reason"], translator_note=data.get("translator_note"),
        captive_wait=data["captive_page"]["wait"], captive_decline=data["captive_page"]["decline"],
    )


def _check_expressions(b: _Builder, questions: dict[str, Question], exprs: dict[str, dict[str, Expr]],
                       paths: dict[str, Path_]) -> dict[str, Question]:
    order = {qid: i for i, qid in enumerate(questions)}
    types: dict[str, VType] = {qid: q.value_type for qid, q in questions.items()}
    graph: dict[str, list[str]] = {}
    out = dict(questions)
    for qid, q in questions.items():
        graph[qid] = []
        for key in ("relevance", "calculation"):
            e = exprs[qid].get(key)
            if e is None:
                continue
            for ref in ex.refs(e):
                if ref == qid:
                    b.add((*paths[qid], key), "F212", id=qid)
                elif ref in order and order[ref] > order[qid]:
                    b.add((*paths[qid], key), "F210", id=qid, ref=ref)
                if ref in order:
                    graph[qid].append(ref)
        for key, want in (("relevance", "bool"), ("calculation", None), ("constraint", "bool")):
            e = exprs[qid].get(key)
            if e is None:
                continue
            for p in ex.check(e, types, want=want):
                pos = b.marks.expr_at((*paths[qid], key), p.column)
                b.problems.append(FormProblem(b.file, pos[0], pos[1], p.code, p.message))
        calc = exprs[qid].get("calculation")
        if q.type == "calculate" and calc is not None:
            types[qid] = ex.infer(calc, types)
            out[qid] = _replace_type(q, types[qid])
    for cycle in _cycles(graph):
        b.add(paths[cycle[0]], "F211", path=" -> ".join([*cycle, cycle[0]]))
    return out


def _replace_type(q: Question, vtype: VType) -> Question:
    return replace(q, value_type=vtype)


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each elementary cycle once (by its first node in form order), found by iterative DFS."""
    found: list[list[str]] = []
    done: set[str] = set()
    for start in graph:
        if start in done:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        on_path: list[str] = [start]
        while stack:
            node, i = stack[-1]
            nexts = graph.get(node, [])
            if i >= len(nexts):
                stack.pop()
                on_path.pop()
                done.add(node)
                continue
            stack[-1] = (node, i + 1)
            nxt = nexts[i]
            if nxt in on_path:
                cyc = on_path[on_path.index(nxt):]
                if len(cyc) > 1 and not any(set(c) == set(cyc) for c in found):
                    found.append(cyc)
            elif nxt not in done:
                stack.append((nxt, 0))
                on_path.append(nxt)
    return found


def _check_roles(b: _Builder, data: dict[str, Any], questions: dict[str, Question]) -> Gates:
    def need(path: Path_, ref: str, types: tuple[str, ...], expected: str) -> None:
        if ref not in questions:
            b.add(path, "F213", field=".".join(str(p) for p in path), ref=ref)
        elif questions[ref].type not in types:
            b.add(path, "F214", field=".".join(str(p) for p in path), ref=ref, expected=expected)

    need(("session_date",), data["session_date"], ("date",), "date question")
    for key in ("capacity", "consent", "record"):
        need(("gates", key), data["gates"][key], ("calculate",), "calculation")
    need(("minimal_record", "reason"), data["minimal_record"]["reason"], ("calculate",), "calculation")
    for i, ref in enumerate(data["minimal_record"]["keep"]):
        need(("minimal_record", "keep", i), ref, TYPES, "question")
    g = data["gates"]
    return Gates(g["capacity"], g["consent"], g["record"])
