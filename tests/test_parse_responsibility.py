"""Responsibility clauses: every form, full- and half-width, and resolution to agencies."""

from __future__ import annotations

from pathlib import Path

import pytest

import smeeco
from smeeco import InvalidValueError, Responsibility, Role, UnknownReferenceError, ValidationError
from smeeco.parse import (
    ClauseForm,
    find_responsibility_clauses,
    parse_responsibility,
    resolve_clause,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

L, S = Role.LEAD, Role.SUPPORT


def _full(text: str) -> str:
    """The full-width spelling of a half-width clause."""
    return text.translate(str.maketrans("():;,", "（）：；，"))


def _units(text: str) -> list[tuple[str, Role, bool]]:
    return [(u.name, u.role, u.explicit) for u in parse_responsibility(text).units]


CASES = [
    (
        "(责任单位:市财政局、市工业和信息化局、各区人民政府)",
        ClauseForm.LISTING,
        [("市财政局", L, False), ("市工业和信息化局", S, False), ("各区人民政府", S, False)],
    ),
    (
        "(牵头单位:市科技局、市财政局;配合单位:市工信局、各区人民政府)",
        ClauseForm.ROLES,
        [
            ("市科技局", L, True),
            ("市财政局", L, True),
            ("市工信局", S, True),
            ("各区人民政府", S, True),
        ],
    ),
    (
        "(牵头单位:市科技局,配合单位:市工信局)",
        ClauseForm.ROLES,
        [("市科技局", L, True), ("市工信局", S, True)],
    ),
    (
        "市发展改革委、市财政局牵头,各区人民政府及各有关单位按职责分工负责",
        ClauseForm.LEAD_DIVISION,
        [
            ("市发展改革委", L, True),
            ("市财政局", L, True),
            ("各区人民政府", S, True),
            ("各有关单位", S, True),
        ],
    ),
    (
        "市发展改革委、市财政局按职责分工负责",
        ClauseForm.DIVISION,
        [("市发展改革委", S, False), ("市财政局", S, False)],
    ),
    (
        "此项工作由市人力资源和社会保障局、市财政局负责。",
        ClauseForm.ASSIGNED,
        [("市人力资源和社会保障局", L, False), ("市财政局", S, False)],
    ),
    (
        "由市工业和信息化局会同市财政局、市金融局研究制定实施细则",
        ClauseForm.JOINT,
        [("市工业和信息化局", L, True), ("市财政局", S, True), ("市金融局", S, True)],
    ),
]


@pytest.mark.parametrize("width", ["half", "full"])
@pytest.mark.parametrize(("text", "form", "units"), CASES)
def test_each_form(
    text: str, form: ClauseForm, units: list[tuple[str, Role, bool]], width: str
) -> None:
    text = _full(text) if width == "full" else text
    clause = parse_responsibility(text)
    assert clause.form is form
    assert [(u.name, u.role, u.explicit) for u in clause.units] == units
    assert clause.text == text[clause.span[0] : clause.span[1]]
    for unit in clause.units:
        assert text[unit.span[0] : unit.span[1]] == unit.name


def test_listing_first_unit_leads_by_convention() -> None:
    clause = parse_responsibility("(责任单位:市税务局)")
    assert clause.lead_named
    assert clause.leads == ("市税务局",)
    assert clause.span == (0, len("(责任单位:市税务局)"))


def test_division_names_no_lead() -> None:
    clause = parse_responsibility("各区人民政府、市领导小组各成员单位按职责分工负责")
    assert not clause.lead_named
    assert clause.leads == ()
    assert all(u.role is S and not u.explicit for u in clause.units)
    assert clause.names == ("各区人民政府", "市领导小组各成员单位")


@pytest.mark.parametrize("width", ["half", "full"])
def test_scoping_clause_is_a_note_not_a_unit(width: str) -> None:
    text = "(牵头单位:市科技局;配合单位:各区人民政府,以下配合单位均含各载体,不再列出)"
    text = _full(text) if width == "full" else text
    clause = parse_responsibility(text)
    assert clause.names == ("市科技局", "各区人民政府")
    assert clause.note.startswith("以下配合单位均含各载体")
    assert clause.note.endswith("不再列出")


def test_separators_and_names_with_he() -> None:
    # 和 inside a name (市工业和信息化局) stays; after a whole name it separates.
    assert parse_responsibility(
        "(责任单位:市财政局和市金融局与市税务局及市工业和信息化局)"
    ).names == (
        "市财政局",
        "市金融局",
        "市税务局",
        "市工业和信息化局",
    )
    assert parse_responsibility("（责任单位：市财政局，市发展和改革委员会；市科技局。）").names == (
        "市财政局",
        "市发展和改革委员会",
        "市科技局",
    )


def test_trailing_deng_is_noted() -> None:
    clause = parse_responsibility("(责任单位:市工信局、市财政局等有关部门)")
    assert clause.names == ("市工信局", "市财政局")
    assert clause.etc
    assert not parse_responsibility("(责任单位:市工信局)").etc
    joint = parse_responsibility("由市工信局会同市财政局等部门制定办法")
    assert joint.etc
    assert joint.text == "由市工信局会同市财政局等部门"


def test_collective_units_are_kept() -> None:
    clause = parse_responsibility(
        "（责任单位：各县、区人民政府，市领导小组各成员单位，各有关单位）"
    )
    assert clause.names == ("各县、区人民政府", "市领导小组各成员单位", "各有关单位")


def test_names_with_brackets_stay_whole() -> None:
    clause = parse_responsibility("(责任单位:市工业和信息化局(市中小企业局)、市财政局)")
    assert clause.names == ("市工业和信息化局(市中小企业局)", "市财政局")


def test_bracketed_running_form_takes_its_brackets() -> None:
    text = "加快建设。（市工信局牵头，各区人民政府按职责分工负责。）"
    (clause,) = find_responsibility_clauses(text)
    assert clause.text == "（市工信局牵头，各区人民政府按职责分工负责。）"
    assert text.endswith(clause.text)


def test_joint_unit_list_ends_at_the_verb() -> None:
    assert parse_responsibility("由市人社局会同市委组织部研究制定").names == (
        "市人社局",
        "市委组织部",
    )
    assert parse_responsibility("此项工作由市工信局会同市财政局负责。").form is ClauseForm.ASSIGNED
    assert _units("此项工作由市工信局会同市财政局负责。") == [
        ("市工信局", L, True),
        ("市财政局", S, True),
    ]


def test_bare_labelled_line() -> None:
    clause = parse_responsibility("加强协作。\n责任单位：市财政局、市工信局\n")
    assert clause.form is ClauseForm.LISTING
    assert clause.names == ("市财政局", "市工信局")
    assert clause.text == "责任单位：市财政局、市工信局"


def test_stated_roles_beyond_lead_and_support() -> None:
    assert _units("(牵头单位:市工信局;具体实施单位:市中小企业服务中心)") == [
        ("市工信局", L, True),
        ("市中小企业服务中心", Role.EXECUTING, True),
    ]


def test_find_gives_every_clause_with_spans() -> None:
    text = (
        "(一)加强支持。(责任单位:市财政局、市工信局)\n"
        "(二)优化服务。市工信局牵头，各区人民政府按职责分工负责。\n"
        "(三)强化保障。此项工作由市税务局负责。"
    )
    clauses = list(find_responsibility_clauses(text))
    assert [c.form for c in clauses] == [
        ClauseForm.LISTING,
        ClauseForm.LEAD_DIVISION,
        ClauseForm.ASSIGNED,
    ]
    for clause in clauses:
        assert text[clause.span[0] : clause.span[1]] == clause.text
    assert list(find_responsibility_clauses(text, 0, clauses[0].span[1])) == clauses[:1]
    assert list(find_responsibility_clauses(text, 0, clauses[0].span[1] - 1)) == []


def test_no_clause_is_an_error_naming_the_text() -> None:
    with pytest.raises(InvalidValueError, match="加强信贷支持") as info:
        parse_responsibility("加强信贷支持。")
    assert "责任单位" in str(info.value)
    with pytest.raises(InvalidValueError):
        parse_responsibility("(责任单位:)")


def test_the_reply_has_no_responsibility_clauses() -> None:
    text = (SEEDS / "003.txt").read_text(encoding="utf-8")
    assert list(find_responsibility_clauses(text)) == []


# --------------------------------------------------------------------------- resolution


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin-2022-measures")


def test_resolve_by_names_and_aliases(tianjin: smeeco.Ecosystem) -> None:
    clause = parse_responsibility("(牵头单位:市工信局;配合单位:市财政局、各区人民政府)")
    assert resolve_clause(tianjin, clause) == Responsibility.from_roles(
        ["tj-miit"], ["tj-finance", "tj-districts"]
    )
    listing = parse_responsibility("(责任单位:市财政局、市工业和信息化局)")
    assert resolve_clause(tianjin, listing) == Responsibility.from_listing(
        ["tj-finance", "tj-miit"]
    )


def test_resolve_reports_every_unknown_name_at_once(tianjin: smeeco.Ecosystem) -> None:
    clause = parse_responsibility("(责任单位:市财政局、市财正局、市工信局、天津市火星局)")
    with pytest.raises(ValidationError) as info:
        resolve_clause(tianjin, clause)
    problems = info.value.problems
    assert [p.path for p in problems] == ["units[1]", "units[3]"]
    assert all(isinstance(p, UnknownReferenceError) for p in problems)
    assert "市财正局" in problems[0].message
    assert "(责任单位:" in problems[0].message
    assert "天津市火星局" in str(info.value)


def test_resolve_rejects_a_unit_named_twice_in_one_role(tianjin: smeeco.Ecosystem) -> None:
    clause = parse_responsibility("(责任单位:市财政局、市工信局、市工业和信息化局)")
    with pytest.raises(ValidationError) as info:
        resolve_clause(tianjin, clause)
    (problem,) = info.value.problems
    assert problem.path == "units[2]"
    assert "tj-miit" in problem.message


def test_listing_beside_a_stated_non_lead_role_keeps_its_inferred_lead() -> None:
    assert _units("(责任单位:市工信局、市财政局;具体实施单位:市中小企业服务中心)") == [
        ("市工信局", L, False),
        ("市财政局", S, False),
        ("市中小企业服务中心", Role.EXECUTING, True),
    ]
    # after a stated lead, 责任单位 sets its units apart from the lead: stated support
    assert _units("(牵头单位:市工信局;责任单位:市财政局)") == [
        ("市工信局", L, True),
        ("市财政局", S, True),
    ]


def test_wrong_argument_types_are_a_clear_error() -> None:
    import smeeco
    from smeeco.errors import InvalidValueError
    from smeeco.parse import parse_responsibility, resolve_clause

    with pytest.raises(InvalidValueError, match="needs the text as a str, got NoneType"):
        parse_responsibility(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="needs a ResponsibilityClause"):
        resolve_clause(smeeco.load("example"), "x")  # type: ignore[arg-type]


def test_a_list_wrapped_after_a_separator_goes_on_to_its_closing_bracket() -> None:
    # a <br> in a web page's clause, a line break of a PDF copy: "市财政局、⏎人民银行…)"
    text = (
        "二、强化融资担保。(牵头单位:市地方金融监督管理局;配合单位:市财政局、\n"
        "人民银行某市中心支行)\n三、降低用电成本。(市发展改革委负责)\n"
    )
    first, second = find_responsibility_clauses(text)
    assert [(u.name, u.role, u.explicit) for u in first.units] == [
        ("市地方金融监督管理局", L, True),
        ("市财政局", S, True),
        ("人民银行某市中心支行", S, True),
    ]
    assert not first.unclosed
    assert text[slice(*first.span)].endswith("人民银行某市中心支行)")
    assert second.names == ("市发展改革委",)


def test_a_bracket_open_before_the_next_item_is_still_read_to_its_line_end() -> None:
    # the next line is an item with a clause of its own: no wrap, the bracket is unclosed
    text = "1.甲。(责任单位:市财政局、\n2.乙。(责任单位:市商务局)\n"
    first, second = find_responsibility_clauses(text)
    assert first.unclosed
    assert first.names == ("市财政局",)
    assert second.names == ("市商务局",)


def test_a_label_after_the_item_s_last_sentence_is_a_clause() -> None:
    # "（1）…。责任单位：A；配合单位：B" on the item's own line, without brackets
    text = (
        "1.压缩开办时间。\n(1)推行一窗通办。责任单位:县市场监管局;配合单位:县税务局\n"
        "(2)推广电子执照。责任单位:县市场监管局\n"
    )
    first, second = find_responsibility_clauses(text)
    assert [(u.name, u.role) for u in first.units] == [("县市场监管局", L), ("县税务局", S)]
    assert text[slice(*first.span)].startswith("责任单位:县市场监管局")
    assert second.names == ("县市场监管局",)
    # a label inside a sentence is no clause's start: "对责任单位:" is read as running text
    assert [c.names for c in find_responsibility_clauses("明确各责任单位:要加强配合。\n")] == []


def test_a_label_line_ending_in_he_breaks_off_inside_its_list() -> None:
    text = "一、甲\n(一)乙。责任单位:市科技局、市教委,各区县(自治县)政府和\n3、两江新区"
    (clause,) = find_responsibility_clauses(text)
    assert clause.names == ("市科技局", "市教委")  # no "政府和" fragment
    assert clause.cut
