"""Built variants of forms first met in real notices of the corpus (tests/fixtures/notices).

Each test writes a small text of its own in the shape of one real notice and checks what
a user sees: the measures, their units in stated order with roles, and the warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from parsed import clause_units
from smeeco import Role
from smeeco.datasets import available
from smeeco.parse import parse_policy_text

L, S = Role.LEAD, Role.SUPPORT


# ------------------------------------------------------- heilongjiang: 〔…〕 round a PDF listing


def test_an_outer_bracket_round_names_with_brackets_and_pdf_spaces_is_one_listing() -> None:
    text = (
        "一、推动改造升级\n"
        "1.支持技术改造。对技改项目给予贴息, 由各县 (区) 研究政策给予支 持。"
        "〔市工信局、市财政局, 各县 (区) 、乡 (镇) 政府 (街道) 〕\n"
        "2.支持数字化改造。给予补助。 (市工信局)\n"
    )
    assert clause_units(text) == [
        [("市工信局", L, False), ("市财政局", S, False), ("各县(区)、乡(镇)政府(街道)", S, False)],
        [("市工信局", L, False)],
    ]
    kinds = [w.kind for w in parse_policy_text(text, document_id="d").warnings]
    assert kinds == ["unlabelled", "unlabelled"]


def test_a_bracket_inside_the_item_is_still_not_a_listing() -> None:
    text = "一、甲\n1.支持改造。按入统时贷款市场报价利率(LPR)给予贴息 (含)。\n"
    parsed = parse_policy_text(text, document_id="d")
    assert [m.clause for m in parsed.measures] == [None]


# ------------------------------------------------- yongchun: titles run into their text


_RUN_ON = "为促进专精特新企业发展,制定本方案,,力争培育创新型中小企业,,省级专精特新企业,," * 4


def test_a_title_without_a_stop_ends_where_the_heading_phrase_does() -> None:
    text = (
        f"某县促进专精特新企业发展行动方案{_RUN_ON}制定本方案。"
        "(一)实施专精特新园区建设行动鼓励专精特新企业集聚发展,对集聚企业的园区授予称号,,"
        "(责任单位:县工信局,、发改局、各乡镇)"
        "(二)实施金融服务保障行动搭建融资对接平台,,支持金融机构创新信贷产品,,"
        "(责任单位:县金融办,、县财政局)"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert [m.name.zh for m in result.measures] == [
        "实施专精特新园区建设行动",
        "实施金融服务保障行动",
    ]
    titles = [u for u in result.uncertainties if u.kind == "title"]
    assert [text[u.span[0] : u.span[1]] for u in titles] == [m.name.zh for m in result.measures]
    assert result.metadata.title == "某县促进专精特新企业发展行动方案"


def test_a_long_first_sentence_without_a_heading_phrase_stays_the_title() -> None:
    text = (
        "一、甲\n(一)推进完善长效机制和基础性制度建设,加强存量项目监管,规范有序推进项目建设。"
        "(责任单位:市财政局)\n"
    )
    (measure,) = parse_policy_text(text, document_id="d").measures
    assert measure.title == "推进完善长效机制和基础性制度建设,加强存量项目监管,规范有序推进项目建设"


# ------------------------------------- qiaocheng: a flattened HTML table, single spaces


def test_a_single_space_table_with_a_wrapped_cell_is_read_and_the_guess_reported() -> None:
    text = (
        "某区2024年重点工作任务分解表\n"
        "序号 重点工作任务 主要责任单位 协同配合单位 完成期限\n"
        "7 新培育科技型中小企业20家以上。 区科技局"
        " 区经信局、区财政局等区政府有关部门,某园区管委会。 2024年6月底\n"
        "8 推动科技园区提档升级。 区科技局\n"
        "区农业农村局\n"
        "区发改委、区商务局、等区政府有关部门,区农投公司。 2024年12月底\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    names = {agency: name for name, agency in result.resolved.items()}
    got = [
        (m.number, m.name.zh, [(names[r.unit], r.role, r.explicit) for r in m.responsibilities])
        for m in result.measures
    ]
    assert got == [
        (
            "7",
            "新培育科技型中小企业20家以上",
            [
                ("区科技局", L, True),
                ("区经信局", S, True),
                ("区财政局", S, True),
                ("某园区管委会", S, True),
            ],
        ),
        (
            "8",
            "推动科技园区提档升级",
            [
                ("区科技局", L, True),
                ("区农业农村局", L, True),
                ("区发改委", S, True),
                ("区商务局", S, True),
                ("区农投公司", S, True),
            ],
        ),
    ]
    table = [(u.line, u.message) for u in result.uncertainties if u.kind == "table"]
    assert [line for line, _ in table] == [3, 4]
    assert "starts at 7" in table[0][1]
    assert "row 8 of the table runs over lines" in table[1][1]
    due = result.measures[0].deadline
    assert due == smeeco.Deadline("2024年6月底", dt.date(2024, 6, 30), "month")


def test_a_table_heading_row_is_skipped_and_a_row_cut_by_the_end_is_not_read() -> None:
    text = (
        "序号 重点工作任务 主要责任单位 协同配合单位\n"
        "一、主要预期目标\n"
        "1 地区生产总值增长6%左右。 区发改委 区政府各部门,各乡镇人民政府、街道办事处。\n"
        "二、重点工作\n"
        "2 财政收入增长5%左右。 区财政局\n"
        "区税务局\n"
        "区政府有关部门,某经开区管委\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    names = {agency: name for name, agency in result.resolved.items()}
    got = [
        (m.number, [(names[r.unit], r.role, r.explicit) for r in m.responsibilities])
        for m in result.measures
    ]
    assert got == [
        (
            "1",
            [
                ("区发改委", L, True),
                ("区政府各部门", S, True),
                ("各乡镇人民政府、街道办事处", S, True),
            ],
        )
    ]
    (cut,) = [u for u in result.uncertainties if u.kind == "table"]
    assert cut.line == 5
    assert cut.message.startswith("row 2 of the table breaks off at the end of the text")


# ------------------------------------------- dongguan: "(A、B负责)", a bare list with 负责


def test_a_bracket_of_names_ending_in_fuze_is_a_listing() -> None:
    text = (
        "一、减负稳岗\n(一)减轻企业负担\n"
        "1.继续实施阶段性降费政策。(市人力资源社会保障局、市医保局、市税务局负责)\n"
        "2.继续征收残疾人就业保障金。(市残联、市财政局共同负责)\n"
        "3.有关细则另行制定。(详见附件负责)\n"
        "4.费用由企业承担。(企业自行负责)\n"
        "5.加强自律。(企业负责)\n"
    )
    assert clause_units(text) == [
        [("市人力资源社会保障局", L, False), ("市医保局", S, False), ("市税务局", S, False)],
        [("市残联", L, False), ("市财政局", S, False)],
        [],  # not unit names: no clause
        [],
        [],  # 企业 is not an agency
    ]


# ------------------------------ chuzhou: 牵头责任单位 / 协同责任单位 and a leader on lines


def test_lead_and_coordinating_labels_on_lines_with_a_leader_line_between() -> None:
    text = (
        "一、主要预期目标\n\n"
        "1. 地区生产总值增长7%以上。\n\n"
        "牵头负责领导:张三。\n\n"
        "牵头责任单位:市发展改革委。\n\n"
        "协同责任单位:市经信局、某经开区管委会等,各县、市、区政府。\n"
    )
    parsed = parse_policy_text(text, document_id="d")
    (measure,) = parsed.measures
    assert measure.clause is not None
    assert [(u.name, u.role, u.explicit) for u in measure.clause.units] == [
        ("市发展改革委", L, True),
        ("市经信局", S, True),
        ("某经开区管委会", S, True),
        ("各县、市、区政府", S, True),
    ]
    assert measure.clause.etc
    assert "张三" not in measure.clause.names


def test_a_collective_keeps_its_inner_dun_but_a_park_committee_stays_apart() -> None:
    text = (
        "一、甲\n1.加强服务。(责任单位:区发改委,各乡镇人民政府、街道办事处,各县、市、区政府)\n"
        "2.加强协调。(责任单位:县工信局,、各乡镇,、工业园区管委会)\n"
    )
    assert [[name for name, _, _ in units] for units in clause_units(text)] == [
        ["区发改委", "各乡镇人民政府、街道办事处", "各县、市、区政府"],
        ["县工信局", "各乡镇", "工业园区管委会"],
    ]


# ------------------------------------------- guandu: "(A牵头,B、C等部门,D配合)"


def test_lead_then_support_after_a_comma_with_deng_inside_the_support_part() -> None:
    text = (
        "一、加快推进项目建设\n"
        "4. 加强项目谋划储备。编制三年滚动投资计划。"
        "(区发改局牵头,区财政局、区水务局等部门,区国投公司、各街道办事处配合)\n"
    )
    (measure,) = parse_policy_text(text, document_id="d").measures
    assert measure.clause is not None
    assert [(u.name, u.role, u.explicit) for u in measure.clause.units] == [
        ("区发改局", L, True),
        ("区财政局", S, True),
        ("区水务局", S, True),
        ("区国投公司", S, True),
        ("各街道办事处", S, True),
    ]
    assert measure.clause.etc


# ------------------------------- zhongyuan: 第七章 → 第一节 headings, and clauses below them


def test_chapter_and_section_headings_of_a_real_plan_nest_and_invent_nothing() -> None:
    path = Path(__file__).parent / "fixtures" / "notices"
    text = (path / "national-2016-zhongyuan-city-cluster-plan-sections.txt").read_text("utf-8")
    result = smeeco.parse_policy(text, document_id="d")
    assert [(s.marker, s.title, s.parent) for s in result.parsed.sections] == [
        ("第七章", "推进生态环境共保共治", None),
        ("第一节", "共筑生态屏障", 1),
    ]
    assert result.measures == ()
    assert [u.kind for u in result.uncertainties] == ["no-measures", "numbering"]


def test_measures_under_chapter_and_section_headings_carry_both() -> None:
    text = (
        "第二章 支持措施\n第一节 财税支持\n"
        "一、加大资金支持。设立专项资金。(责任单位:省财政厅、省工信厅)\n"
        "二、落实税收优惠。(责任单位:省税务局)\n"
        "第二节 融资支持\n一、扩大信贷投放。(牵头单位:人行某中心支行;配合单位:省金融局)\n"
    )
    parsed = parse_policy_text(text, document_id="d")
    assert [
        (m.number, m.headings, m.clause.names if m.clause else ()) for m in parsed.measures
    ] == [
        ("一、", ("第二章", "第一节"), ("省财政厅", "省工信厅")),
        ("二、", ("第二章", "第一节"), ("省税务局",)),
        ("一、", ("第二章", "第二节"), ("人行某中心支行", "省金融局")),
    ]
    assert [w.kind for w in parsed.warnings] == ["numbering"]  # 第二章 without 第一章


# ----------------- yuncheng: (1)…(4) sub-items, one clause on its own line after the last


def test_a_clause_alone_after_the_last_sub_item_is_the_clause_of_the_item_above() -> None:
    text = (
        "(一)预案建设\n1.完善应急预案体系\n(1)加强预案管理。\n(2)推进预案精编化。\n"
        "(3)加强预案演练。\n(责任单位:市应急局、各县(市、区)人民政府)\n"
        "2.健全应急管理体制\n(1)推进办事机构建设。\n(2)完善运行机制。\n(责任单位:市应急局)\n"
    )
    parsed = parse_policy_text(text, document_id="d")
    got = [(m.number, m.title, m.clause.names if m.clause else ()) for m in parsed.measures]
    assert got == [
        ("1.", "完善应急预案体系", ("市应急局", "各县(市、区)人民政府")),
        ("2.", "健全应急管理体制", ("市应急局",)),
    ]
    assert "(3)加强预案演练。" in parsed.measures[0].text  # the sub-items are its text
    assert parsed.warnings == ()


def test_sub_items_with_clauses_of_their_own_stay_the_measures() -> None:
    text = (
        "1.完善应急预案体系\n(1)加强预案管理。(责任单位:市应急局)\n"
        "(2)推进预案精编化。\n(责任单位:市司法局)\n"
    )
    parsed = parse_policy_text(text, document_id="d")
    got = [(m.number, m.clause.names if m.clause else ()) for m in parsed.measures]
    assert got == [("(1)", ("市应急局",)), ("(2)", ("市司法局",))]


def test_an_item_whose_sub_items_state_nothing_is_a_measure_without_a_clause() -> None:
    text = (
        "1.完善预案。(责任单位:市应急局)\n"
        "2.健全机制\n(1)推进机构建设。\n(2)完善运行机制。\n"
        "3.加强队伍。(责任单位:市消防救援支队)\n"
    )
    parsed = parse_policy_text(text, document_id="d")
    assert [(m.number, m.clause is None) for m in parsed.measures] == [
        ("1.", False),
        ("2.", True),
        ("3.", False),
    ]
    (warning,) = parsed.warnings
    assert (warning.kind, text[warning.span[0] : warning.span[1]]) == ("no-clause", "2.")


def test_every_notice_the_parsing_docs_cite_is_in_the_corpus() -> None:
    """docs/parsing.md names its source document for each form: each must be a fixture."""
    root = Path(__file__).parent
    docs = (root.parent / "docs" / "parsing.md").read_text("utf-8")
    notices = root / "fixtures" / "notices"
    slugs = {p.name.removesuffix(".expected.yaml") for p in notices.rglob("*.expected.yaml")}
    slugs |= {f"bad/{p.name.removesuffix('.expected.yaml')}" for p in notices.glob("bad/*.yaml")}
    cited = set(re.findall(r"`((?:bad/)?[a-z]+(?:-[a-z0-9]+){2,})`", docs)) - set(available())
    assert cited, "the docs cite no notice"
    assert sorted(cited - slugs) == []


# ----------------------------- ⑴ ⑵ ⑶: the parenthesized-number characters stand for (1)


def test_parenthesized_number_characters_are_items_of_the_1_kind() -> None:
    text = (
        "一、教育\n1.改善办学条件\n⑴改善教学条件。(责任单位:县教育局)\n"
        "⑵建好教师队伍。(责任单位:县教育局、县人社局)\n"
    )
    parsed = parse_policy_text(text, document_id="d")
    got = [
        (m.number, m.value, m.headings, m.clause.names if m.clause else ()) for m in parsed.measures
    ]
    assert got == [
        ("⑴", 1, ("一、", "1."), ("县教育局",)),
        ("⑵", 2, ("一、", "1."), ("县教育局", "县人社局")),
    ]
    run_on = "推进学校标准化建设,健全特色功能室。" * 10
    text = f"⑴改善条件。{run_on}⑵建好队伍。{run_on}⑶健全资助。{run_on}"  # one line
    result = smeeco.parse_policy(text, document_id="d")
    assert [m.number for m in result.measures] == ["⑴", "⑵", "⑶"]
    assert "run-on" in {u.kind for u in result.uncertainties}


_NEW_FORMS = [
    (Path(__file__).parent / "fixtures" / "notices" / f"{slug}.txt").read_text("utf-8")
    for slug in (
        "anhui-qiaocheng-2025-work-report-table",
        "guangdong-dongguan-2021-employment-trad",
        "shanxi-yuncheng-2017-emergency-plan-division",
        "unknown-county-2021-education-tasks-parenthesized-numbers",
    )
]


_INSERTS = [
    *("", " ", "\n", "负责)", "(", "⑴", "一、", "、街道办事处", "【类】", "\n区财政局\n"),
    "\n序号 重点工作任务 主要责任单位 协同配合单位\n1 任务。 区发改委\n",
]


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(_NEW_FORMS),
    st.lists(
        st.tuples(
            st.floats(0, 1),
            st.integers(0, 30),
            st.sampled_from(_INSERTS),
        ),
        max_size=6,
    ),
)
def test_the_new_forms_never_crash_and_spans_stay_true(
    text: str, cuts: list[tuple[float, int, str]]
) -> None:
    for where, length, insert in cuts:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + length :]
    result = smeeco.parse_policy(text, document_id="fuzz")
    for measure in result.measures:
        for source in measure.sources:
            assert source.span is not None
            assert text[slice(*source.span)] == source.quote
    for uncertainty in result.uncertainties:
        assert 1 <= uncertainty.line <= text.count("\n") + 1


def test_supports_after_a_lead_take_its_place_prefix_where_the_text_abbreviates() -> None:
    from smeeco.parse import find_responsibility_clauses

    (clause,) = find_responsibility_clauses(
        "（自治区财政厅牵头，经济和信息化厅、西藏金融监管局配合）"
    )
    assert [(u.name, u.role.value) for u in clause.units] == [
        ("自治区财政厅", "lead"),
        ("自治区经济和信息化厅", "support"),
        ("西藏金融监管局", "support"),
    ]


# ------------------------------------ 沁县 2025: a task list grouped under its leads' headings


QINXIAN = (
    "沁县人民政府办公室关于印发2025年县《政府工作报告》任务分解的通知\n"
    "县示范区管委会,各乡、镇人民政府,县直各有关单位:\n"
    "经县政府同意,现将《2025年县<政府工作报告>任务分解》印发给你们。\n"
    "附件1\n2025年县政府工作报告任务清单\n"
    "一、县示范区管委会牵头工作(3项)\n"
    "1.投资3000万元建设南美白对虾工厂化循环水养殖基地。\n"
    "2.打造食用菌酵素生产基地。\n"
    "3.建设3个劳动密集型产业园。(县工信局牵头,县发改局配合)\n"
    "二、县发改局牵头工作(3项)\n"
    "1.争取中央预算内投资项目10个以上。\n"
    "2.推进重点项目建设。\n"
)


def _who(result: smeeco.ParseResult) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    names = {a.id: a.name.zh for a in result.agencies}
    return [
        (m.number, [(names[r.unit], r.role.value, r.explicit) for r in m.responsibilities])
        for m in result.measures
    ]


def test_a_heading_naming_the_lead_gives_it_to_each_item_without_a_clause() -> None:
    result = smeeco.parse_policy(QINXIAN, document_id="qx")
    assert _who(result) == [
        ("1.", [("县示范区管委会", "lead", True)]),
        ("2.", [("县示范区管委会", "lead", True)]),
        ("3.", [("县工信局", "lead", True), ("县发改局", "support", True)]),  # its own clause
        ("1.", [("县发改局", "lead", True)]),
        ("2.", [("县发改局", "lead", True)]),
    ]
    first = result.measures[0]
    assert (
        first.notes
        == "responsibility stated by its section's heading (县示范区管委会牵头工作(3项))"
    )
    assert [s.quote for s in first.sources][-1] == "县示范区管委会牵头工作(3项)"
    # the heading announces 3 items and the copy has 2 under 二、: said, with the position
    (short,) = [u for u in result.uncertainties if u.kind == "numbering"]
    assert "announces 3 items" in short.message
    assert "2 are read under it" in short.message
    assert (short.line, short.column) == (10, 3)
    assert "no-clause" not in {u.kind for u in result.uncertainties}


def test_a_heading_that_names_no_unit_states_no_lead() -> None:
    text = QINXIAN.replace("一、县示范区管委会牵头工作(3项)", "一、加快推进重点工作")
    result = smeeco.parse_policy(text, document_id="qx")
    assert _who(result)[:2] == [("1.", []), ("2.", [])]
    assert [u.kind for u in result.uncertainties].count("no-clause") == 2


# ---------------------- 武汉 2024/2025: "无牵头单位的,责任单位即为牵头单位" makes listings leads


WUHAN = (
    "武汉市人民政府关于印发2024年市《政府工作报告》目标任务责任分解方案的通知\n"
    "各区人民政府,市人民政府各部门,各有关单位:\n"
    "一、强化工作统筹,科学制订办理方案。各责任单位要系统谋划所承办的责任事项,特别是牵头单位"
    "(无牵头单位的,责任单位即为牵头单位,下同)要统筹相关责任单位科学制订具体工作办理方案。\n"
    "武汉市人民政府\n2024年1月26日\n"
    "2024年市《政府工作报告》目标任务责任分解方案\n"
    "一、经济社会发展主要预期目标\n"
    "(一)地区生产总值增长6%左右。(牵头单位:市发改委;责任单位:各区人民政府)\n"
    "(二)规模以上工业增加值增长7%。(责任单位:市经信局、市统计局)\n"
)


def test_the_rule_that_listed_units_lead_when_no_lead_is_named() -> None:
    # 武汉市人民政府 2024, 2025 (the notice's first point): every 责任单位 of a listing leads
    result = smeeco.parse_policy(WUHAN, document_id="wh")
    assert _who(result) == [
        ("(一)", [("市发改委", "lead", True), ("各区人民政府", "support", True)]),
        ("(二)", [("市经信局", "lead", True), ("市统计局", "lead", True)]),
    ]
    second = result.measures[1]
    assert "every unit leads by the text's rule" in second.notes
    assert second.sources[-1].quote == "无牵头单位的,责任单位即为牵头单位"
    # without the rule, the listing order says who leads, inferred
    plain = smeeco.parse_policy(
        WUHAN.replace("(无牵头单位的,责任单位即为牵头单位,下同)", ""), document_id="wh"
    )
    assert _who(plain)[1] == ("(二)", [("市经信局", "lead", False), ("市统计局", "support", False)])


def test_a_deadline_inside_the_bracket_is_no_unit() -> None:
    text = (
        "某市人民政府关于印发推动中小企业高质量发展实施方案的通知\n一、重点任务\n"
        "(一)优化融资服务。推动银行机构加大信贷投放。(责任单位:市地方金融监管局,人民银行某市中心支行;"
        "完成时限:2023年12月底)\n"
    )
    (measure,) = smeeco.parse_policy(text, document_id="d").measures
    result = smeeco.parse_policy(text, document_id="d")
    assert _who(result) == [
        ("(一)", [("市地方金融监管局", "lead", False), ("人民银行某市中心支行", "support", False)])
    ]
    assert measure.deadline is not None
    assert measure.deadline.text == "2023年12月底"
    assert measure.deadline.date == dt.date(2023, 12, 31)


# ------------------------------ roles stated inside a 责任单位 cell or bracket: "A(牵头)", "牵头:A"


def test_a_role_in_brackets_after_a_name_states_it() -> None:
    text = (
        "某区人民政府关于印发重点工作任务的通知\n一、重点任务\n"
        "(一)开展专精特新企业培育行动。(责任单位:区科技局、区工信局(牵头)、区市场监管局)\n"
        "(二)推进园区扩容。(牵头:区工信局;配合:区发改局、区自然资源局)\n"
    )
    assert _who(smeeco.parse_policy(text, document_id="d")) == [
        ("(一)", [("区科技局", "support", True), ("区工信局", "lead", True),
                 ("区市场监管局", "support", True)]),
        ("(二)", [("区工信局", "lead", True), ("区发改局", "support", True),
                 ("区自然资源局", "support", True)]),
    ]  # fmt: skip


def test_roles_stated_in_a_table_cell() -> None:
    text = (
        "某区人民政府办公室关于印发2024年重点工作任务分解表的通知\n各街道办事处,区政府各部门:\n"
        "附件\n2024年重点工作任务分解表\n序号\t重点任务\t责任单位\t完成时限\n"
        "1\t推进工业园区扩容提质\t牵头:区工信局;配合:区发改局、区自然资源局\t2024年12月底前\n"
        "2\t开展“专精特新”企业培育行动\t区工信局(牵头)、区科技局、区市场监管局\t2024年6月底前\n"
        "3\t落实减税降费政策\t区税务局、区财政局\t持续推进\n"
    )
    assert _who(smeeco.parse_policy(text, document_id="d")) == [
        ("1", [("区工信局", "lead", True), ("区发改局", "support", True),
               ("区自然资源局", "support", True)]),
        ("2", [("区工信局", "lead", True), ("区科技局", "support", True),
               ("区市场监管局", "support", True)]),
        ("3", [("区税务局", "lead", False), ("区财政局", "support", False)]),
    ]  # fmt: skip


def test_clause_parts_that_were_dropped_or_kept_in_a_name() -> None:
    text = (
        "某市人民政府办公厅关于印发若干措施的通知\n一、重点任务\n"
        "(一)优化服务。推行一网通办。(市发展改革委、市财政局按职责分工负责,各区人民政府落实)\n"
        "(二)降低成本。落实降费政策。此项工作由市财政局牵头,市税务局配合。\n"
        "(三)加强创新。建设实验室。(责任单位:市科技局;时间:2023年底前)\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert _who(result) == [
        ("(一)", [("市发展改革委", "support", False), ("市财政局", "support", False),
                 ("各区人民政府", "support", False)]),  # no lead named; the third kept
        ("(二)", [("市财政局", "lead", True), ("市税务局", "support", True)]),  # not "此项工作由…"
        ("(三)", [("市科技局", "lead", False)]),  # 时间: is the deadline, no unit
    ]  # fmt: skip
    assert [m.text for m in result.measures][1] == "降低成本。落实降费政策。"
    third = result.measures[2]
    assert third.deadline is not None
    assert third.deadline.date == dt.date(2023, 12, 31)


def test_a_duty_bracket_round_a_name_with_its_own_bracket() -> None:
    text = (
        "某省人民政府关于促进民营经济发展的若干措施\n一、优化发展环境\n"
        "1.建立健全政企沟通机制。(各市、县(市、区)人民政府负责)\n"
    )
    assert _who(smeeco.parse_policy(text, document_id="d")) == [
        ("1.", [("各市、县(市、区)人民政府", "lead", False)])
    ]


def test_closing_provisions_and_an_attachment_list_after_the_last_measure() -> None:
    text = (
        "某市促进中小企业专精特新发展若干措施\n一、强化要素保障\n"
        "(一)加强融资支持。支持企业上市。(责任单位:市地方金融监管局、市财政局)\n"
        "(二)强化人才支撑。将高层次人才纳入支持范围。(责任单位:市人力资源社会保障局)\n"
        "本措施自印发之日起施行,有效期至2025年12月31日。\n"
        "附件:1.专精特新企业申报指南\n      2.奖励资金申请表\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert [m.number for m in result.measures] == ["(一)", "(二)"]
    assert result.measures[-1].text == "强化人才支撑。将高层次人才纳入支持范围。"
    assert not result.measures[-1].truncated
    # a whole closing sentence, and the attachments' names, are no cut text and no items
    assert [u.kind for u in result.uncertainties if u.kind != "unresolved"] == []


def test_items_numbered_with_a_half_bracket_or_an_arabic_article() -> None:
    text = (
        "某县人民政府关于印发工作要点的通知\n一、民生工作\n"
        "1)新建学校2所。(责任单位:县教育局)\n2)改造道路10公里。(责任单位:县交通局)\n"
        "二、其他工作\n第1条 加强安全生产。(责任单位:县应急局)\n"
        "第2条 做好防汛工作。(责任单位:县水利局)\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert [(m.number, m.name.zh) for m in result.measures] == [
        ("1)", "新建学校2所"),
        ("2)", "改造道路10公里"),
        ("第1条", "加强安全生产"),
        ("第2条", "做好防汛工作"),
    ]
    assert _who(result)[1] == ("2)", [("县交通局", "lead", False)])
    assert "clauses" not in {u.kind for u in result.uncertainties}


def test_the_rule_that_listed_units_lead_holds_for_a_table_too() -> None:
    text = (
        "武汉市人民政府关于印发2024年目标任务责任分解方案的通知\n各区人民政府:\n"
        "一、各牵头单位(无牵头单位的,责任单位即为牵头单位,下同)要统筹相关责任单位制订办理方案。\n"
        "武汉市人民政府\n2024年1月26日\n附件\n目标任务责任分解表\n"
        "序号\t工作任务\t责任单位\t完成时限\n"
        "1\t地区生产总值增长6%左右\t市发改委、市统计局\t2024年底\n"
        "2\t规模以上工业增加值增长7%\t市经信局\t2024年底\n"
    )
    result = smeeco.parse_policy(text, document_id="wh")
    assert _who(result) == [
        ("1", [("市发改委", "lead", True), ("市统计局", "lead", True)]),
        ("2", [("市经信局", "lead", True)]),
    ]
    first = result.measures[0]
    assert "every unit leads by the text's rule" in first.notes
    assert "无牵头单位的,责任单位即为牵头单位" in [s.quote for s in first.sources]
    # without the rule: the first listed unit leads, inferred
    plain = smeeco.parse_policy(
        text.replace("(无牵头单位的,责任单位即为牵头单位,下同)", ""), document_id="wh"
    )
    assert _who(plain)[0] == ("1", [("市发改委", "lead", False), ("市统计局", "support", False)])


def test_a_part_after_a_semicolon_in_a_lead_bracket_is_kept() -> None:
    # the form of a 自治区 notice: "(A牵头,B配合;各地(州、市)人民政府(行署)落实)"
    text = (
        "促进中小企业发展若干措施\n一、加大财税支持力度\n"
        "1.设立专项资金。每年安排专项资金不低于2亿元。"
        "(财政厅牵头,工业和信息化厅配合;各地(州、市)人民政府(行署)落实)\n"
    )
    assert _who(smeeco.parse_policy(text, document_id="d")) == [
        ("1.", [("财政厅", "lead", True), ("工业和信息化厅", "support", True),
                ("各地(州、市)人民政府(行署)", "support", True)])
    ]  # fmt: skip
