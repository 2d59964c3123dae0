"""The expression language of protocol.md section 2: syntax, null semantics, functions, static check."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.expr import ExprError, VType, check, evaluate, fired_refs, infer, parse, refs

OPS = ["=", "!=", "<", "<=", ">", ">="]
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
scalars = st.one_of(st.integers(0, 10**6), dates, st.sampled_from(["yes", "no", "x"]), st.booleans())


def ev(text: str, **env: object) -> object:
    return evaluate(parse(text), env)  # type: ignore[arg-type]


# --- syntax ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("op1", OPS)
@pytest.mark.parametrize("op2", OPS)
def test_comparisons_do_not_chain(op1: str, op2: str) -> None:
    with pytest.raises(ExprError) as err:
        parse(f"${{a}} {op1} ${{b}} {op2} ${{c}}")
    assert err.value.code == "E102"
    assert err.value.column == len(f"${{a}} {op1} ${{b}} ") + 1


@pytest.mark.parametrize(("text", "code"), [
    ("", "E109"), ("   ", "E109"),
    ("${a} = 'x", "E103"),
    ("${A} = 'x'", "E104"), ("$a = 1", "E104"),
    ("eval('1')", "E105"), ("Not(${a})", "E101"),
    ("${a} = yes", "E106"),
    ("selected(${a})", "E107"), ("today(1)", "E107"), ("not", "E107"),
    ("(" * 60 + "1" + ")" * 60, "E108"),
    ("${a} = ", "E110"), ("(${a}", "E110"),
    ("${a} = -1", "E101"), ("${a} = 1.5", "E101"), ("${a} == 1", "E101"),
    ("${a} = \"x\"", "E101"), ("${a} AND ${b}", "E101"),
])
def test_syntax_errors_have_stable_codes(text: str, code: str) -> None:
    with pytest.raises(ExprError) as err:
        parse(text)
    assert err.value.code == code
    assert err.value.message


@given(st.text(max_size=60))
def test_parse_raises_only_expr_error(text: str) -> None:
    try:
        parse(text)
    except ExprError:
        pass


@given(st.lists(st.sampled_from(["${a}", "${b}", "'x'", "1", "true", "(", ")", ",", " and ", " or ", "=",
                                 "<", "not(", "if(", "selected(", "count-selected(", "days(", "'"]),
                max_size=25))
def test_parse_token_soup_raises_only_expr_error(tokens: list[str]) -> None:
    try:
        e = parse("".join(tokens))
    except ExprError:
        return
    evaluate_or_error(e)


def evaluate_or_error(e: object) -> None:
    try:
        evaluate(e, {"a": None, "b": "x"})  # type: ignore[arg-type]
    except ExprError:
        pass


def test_whitespace_between_tokens_is_ignored() -> None:
    assert ev("  ${a}='yes'and(${b}  >=\n2)", a="yes", b=3) is True


def test_refs_in_order_of_first_appearance_and_unique() -> None:
    e = parse("${b} = 1 or selected(${a}, 'x') and ${b} = 2 or if(${c}, ${a}, ${d}) = 'y'")
    assert refs(e) == ["b", "a", "c", "d"]


def test_fired_refs() -> None:
    e = parse("fired('WR-2') or (fired('ST-1') and fired('WR-2'))")
    assert fired_refs(e) == ["WR-2", "ST-1"]
    assert refs(e) == []


# --- precedence -----------------------------------------------------------------------------------

@given(st.lists(st.sampled_from([True, False, None]), min_size=2, max_size=8),
       st.lists(st.sampled_from(["and", "or"]), min_size=7, max_size=7))
def test_and_binds_tighter_than_or(values: list[bool | None], ops: list[str]) -> None:
    names = [f"v{i}" for i in range(len(values))]
    text = " ".join(f"{op} ${{{n}}}" if i else f"${{{n}}}" for i, (n, op) in enumerate(zip(names, ops)))
    # Python's own and/or have the same precedence; None is falsy there too.
    py = " ".join(f"{op} {bool(v)!r}" if i else repr(bool(v)) for i, (v, op) in enumerate(zip(values, ops)))
    expected = eval(py)  # test oracle only; the app never uses eval
    assert ev(text, **dict(zip(names, values))) is expected


# --- null semantics -------------------------------------------------------------------------------

@given(scalars, st.sampled_from(OPS))
def test_every_comparison_with_null_is_false(value: object, op: str) -> None:
    assert ev(f"${{x}} {op} ${{n}}", x=value, n=None) is False
    assert ev(f"${{n}} {op} ${{x}}", x=value, n=None) is False
    assert ev(f"${{n}} {op} ${{n}}", n=None) is False


def test_not_equal_with_null_is_false_so_not_equal_is_needed() -> None:
    assert ev("${x} != 'yes'", x=None) is False
    assert ev("not(${x} = 'yes')", x=None) is True


def test_boolean_context_treats_null_as_false() -> None:
    assert ev("not(${n})", n=None) is True
    assert ev("${n} and true", n=None) is False
    assert ev("${n} or true", n=None) is True
    assert ev("${n} or false", n=None) is False
    assert ev("if(${n}, 1, 2)", n=None) == 2
    assert ev("if(${t}, 1, 2)", t=True) == 1


def test_list_functions_with_null() -> None:
    assert ev("selected(${m}, 'a')", m=None) is False
    assert ev("count-selected(${m})", m=None) == 0
    assert ev("selected(${m}, 'a')", m=("a", "b")) is True
    assert ev("selected(${m}, 'c')", m=("a", "b")) is False
    assert ev("count-selected(${m}) = 2", m=("a", "b")) is True


@given(st.one_of(st.none(), dates), st.one_of(st.none(), dates))
def test_days_and_years_propagate_null(a: dt.date | None, b: dt.date | None) -> None:
    d, y = ev("days(${a}, ${b})", a=a, b=b), ev("years(${a}, ${b})", a=a, b=b)
    if a is None or b is None:
        assert d is None and y is None
    else:
        assert d == (b - a).days
        assert ev("days(${b}, ${a})", a=a, b=b) == -(b - a).days


def _anniversary(born: dt.date, n: int) -> dt.date:
    try:
        return born.replace(year=born.year + n)
    except ValueError:  # 29 February in a common year: the year is complete on 1 March
        return dt.date(born.year + n, 3, 1)


@given(dates, dates)
def test_years_counts_completed_years(a: dt.date, b: dt.date) -> None:
    a, b = min(a, b), max(a, b)
    n = 0
    while _anniversary(a, n + 1) <= b:
        n += 1
    assert ev("years(${a}, ${b})", a=a, b=b) == n


@pytest.mark.parametrize(("b", "age"), [
    (dt.date(2001, 2, 28), 0), (dt.date(2001, 3, 1), 1), (dt.date(2004, 2, 28), 3),
    (dt.date(2004, 2, 29), 4), (dt.date(2018, 2, 28), 17), (dt.date(2018, 3, 1), 18),
])
def test_years_for_someone_born_on_29_february(b: dt.date, age: int) -> None:
    assert ev("years(${a}, ${b})", a=dt.date(2000, 2, 29), b=b) == age
    assert ev("years(${a}, ${b}) < 18", a=dt.date(2000, 2, 29), b=b) is (age < 18)


def test_comparisons_by_type() -> None:
    assert ev("${a} < ${b}", a=dt.date(2025, 1, 9), b=dt.date(2025, 1, 10)) is True
    assert ev("${a} >= 10", a=10) is True
    assert ev("${a} = 'x'", a="x") is True
    assert ev("${a} = true", a=True) is True
    with pytest.raises(ExprError) as err:
        ev("${a} < 'b'", a="a")
    assert err.value.code == "E205"
    with pytest.raises(ExprError) as err:
        ev("${a} = 1", a="1")
    assert err.value.code == "E204"
    with pytest.raises(ExprError) as err:
        ev("${a} = 1", a=True)  # a boolean is not an integer
    assert err.value.code == "E204"


def test_today_and_fired() -> None:
    assert ev("today() = ${d}", d=dt.date.today()) is True
    assert evaluate(parse("today()"), {}, today=dt.date(2025, 1, 1)) == dt.date(2025, 1, 1)
    e = parse("fired('A') and not(fired('B'))")
    assert evaluate(e, {}, fired=lambda r: r == "A") is True
    with pytest.raises(ExprError) as err:
        evaluate(e, {})
    assert err.value.code == "E208"


# --- static check ---------------------------------------------------------------------------------

TYPES = {
    "af": VType("str", frozenset({"kpa", "other_dprk", "declined"})),
    "m": VType("list", frozenset({"a", "b"})),
    "t": VType("str"), "n": VType("int"), "d": VType("date"), "b": VType("bool"),
}


def codes(text: str, **kw: object) -> list[str]:
    return [p.code for p in check(parse(text), TYPES, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("${af} = 'kpa' and selected(${m}, 'a') and ${n} >= 1 and ${d} < ${d} and ${b}", []),
    ("${zz} = 1", ["E201"]),
    ("${af} = 'army'", ["E202"]),
    ("'army' != ${af}", ["E202"]),
    ("selected(${m}, 'zz')", ["E202"]),
    ("${m} = 'a'", ["E203"]),
    ("${n} = 'a'", ["E204"]),
    ("${d} = ${n}", ["E204"]),
    ("${t} < 'a'", ["E205"]),
    ("${b} > true", ["E205"]),
    ("${t} and ${b}", ["E206"]),
    ("not(${n})", ["E206"]),
    ("days(${t}, ${d}) > 1", ["E207"]),
    ("selected(${af}, 'kpa')", ["E207"]),
    ("count-selected(${n}) = 1", ["E207"]),
    ("fired('R1')", ["E208"]),
    ("if(${b}, 1, 'x') = 1", ["E210"]),
])
def test_static_check(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def test_static_check_of_fired_in_rules() -> None:
    assert codes("fired('R1')", allow_fired=True, known_rules={"R1"}) == []
    assert codes("fired('R9')", allow_fired=True, known_rules={"R1"}) == ["E209"]


def test_static_check_reports_columns() -> None:
    [problem] = check(parse("${n} = 1 and ${af} = 'army'"), TYPES)
    assert problem.column == len("${n} = 1 and ${af} = ") + 1
    assert "'army' is not a code of ${af}" in problem.message


def test_want_bool_at_top_level() -> None:
    assert [p.code for p in check(parse("${n}"), TYPES, want="bool")] == ["E206"]
    assert check(parse("${b}"), TYPES, want="bool") == []


def test_infer() -> None:
    assert infer(parse("days(${d}, ${d})"), TYPES).kind == "int"
    t = infer(parse("if(${b}, 'x', if(${b}, 'y', 'z'))"), TYPES)
    assert t.kind == "str" and t.codes == frozenset({"x", "y", "z"})
    assert infer(parse("${n} < 18 or ${n} < 18"), TYPES).kind == "bool"
