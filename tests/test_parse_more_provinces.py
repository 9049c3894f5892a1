"""Forms first met in the fourth search of real notices (Tianjin and others, issue 12).

Each test writes the smallest text in the real form and checks what a user sees: the
measures, their units, and the warnings with their positions.
"""

from __future__ import annotations

import smeeco
from parsed import clause_units
from smeeco import Role

# ---------- tianjin 2006: a clause a sentence, the text cut inside a later sentence's bracket


def test_a_bracket_cut_off_after_the_last_clause_of_an_item_is_a_truncation() -> None:
    text = (
        "一、主要目标\n"
        "1.主要指标的责任部门。\n"
        "万元地区生产总值能源消耗降低20%。(市经委牵头)城市建成区绿化覆盖率达到40%以上。 (市建委、"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert [m.number for m in result.measures] == ["1."]  # the closed part is a measure
    assert [str(a.name.zh) for a in result.agencies] == ["市经委"]  # 市建委 is cut: no unit
    cut = [(u.line, u.column) for u in result.uncertainties if u.kind == "truncated"]
    assert cut == [(3, 45)]  # at the "(" that is never closed
    closed = text.removesuffix(" (市建委、")
    again = smeeco.parse_policy(closed, document_id="d")
    assert "truncated" not in {u.kind for u in again.uncertainties}


# ------------------- tianjin 2020 (tj.sina.com.cn): items numbered "1。" by a news page


def test_items_numbered_with_an_ideographic_full_stop_are_items() -> None:
    text = (
        "关于落实国务院《政府工作报告》\n\n  重点工作的任务分工\n\n"
        "  总体要求和主要预期目标\n\n"
        "  1。全面建成高质量小康社会。(市政府各部门分别负责,年内持续推进)\n\n"
        "  2。完成年度城镇新增就业人数目标任务。(市人社局负责)\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert [m.number for m in result.measures] == ["1。", "2。"]
    assert [str(a.name.zh) for a in result.agencies] == ["市政府各部门", "市人社局"]
    assert "no-measures" not in {u.kind for u in result.uncertainties}
    # a year or a count ending a sentence at a line start is no item
    assert smeeco.parse_policy("2020。全年增长。\n", document_id="d").measures == ()


# ------ tianjin 2020 / jiangmen 2018: the body's first sentence, ending in ":", is no 主送


def test_a_purpose_sentence_ending_in_a_colon_is_never_the_addressees() -> None:
    text = (
        "关于落实国务院《政府工作报告》重点工作的任务分工\n"
        "为全面贯彻党的十九大精神,根据《国务院关于落实〈政府工作报告〉重点工作部门分工的意见》"
        "(国发〔2020〕6号),结合本市实际,提出如下任务分工:\n"
        "1.全面建成高质量小康社会。(市政府各部门分别负责)\n"
    )
    assert smeeco.parse_policy(text, document_id="d").metadata.addressees == ()
    cover = "某市人民政府关于某事的通知\n各区人民政府,市政府各委、办、局:\n现将方案印发给你们。\n"
    assert smeeco.parse_policy(cover, document_id="d").metadata.addressees == (
        "各区人民政府",
        "市政府各委、办、局",
    )


# ----- tianjin 2021 (津政规〔2021〕4号): "印发关于…《政府工作报告》…分工的通知" names its document


def test_an_issued_title_starting_with_guanyu_before_a_quote_is_kept_whole() -> None:
    text = (
        "天津市人民政府印发关于落实国务院《政府工作报告》重点工作任务分工的通知\n"
        "(津政规〔2021〕4号)\n各区人民政府,市政府各委、办、局:\n现将任务分工印发给你们。\n"
        "天津市人民政府\n2021年5月26日\n"
        "1.保持社会和谐稳定。(市政府各部门分别负责,年内持续推进)\n"
    )
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert meta.title == "关于落实国务院《政府工作报告》重点工作任务分工"
    caidian = (  # 蔡政办〔2023〕1号: a year and a place before the quote
        "区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知\n"
        "各街道办事处、乡人民政府,区人民政府各部门、各直属机构:\n"
        "(一)地区生产总值增长7%以上\n\n责任单位:区发展和改革局\n"
    )
    assert smeeco.parse_policy(caidian, document_id="d").metadata.title == (
        "2023年区《政府工作报告》确定的主要目标任务责任分解方案"
    )
    plan = (
        "某市人民政府关于印发《某市中小企业发展专项资金管理办法》的通知\n"
        "1.推进城市建设。(责任单位:市发改委)\n"
    )
    assert smeeco.parse_policy(plan, document_id="d").metadata.title == (
        "某市中小企业发展专项资金管理办法"
    )


# --------------- zhejiang lishui 2023: "责任单位:A、B分别牵头" on a line of its own


def test_units_that_respectively_lead_are_leads_and_keep_their_names() -> None:
    text = (
        "一、全市经济社会发展主要预期目标\n\n"
        "6.城乡居民收入增速保持全省领先、农民收入增速快于城镇居民。\n\n"
        "责任单位:市人力社保局、市农业农村局分别牵头\n\n"
        "7.一般公共预算收入与经济增长基本同步。\n\n"
        "责任单位:市财政局\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    names = {a.id: str(a.name.zh) for a in result.agencies}
    got = [
        [(names[r.unit], r.role.value, r.explicit) for r in m.responsibilities]
        for m in result.measures
    ]
    assert got == [
        [("市人力社保局", "lead", True), ("市农业农村局", "lead", True)],
        [("市财政局", "lead", False)],
    ]


def test_a_role_word_after_a_run_of_names_inside_a_label_states_the_role_of_the_run() -> None:
    lead, support = Role.LEAD, Role.SUPPORT
    assert clause_units("1.做事。(责任单位:市甲局、市乙局牵头,市丙局)") == [
        [("市甲局", lead, True), ("市乙局", lead, True), ("市丙局", support, False)]
    ]
    assert clause_units("1.做事。(责任单位:市甲局牵头,市乙局、市丙局配合)") == [
        [("市甲局", lead, True), ("市乙局", support, True), ("市丙局", support, True)]
    ]
    # a label's own role is not overridden by a later name's role word
    assert clause_units("1.做事。(牵头单位:市甲局;配合单位:市乙局、市丙局参与)") == [
        [("市甲局", lead, True), ("市乙局", support, True), ("市丙局", support, True)]
    ]


# ---------- shandong heze 2023 (菏政办字 〔2023〕1号): a PDF's spaces in the 文号 and 主送 line


def test_a_pdfs_space_before_the_bracket_of_a_number_and_of_an_addressee_is_left_out() -> None:
    text = (
        "菏政办字 〔2023〕1号\n"
        "各县区人民政府 (管委会),市政府各部门、各直属机构,市属各企业,各大中专院校:\n"
        "现将《方案》印发给你们,请认真贯彻实施。\n"
        "1.实现重大突破。(牵头单位:市发展改革委)\n"
    )
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert meta.number == "菏政办字〔2023〕1号"
    assert meta.addressees == (
        "各县区人民政府(管委会)",
        "市政府各部门",
        "各直属机构",
        "市属各企业",
        "各大中专院校",
    )


# ------- anhui huoshan 2025: a 责任清单 one cell a line, each cell followed by its border "|"


def test_a_table_one_cell_a_line_with_cell_borders_is_read_and_a_leader_is_no_unit() -> None:
    text = (
        "2025年开发区重点工作及责任清单\n序号 |\n重点工作 |\n责任领导 |\n责任单位 |\n完成时限 |\n"
        "1 |\n全力服务重大项目落地见效。 |\n叶林 |\n招商工作部、安商工作部 |\n全年 |\n"
        "2 |\n力争全年盘活僵尸企业10家。 |\n马振明 |\n改革办 |\n全年 |\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    names = {a.id: str(a.name.zh) for a in result.agencies}
    got = [
        (m.number, [(names[r.unit], r.role.value) for r in m.responsibilities])
        for m in result.measures
    ]
    assert got == [
        ("1", [("招商工作部", "lead"), ("安商工作部", "support")]),
        ("2", [("改革办", "lead")]),
    ]
    assert all(m.deadline is not None and m.deadline.date is None for m in result.measures)
    undated = [(u.line, u.kind) for u in result.uncertainties if u.kind == "deadline"]
    assert undated == [(11, "deadline"), (16, "deadline")]  # "全年" is never guessed


# ------------ 国办函〔2014〕31号 (gov.cn, big5): page fields whose labels are spaced out


def test_a_page_field_label_with_spaces_between_its_characters_is_never_the_title() -> None:
    text = (
        "索 引 号: 000014349/2014-00023 主题分类: 农业、林业、水利\n"
        "标  题: 国务院办公厅关于落实若干意见有关政策措施分工的通知\n"
        "发文字号: 国办函〔2014〕31号 发布日期: 2014年03月10日\n\n"
        "国务院办公厅关于落实若干意见有关政策措施分工的通知\n\n国办函〔2014〕31号\n\n"
        "国务院各部委、各直属机构:\n  一、工作分工\n"
        "  (一)关于“严守耕地保护红线”的问题,由国土资源部会同农业部等部门负责落实。\n"
    )
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert meta.title == "国务院办公厅关于落实若干意见有关政策措施分工的通知"
    assert meta.number == "国办函〔2014〕31号"


def test_a_text_cut_after_a_quote_inside_its_last_sentence_is_a_truncation() -> None:
    head = "一、工作分工\n(一)关于“严守耕地保护红线”的问题,由国土资源部会同农业部等部门负责落实。\n"
    cut = smeeco.parse_policy(head + "(二)关于“加大力度落实‘米袋子’", document_id="d")
    assert [(u.line, u.kind) for u in cut.uncertainties if u.kind == "truncated"] == [
        (3, "truncated")
    ]
    whole = smeeco.parse_policy(head + "(二)落实“米袋子”省长负责制。”", document_id="d")
    assert "truncated" not in {u.kind for u in whole.uncertainties}


# ------------ a 2006 city's 任务分解 drawn with box characters, unit cells merged across rows


def test_a_box_drawn_table_with_a_spaced_header_is_warned_as_unread_never_guessed() -> None:
    text = (
        "┌──────────┬───┬────────┬────┐\n"
        "│ 工 作 任 务 │分管领│牵头组织实施单位│完成时限│\n"
        "│ │ 导 │ │ │\n"
        "├──────────┼───┼────────┼────┤\n"
        "│抓好财税金融工作 │梁志强│各县(市、区)政│年内见成│\n"
        "├──────────┤ │府,市财政局 │ 效 │\n"
        "│△加强财政监督 │ ├────────┤ │\n"
        "└──────────┴───┴────────┴────┘\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert result.measures == ()
    unread = [(u.line, u.column) for u in result.uncertainties if u.kind == "table-unread"]
    assert unread == [(2, 1)]


# ---- guangdong chaozhou 2019: "〔A牵头,B、C参与,D(E)负责落实。以下各项工作均需D落实,不再列出。〕"


def test_a_lead_clause_in_tortoise_brackets_keeps_every_part_and_no_bracket_in_a_name() -> None:
    text = (
        "1.制定实施准入清单。明确禁止和限制发展的行业。〔市生态环境局牵头,市发展和改革局、"
        "工业和信息化局参与,各县、区人民政府(管委会)负责落实。以下各项工作均需各县、区人民政府"
        "(管委会)落实,不再列出。〕\n"
        "2.加强监管。〔市场监管局牵头,市公安局参与〕\n"
    )
    lead, support = Role.LEAD, Role.SUPPORT
    assert clause_units(text) == [
        [
            ("市生态环境局", lead, True),
            ("市发展和改革局", support, True),
            ("市工业和信息化局", support, True),
            ("各县、区人民政府(管委会)", support, True),
        ],
        [("市场监管局", lead, True), ("市公安局", support, True)],
    ]
    # the same in round brackets: the part after the support part was dropped before
    assert clause_units(
        "1.制定清单。(市生态环境局牵头,市发展和改革局参与,各县人民政府负责落实)"
    ) == [
        [
            ("市生态环境局", lead, True),
            ("市发展和改革局", support, True),
            ("各县人民政府", support, True),
        ]
    ]
