"""Built variants of forms met in the second audit of new provinces (helper pcorpus2).

Each test writes a small text in the shape of a real notice the parser read wrongly or
silently (the notice itself is in tests/fixtures/notices) and checks what a user sees.
"""

from __future__ import annotations

import smeeco
from smeeco import Role

L, S = Role.LEAD, Role.SUPPORT


def _units(text: str) -> list[list[tuple[str, Role, bool]]]:
    parsed = smeeco.parse_policy(text, document_id="d").parsed
    return [
        [(u.name, u.role, u.explicit) for u in m.clause.units] if m.clause else []
        for m in parsed.measures
    ]


# ------------- henan 豫政〔2023〕5号: a page whose line breaks a copy flattened to spaces

_FLAT = (
    "某省人民政府 关于明确2023年 重点工作责任单位的通知 某政〔2023〕5号 现将重点工作任务予以分解"
    "并明确责任单位。"
    + "各责任单位要尽快制定具体落实方案,明确时间节点、责任领导、主要措施。"
    * 6
    + " 一、加快提振市场信心 (一)全面促进消费增长。 1.改善消费条件,创新消费场景。"
    "(省商务厅、财政厅等相关部门按职责分工负责) 2.落实好提振市场信心措施。"
    "(省发展改革委牵头,省商务厅、税务局按职责分工负责)"
)


def test_items_after_a_stop_and_a_space_in_a_flattened_line_are_items() -> None:
    parsed = smeeco.parse_policy(_FLAT, document_id="d").parsed
    assert [(m.number, m.headings) for m in parsed.measures] == [
        ("1.", ("一、", "(一)")),
        ("2.", ("一、", "(一)")),
    ]
    assert _units(_FLAT) == [
        [("省商务厅", S, False), ("省财政厅", S, False)],
        [("省发展改革委", L, True), ("省商务厅", S, True), ("省税务局", S, True)],
    ]
    result = smeeco.parse_policy(_FLAT, document_id="d")
    assert "run-on" in {u.kind for u in result.uncertainties}


def test_the_title_of_a_flattened_page_is_joined_and_its_number_read() -> None:
    meta = smeeco.parse_policy(_FLAT, document_id="d").metadata
    assert meta.title == "某省人民政府关于明确2023年重点工作责任单位的通知"
    assert meta.number == "某政〔2023〕5号"
    assert meta.issuer == "某省人民政府"


def test_a_spaced_line_without_a_number_after_its_title_gives_no_title() -> None:
    text = _FLAT.replace(" 某政〔2023〕5号", "")
    assert smeeco.parse_policy(text, document_id="d").metadata.number is None


def test_a_tax_bureau_abbreviated_in_a_list_takes_the_level_prefix() -> None:
    text = "一、保障\n1.落实减税降费。(市财政局、税务局按职责分工负责)\n"
    assert _units(text) == [[("市财政局", S, False), ("市税务局", S, False)]]


# ------------- heilongjiang 2013 稳增长: shared endings and 相关市、县政府

_SHARED = (
    "一、推进重大基础设施建设\n"
    "1.推进铁路建设。(省发改委、铁路办、相关市、县政府负责)\n"
    "2.推进民航建设。(哈尔滨机场扩建指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局负责)\n"
)


def test_a_related_cities_and_counties_collective_is_one_unit() -> None:
    assert _units(_SHARED)[0] == [
        ("省发改委", L, False),
        ("省铁路办", S, False),
        ("相关市、县政府", S, False),
    ]
    result = smeeco.parse_policy(_SHARED, document_id="d")
    kinds = {a.name.zh: a.agency_kind.value for a in result.agencies}
    assert kinds["相关市、县政府"] == "collective"


def test_bare_place_names_share_the_government_ending_after_them() -> None:
    assert _units(_SHARED)[1] == [
        ("哈尔滨机场扩建指挥部", L, False),
        ("哈尔滨市政府", S, False),
        ("黑河市政府", S, False),
        ("绥芬河市政府", S, False),
        ("省农垦总局", S, False),
    ]
    result = smeeco.parse_policy(_SHARED, document_id="d")
    assert not {"no-clause", "truncated"} & {u.kind for u in result.uncertainties}


# ------------- checks asked of the audit: page furniture, full-width item numbers

_BODY = (
    "某市人民政府办公室关于印发支持中小企业发展若干措施的通知\n"
    "各区人民政府,市政府各部门:\n现印发给你们,请认真贯彻执行。\n"
    "某市人民政府办公室\n2024年3月1日\n"
    "一、加大财政支持\n"
    "１．设立专项资金。(责任单位:市财政局、市工信局)\n"
    "２．落实税收优惠。(市税务局牵头,市财政局配合)\n"
    "二、优化服务\n"
    "（１）建立服务平台。(责任单位:市工信局)\n"
)


def test_full_width_item_numbers_are_items() -> None:
    parsed = smeeco.parse_policy(_BODY, document_id="d").parsed
    # numbers are given at half width, as every other number is
    assert [(m.number, m.headings) for m in parsed.measures] == [
        ("1.", ("一、",)),
        ("2.", ("一、",)),
        ("(1)", ("二、",)),
    ]
    assert _units(_BODY) == [
        [("市财政局", L, False), ("市工信局", S, False)],
        [("市税务局", L, True), ("市财政局", S, True)],
        [("市工信局", L, False)],
    ]


def test_page_furniture_before_and_after_changes_nothing() -> None:
    page = (
        "某市人民政府门户网站\n当前位置:首页 > 政务公开 > 政策文件\n"
        "发布时间:2024-03-05 10:00 来源:市政府办公室 浏览次数:1024\n字号:大 中 小\n"
        + _BODY
        + "【打印本页】【关闭窗口】\n上一篇:关于做好春耕的通知\n下一篇:关于防汛的通知\n"
        "主办单位:某市人民政府办公室 电话:0000-12345678\n"
        "网站标识码:1234000001 ICP备12345678号\n"
    )
    bare, framed = (smeeco.parse_policy(t, document_id="d") for t in (_BODY, page))
    assert _units(page) == _units(_BODY)
    assert framed.metadata.title == bare.metadata.title == _BODY.split("\n", 1)[0]
    assert framed.metadata.issued == bare.metadata.issued
    assert framed.metadata.issuer == "某市人民政府办公室"


def test_a_flattened_page_after_its_navigation_line_keeps_its_title() -> None:
    meta = smeeco.parse_policy("首页 > 政策文件 > 通知\n" + _FLAT, document_id="d").metadata
    assert meta.title == "某省人民政府关于明确2023年重点工作责任单位的通知"
    assert meta.number == "某政〔2023〕5号"


# ------------- jiangsu 苏政发〔2008〕25号 as a page: the last item's listing before a footer


def test_the_last_items_unlabelled_listing_is_read_before_a_page_footer() -> None:
    text = (
        "一、目标分解\n"
        "1.地区生产总值增长11%。 (省发展改革委)\n"
        "2.单位生产总值能耗下降4.4%。 (省经贸委、发展改革委、统计局)\n"
        "上一篇:无\n下一篇:无\n"
    )
    assert _units(text)[1] == [
        ("省经贸委", L, False),
        ("省发展改革委", S, False),
        ("省统计局", S, False),
    ]
    kinds = [u.kind for u in smeeco.parse_policy(text, document_id="d").uncertainties]
    assert "no-clause" not in kinds
    assert "truncated" not in kinds
    assert kinds.count("unlabelled") == 2


def test_a_host_unit_label_without_footer_fields_is_still_a_clause() -> None:
    text = "一、活动\n1.举办中小企业博览会。\n主办单位:市商务局\n协办单位:市工信局\n"
    assert _units(text) == [[("市商务局", L, True), ("市工信局", S, True)]]
