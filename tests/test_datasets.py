"""The bundled data packs: they load, every fact is sourced, and the facts that matter are pinned.

Expected values here are written from the source documents (the two government documents are
fixtures in ``tests/fixtures/seeds``), not copied from the packs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import yaml

import smeeco
from smeeco import Money
from smeeco.datasets import available, pack_path
from smeeco.model import (
    Fund,
    Indicator,
    Measure,
    PolicyDocument,
    Qualifier,
    Record,
    Role,
    Source,
    Tier,
    TierLadder,
)
from test_data_sources import ci_is_set, require_seeds, seed_dir

FIXTURES = Path(__file__).parent / "fixtures" / "seeds"
DATASETS = Path(smeeco.datasets.__file__).parent

# Document id -> fixture file of the government documents (public domain, 著作权法 art. 5).
GOVERNMENT_DOCUMENTS = {"tj-2022-measures": "004.txt", "tj-2021-reply": "003.txt"}
# Document id -> seed number of the copyrighted news texts (not shipped; read from ../shared).
NEWS_DOCUMENTS = {
    "tj-2018-conference": "000",
    "qd-2017-news": "001",
    "cn-2024-miit-interview": "002",
}


def _fixture(document: str) -> str:
    return (FIXTURES / GOVERNMENT_DOCUMENTS[document]).read_text(encoding="utf-8")


def _sources(obj: object) -> Iterator[Source]:
    """Every Source inside a record: its own and those of observations, targets, criteria…"""
    if isinstance(obj, Source):
        yield obj
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from _sources(getattr(obj, field.name))
    elif isinstance(obj, tuple | list):
        for item in obj:
            yield from _sources(item)


@pytest.fixture(scope="module")
def everything() -> smeeco.Ecosystem:
    return smeeco.load("all")


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin")


REAL_PACKS = sorted(n for n in available() if n != "example")


# ------------------------------------------------------------------------- loading


@pytest.mark.parametrize("name", sorted(available()))
def test_every_available_pack_loads(name: str) -> None:
    eco = smeeco.load(name)
    assert eco.validate() == ()


@pytest.mark.parametrize("name", REAL_PACKS)
def test_every_pack_has_a_title_and_a_one_line_description(name: str) -> None:
    header = yaml.safe_load(pack_path(name).read_text(encoding="utf-8"))["pack"]
    assert header["name"] == name
    assert header["title"].strip()
    description = available()[name]
    assert description
    assert "\n" not in description


def test_the_expected_packs_are_bundled() -> None:
    assert {
        "china",
        "tianjin-agencies",
        "tianjin-common",
        "tianjin-2022-measures",
        "tianjin-2021-reply",
        "tianjin-2018-conference",
        "qingdao-2017",
        "national-2024-miit",
        "tianjin",
        "qingdao",
        "national",
        "all",
    } <= set(available())


def test_each_id_is_defined_in_exactly_one_pack_file() -> None:
    where: dict[str, str] = {}
    for path in sorted(DATASETS.glob("*.yaml")):
        if path.stem == "example":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, entries in data.items():
            if key in ("smeeco", "pack"):
                continue
            for entry in entries or ():
                assert entry["id"] not in where, (
                    f"{entry['id']} in {where.get(entry['id'])} and {path.name}"
                )
                where[entry["id"]] = path.name


def test_all_merges_every_real_pack_without_duplicates(everything: smeeco.Ecosystem) -> None:
    ids = [r.id for r in everything.records()]
    assert len(ids) == len(set(ids))
    for name in REAL_PACKS:
        assert {r.id for r in smeeco.load(name).records()} <= set(ids)


@pytest.mark.parametrize("name", REAL_PACKS)
def test_every_record_has_a_source(name: str) -> None:
    missing = [r.id for r in smeeco.load(name).records() if not r.sources]
    assert missing == []


# ------------------------------------------------------------------------- quotes


def _quoted(eco: smeeco.Ecosystem) -> Iterator[tuple[Record, Source]]:
    for record in eco.records():
        for source in _sources(record):
            if source.quote:
                yield record, source


def test_quotes_of_the_government_documents_are_verbatim(everything: smeeco.Ecosystem) -> None:
    checked = 0
    for record, source in _quoted(everything):
        if source.document in GOVERNMENT_DOCUMENTS:
            assert source.quote in _fixture(source.document), (record.id, source.locator)
            checked += 1
    assert checked > 200


def test_every_quote_is_from_a_text_we_can_check(everything: smeeco.Ecosystem) -> None:
    # Documents without a text at hand (GB/T 2260, MIIT's measures) are cited by locator only.
    for record, source in _quoted(everything):
        assert source.document in {**GOVERNMENT_DOCUMENTS, **NEWS_DOCUMENTS}, record.id


def test_quotes_of_the_news_reports_are_verbatim_and_short(everything: smeeco.Ecosystem) -> None:
    # In CI (CI=true, ../shared/seeds beside the clone) a missing folder fails; elsewhere it skips.
    seeds = require_seeds(seed_dir(), in_ci=ci_is_set())
    texts = {
        doc: next(seeds.glob(f"{number}_*.txt")).read_text(encoding="utf-8")
        for doc, number in NEWS_DOCUMENTS.items()
    }
    checked = 0
    for record, source in _quoted(everything):
        if source.document not in texts:
            continue
        assert source.quote in texts[source.document], (record.id, source.quote)
        if source.document == "qd-2017-news":
            assert len(source.quote) <= 60, (record.id, source.quote)
        else:
            assert len(source.quote.split()) <= 15, (record.id, source.quote)
        checked += 1
    assert checked > 100


def test_news_measures_carry_no_copied_text(everything: smeeco.Ecosystem) -> None:
    for measure in everything.measures:
        if measure.document in NEWS_DOCUMENTS:
            assert measure.text == "", measure.id


# ------------------------------------------------------------------------- 2022 measures

MEASURES = "tj-2022-measures"

SECTIONS = [
    ("一", "落实落细财税扶持政策"),
    ("二", "加大融资支持力度"),
    ("三", "加强创新创业支持"),
    ("四", "提升数字化发展水平"),
    ("五", "提升工业设计附加值"),
    ("六", "提升知识产权创造、运用、保护和管理能力"),
    ("七", "助力开拓国内外市场"),
    ("八", "提升绿色发展能力"),
]

# (number, section, title, responsible units as the text lists them)
TABLE_2022 = [
    ("(一)", 1, "加强财政资金支持", ["市财政局", "市工业和信息化局", "市金融局", "各区人民政府"]),
    (
        "(二)",
        1,
        "高质量落实惠企税收政策",
        ["市促进中小企业发展工作领导小组各成员单位", "各区人民政府"],
    ),
    ("(三)", 1, "精准服务税务办理", ["市税务局"]),
    (
        "(四)",
        2,
        "加强信贷支持",
        [
            "人民银行天津分行",
            "天津银保监局",
            "市金融局",
            "市财政局",
            "市工业和信息化局",
            "市知识产权局",
            "国家开发银行天津分行",
        ],
    ),
    (
        "(五)",
        2,
        "创新金融服务模式",
        ["人民银行天津分行", "市金融局", "天津银保监局", "市工业和信息化局"],
    ),
    (
        "(六)",
        2,
        "加强直接融资支持",
        [
            "市金融局",
            "天津证监局",
            "人民银行天津分行",
            "市发展改革委",
            "市科技局",
            "市工业和信息化局",
            "市财政局",
        ],
    ),
    (
        "(七)",
        2,
        "加强融资配套体系建设",
        [
            "人民银行天津分行",
            "市金融局",
            "天津银保监局",
            "市发展改革委",
            "市工业和信息化局",
            "市工商联",
        ],
    ),
    ("(八)", 3, "发挥创新平台支撑作用", ["市发展改革委", "市科技局", "市工业和信息化局"]),
    (
        "(九)",
        3,
        "推动大中小企业协同创新",
        ["市工业和信息化局", "市教委", "市科技局", "市发展改革委", "市国资委", "市工商联"],
    ),
    ("(十)", 3, "加强优质企业梯度培育", ["市工业和信息化局", "市科技局"]),
    ("(十一)", 4, "推动数字化产品应用", ["市工业和信息化局"]),
    ("(十二)", 4, "加强工业互联网赋能", ["市工业和信息化局"]),
    ("(十三)", 4, "提升智能制造水平", ["市工业和信息化局"]),
    ("(十四)", 5, "推动工业设计赋能", ["市工业和信息化局"]),
    ("(十五)", 5, "鼓励设计服务方式创新", ["市工业和信息化局"]),
    ("(十六)", 6, "引导开展专利布局", ["市知识产权局"]),
    ("(十七)", 6, "促进知识产权转化应用", ["市知识产权局", "市财政局", "市工业和信息化局"]),
    ("(十八)", 6, "加强知识产权保护维权", ["市市场监管委", "天津海关", "市贸促会"]),
    (
        "(十九)",
        7,
        "发挥展会和平台对接作用",
        ["市工业和信息化局", "市商务局", "市市场监管委", "市贸促会"],
    ),
    ("(二十)", 7, "加强采购支持", ["市财政局", "市工业和信息化局"]),
    ("(二十一)", 7, "引导加强品牌建设", ["市商务局", "市市场监管委", "市贸促会", "市知识产权局"]),
    ("(二十二)", 7, "推动跨境电商发展", ["市商务局", "天津海关", "市贸促会"]),
    ("(二十三)", 7, "促进国际合作", ["市发展改革委", "市商务局", "市工业和信息化局"]),
    ("(二十四)", 8, "推动节能低碳发展", None),  # cut off before its 责任单位
]


@pytest.fixture(scope="module")
def measures_2022() -> smeeco.Ecosystem:
    return smeeco.load("tianjin-2022-measures")


def _measures(eco: smeeco.Ecosystem, document: str) -> list[Measure]:
    return sorted((m for m in eco.measures if m.document == document), key=lambda m: m.ordinal)


def test_the_2022_document(measures_2022: smeeco.Ecosystem) -> None:
    doc = measures_2022.require(MEASURES, PolicyDocument)
    assert doc.name.zh == "天津市提升中小企业竞争力若干措施"
    assert doc.number == "津中小企组〔2022〕2号"
    assert doc.issued == dt.date(2022, 6, 18)
    assert doc.issuers == ("tj-sme-lg-office",)
    assert measures_2022[doc.issuers[0]].name.zh == "天津市促进中小企业发展工作领导小组办公室"
    assert doc.sealed_by == "tj-miit"
    assert doc.truncated is True
    assert doc.jurisdiction == "tj"
    assert [(s.ordinal, s.number, s.title.zh) for s in doc.sections] == [
        (i, number, title) for i, (number, title) in enumerate(SECTIONS, 1)
    ]
    assert all(s.title.en for s in doc.sections)


def test_the_2022_document_has_24_measures_in_order(measures_2022: smeeco.Ecosystem) -> None:
    found = _measures(measures_2022, MEASURES)
    assert [m.ordinal for m in found] == list(range(1, 25))
    assert [m.id for m in found] == [f"tj-2022-measures.m{i:02d}" for i in range(1, 25)]
    for measure, (number, section, title, _units) in zip(found, TABLE_2022, strict=True):
        assert (measure.number, measure.section, measure.name.zh) == (number, section, title)
        assert measure.name.en


@pytest.mark.parametrize(
    ("ordinal", "row"), [(i, row) for i, row in enumerate(TABLE_2022, 1) if row[3] is not None]
)
def test_responsible_units_in_stated_order(
    measures_2022: smeeco.Ecosystem, ordinal: int, row: tuple[str, int, str, list[str] | None]
) -> None:
    measure = measures_2022.require(f"tj-2022-measures.m{ordinal:02d}", Measure)
    names = row[3]
    assert names is not None
    expected = [measures_2022.resolve(name, "agency").id for name in names]
    assert list(measure.units) == expected
    assert measure.lead == expected[0]
    roles = [(r.role, r.explicit) for r in measure.responsibilities]
    assert roles == [(Role.LEAD, False)] + [(Role.SUPPORT, False)] * (len(names) - 1)


def test_measure_texts_are_the_document_text(measures_2022: smeeco.Ecosystem) -> None:
    # The copy has an en space after "(九)"; measure texts start after the number.
    text = re.sub(r"\)\s+", ")", _fixture(MEASURES))
    for measure in _measures(measures_2022, MEASURES):
        assert measure.text.startswith(measure.name.zh + "。")
        assert f"{measure.number}{measure.text}" in text


def test_measure_24_is_truncated_and_guesses_nothing(measures_2022: smeeco.Ecosystem) -> None:
    m24 = measures_2022.require("tj-2022-measures.m24", Measure)
    assert m24.truncated is True
    assert m24.responsibility_stated is False
    assert m24.responsibilities == ()
    assert m24.text == "推动节能低碳发展。引导中小企业参与实施工业低碳行动和绿色制造工"
    assert all(not m.truncated for m in _measures(measures_2022, MEASURES)[:23])


def test_abbreviations_resolve(tianjin: smeeco.Ecosystem) -> None:
    for alias, full in [
        ("市工信局", "天津市工业和信息化局"),
        ("市工业和信息化局", "天津市工业和信息化局"),
        ("市发改委", "天津市发展和改革委员会"),
        ("市发展改革委", "天津市发展和改革委员会"),
        ("市领导小组", "天津市促进中小企业发展工作领导小组"),
        ("市领导小组各成员单位", "市促进中小企业发展工作领导小组各成员单位"),
    ]:
        assert tianjin.resolve(alias, "agency").name.zh == full


def test_collective_units(tianjin: smeeco.Ecosystem) -> None:
    for name in [
        "各区人民政府",
        "市促进中小企业发展工作领导小组各成员单位",
        "市区政府性融资担保机构",
        "银行",
    ]:
        agency = tianjin.resolve(name, "agency")
        assert agency.collective is True
        assert agency.agency_kind.value == "collective"
        assert agency.member_rule
    assert tianjin["tj-sme-lg-office"].parent == "tj-sme-lg"


def test_the_2023_regulator_reform(tianjin: smeeco.Ecosystem) -> None:
    old = tianjin["tj-cbirc"]
    assert old.valid.end == dt.date(2023, 7, 19)
    assert old.successors == ("tj-nfra",)
    assert tianjin["tj-nfra"].valid.start == dt.date(2023, 7, 20)
    assert tianjin["tj-nfra"].name.zh == "国家金融监督管理总局天津监管局"
    pbc = tianjin["tj-pbc-branch"]
    assert pbc.valid.end == dt.date(2023, 8, 17)
    assert pbc.successors == ("tj-pbc-municipal-branch",)
    assert tianjin["tj-pbc-municipal-branch"].valid.start == dt.date(2023, 8, 18)


def test_successors_take_over_responsibilities(tianjin: smeeco.Ecosystem) -> None:
    m04 = "tj-2022-measures.m04"
    assert smeeco.lead_unit(tianjin, m04, as_of="2022-07-01") == "tj-pbc-branch"
    assert smeeco.lead_unit(tianjin, m04, as_of="2024-01-01") == "tj-pbc-municipal-branch"
    units = smeeco.responsible_units(tianjin, m04, as_of="2024-01-01")
    assert [(r.unit, r.named_as) for r in units[:2]] == [
        ("tj-pbc-municipal-branch", "tj-pbc-branch"),
        ("tj-nfra", "tj-cbirc"),
    ]
    between = smeeco.responsible_units(tianjin, "tj-2022-measures.m05", as_of="2023-08-01")
    assert [r.unit for r in between][:3] == ["tj-pbc-branch", "tj-fin-office", "tj-nfra"]


def test_2242_risk_sharing(measures_2022: smeeco.Ecosystem) -> None:
    fund = measures_2022.require("tj-2242-risk-sharing", Fund)
    assert fund.risk_sharing is not None
    assert fund.risk_sharing.ratio == "2:2:4:2"
    assert [s.label for s in fund.risk_sharing.shares] == [
        "国家融资担保基金",
        "市融担基金",
        "市区政府性融资担保机构",
        "银行",
    ]
    assert [
        (party, str(amount)) for party, amount in fund.risk_sharing.allocate(Money.parse("100万元"))
    ] == [
        ("cn-national-guarantee-fund", "20万元"),
        ("tj-guarantee-fund", "20万元"),
        ("tj-gov-guarantors", "40万元"),
        ("tj-banks", "20万元"),
    ]
    assert measures_2022["tj-gov-guarantors"].collective
    assert measures_2022["tj-banks"].collective
    assert "tj-2242-risk-sharing" in measures_2022["tj-2022-measures.m04"].funds


def test_funds_and_platforms_named_by_the_2022_measures(measures_2022: smeeco.Ecosystem) -> None:
    m04 = measures_2022.require("tj-2022-measures.m04", Measure)
    assert "tj-jinxinrong" in m04.platforms
    assert measures_2022["tj-jinxinrong"].name.zh == "“津心融”平台"
    m06 = measures_2022.require("tj-2022-measures.m06", Measure)
    assert {
        "tj-haihe-fund",
        "tj-binhai-fund",
        "cn-national-sme-dev-fund",
        "tj-sme-dev-sub-fund",
    } <= set(m06.funds)
    sub = measures_2022.require("tj-sme-dev-sub-fund", Fund)
    assert sub.parent == "cn-national-sme-dev-fund"
    assert set(sub.partners) == {"tj-haihe-fund", "tj-binhai-fund"}
    assert "tj-sme-special-fund" in measures_2022["tj-2022-measures.m01"].funds


def test_tianjin_ladders(tianjin: smeeco.Ecosystem) -> None:
    srdi = tianjin.require("tj-srdi-ladder", TierLadder)
    assert [tianjin[t].name.zh for t in srdi.tiers] == [
        "“专精特新”种子企业",
        "市级“专精特新”中小企业",
        "专精特新“小巨人”企业",
        "单项冠军",
    ]
    tech = tianjin.require("tj-tech-ladder", TierLadder)
    assert [tianjin[t].name.zh for t in tech.tiers] == [
        "雏鹰企业",
        "瞪羚企业",
        "科技领军(培育)企业",
    ]
    m10 = tianjin.require("tj-2022-measures.m10", Measure)
    assert set(m10.ladders) == {"tj-srdi-ladder", "tj-tech-ladder"}
    promotes = [
        (u, v) for u, v, d in tianjin.graph.edges(data=True) if d["relation"] == "promotes_to"
    ]
    assert ("cn-little-giant", "cn-single-champion") in promotes


# ------------------------------------------------------------------------- 2021 reply


@pytest.fixture(scope="module")
def reply() -> smeeco.Ecosystem:
    return smeeco.load("tianjin-2021-reply")


def _obs(eco: smeeco.Ecosystem, indicator: str) -> tuple[dt.date, Decimal, str, Qualifier]:
    ind = eco.require(indicator, Indicator)
    assert len(ind.observations) == 1
    o = ind.observations[0]
    return o.date, o.number, ind.unit.value, o.qualifier


D2020 = dt.date(2020, 12, 31)
DNOV = dt.date(2020, 11, 30)
DREPLY = dt.date(2021, 3, 22)
EXACT, ABOUT, AT_LEAST, MORE = (
    Qualifier.EXACT,
    Qualifier.ABOUT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
)

REPLY_FIGURES = [
    ("tj-public-service-demo-platforms", D2020, 26, "count", EXACT),
    ("tj-national-public-service-demo-platforms", D2020, 15, "count", EXACT),
    ("tj-innovation-demo-bases", D2020, 56, "count", EXACT),
    ("tj-national-innovation-demo-bases", D2020, 11, "count", EXACT),
    ("tj-national-incubators", D2020, 36, "count", EXACT),
    ("tj-municipal-incubators", D2020, 44, "count", EXACT),
    ("tj-national-makerspaces", D2020, 88, "count", EXACT),
    ("tj-municipal-makerspaces", D2020, 208, "count", EXACT),
    ("tj-srdi-sme-count", D2020, 268, "count", EXACT),
    ("tj-little-giant-count", D2020, 35, "count", EXACT),
    ("tj-new-tech-smes", D2020, 8179, "count", EXACT),
    ("tj-chuying-count", D2020, 3557, "count", EXACT),
    ("tj-dengling-count", D2020, 385, "count", EXACT),
    ("tj-tech-leader-count", D2020, 210, "count", EXACT),
    ("tj-special-fund-awards", D2020, 35_050_000, "yuan", EXACT),
    ("tj-procurement-reserved-smes", D2020, 8_494_000_000, "yuan", EXACT),
    ("tj-procurement-reserved-smes-share", D2020, Decimal("37.43"), "percent", EXACT),
    ("tj-procurement-reserved-small-micro", D2020, 5_545_000_000, "yuan", EXACT),
    ("tj-procurement-reserved-small-micro-share", D2020, Decimal("65.28"), "percent", EXACT),
    ("tj-bank-tax-enterprises", DREPLY, 4534, "count", EXACT),
    ("tj-bank-tax-credits", DREPLY, 5067, "count", EXACT),
    ("tj-bank-tax-credit-amount", DREPLY, 3_441_000_000, "yuan", EXACT),
    ("tj-msme-loan-balance", DNOV, 1_634_600_000_000, "yuan", EXACT),
    ("tj-msme-loan-growth", DNOV, Decimal("6.2"), "percent", EXACT),
    ("tj-msme-loan-share", DNOV, Decimal("63.4"), "percent", EXACT),
    ("tj-small-micro-credit-loan-share", DNOV, 19, "percent", ABOUT),
    ("tj-resumption-rate", D2020, 95, "percent", AT_LEAST),
    ("tj-covid-guidance-visits", D2020, 3_190_000, "times", ABOUT),
    ("tj-online-column-clicks", D2020, 300_000, "times", MORE),
    ("tj-arrears-repaid", D2020, 920_000_000, "yuan", EXACT),
]


@pytest.mark.parametrize(("indicator", "date", "value", "unit", "qualifier"), REPLY_FIGURES)
def test_reply_figures(
    reply: smeeco.Ecosystem,
    indicator: str,
    date: dt.date,
    value: int | Decimal,
    unit: str,
    qualifier: Qualifier,
) -> None:
    assert _obs(reply, indicator) == (date, Decimal(value), unit, qualifier)


def test_reply_document(reply: smeeco.Ecosystem) -> None:
    doc = reply.require("tj-2021-reply", PolicyDocument)
    assert doc.document_kind.value == "reply"
    assert doc.issued == DREPLY
    assert doc.issuers == ("tj-miit",)
    assert [s.title.zh for s in doc.sections] == ["工作开展情况", "下一步工作举措"]


def test_three_libraries_targets_for_2025(reply: smeeco.Ecosystem) -> None:
    # 二(三): "到2025年在库企业数分别达到3000家、1000家、150家" is about enterprises in the three
    # libraries (在库), which the reply does not equate with recognised (认定) enterprises.
    for indicator, tier, target in [
        ("tj-srdi-seed-count", "tj-srdi-seed", 3000),
        ("tj-srdi-sme-library-count", "tj-srdi-sme", 1000),
        ("tj-little-giant-library-count", "cn-little-giant", 150),
    ]:
        ind = reply.require(indicator, Indicator)
        assert ind.subject == tier
        assert "在库企业数" in ind.name.zh
        assert ind.observations == ()
        assert [(t.by, t.number, t.qualifier) for t in ind.targets] == [
            (dt.date(2025, 12, 31), Decimal(target), Qualifier.AT_LEAST)
        ]
    assert reply.require("tj-little-giant-count", Indicator).jurisdiction == "tj"


@pytest.mark.parametrize(
    ("library", "recognised", "count"),
    [
        ("tj-srdi-sme-library-count", "tj-srdi-sme-count", 268),
        ("tj-little-giant-library-count", "tj-little-giant-count", 35),
    ],
)
def test_progress_does_not_count_recognised_enterprises_as_in_the_library(
    reply: smeeco.Ecosystem, library: str, recognised: str, count: int
) -> None:
    toward = smeeco.indicator_progress(reply, library, as_of=DREPLY)
    assert (toward.observed, toward.ratio, toward.reached) == (None, None, None)
    assert toward.target is not None
    assert toward.note.startswith(f"{library} has no observation dated on or before 2021-03-22.")
    assert recognised in toward.note
    counted = smeeco.indicator_progress(reply, recognised, as_of=DREPLY)
    assert counted.observed is not None
    assert counted.observed.number == count
    assert (counted.target, counted.ratio) == (None, None)
    assert counted.note.startswith(f"{recognised} has no target in view on 2021-03-22.")
    assert library in counted.note
    assert reply.require(recognised, Indicator).related == (library,)


def test_reply_next_steps_state_no_units(reply: smeeco.Ecosystem) -> None:
    steps = _measures(reply, "tj-2021-reply")
    assert [m.name.zh for m in steps] == [
        "进一步提升政策效能",
        "进一步优化发展环境",
        "进一步提升质量效益",
        "进一步提升载体功能",
        "进一步推动金融助企",
        "进一步开拓市场、提升影响力",
    ]
    text = _fixture("tj-2021-reply")
    for step in steps:
        assert step.responsibility_stated is False
        assert step.responsibilities == ()
        assert step.section == 2
        assert step.text in text


def test_reply_platforms_and_enterprises(reply: smeeco.Ecosystem) -> None:
    assert reply["tj-sme-service-network"].platform_kind.value == "network"
    assert "1+16+N" in reply["tj-sme-service-network"].name.zh
    names = {e.name.zh for e in reply.enterprises}
    assert names == {"大港油田", "津荣天宇", "吉诺科技"}
    for enterprise in reply.enterprises:  # nothing invented about them
        assert enterprise.credit_code is None
        assert enterprise.employees is None
        assert enterprise.revenue is None
    kinds = {
        reply[p].platform_kind.value
        for p in ("tj-saixiang-mro-platform", "tj-cosmoplat-cycling-platform")
    }
    assert kinds == {"industrial_internet"}


# ------------------------------------------------------------------------- national ladder


def test_national_ladder_and_dated_criteria(everything: smeeco.Ecosystem) -> None:
    ladder = everything.require("cn-quality-sme-ladder", TierLadder)
    assert ladder.tiers == ("cn-innovative-sme", "cn-srdi-sme", "cn-little-giant")
    for tier_id in ladder.tiers:
        tier = everything.require(tier_id, Tier)
        assert tier.validity_years == 3
        old = tier.criteria_on(dt.date(2026, 1, 16))
        new = tier.criteria_on(dt.date(2026, 1, 17))
        assert old is not None
        assert "〔2022〕63号" in old.citation
        assert new is not None
        assert "〔2026〕2号" in new.citation
        assert "not verified" in new.summary
    assert everything.require("cn-little-giant", Tier).level is not None


def test_national_interview(everything: smeeco.Ecosystem) -> None:
    growth = everything.require("cn-industrial-sme-value-added-growth", Indicator)
    assert [(o.date, o.number) for o in growth.observations] == [
        (dt.date(2024, 5, 31), Decimal("7.5"))
    ]
    institutions = everything.require("cn-sme-public-service-institutions", Indicator)
    assert [(o.number, o.qualifier) for o in institutions.observations] == [
        (1700, Qualifier.MORE_THAN)
    ]
    m01 = everything.require("cn-2024-miit.m01", Measure)
    assert m01.name.zh == "“一起益企”中小企业服务行动"
    assert m01.lead == "cn-miit"
    m04 = everything.require("cn-2024-miit.m04", Measure)
    assert "cn-csrc" in m04.units
    m06 = everything.require("cn-2024-miit.m06", Measure)
    assert set(m06.units) == {"cn-miit", "cn-mof"}


# ------------------------------------------------------------------------- Qingdao


def test_qingdao_131_pyramid(everything: smeeco.Ecosystem) -> None:
    ladder = everything.require("qd-131-pyramid", TierLadder)
    assert ladder.shape == "pyramid"
    assert [everything[t].name.zh for t in ladder.tiers] == [
        "“专精特新”产品(技术)",
        "“专精特新”示范企业",
        "“专精特新”隐形冠军",
    ]
    assert everything.require("qd-srdi-product", Tier).unit == "product"
    assert [stage.zh for stage in ladder.pipeline] == [
        "发现一批",
        "储备一批",
        "培育一批",
        "认定一批",
        "扶持一批",
    ]
    for indicator, observed, target in [
        ("qd-srdi-products", 798, 1000),
        ("qd-srdi-demo-enterprises", 200, 300),
        ("qd-hidden-champions", 20, 100),
    ]:
        ind = everything.require(indicator, Indicator)
        assert [(o.date, o.number) for o in ind.observations] == [(dt.date(2016, 12, 31), observed)]
        assert [(t.by, t.number) for t in ind.targets] == [(dt.date(2020, 12, 31), target)]
    for indicator, lower in [
        ("qd-new-srdi-products-2017", 80),
        ("qd-new-srdi-demo-enterprises-2017", 25),
        ("qd-new-hidden-champions-2017", 15),
    ]:
        (target,) = everything.require(indicator, Indicator).targets
        assert (target.by, target.number, target.qualifier) == (
            dt.date(2017, 12, 31),
            lower,
            Qualifier.AT_LEAST,
        )
        assert "~" in target.note


def test_qingdao_funds(everything: smeeco.Ecosystem) -> None:
    compensation = everything.require("qd-credit-insurance-compensation", Fund)
    assert compensation.compensation_rate == Decimal("0.3")
    for fund_id in ("qd-bridge-loan-fund", "qd-industrial-upgrade-fund"):
        fund = everything.require(fund_id, Fund)
        assert fund.size is None  # the 10亿元 is for both together
        assert "10亿元" in fund.notes
    combined = everything.require("qd-guidance-funds-combined-size", Indicator)
    assert combined.observations[0].value == Money.parse("10亿元")
    assert set(combined.related) == {"qd-bridge-loan-fund", "qd-industrial-upgrade-fund"}


def test_qingdao_names_are_simplified_with_traditional_aliases(
    everything: smeeco.Ecosystem,
) -> None:
    eitc = everything.resolve("市經信委", "agency")
    assert eitc.name.zh == "青岛市经济和信息化委员会"
    assert everything.resolve("浦發銀行", "agency").id == "spdb"
    stats = everything.require("qd-industrial-smes-above-size", Indicator)
    assert stats.observations[0].number == 4729


# ------------------------------------------------------------------------- Tianjin 2018


def test_tianjin_2018_figures(everything: smeeco.Ecosystem) -> None:
    for indicator, date, value in [
        ("tj-smes-2017", dt.date(2017, 11, 30), 438_500),
        ("tj-tech-enterprises-2017", dt.date(2017, 11, 30), 91_600),
        ("tj-small-giants-2017", dt.date(2017, 11, 30), 3_510),
        ("tj-municipal-demo-bases-2017", dt.date(2018, 1, 4), 98),
        ("tj-makerspaces-2017", dt.date(2018, 1, 4), 154),
        ("tj-platform-support-2017", dt.date(2018, 1, 4), 18_580_000),
        ("tj-network-registered-agencies", dt.date(2017, 11, 30), 246),
    ]:
        (obs,) = everything.require(indicator, Indicator).observations
        assert (obs.date, obs.number) == (date, value), indicator
    fund = everything.require("tj-sme-transformation-funds", Fund)
    assert (fund.annual_budget, fund.size) == (Money.parse("3亿元"), Money.parse("12亿元"))
    (target,) = everything.require("tj-smes-transformed-by-2020", Indicator).targets
    assert (target.by, target.number) == (dt.date(2020, 12, 31), 12_000)
    bureau = everything["tj-sme-promotion-bureau"]
    assert bureau.name.zh == ""  # not verified, so not given


# ------------------------------------------------------------------------- wording (issue 11)

RENDERING = "specialised and sophisticated"


def test_one_english_rendering_of_zhuanjingtexin(everything: smeeco.Ecosystem) -> None:
    wrong = []
    for record in everything.records():
        name = getattr(record, "name", None)
        if name is None or not name.en:
            continue
        other = any(word in name.en for word in ("专精特新", "refined, distinctive", "SRDI"))
        untranslated = "专精特新" in name.zh or "專精特新" in name.zh
        if other or (untranslated and RENDERING not in name.en.lower()):
            wrong.append((record.id, name.en))
    assert wrong == []
    for page in (Path(__file__).parents[1] / "docs" / "datasets").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "refined, distinctive" not in text, page.name
        assert "SRDI" not in text, page.name


ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:cn|com|org|net)\b")
PROVENANCE = re.compile(
    r"standard name|public code|code list|name after|appears as|found with the search", re.I
)


def test_notes_that_say_where_a_fact_comes_from_cite_it_or_say_unverified(
    everything: smeeco.Ecosystem,
) -> None:
    wrong = []
    for record in everything.records():
        for claim in re.split(r"(?<=[.;])\s+", record.notes):
            if PROVENANCE.search(claim) and not (
                ADDRESS.search(claim) or "not verified" in claim or "DOMAIN.md" in claim
            ):
                wrong.append((record.id, claim))
    assert wrong == []
