"""The metadata reader: titles (split, issued by a 通知, in 《》), issuer, 主送."""

from __future__ import annotations

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
