"""Notices saved as web pages, and 任务分工表 as HTML tables, read as a browser shows them."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from smeeco.parse.html import fragment_text, html_tables, html_text, looks_like_html
from smeeco.parse.prepare import OffsetMap
from smeeco.parse.table import find_tables

NOTICES = Path(__file__).parent / "fixtures" / "notices"
# (a text holding HTML markup of its own, a pasted <table>, is no page's text: escaped into a
# page, its tags would show as text)
TEXTS = [p for p in sorted(NOTICES.glob("*.txt")) if "<table" not in p.read_text(encoding="utf-8")]
TABLE_NOTICE = NOTICES / "jiangxi-2010-sme-opinions-table.txt"


def as_page(text: str, *, footer: bool = True) -> str:
    """A notice as a government site serves it: head, scripts, navigation, a paragraph per
    line, entities for some punctuation, a footer."""
    paragraphs = []
    for line in text.split("\n"):
        escaped = html.escape(line, quote=False).replace("、", "&#12289;").replace("“", "&ldquo;")
        paragraphs.append(f'<p style="text-indent:2em"><span>{escaped}</span></p>\n')
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>政策文件</title>"
        "<script>var x = '<p>(责任单位:假单位)</p>';</script><style>p{margin:0}</style></head>"
        "<body><div class='nav'>首页 &gt; 政策文件 &gt; 通知</div><!-- 正文 -->\n"
        + "".join(paragraphs)
        + ("<div class='footer'>上一篇:无<br>下一篇:无</div>" if footer else "")
        + "</body></html>"
    )


def _without_spans(value: Any) -> Any:
    if isinstance(value, dict):  # a quote over blank lines: a page keeps no blank line
        return {
            k: re.sub(r"\s+", " ", v) if k == "quote" and isinstance(v, str) else _without_spans(v)
            for k, v in value.items()
            if k != "span"
        }
    if isinstance(value, list | tuple):
        return [_without_spans(v) for v in value]
    return value


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _summary(result: smeeco.ParseResult) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [
        (
            m.number or "",
            m.name.zh,
            [(r.unit, r.role.value) for r in m.responsibilities],
        )
        for m in result.measures
    ]


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_a_notice_saved_as_a_page_reads_as_its_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    from_text = smeeco.parse_policy(text, document_id="d")
    # (a footer after a text that breaks off turns 'truncated' into 'unclosed': both warn)
    page = as_page(text, footer=not from_text.document.truncated)
    assert looks_like_html(page)
    assert not looks_like_html(text)
    from_page = smeeco.parse_policy(page, document_id="d")
    assert _summary(from_page) == _summary(from_text)
    assert _without_spans(attrs.asdict(from_page.document)) == _without_spans(
        attrs.asdict(from_text.document)
    )
    assert [a.name.zh for a in from_page.agencies] == [a.name.zh for a in from_text.agencies]
    # the same quotes, but for the white space a browser collapses (indents, blank lines)
    quotes = [(s.locator, _squeezed(s.quote)) for m in from_page.measures for s in m.sources]
    assert quotes == [
        (s.locator, _squeezed(s.quote)) for m in from_text.measures for s in m.sources
    ]
    for measure in from_page.measures:  # every span points at the page, where the quote is
        for source in measure.sources:
            assert source.span is not None
            start, end = source.span
            assert _squeezed(fragment_text(page[start:end])) == _squeezed(source.quote)


def _table_page(rows: list[list[str]], *, merge_leads: bool) -> str:
    """The Jiangxi 任务分工表 as a web page's <table>: the lead cell merged down over the rows
    that share it (rowspan) when ``merge_leads``."""
    out = ["<table border='1'><tbody>"]
    header, body = rows[0], rows[1:]
    out.append("<tr>" + "".join(f"<td><p><b>{h}</b></p></td>" for h in header) + "</tr>")
    i = 0
    while i < len(body):
        span = 1
        if merge_leads:
            while i + span < len(body) and body[i + span][2] == body[i][2]:
                span += 1
        for k in range(span):
            row = body[i + k]
            cells = [f"<td>{html.escape(row[0])}</td>", f"<td>{html.escape(row[1])}</td>"]
            if k == 0:
                attribute = f' rowspan="{span}"' if span > 1 else ""
                cells.append(f"<td{attribute}>{html.escape(row[2])}</td>")
            units = "".join(f"<p>{html.escape(u)}</p>" for u in row[3].split("、"))
            cells.append(f"<td>{units}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        i += span
    out.append("</tbody></table>")
    return "\n".join(out)


def _jiangxi_rows() -> tuple[str, list[list[str]]]:
    text = TABLE_NOTICE.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.count("|") >= 3]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    return text, rows


@pytest.mark.parametrize("merge_leads", [False, True])
def test_a_real_division_table_as_html_gives_the_units_of_its_pipe_form(
    merge_leads: bool,
) -> None:
    text, rows = _jiangxi_rows()
    pipe_block = "\n".join(line for line in text.split("\n") if line.count("|") >= 3)
    page_text = text.replace(pipe_block, _table_page(rows, merge_leads=merge_leads))
    assert page_text != text
    from_pipes = smeeco.parse_policy(text, document_id="d")
    from_html = smeeco.parse_policy(page_text, document_id="d")
    assert _summary(from_html) == _summary(from_pipes)
    assert len(from_html.measures) >= 2


def test_merged_cells_stand_where_a_browser_shows_them() -> None:
    page = (
        "<table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>配合单位</th></tr>"
        "<tr><td>1</td><td>任务甲</td><td rowspan='2'>市工业和信息化局</td><td>市财政局</td></tr>"
        "<tr><td>2</td><td>任务乙</td><td>市科技局</td></tr>"
        "<tr><td>3</td><td colspan='2'>任务丙(两列)</td><td>市商务局</td></tr></table>"
    )
    text, pieces, _capped = html_text(page)
    assert text.strip().split("\n") == [
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 |",
        "| 1 | 任务甲 | 市工业和信息化局 | 市财政局 |",
        "| 2 | 任务乙 | 市工业和信息化局 | 市科技局 |",
        "| 3 | 任务丙(两列) |  | 市商务局 |",
    ]
    offsets = OffsetMap.build(pieces)
    second = text.index("市工业和信息化局", text.index("任务乙"))
    assert page[offsets[second] : offsets[second] + 8] == "市工业和信息化局"  # the merged cell
    (table,) = find_tables(text)
    assert [[u.name for u in row.units] for row in table.rows] == [
        ["市工业和信息化局", "市财政局"],
        ["市工业和信息化局", "市科技局"],
        ["市商务局"],
    ]


def test_lines_inside_a_cell_are_a_list() -> None:
    text, *_ = html_text("<table><tr><td><p>省财政厅</p><p>省金融办</p><br>人行</td></tr></table>")
    assert "| 省财政厅、省金融办、人行 |" in text


def test_a_table_pasted_into_plain_text_is_rendered_and_the_rest_kept() -> None:
    plain = "一、总体要求\n(一)加强支持。\n<table><tr><td>a</td><td>b</td></tr></table>\n二、保障"
    found = html_tables(plain)
    assert found is not None
    text, pieces, _capped = found
    assert text.startswith("一、总体要求\n(一)加强支持。\n")
    assert "| a | b |" in text
    assert text.endswith("\n二、保障")
    offsets = OffsetMap.build(pieces)
    end = text.index("二、保障")
    assert plain[offsets[end] :] == "二、保障"
    assert html_tables("no tables here") is None


def test_white_space_collapses_as_in_a_browser() -> None:
    text, *_ = html_text("<p>加强\n   支持  力度 and\nmore&nbsp;&amp; &lt;b&gt;</p>")
    assert text == "加强支持 力度 and more\xa0& <b>\n"


def test_hostile_pages_are_bounded() -> None:
    deep = "<table>" + "<tr><td rowspan='99999' colspan='99999'>x</td></tr>" * 3 + "</table>"
    text, _pieces, capped = html_text(deep)
    assert text.count("|") <= 3 * 52  # spans are capped at 50 columns
    unclosed = "<html><body><p>一、总则<script>var s = '(责任单位:市财政局)';"
    assert "责任单位" not in html_text(unclosed).text
    assert not capped


def test_merged_cells_repeat_no_more_text_than_the_page_holds() -> None:
    row = "<tr><td rowspan=50>序号</td><td>工作任务</td><td>牵头单位</td></tr>"
    page = "某市关于若干措施的通知\n<table>" + row * 2000 + "</table>"
    rendered = html_tables(page)
    assert rendered is not None
    assert rendered.capped
    assert len(rendered.text) <= 3 * len(page)
    result = smeeco.parse_policy(page, document_id="d")
    assert any("rowspan" in u.message for u in result.uncertainties if u.kind == "table")
    real = _table_page(_jiangxi_rows()[1], merge_leads=True)
    assert html_tables(real) is not None
    assert not html_tables(real).capped


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<td rowspan=3>",
                "<td colspan='2'>",
                "</td>",
                "<tr>",
                "</tr>",
                "<table>",
                "</table>",
                "<br/>",
                "&nbsp;",
                "&#12289;",
                "&bogus;",
                "&#1",
                "&#0;",
                "&#x110000;",
                "&amp",
                "<!--",
                "-->",
                "<script>",
                "市财政局",
                "(责任单位:市工业和信息化局)",
                "一、",
                "(一)",
                " ",
                "\n",
                "<",
                "&",
            ]
        ),
        max_size=60,
    )
)
def test_any_markup_renders_with_a_map_of_its_length(tokens: list[str]) -> None:
    page = "".join(tokens)
    text, pieces, _capped = html_text(page)
    offsets = OffsetMap.build(pieces)
    assert len(offsets) == len(text) + 1
    assert all(0 <= offsets[i] <= len(page) for i in range(len(text) + 1))
    for i, char in enumerate(text):  # every aligned character is the page's character
        if char not in "|\n、 \xa0&<>" and not re.match(r"[\u3001]", char):
            assert page[offsets[i]] == char or page[offsets[i]] == "&"
    if looks_like_html(page) or "<table" in page:
        smeeco.parse_policy("某市关于若干措施的通知\n" + page, document_id="d")


def test_a_table_whose_tags_are_in_mixed_case_is_read() -> None:
    text = (
        "某市关于印发任务分工的通知\n附件\n<Table><Tr><Td>序号</Td><Td>工作任务</Td>"
        "<Td>牵头单位</Td></Tr><Tr><Td>1</Td><Td>优化服务</Td><Td>市政务服务办</Td></Tr></Table>\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert [m.name.zh for m in result.measures] == ["优化服务"]
    assert [a.name.zh for a in result.agencies] == ["市政务服务办"]
