"""Built variants of forms first met in real notices of the corpus (tests/fixtures/notices).

Each test writes a small text of its own in the shape of one real notice and checks what
a user sees: the measures, their units in stated order with roles, and the warnings.
"""

from __future__ import annotations

import smeeco
from smeeco import Role
from smeeco.parse import parse_policy_text

L, S = Role.LEAD, Role.SUPPORT


def _clause_units(text: str) -> list[list[tuple[str, Role, bool]]]:
    parsed = parse_policy_text(text, document_id="d")
    return [
        [(u.name, u.role, u.explicit) for u in m.clause.units] if m.clause else []
        for m in parsed.measures
    ]


# ------------------------------------------------------- heilongjiang: 〔…〕 round a PDF listing


def test_an_outer_bracket_round_names_with_brackets_and_pdf_spaces_is_one_listing() -> None:
    text = (
        "一、推动改造升级\n"
        "1.支持技术改造。对技改项目给予贴息, 由各县 (区) 研究政策给予支 持。"
        "〔市工信局、市财政局, 各县 (区) 、乡 (镇) 政府 (街道) 〕\n"
        "2.支持数字化改造。给予补助。 (市工信局)\n"
    )
    assert _clause_units(text) == [
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
    assert "2024-06-30" in result.measures[0].notes
