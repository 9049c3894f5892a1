"""Built variants of forms first met in notices of provinces the corpus had not seen.

Inner Mongolia, Tianjin and Beijing notices (tests/fixtures/notices) each showed a form the
parser read wrongly or silently; each test writes a small text of its own in that shape and
checks what a user sees: units in stated order with roles, metadata and warnings.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from parsed import clause_units
from smeeco import Role

L, S = Role.LEAD, Role.SUPPORT


# ------------------------------------ inner mongolia 2024: a cut clause after a bracketed name


def test_a_clause_cut_after_a_name_with_a_bracket_keeps_the_whole_name() -> None:
    text = (
        "一、推进农业现代化\n"
        "1.增强粮食生产能力。〔责任单位:自治区农牧厅(乡村振兴局)、财政厅〕\n"
        "2.实施耕地保护行动。〔责任单位:自治区农牧厅(乡村振兴局)、发"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert clause_units(text)[1] == [("自治区农牧厅(乡村振兴局)", L, False)]
    names = sorted(str(a.name.zh) for a in result.agencies)
    assert names == ["自治区农牧厅(乡村振兴局)", "自治区财政厅"]  # one agency, never a fragment
    cut = [u for u in result.uncertainties if u.kind == "clause-cut"]
    assert [(u.line, u.column) for u in cut] == [(3, 12)]  # at the 〔


def test_a_cut_clause_whose_last_kept_name_ends_in_a_bracket_in_round_brackets() -> None:
    text = "1.加强监管。(责任单位:市场监管局(知识产权局)、市"
    assert clause_units(text) == [[("市场监管局(知识产权局)", L, False)]]


# ------------------------- inner mongolia 2024: a 政策清单 is a document; its title is read


def test_a_policy_list_is_a_title_and_a_numbered_heading_never_is() -> None:
    text = (
        "各盟行政公署、市人民政府,自治区各委、办、厅、局:\n现将清单印发给你们。\n"
        "2024年1月21日\n"
        "某自治区2024年推动产业高质量发展政策清单\n"
        "一、推进农业现代化\n"
        "1.增强粮食生产能力。〔责任单位:自治区农牧厅、财政厅〕\n"
    )
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert meta.title == "某自治区2024年推动产业高质量发展政策清单"
    headed = "一、公布部门责任清单\n1.编制清单。(责任单位:市司法局)\n"
    assert smeeco.parse_policy(headed, document_id="d").metadata.title is None


# ------------- beijing daxing 2023: a page's bulleted metadata block, then a cover notice


_DAXING_LIKE = (
    "• 信息名称:关于印发《2023年区重点工作分工方案》的通知\n"
    "  • 发文序号:京兴政办发〔2023〕1 号\n"
    "  • 成文日期:2023年3月3日\n"
    "关于印发《2023年区重点工作分工方案》的通知\n"
    "  各镇人民政府,各街道办事处:\n"
    "  现印发给你们,并就有关事项通知如下:\n"
    "  一、提高政治站位。各部门要早部署。\n"
    "  二、狠抓工作落实。各部门要逐项落实。\n"
    "  某区人民政府办公室\n\n"
    "  2023年3月3日 \n\n"
    "  2023年区重点工作分工方案\n"
    "  一、主要预期目标\n"
    "  1.地区生产总值增长4.5%以上。\n\n"
    "  牵头领导:常务副区长\n\n"
    "  主要责任单位:区发展改革委\n\n"
)


def test_a_bulleted_page_field_is_never_the_notice_title_and_the_signature_names_the_issuer() -> (
    None
):
    result = smeeco.parse_policy(_DAXING_LIKE, document_id="d")
    meta = result.metadata
    assert meta.title == "2023年区重点工作分工方案"
    assert meta.notice_title == "关于印发《2023年区重点工作分工方案》的通知"
    assert (meta.number, meta.issuer, str(meta.issued)) == (
        "京兴政办发〔2023〕1号",
        "某区人民政府办公室",
        "2023-03-03",
    )
    # the plan numbers afresh after the cover notice's signature: no numbering warning
    assert [u.kind for u in result.uncertainties if u.kind == "numbering"] == []
    assert clause_units(_DAXING_LIKE) == [[("区发展改革委", L, True)]]  # 牵头领导 names a person


def test_numbering_that_goes_back_without_a_signature_between_is_still_a_warning() -> None:
    text = _DAXING_LIKE.replace("  2023年3月3日 \n", "")
    kinds = [u.kind for u in smeeco.parse_policy(text, document_id="d").uncertainties]
    assert "numbering" in kinds


def test_a_label_line_the_text_breaks_off_in_is_a_truncation_with_its_position() -> None:
    for cut in ("完成时", "完成时限:", "配合单"):
        text = _DAXING_LIKE + "  " + cut
        result = smeeco.parse_policy(text, document_id="d")
        warned = [u for u in result.uncertainties if u.kind == "truncated"]
        assert len(warned) == 1, cut
        assert (warned[0].line, warned[0].column) == (text.count("\n") + 1, 3), cut
        assert repr(cut.rstrip(":")) in warned[0].message or repr(cut) in warned[0].message
    whole = _DAXING_LIKE + "  完成时限:2023年12月底\n"
    kinds = [u.kind for u in smeeco.parse_policy(whole, document_id="d").uncertainties]
    assert "truncated" not in kinds


# --------- the same notices with a web page's footer after them (上一篇/下一篇, phone, address)

_FOOTER = "\n\n上一篇:关于某事的通知\n下一篇:关于另一事的通知\n联系电话:0471-6945000\n"


def test_a_name_broken_off_before_page_furniture_is_no_unit_and_is_warned() -> None:
    text = "1.加强监管。〔责任单位:自治区农牧厅(乡村振兴局)、发" + _FOOTER
    result = smeeco.parse_policy(text, document_id="d")
    assert clause_units(text) == [[("自治区农牧厅(乡村振兴局)", L, False)]]
    assert [str(a.name.zh) for a in result.agencies] == ["自治区农牧厅(乡村振兴局)"]
    unclosed = [u for u in result.uncertainties if u.kind == "unclosed"]
    assert [(u.line, u.column) for u in unclosed] == [(1, 8)]
    # a whole last name at the line end is kept: the bracket may simply be unclosed
    whole = "1.加强监管。〔责任单位:自治区农牧厅、自治区财政厅" + _FOOTER
    assert clause_units(whole) == [[("自治区农牧厅", L, False), ("自治区财政厅", S, False)]]


def test_a_label_broken_off_before_page_furniture_is_still_a_truncation() -> None:
    text = _DAXING_LIKE + "  完成时" + _FOOTER
    warned = smeeco.parse_policy(text, document_id="d").uncertainties
    truncated = [(u.line, u.column) for u in warned if u.kind == "truncated"]
    assert truncated == [(_DAXING_LIKE.count("\n") + 1, 3)]


def test_a_table_row_cut_before_page_furniture_is_not_read_and_is_warned() -> None:
    table = (
        "序号 重点工作任务 主要责任单位 协同配合单位\n"
        "1 地区生产总值增长6.5%左右。 区发改委 区政府各部门,谯城经开区管委会。\n"
        "2 城镇居民收入增长5.2%左右。 区人社局\n"
        "区农业农村局\n"
        "区发改委,各乡镇人民政府、街道办事处,谯城经开"
    )
    for text in (table, table + _FOOTER):
        result = smeeco.parse_policy(text, document_id="d")
        assert [m.number for m in result.measures] == ["1"]
        rows = [u for u in result.uncertainties if u.kind == "table"]
        assert [(u.line, "row 2" in u.message) for u in rows] == [(3, True)]
        assert "谯城经开" not in {str(a.name.zh) for a in result.agencies}
    whole = table.replace("谯城经开", "谯城经开区管委会") + _FOOTER
    result = smeeco.parse_policy(whole, document_id="d")
    assert [m.number for m in result.measures] == ["1", "2"]  # a whole last name: the row is read


# -------- ningxia 2023: a joint notice, its title over three lines, its signers over two


_JOINT = (
    "— 1 —\n"
    "某自治区财政厅\n"
    "某 自治 区工业和信息化厅 文件\n"
    "某财规发〔2023〕5 号\n"
    "自治区财政厅 工业和信息化厅 发展改革委\n"
    "关于印发《自治区中小企业高质量发展\n"
    "专项资金管理办法》的通知\n"
    "各市财政局:\n"
    "现印发给你们, 请遵照执行。\n"
    "某自治区财政厅 某自治区工业和信息化厅\n"
    "某自治区发展和改革委员会\n"
    "2023 年 5 月 19 日\n"
    "第一章 总 则\n"
    "第一条 为规范资金管理,制定本办法。\n"
)


def test_a_title_whose_quotation_runs_over_lines_is_read_whole() -> None:
    meta = smeeco.parse_policy(_JOINT, document_id="d").metadata
    assert meta.title == "自治区中小企业高质量发展专项资金管理办法"
    assert meta.notice_title == (
        "自治区财政厅 工业和信息化厅 发展改革委"
        "关于印发《自治区中小企业高质量发展专项资金管理办法》的通知"
    )
    assert meta.title_span is not None
    assert "".join(_JOINT[slice(*meta.title_span)].split()) == meta.title


def test_a_joint_signature_gives_every_issuer_in_its_order() -> None:
    result = smeeco.parse_policy(_JOINT, document_id="d")
    meta = result.metadata
    names = ("某自治区财政厅", "某自治区工业和信息化厅", "某自治区发展和改革委员会")
    assert (meta.issuer, meta.joint_issuers, str(meta.issued)) == (names[0], names, "2023-05-19")
    by_id = {a.id: str(a.name.zh) for a in result.agencies}
    assert tuple(by_id[i] for i in result.document.issuers) == names
    # one issuer over two lines is still one name, not a joint signature
    single = "某市人民政府\n办公室\n2023年5月19日\n"
    assert smeeco.parse_policy(single, document_id="d").metadata.joint_issuers == ()


# -------------- qinghai 2017 (and a Beijing page): a heading line "文号《title》" above the notice


def test_a_page_heading_of_a_document_number_and_a_quoted_title_gives_the_title() -> None:
    text = (
        "青政〔2017〕42号《青海省人民政府关于促进实体经济发展的若干意见》\n"
        "青海省人民政府关于促进实体经济发展的若干意见\n"
        "青政〔2017〕42号\n"
        "各市、自治州人民政府,省政府各委、办、厅、局:\n"
    )
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert (meta.title, meta.number, meta.issuer) == (
        "青海省人民政府关于促进实体经济发展的若干意见",
        "青政〔2017〕42号",
        "青海省人民政府",
    )


def test_an_issued_document_in_angle_quotes_inside_a_quoted_heading_is_the_title() -> None:
    text = (
        "京政办发〔2016〕26号《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉"
        "的通知》\n"
    )
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert meta.title == "北京市2016年政务公开工作要点"
    assert meta.issuer == "北京市人民政府办公厅"


# ------- guizhou zunyi 2022 / hainan sanya 2025: page fields without colons, 主送 lines


def test_page_fields_apart_by_spaces_are_never_the_title_and_a_plans_division_is_the_title() -> (
    None
):
    text = (
        "文号 遵府办函〔2022〕56号 是否有效\n"
        "标题 市人民政府办公室关于印发《某都市圈发展规划》重点任务责任分工方案的通知\n"
        "时间:2022-05-11 16:14\n"
        "市人民政府办公室关于印发《某都市圈发展规划》重点任务责任分工方案的通知\n"
        "各县、自治县、区(市)人民政府、新蒲新区管委会、市政府各部门、各直属机构:\n"
    )
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert meta.title == "《某都市圈发展规划》重点任务责任分工方案"  # not the plan it divides
    assert (meta.number, meta.issuer) == ("遵府办函〔2022〕56号", "市人民政府办公室")
    assert meta.addressees == (
        "各县、自治县、区(市)人民政府",
        "新蒲新区管委会",
        "市政府各部门",
        "各直属机构",
    )
    # the plain form is unchanged: 《X》的通知 issues X
    plain = "市人民政府办公室关于印发《某都市圈发展规划》的通知\n各县人民政府:\n"
    assert smeeco.parse_policy(plain, document_id="d").metadata.title == "某都市圈发展规划"


def test_a_space_inside_an_addressee_is_not_kept() -> None:
    text = "市各相关单位,各 区委优化营商环境领导小组办公室:\n现印发给你们。\n"
    meta = smeeco.parse_policy(text, document_id="d").metadata
    assert meta.addressees == ("市各相关单位", "各区委优化营商环境领导小组办公室")


# ------------------------------- the new provinces' notices, mutated: never a crash, spans true

_NOTICES = Path(__file__).parent / "fixtures" / "notices"
_NEW = sorted(
    p.read_text(encoding="utf-8")[:1500]
    for prefix in ("inner-mongolia", "beijing", "ningxia", "qinghai", "jilin", "guizhou", "hainan")
    for p in _NOTICES.glob(f"{prefix}-*.txt")
)
_CUTS = ("", "\n", "(", "〔责任单位:", "、", "完成时", "— 1 —\n", "(略)", "《", "》")
_CUTS += ("2023年3月3日\n", "• 标题 ", "某厅 某委\n")


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(_NEW),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.sampled_from(_CUTS)), max_size=5),
)
def test_the_new_provinces_notices_mutated_never_crash_and_spans_stay_true(
    text: str, cuts: list[tuple[float, int, str]]
) -> None:
    for where, length, insert in cuts:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + length :]
    if not text.strip():
        return
    result = smeeco.parse_policy(text, document_id="fuzz")
    for measure in result.measures:
        for source in measure.sources:
            assert source.span is not None
            assert text[slice(*source.span)] == source.quote
    for source in result.document.sources:
        assert source.span is not None
        assert text[slice(*source.span)] == source.quote


# ------------- qinghai (a PDF transcription): every character spaced apart, also the clauses


def test_a_text_whose_characters_are_spaced_apart_is_read_and_spans_quote_it() -> None:
    text = (
        "青 海 省 人 民 政 府 关 于 印 发 若 干 政 策 措 施 的 通 知\n"
        "一 、 扩 大 信 贷 投 放 。 实 施 办 法 由 省 财 政 厅 会 同 省 金 融 办 制 定 。\n"
        "二 、 支 持 企 业 上 市 。 ( 责 任 单 位 : 省 金 融 办 、 省 财 政 厅 )\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert result.metadata.title == "青海省人民政府关于印发若干政策措施的通知"
    got = [
        [(u.name, u.role, u.explicit) for u in m.clause.units] if m.clause else []
        for m in result.parsed.measures
    ]
    assert got == [
        [("省财政厅", L, True), ("省金融办", S, True)],
        [("省金融办", L, False), ("省财政厅", S, False)],
    ]
    for measure in result.measures:
        for source in measure.sources:
            assert source.span is not None
            assert text[slice(*source.span)] == source.quote
    # a line with a few spaces (a letterhead, "各 区委") keeps them
    letterhead = "宁 夏 回族 自治 区工业和信息化厅 文件\n1.加强管理。(责任单位:区财政局)\n"
    assert smeeco.parse_policy(letterhead, document_id="d").prepared.text.startswith("宁 夏 回族")
