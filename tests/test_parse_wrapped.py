"""Notices copied from a PDF: each printed line a line, names broken at the line end.

A PDF keeps its printed lines when its text is copied: a paragraph, a unit list, a unit's
name ("省财⏎政厅") breaks at the page's width, and the page numbers ("— 2 —") come along.
The real notices of the corpus, wrapped as a PDF of that width would print them, must give
the measures, units and roles they give as a web page does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from smeeco.parse.prepare import prepare

NOTICES = Path(__file__).parent / "fixtures" / "notices"
SEED = Path(__file__).parent / "fixtures" / "seeds" / "004.txt"

#: Prose notices with clauses, from nine provinces and the seed (天津).
WRAPPED = [
    "anhui-chuzhou-2020-government-work-division",
    "chongqing-yuzhong-2023-government-report-targets-labels",
    "heilongjiang-2025-industrial-revitalization",
    "henan-2023-government-report-duties-flattened",
    "hubei-xianan-2023-government-report-division",
    "liaoning-2023-government-report-division-leader-title",
    "sichuan-chengdu-2022-government-report-targets-data-provider",
    "yunnan-2017-steady-growth-opinions",
    "yunnan-kunming-guandu-2016-steady-growth",
]


def pdf_lines(text: str, characters: int) -> str:
    """``text`` as a PDF prints it: lines of ``characters`` Chinese characters (a digit or
    Latin letter half of one), each printed line a line."""
    out: list[str] = []
    for line in text.split("\n"):
        current, width = "", 0
        for char in line:
            cell = 1 if char.isascii() else 2
            if width + cell > 2 * characters:
                out.append(current)
                current, width = "", 0
            current += char
            width += cell
        out.append(current)
    return "\n".join(out)


def _who(result: smeeco.ParseResult) -> list[tuple[str, list[tuple[str, str]]]]:
    names = {a.id: a.name.zh for a in result.agencies}
    return [
        (m.number, [(names[r.unit], r.role.value) for r in m.responsibilities])
        for m in result.measures
    ]


def _text(name: str) -> str:
    path = SEED if name == "004" else NOTICES / f"{name}.txt"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("characters", "line_end"),
    [(22, "\n"), (28, "\n"), (35, "\n"), (45, "\n"), (28, "\r\n"), (28, "\n\n"), (35, "\n\n")],
)
@pytest.mark.parametrize("name", [*WRAPPED, "004"])
def test_a_notice_wrapped_as_a_pdf_reads_as_the_page_does(
    name: str, characters: int, line_end: str
) -> None:
    # printed lines of 22 to 45 characters; Windows line ends; an empty line after each
    text = _text(name)
    page = smeeco.parse_policy(text, document_id="d")
    pdf_text = pdf_lines(text, characters).replace("\n", line_end)
    pdf = smeeco.parse_policy(pdf_text, document_id="d")
    assert _who(pdf) == _who(page)
    wrapped = [u for u in pdf.uncertainties if u.kind == "wrapped"]
    if characters <= 35:  # wider lines hold whole short paragraphs: told, or not needed
        (said,) = wrapped
        assert "hard-wrapped" in said.message
        assert "line breaks inside paragraphs" in said.message
    for measure in pdf.measures:  # quotes are the user's text, line breaks and all
        for source in measure.sources:
            assert source.span is not None
            assert pdf_text[source.span[0] : source.span[1]] == source.quote


def test_names_broken_at_a_line_end_are_whole_and_nothing_else_changes() -> None:
    text = _text("004")
    pdf = smeeco.parse_policy(pdf_lines(text, 28), document_id="d")
    names = {a.name.zh for a in pdf.agencies}
    assert "市工业和信息化局" in names
    assert "人民银行天津分行" in names
    page = smeeco.parse_policy(text, document_id="d")
    assert [m.text for m in pdf.measures] == [m.text.replace("\n", "") for m in page.measures]


def test_a_web_page_is_never_read_as_hard_wrapped() -> None:
    # the corpus: notices pasted from web pages, a paragraph a line; two are PDF copies
    wrapped = {
        p.stem for p in sorted(NOTICES.glob("*.txt")) if prepare(p.read_text("utf-8")).joined
    }
    assert wrapped == {
        "ningxia-2023-sme-fund-measures-joint-issuers",
        "zhejiang-shengzhou-2022-industry-policy-trad",
    }


def test_the_signature_and_addressees_of_a_pdf_copy_stay_their_own_lines() -> None:
    # 宁财规发〔2023〕5号, as copied from its PDF: three issuers signed on two full lines
    result = smeeco.parse_policy(
        (NOTICES / "ningxia-2023-sme-fund-measures-joint-issuers.txt").read_text("utf-8"),
        document_id="nx",
    )
    names = {a.id: a.name.zh for a in result.agencies}
    assert [names[i] for i in result.document.issuers] == [
        "宁夏回族自治区财政厅",
        "宁夏回族自治区工业和信息化厅",
        "宁夏回族自治区发展和改革委员会",
    ]
    assert result.document.addressees == ("各市、县(区)财政局、工信主管部门、发展改革委",)
    assert "wrapped" in {u.kind for u in result.uncertainties}


HEAD = "某市人民政府办公室关于印发促进中小企业发展若干措施的通知\n一、加大财税支持\n"


def test_a_bracket_wrapped_inside_a_name_reads_on_to_its_close() -> None:
    # too short to tell as hard-wrapped: the bracket itself goes on to the next line
    text = (
        HEAD + "(一)落实减税降费政策。确保应享尽享。(责任单位:市税务局、市财政局、市工业和信\n"
        "息化局)\n(二)完善融资担保体系。降低担保费率。(牵头单位:市财政局;配合单位:人民银\n"
        "行某市中心支行)\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert _who(result) == [
        ("(一)", [("市税务局", "lead"), ("市财政局", "support"), ("市工业和信息化局", "support")]),
        ("(二)", [("市财政局", "lead"), ("人民银行某市中心支行", "support")]),
    ]
    assert not [u for u in result.uncertainties if u.kind in ("unclosed", "clause-cut")]


def test_two_whole_names_either_side_of_a_line_end_are_two_units() -> None:
    text = HEAD + "(一)落实减税降费政策。(责任单位:市税务局、市财政局\n市商务局)\n"
    assert _who(smeeco.parse_policy(text, document_id="d")) == [
        ("(一)", [("市税务局", "lead"), ("市财政局", "support"), ("市商务局", "support")])
    ]
    # short halves are one name: "市发展改革委⏎员会", "区人民政府⏎办公室"
    text = HEAD + "(一)落实减税降费政策。(责任单位:市发展改革委\n员会、区人民政府\n办公室)\n"
    assert _who(smeeco.parse_policy(text, document_id="d")) == [
        ("(一)", [("市发展改革委员会", "lead"), ("区人民政府办公室", "support")])
    ]


@pytest.mark.parametrize("page_number", ["— 2 —", "-3-", "－ 12 －", "第2页 共8页"])
def test_a_page_number_after_a_clause_is_not_the_measures_text(page_number: str) -> None:
    text = (
        HEAD + f"(一)完善融资担保体系。降低担保费率。(责任单位:市财政局)\n{page_number}\n"
        "(二)深化改革。推行一网通办。(责任单位:市行政审批局)\n"
    )
    first = smeeco.parse_policy(text, document_id="d").measures[0]
    assert first.text == "完善融资担保体系。降低担保费率。"


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from([*WRAPPED, "004"]),
    characters=st.integers(min_value=20, max_value=36),
)
def test_joining_takes_out_line_breaks_only_and_maps_every_character_back(
    name: str, characters: int
) -> None:
    wrapped = pdf_lines(_text(name), characters)
    prepared = prepare(wrapped)
    assert prepared.joined > 0
    kept = set(prepared.offsets[: len(prepared.text)])
    assert {wrapped[i] for i in range(len(wrapped)) if i not in kept} <= set("\n \t\u3000")
    for i in range(0, len(prepared.text), 7):  # each character maps to itself (or its twin)
        here, there = prepared.text[i], wrapped[prepared.offsets[i]]
        assert here == there or (here.isascii() and not there.isascii()) or here == "\n"


def test_page_numbers_inside_paragraphs_are_left_out() -> None:
    # a PDF copy brings each page's number, often in the middle of a paragraph
    text = _text("004")
    lines = pdf_lines(text, 28).split("\n")
    with_pages = "\n".join(
        line if k % 20 or not k else f"— {k // 20 + 1} —\n{line}" for k, line in enumerate(lines)
    )
    assert with_pages.count(" —\n") >= 8
    pdf = smeeco.parse_policy(with_pages, document_id="d")
    page = smeeco.parse_policy(text, document_id="d")
    assert _who(pdf) == _who(page)
    assert not [m.number for m in pdf.measures if " —" in m.text]
    assert [m.text for m in pdf.measures] == [m.text.replace("\n", "") for m in page.measures]


def test_a_list_of_short_items_of_one_length_is_no_pdf_copy() -> None:
    # every line about 20 characters, as printed lines are, but each ends its sentence
    items = "".join(
        f"{k}){task}。(责任单位:县{unit}局)\n"
        for k, (task, unit) in enumerate(
            [("新建学校2所", "教育"), ("改造道路10公里", "交通"), ("新增就业500人", "人社"),
             ("建设公园3个", "住建"), ("改造老旧小区6个", "住建"), ("新建养老院1所", "民政"),
             ("培训农民1000人", "农业"), ("植树造林5000亩", "林业")],
            start=1,
        )
    )  # fmt: skip
    text = "某县人民政府关于印发2024年民生实事的通知\n一、民生实事\n" + items
    assert prepare(text).joined == 0
    result = smeeco.parse_policy(text, document_id="d")
    assert "wrapped" not in {u.kind for u in result.uncertainties}
