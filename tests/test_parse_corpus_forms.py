"""Built variants of the forms the fifth corpus search found (issue 12, pcorpus).

Each test writes a small text in the shape of one real notice of
``tests/fixtures/notices`` and checks what a user sees: measures, units in stated order
with roles, the document's metadata and the warnings. The real notice is named above
each group.
"""

from __future__ import annotations

import smeeco
from parsed import clause_units
from smeeco import Role
from smeeco.parse import parse_policy_text
from smeeco.parse.html import html_tables
from smeeco.parse.table import find_tables

L, S = Role.LEAD, Role.SUPPORT


def _kinds(text: str) -> list[str]:
    return [w.kind for w in parse_policy_text(text, document_id="d").warnings]


# ----------------- zhejiang-2014-air-pollution-division-overall-lead (浙政办发〔2014〕89号)

_OVERALL = (
    "一、加快调整能源结构(市发改委总牵头)\n"
    "(一)控制煤炭消费总量。\n"
    "1.制订煤炭消费总量控制方案。(市经信委、市发改委(市能源局)。列第一位者为牵头部门,下同)\n"
    "2.淘汰燃煤小锅炉。(市环保局、市质监局)\n"
)


def test_a_rule_note_after_a_stop_in_an_unlabelled_bracket_states_the_roles_and_goes_on() -> None:
    assert clause_units(_OVERALL) == [
        [("市经信委", L, True), ("市发改委(市能源局)", S, True)],
        [("市环保局", L, True), ("市质监局", S, True)],  # 下同: the note's rule goes on
    ]


def test_an_overall_lead_on_a_heading_above_items_with_their_own_clauses_is_warned() -> None:
    parsed = parse_policy_text(_OVERALL, document_id="d")
    assert [m.number for m in parsed.measures] == ["1.", "2."]
    heading = [w for w in parsed.warnings if w.kind == "heading-clause"]
    assert [w.message.split("'")[1] for w in heading] == ["(市发改委总牵头)"]
    assert "attached to no measure" in heading[0].message


def test_an_overall_lead_on_a_heading_with_no_clause_below_is_the_measure_s_lead() -> None:
    text = "一、加快调整能源结构(市发改委总牵头)\n二、深化污染治理(市环保局总牵头,市经信委配合)\n"
    assert clause_units(text) == [
        [("市发改委", L, True)],
        [("市环保局", L, True), ("市经信委", S, True)],
    ]


# ------------------- guangdong-2021-government-report-division-labels (粤府〔2021〕22号)


def test_localities_and_departments_are_collective_supports() -> None:
    text = (
        "一、主要目标\n1.地区生产总值增长6%以上。\n分管省领导:林克庆\n"
        "部门分工:省发展改革委牵头,各地、各部门配合。\n"
    )
    assert clause_units(text) == [
        [("省发展改革委", L, True), ("各地", S, True), ("各部门", S, True)]
    ]


def test_a_lead_clause_cut_by_the_end_of_the_text_after_a_comma_is_warned() -> None:
    text = "一、主要目标\n1.收入增长5%左右。\n部门分工:省财政厅牵头,\n"
    parsed = parse_policy_text(text, document_id="d")
    assert parsed.measures[0].clause is not None
    assert parsed.measures[0].clause.cut
    assert {"clause-cut", "truncated"} <= set(_kinds(text))
    for whole in ("部门分工:省财政厅牵头。\n", "(省财政厅牵头),\n"):
        text = "一、主要目标\n1.收入增长5%左右。\n" + whole
        assert not {"clause-cut", "truncated"} & set(_kinds(text)), whole


# --------------- national-2020-government-work-report-division-respectively (国发〔2020〕6号)

_NATIONAL = (
    "国务院关于落实《政府工作报告》\n重点工作部门分工的意见\n国发〔2020〕6号\n"
    "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n现提出部门分工意见如下:\n"
    "一、落实主要目标\n(一)总体要求。\n"
    "1.全面建成小康社会。(国务院各部门分别负责,年内持续推进)\n"
    "2.稳就业保民生。(人力资源社会保障部、教育部分别负责)\n"
)


def test_respectively_names_no_lead_and_a_time_phrase_is_no_unit() -> None:
    assert clause_units(_NATIONAL) == [
        [("国务院各部门", S, False)],
        [("人力资源社会保障部", S, False), ("教育部", S, False)],
    ]


def test_a_title_over_two_lines_with_a_quoted_name_in_its_first_half() -> None:
    result = smeeco.parse_policy(_NATIONAL, document_id="d")
    assert result.metadata.title == "国务院关于落实《政府工作报告》重点工作部门分工的意见"
    assert result.metadata.issuer == "国务院"
    want = ("各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构")
    assert result.metadata.addressees == want
    quoted_sentence = "根据《方案》,现就有关事项\n通知如下\n"
    assert smeeco.parse_policy(quoted_sentence + "一、甲\n", document_id="d").metadata.title is None


def test_respectively_leading_names_every_unit_a_lead() -> None:
    text = "一、甲\n1.推进产业链建设。由市发展改革委、市工信局分别牵头负责。\n"
    assert clause_units(text) == [[("市发展改革委", L, True), ("市工信局", L, True)]]


# -------------------------- zhejiang-shaoxing-2020-key-work-progress-* (sx.gov.cn, 2020)

_ROWS = [
    ("1", "确保地区生产总值增长7%左右。", "1-2月指标回落。", "市发改委"),
    ("2", "持续推进重大项目攻坚。", "已安排36个项目。", "市发改委、市财政局"),
]


def _table_units(text: str) -> list[tuple[str, str, list[tuple[str, Role, bool]]]]:
    return [
        (row.number, row.title, [(u.name, u.role, u.explicit) for u in row.units])
        for table in find_tables(text)
        for row in table.rows
    ]


_WANT = [
    ("1", "确保地区生产总值增长7%左右", [("市发改委", L, False)]),
    ("2", "持续推进重大项目攻坚", [("市发改委", L, False), ("市财政局", S, False)]),
]
_HEAD = ("序号", "内容与要求", "进展情况", "责任单位")


def test_a_table_stored_one_cell_a_line_is_read() -> None:
    cells = [c for row in [_HEAD, *_ROWS] for c in row]
    text = "市政府重点工作进展情况表\n\n" + "\n\n".join(cells) + "\n"
    assert _table_units(text) == _WANT
    result = smeeco.parse_policy(text, document_id="d")
    assert [m.number for m in result.measures] == ["1", "2"]
    assert "no-measures" not in {u.kind for u in result.uncertainties}


def test_a_cell_a_line_row_cut_inside_its_unit_is_not_read_and_is_warned() -> None:
    cells = [c for row in [_HEAD, *_ROWS] for c in row] + ["3", "推进融合。", "已办理。", "市发"]
    text = "\n\n".join(cells) + "\n"
    assert _table_units(text) == _WANT
    (table,) = find_tables(text)
    assert "breaks off inside '市发'" in table.notes[-1][1]


def test_a_cell_a_line_row_with_a_missing_cell_is_not_read_and_is_warned() -> None:
    cells = [*_HEAD, "1", "确保增长。", "市发改委", "2", "推进攻坚。", "已安排。", "市发改委"]
    (table,) = find_tables("\n".join(cells) + "\n")
    assert [row.number for row in table.rows] == ["2"]
    assert "row 1 of the table has 3 cells (a line each) for 4 columns" in table.notes[0][1]


def test_tabs_spaces_and_html_with_a_content_column_are_read_alike() -> None:
    tabs = "\n".join("\t".join(row) for row in [_HEAD, *_ROWS]) + "\n"
    spaces = "\n".join("   ".join(row) for row in [_HEAD, *_ROWS]) + "\n"
    html = (
        "<table>"
        + "".join(
            "<tr>" + "".join(f"<td><p>{c}</p></td>" for c in row) + "</tr>"
            for row in [_HEAD, *_ROWS]
        )
        + "</table>\n"
    )
    rendered = html_tables(html)  # an HTML table is read as prepare renders it
    assert rendered is not None
    for text in (tabs, spaces, rendered.text):
        assert _table_units(text) == _WANT, text[:30]
    parsed = smeeco.parse_policy(html, document_id="d")  # and the same end to end
    names = {a.id: a.name.zh for a in parsed.agencies}
    assert [
        (m.number, [(names[r.unit], r.role) for r in m.responsibilities]) for m in parsed.measures
    ] == [("1", [("市发改委", L)]), ("2", [("市发改委", L), ("市财政局", S)])]


def test_a_tab_table_ending_the_text_inside_a_unit_s_name_gives_no_fragment() -> None:
    rows = [_HEAD, *_ROWS, ("3", "推进军民融合。", "已办理。", "市发")]
    text = "\n".join("\t".join(row) for row in rows)
    assert _table_units(text) == _WANT
    result = smeeco.parse_policy(text, document_id="d")
    assert "市发" not in {a.name.zh for a in result.agencies}
    table = [u for u in result.uncertainties if u.kind == "table"]
    assert len(table) == 1
    assert "inside '市发'" in table[0].message
    last = ("3", "推进。", "已办理。", "市商务局")
    whole = "\n".join("\t".join(row) for row in [*rows[:-1], last])
    assert [r[0] for r in _table_units(whole)] == ["1", "2", "3"]


# ------------------------- jiangxi-2010-sme-opinions-table: a 任务分工表 under an 附件 line

_ATTACHED = (
    "一、加强融资支持\n"
    "1.拓宽融资渠道。鼓励银行放贷。\n"
    "2.完善担保体系。扶持担保机构。\n"
    "附件\n"
    "序号 | 工作任务 | 牵头部门 | 参与部门 |\n"
    "1 | 拓宽融资渠道 | 省金融办 | 省财政厅 |\n"
)


def test_an_item_whose_units_a_table_row_gives_is_not_warned_as_without_clause() -> None:
    result = smeeco.parse_policy(_ATTACHED, document_id="d")
    names = {a.id: a.name.zh for a in result.agencies}
    assert [
        (m.number, [(names[r.unit], r.role) for r in m.responsibilities]) for m in result.measures
    ] == [("1.", [("省金融办", L), ("省财政厅", S)]), ("2.", [])]
    no_clause = [u.line for u in result.uncertainties if u.kind == "no-clause"]
    assert no_clause == [3]  # only item 2, which neither the text nor the table fills


def test_an_attachment_line_ends_the_last_item_which_is_then_not_truncated() -> None:
    result = smeeco.parse_policy(_ATTACHED, document_id="d")
    assert "truncated" not in {u.kind for u in result.uncertainties}
    assert result.measures[1].text == "完善担保体系。扶持担保机构。"


# -------------------- qinghai-2023-qinghai-lake-tourism-plan-redacted: "(略)" in the 落款


def test_a_redacted_signature_is_warned_with_its_position() -> None:
    text = (
        "青政办〔2023〕28号\n各市、自治州人民政府:\n《工作方案》已经省政府同意,现印发给你们。\n"
        "(略) 人民政府办公厅\n2023年3月24日\n工作方案\n一、总体要求\n(一)指导思想。\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert result.metadata.issuer is None
    assert str(result.metadata.issued) == "2023-03-24"
    (redacted,) = [u for u in result.uncertainties if u.kind == "redacted"]
    assert (redacted.line, redacted.column) == (4, 1)
    assert "'(略) 人民政府办公厅'" in redacted.message
    signed = text.replace("(略) 人民政府办公厅", "青海省人民政府办公厅")
    result = smeeco.parse_policy(signed, document_id="d")
    assert result.metadata.issuer == "青海省人民政府办公厅"
    assert "redacted" not in {u.kind for u in result.uncertainties}


# ------------- jiangsu-nanjing-2016-innovation-tasks-paragraph-clauses-trad (宁政办发〔2016〕154号)

_PARAGRAPHS = (
    "一、完善创新型企业培育机制\n"
    "1.加大高新技术企业培育扶持力度\n"
    "实施高新技术企业培育计划。(牵头单位:市科委、市财政局)\n"
    "加快培育创新型领军企业。(牵头单位:市科委、市发改委)\n"
    "2.支持企业研发。(牵头单位:市科委)\n"
)


def test_a_clause_a_paragraph_under_one_item_gives_the_measure_every_unit_once() -> None:
    assert clause_units(_PARAGRAPHS) == [
        [("市科委", L, True), ("市财政局", L, True), ("市发改委", L, True)],
        [("市科委", L, True)],
    ]
    parsed = parse_policy_text(_PARAGRAPHS, document_id="d")
    (warning,) = [w for w in parsed.warnings if w.kind == "clauses"]
    assert "the item 1. states 2 clauses, one a paragraph" in warning.message
    one_line = "一、甲\n1.实施计划(责任单位:市科委)并加快培育(责任单位:市财政局)。\n"
    # two clauses in one paragraph: no unit is dropped, and the reader says so
    assert clause_units(one_line) == [[("市科委", L, False), ("市财政局", L, False)]]
    (warning,) = parse_policy_text(one_line, document_id="d").warnings
    assert warning.kind == "clauses"
    assert "the item 1. states 2 clauses in one paragraph" in warning.message


def test_a_clause_a_sentence_in_one_paragraph_gives_the_measure_every_unit_once() -> None:
    # 陕西 2021: "…26%以上。(A、B按职责分工负责)各市(区)要…。(各设区市政府负责)" on one line
    text = (
        "一、明确目标奋力赶超\n大力推动工业投资,全年增长7%以上。(省发展改革委、省工业和信息化厅"
        "按职责分工负责)各市(区)要落实主体责任,争取更快增长。(各设区市政府负责)\n"
        "二、促进非能源工业稳定增长\n保证重点行业平稳运行。(省工业和信息化厅负责)\n"
    )
    assert clause_units(text) == [
        [("省发展改革委", S, False), ("省工业和信息化厅", S, False), ("各设区市政府", L, False)],
        [("省工业和信息化厅", L, False)],
    ]
    (warning,) = [
        w for w in parse_policy_text(text, document_id="d").warnings if w.kind == "clauses"
    ]
    assert "the item 一、 states 2 clauses in one paragraph" in warning.message


def test_a_notice_title_nesting_the_issued_document_in_angle_brackets() -> None:
    text = (
        "南京市人民政府办公厅关于转发市科委〈南京市落实省政府〈关于加快推进若干政策措施〉"
        "重点任务分工〉的通知\n各区人民政府:\n现转发给你们。\n南京市人民政府办公厅\n2016年10月25日\n"
        "南京市落实省政府《关于加快推进若干政策措施》重点任务分工\n一、完善机制\n"
    )
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert meta.title == "南京市落实省政府《关于加快推进若干政策措施》重点任务分工"
    assert meta.notice_title is not None
    assert meta.notice_title.endswith("重点任务分工〉的通知")
