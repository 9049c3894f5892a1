"""The metadata reader: titles (split, issued by a 通知, in 《》), issuer, 主送."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from smeeco.parse.metadata import Metadata, read_metadata


def _meta(head: str) -> Metadata:
    return read_metadata(head, len(head))


def test_a_notice_that_issues_a_document_is_named_by_that_document() -> None:
    head = (
        "江门市人民政府办公室关于印发《江门市降低制造业企业成本实施方案(修订)》的通知\n"
        "各市(区)人民政府,市政府各部门:\n现印发给你们。\n"
    )
    meta = _meta(head)
    assert meta.title == "江门市降低制造业企业成本实施方案(修订)"
    assert meta.notice_title == head.split("\n")[0]
    assert meta.issuer == "江门市人民政府办公室"  # named only in the title
    assert meta.title_span is not None
    assert head[meta.title_span[0] : meta.title_span[1]] == meta.title


def test_without_quotes_the_issuing_sentence_names_the_document() -> None:
    head = (
        "厦门市人民政府办公厅关于印发聚焦企业关切若干措施的通知\n厦府办〔2019〕10号\n"
        "各区人民政府:\n"
        "为贯彻落实《关于促进中小企业健康发展的指导意见》,特制定本措施。\n"
        "《厦门市聚焦企业关切的若干措施》已经市政府同意,现印发给你们,请认真组织实施。\n"
    )
    meta = _meta(head)
    assert meta.title == "厦门市聚焦企业关切的若干措施"  # not the cited 指导意见
    assert meta.number == "厦府办〔2019〕10号"


def test_a_notice_issuing_nothing_named_keeps_its_own_title() -> None:
    head = "关于印发实施方案的通知\n各区人民政府:\n现印发给你们。\n"
    meta = _meta(head)
    assert (meta.title, meta.notice_title) == ("关于印发实施方案的通知", None)


@pytest.mark.parametrize(
    ("head", "title", "issuer"),
    [
        (
            "省人民政府关于\n进一步优化营商环境的若干意见\n各市、州、县人民政府:\n",
            "省人民政府关于进一步优化营商环境的若干意见",
            "省人民政府",
        ),
        (
            "《关于帮助市场主体纾困解难的具体实施细则》\n为贯彻落实。\n",
            "关于帮助市场主体纾困解难的具体实施细则",
            None,
        ),
        (
            "法搜网--中国法律信息搜索网\n珠海市人民政府关于促进中小企业发展的实施意见\n",
            "珠海市人民政府关于促进中小企业发展的实施意见",
            "珠海市人民政府",
        ),
    ],
)
def test_titles_split_quoted_or_after_furniture(head: str, title: str, issuer: str | None) -> None:
    meta = _meta(head)
    assert (meta.title, meta.issuer) == (title, issuer)


@pytest.mark.parametrize(
    ("line", "addressees"),
    [
        (
            "各州、市、县、区人民政府,省直各委、办、厅、局:",
            ["各州、市、县、区人民政府", "省直各委、办、厅、局"],
        ),
        (
            "各市民营经济领导小组,各有关部门、机构和团体:",
            ["各市民营经济领导小组", "各有关部门、机构和团体"],
        ),
        (
            "各县(市、区)人民政府,市政府各部门、各直属机构:",
            ["各县(市、区)人民政府", "市政府各部门", "各直属机构"],
        ),
        ("各县、区人民政府、市直各单位:", ["各县、区人民政府", "市直各单位"]),
    ],
)
def test_addressees_keep_names_with_an_inner_dun_comma(line: str, addressees: list[str]) -> None:
    assert list(_meta(f"关于做好工作的通知\n{line}\n现通知如下。\n").addressees) == addressees


def test_page_furniture_is_not_half_a_title() -> None:
    meta = _meta("首页 关于我们\n关于做好工作的通知\n各区人民政府:\n")
    assert meta.title == "关于做好工作的通知"
    meta = _meta("广东省人民政府办公厅印发广东省关于进一步\n深化投融资体制改革若干举措的通知\n")
    assert meta.title == "广东省人民政府办公厅印发广东省关于进一步深化投融资体制改革若干举措的通知"


def test_a_place_line_above_a_guanyu_title_is_part_of_it() -> None:
    meta = _meta("马鞍山市\n关于推进民营经济高质量发展的实施细则\n为深入贯彻。\n")
    assert (meta.title, meta.issuer) == ("马鞍山市关于推进民营经济高质量发展的实施细则", None)


def test_a_date_line_after_the_last_measure_is_the_date() -> None:
    text = (
        "(二十四)加强统计。(责任单位:省统计局)\n附件:分工表\n二○一○年三月二十三日\n2011年1月1日\n"
    )
    meta = read_metadata(text, 0, None, last_measure=0)
    assert meta.issued is not None
    assert meta.issued.isoformat() == "2010-03-23"
    assert read_metadata(text, 0, None).issued is None  # without it, nothing is guessed


def test_a_document_viewer_names_the_file_and_the_extension_is_not_the_title() -> None:
    meta = _meta(
        "某市促进中小企业梯度培育工作方案.docx\n《某市…方案.docx》由会员分享,可在线阅读。\n"
    )
    assert meta.title == "某市促进中小企业梯度培育工作方案"


def test_a_policy_collection_titled_ruogan_zhengce_is_a_title_but_a_breadcrumb_is_not() -> None:
    meta = _meta(
        "某市人民政府\n>> 走进某市 >> 投资政策\n\n支持民营经济发展若干政策\n发布日期:2022-12-19\n"
    )
    assert meta.title == "支持民营经济发展若干政策"
    assert meta.issued is None  # a page's 发布日期 is not the document's date


def test_a_table_title_names_the_document_and_page_fields_are_not_addressees() -> None:
    meta = _meta(
        "名称: 本部门年度重点工作任务的任务分解 文号:\n发布机构: 某区科学技术局\n"
        "某区2024年政府工作报告重点工作任务分工表\n"
    )
    assert (meta.title, meta.addressees) == ("某区2024年政府工作报告重点工作任务分工表", ())


def test_a_presidium_announcement_names_its_issuer() -> None:
    meta = _meta(
        "某省第十届人民代表大会第二次会议主席团\n2024年1月20日\n某省促进中小企业发展条例\n"
    )
    assert (meta.title, meta.issuer) == (
        "某省促进中小企业发展条例",
        "某省第十届人民代表大会第二次会议主席团",
    )
    assert meta.issued == dt.date(2024, 1, 20)


def test_a_page_run_into_one_line_starts_with_its_title() -> None:
    body = "为深入贯彻落实党中央决策部署,培育专精特新企业," * 10
    meta = _meta(f"某县促进专精特新企业发展行动方案(征求意见稿)(2024-2026年){body}\n")
    assert meta.title == "某县促进专精特新企业发展行动方案"
    meta = _meta(f"某县促进专精特新企业发展行动方案为深入贯彻{body}\n")
    assert meta.title == "某县促进专精特新企业发展行动方案"
    assert _meta(f"为深入贯彻落实若干措施的通知{body}\n").title is None  # a sentence, not a title


def test_a_page_category_tag_is_not_part_of_the_title_or_the_issuer() -> None:
    meta = _meta("【重点工作】某市人民政府关于2024年重点工作及责任分解的通知\n各县、区人民政府:\n")
    assert (meta.title, meta.issuer) == (
        "某市人民政府关于2024年重点工作及责任分解的通知",
        "某市人民政府",
    )
    field = "名称: 某区2025年重点工作任务分解表 文号:\n"
    meta = _meta(field + "某区2025年重点工作任务分解表\n")
    assert meta.title == "某区2025年重点工作任务分解表"
    assert meta.title_span == (len(field), len(field) + len(meta.title))  # the line, not the field


def test_a_page_line_naming_the_document_in_quotes_gives_its_title() -> None:
    meta = _meta(
        "首页>文件连载\n《某省城市群发展规划》(下)时间: 2019-08-30信息来源:某委\n第七章 总则\n"
    )
    assert meta.title == "某省城市群发展规划"
    assert meta.issued is None  # the page's date


def test_a_notice_issuing_a_document_without_quotes_is_named_by_its_heading_line() -> None:
    head = (
        "某市人民政府办公厅关于印发某市应急体系建设规划责任分解的通知\n各县(市、区)人民政府:\n"
        "现将《某市应急体系建设规划》责任分解印发给你们。\n某市人民政府办公厅\n2017年4月13日\n"
        "某市应急体系建设规划责任分解\n"
    )
    meta = _meta(head)
    assert meta.title == "某市应急体系建设规划责任分解"  # not the plan it breaks down
    assert meta.title_span is not None
    assert head[meta.title_span[0] : meta.title_span[1]] == meta.title


def test_a_run_on_title_after_a_page_banner_is_still_the_title() -> None:
    import smeeco

    text = (
        Path(__file__).parent
        / "fixtures"
        / "notices"
        / "fujian-yongchun-2023-zhuanjingtexin-draft-trad.txt"
    ).read_text(encoding="utf-8")
    result = smeeco.parse_policy("首页 > 政策文件 > 通知\n当前位置:正文\n" + text, document_id="d")
    assert result.document.name.zh == "永春县促进专精特新企业发展行动方案"
    assert "no-title" not in {u.kind for u in result.uncertainties}


def test_a_text_without_a_title_says_so_at_its_start() -> None:
    import smeeco

    result = smeeco.parse_policy(
        "(一)加强资金支持。(责任单位:市财政局)\n(二)优化服务。(责任单位:市工信局)",
        document_id="n1",
    )
    assert result.document.name.zh == "n1"
    (warning,) = [u for u in result.uncertainties if u.kind == "no-title"]
    assert (warning.line, warning.column) == (1, 1)
    assert "named by its id 'n1'" in warning.message


def test_a_target_division_heading_below_news_prose_is_the_title() -> None:
    # 重庆渝中 2023: a news text, then the division's own heading above 一、
    head = (
        "近日,渝中区人民政府办公室发布《2023年区政府工作报告重点工作目标任务分解》方案,共细分出171项目标任务。\n"
        "小编带你了解\n"
        "2023年区政府工作报告重点工作目标任务分解\n"
        "一、主要预期指标\n"
    )
    assert _meta(head).title == "2023年区政府工作报告重点工作目标任务分解"
    assert _meta("小编带你了解\n2023年本部门任务分解\n一、指标\n").title is None


def test_a_quote_inside_a_quoted_title_over_three_lines_keeps_the_whole_name() -> None:
    # 辽政发〔2023〕2号: "关于印发《2023年" ⏎ "省〈政府工作报告〉任务分解" ⏎
    # "和责任分工方案》的通知"
    head = (
        "辽政发〔2023〕2号\n辽宁省人民政府关于印发《2023年\n省〈政府工作报告〉任务分解\n"
        "和责任分工方案》的通知\n各市人民政府,省政府各厅委、各直属机构:\n"
    )
    assert _meta(head).title == "2023年省〈政府工作报告〉任务分解和责任分工方案"
    plain = "关于印发《西部大开发“十三五”规划》责任分工方案的通知\n"
    assert _meta(plain).title == "《西部大开发“十三五”规划》责任分工方案"


def test_a_heading_split_after_a_year_and_a_quoted_name_is_joined() -> None:
    # 成都 2022: "2022年《政府工作报告》" ⏎ "目标任务责任分解方案"
    head = "相关新闻>>\n2022年《政府工作报告》\n目标任务责任分解方案\n一、主要预期目标\n"
    assert _meta(head).title == "2022年《政府工作报告》目标任务责任分解方案"
    assert _meta("来源:《人民日报》\n目标任务责任分解方案\n").title == "目标任务责任分解方案"


def test_a_gazette_title_over_three_lines_with_its_number_and_date_below() -> None:
    # 川府发〔2011〕8号: issuer line, a title over two lines, then "文号 date"
    head = (
        "四川省人民政府\n关于落实《政府工作报告》重点工作\n部门分工的意见\n"
        "川府发〔2011〕8号 二○一一年三月十七日\n省政府各部门、各直属机构:\n"
    )
    meta = _meta(head)
    assert meta.title == "四川省人民政府关于落实《政府工作报告》重点工作部门分工的意见"
    assert (meta.number, meta.issued) == ("川府发〔2011〕8号", dt.date(2011, 3, 17))
    assert _meta("川府发〔2011〕8号 共印50份\n关于某事的通知\n").issued is None


def test_a_page_s_part_mark_after_a_title_is_not_the_title_s() -> None:
    # a news page serving 辽宁's 2025 division in parts: "…重点工作分工方案(一)"
    head = "2025年省《政府工作报告》重点工作分工方案(一)\n  2025年是收官之年。\n一、目标\n"
    assert _meta(head).title == "2025年省《政府工作报告》重点工作分工方案"
    assert _meta("某市促进就业若干措施(试行)\n一、目标\n").title == "某市促进就业若干措施(试行)"
