"""Every query helper on the example pack, asserting what the answers mean."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import smeeco
import smeeco.queries
from smeeco import Ecosystem, Measure, Name, Responsibility, Role, UnknownReferenceError

M1, M2, M3 = (f"ex-2022-measures.m0{i}" for i in (1, 2, 3))

#: Every query function, so a new one without a test here fails test_every_query_is_tested.
TESTED = {
    "agency_metrics",
    "beneficiaries_of",
    "coresponsibility_graph",
    "enterprises_in_tier",
    "expand_collective",
    "find_measure",  # tests/test_find_measure.py
    "funds_in",
    "indicator_progress",
    "indicators_for",
    "is_lead",
    "jurisdictions_within",
    "ladders_of",
    "lead_unit",
    "measures_for",
    "measures_for_tier",
    "measures_led_by",
    "measures_of",
    "measures_supported_by",
    "measures_without_lead",
    "network_members",
    "next_tier",
    "number_of_measures",
    "platforms_in",
    "responsibility_matrix",
    "responsible_units",
    "tier_path",
    "tiers_of",
}


def _ids(records: tuple[smeeco.Record, ...]) -> list[str]:
    return [r.id for r in records]


def test_every_query_is_tested() -> None:
    functions = {n for n in smeeco.queries.__all__ if callable(getattr(smeeco.queries, n))}
    functions -= {"AgencyMetrics", "ResponsibilityMatrix"}
    assert functions == TESTED


# ----------------------------------------------------------------------------- responsibility


def test_responsible_units_in_stated_order_with_roles(example: Ecosystem) -> None:
    units = smeeco.responsible_units(example, M1)
    assert [(r.unit, r.role, r.explicit) for r in units] == [
        ("ex-finance", Role.LEAD, False),
        ("ex-miit", Role.SUPPORT, False),
        ("ex-districts", Role.SUPPORT, False),
    ]
    assert smeeco.responsible_units(example, "精准服务税务办理")[0].explicit  # by title


def test_who_leads(example: Ecosystem) -> None:
    assert smeeco.lead_unit(example, M1) == "ex-finance"
    assert smeeco.lead_unit(example, M3) == "ex-old-regulator"
    assert smeeco.is_lead(example, "示例市工信局", M2)  # an alias names the agency
    assert not smeeco.is_lead(example, "ex-miit", M1)  # it supports m01
    with pytest.raises(UnknownReferenceError, match=r"'ex-2022-measures\.m01' is a measure"):
        smeeco.is_lead(example, M1, M1)


def test_the_lead_passes_to_the_successor_after_the_reform(example: Ecosystem) -> None:
    assert smeeco.lead_unit(example, M3, as_of="2023-07-19") == "ex-old-regulator"
    assert smeeco.lead_unit(example, M3, as_of="2023-07-20") == "ex-new-regulator"
    (lead, _support) = smeeco.responsible_units(example, M3, as_of="2024-01-01")
    assert lead.named_as == "ex-old-regulator"
    assert smeeco.is_lead(example, "ex-new-regulator", M3, as_of="2024-01-01")
    assert not smeeco.is_lead(example, "ex-new-regulator", M3)
    assert _ids(smeeco.measures_led_by(example, "ex-new-regulator", as_of="2024-01-01")) == [M3]
    with pytest.raises(UnknownReferenceError):  # no longer exists on that day
        smeeco.measures_led_by(example, "ex-old-regulator", as_of="2024-01-01")


def test_measures_of_a_unit(example: Ecosystem) -> None:
    assert _ids(smeeco.measures_led_by(example, "示例市财政局")) == [M1]
    assert _ids(smeeco.measures_supported_by(example, "ex-finance")) == [M3]
    assert _ids(smeeco.measures_of(example, "ex-finance")) == [M1, M3]  # document, ordinal
    assert _ids(smeeco.measures_of(example, "ex-miit", role="lead")) == [M2]
    assert _ids(smeeco.measures_of(example, "ex-miit", document="ex-2022-measures")) == [M1, M2]
    assert smeeco.number_of_measures(example, "ex-miit") == 2
    assert smeeco.number_of_measures(example, "ex-miit", role=Role.SUPPORT) == 1
    assert smeeco.number_of_measures(example, "ex-new-regulator") == 0
    # before the document was issued there is nothing to do
    assert smeeco.measures_of(example, "ex-finance", as_of="2022-06-17") == ()


def test_units_answer_for_their_collectives(example: Ecosystem) -> None:
    assert smeeco.measures_of(example, "ex-north-district") == ()
    assert _ids(smeeco.measures_of(example, "ex-north-district", via_collectives=True)) == [M1]
    assert _ids(smeeco.expand_collective(example, "各区人民政府")) == ["ex-north-district"]
    assert _ids(smeeco.expand_collective(example, "ex-miit")) == ["ex-miit"]


def test_nested_collectives_expand_recursively() -> None:
    eco = smeeco.load("example")
    eco.add(
        smeeco.Agency(id="ex-south", name=Name("南区"), agency_kind="government"),
        smeeco.Agency(
            id="ex-all",
            name=Name("全体"),
            collective=True,
            members=["ex-districts", "ex-south", "ex-north-district"],
        ),
    )
    # breadth first, each member once: direct members, then members of member collectives
    assert _ids(smeeco.expand_collective(eco, "ex-all")) == ["ex-south", "ex-north-district"]


def test_measures_without_lead() -> None:
    eco = smeeco.load("example")
    assert smeeco.measures_without_lead(eco) == ()
    eco.add(
        Measure(
            id="ex-2022-measures.m04",
            name=Name("无责任单位"),
            document="ex-2022-measures",
            ordinal=4,
            responsibility_stated=False,
        ),
        Measure(
            id="ex-2022-measures.m05",
            name=Name("只有配合"),
            document="ex-2022-measures",
            ordinal=5,
            responsibilities=Responsibility.from_roles([], ["ex-miit"]),
        ),
    )
    found = smeeco.measures_without_lead(eco, document="ex-2022-measures")
    assert _ids(found) == ["ex-2022-measures.m04", "ex-2022-measures.m05"]


def test_responsibility_matrix(example: Ecosystem) -> None:
    matrix = smeeco.responsibility_matrix(example, "ex-2022-measures")
    assert _ids(matrix.measures) == [M1, M2, M3]
    # units by first appearance, reading the measures in order
    assert _ids(matrix.units) == ["ex-finance", "ex-miit", "ex-districts", "ex-old-regulator"]
    assert matrix.role(M1, "ex-finance") is Role.LEAD
    assert matrix.role(M2, "ex-finance") is None
    assert matrix.cell(M2, "ex-finance") is None
    assert matrix.cell(M2, "ex-miit") == Responsibility("ex-miit", "lead", explicit=True)
    assert matrix.column_counts()["ex-finance"] == {Role.LEAD: 1, Role.SUPPORT: 1}
    rows = matrix.rows()
    assert rows[0][:2] == ["序号", "措施"]
    assert rows[0][2] == "示例市财政局"
    assert rows[2] == ["(二)", "精准服务税务办理", "", "牵头", "", ""]  # explicit: no star
    assert matrix.rows(lang="en")[1][2:] == ["L*", "S*", "S*", ""]
    after = smeeco.responsibility_matrix(example, "ex-2022-measures", as_of="2024-01-01")
    assert after.units[-1].id == "ex-new-regulator"
    assert after.cell(M3, "ex-new-regulator").named_as == "ex-old-regulator"  # type: ignore[union-attr]


def test_coresponsibility_graph(example: Ecosystem) -> None:
    g = smeeco.coresponsibility_graph(example)
    assert sorted(g.edges) == [
        ("ex-districts", "ex-finance"),
        ("ex-districts", "ex-miit"),
        ("ex-finance", "ex-miit"),
        ("ex-finance", "ex-old-regulator"),
    ]
    assert g.edges["ex-finance", "ex-old-regulator"] == {"weight": 1, "measures": M3}
    assert g.nodes["ex-finance"]["measures"] == 2
    assert g.nodes["ex-finance"]["leads"] == 1
    assert g.nodes["ex-districts"]["collective"] is True
    shared = smeeco.load("example")
    shared.add(
        Measure(
            id="ex-2022-measures.m04",
            name=Name("再合作"),
            document="ex-2022-measures",
            ordinal=4,
            responsibilities=Responsibility.from_listing(["ex-miit", "ex-finance"]),
        )
    )
    edge = smeeco.coresponsibility_graph(shared).edges["ex-finance", "ex-miit"]
    assert edge == {"weight": 2, "measures": f"{M1}|ex-2022-measures.m04"}


def test_agency_metrics(example: Ecosystem) -> None:
    metrics = smeeco.agency_metrics(example)
    assert list(metrics) == ["ex-finance", "ex-miit", "ex-districts", "ex-old-regulator"]
    finance = metrics["ex-finance"]
    assert (finance.measures, finance.leads, finance.supports) == (2, 1, 1)
    assert finance.share_led == pytest.approx(1 / 3)
    assert (finance.degree, finance.weighted_degree) == (3, 3)
    # finance alone links the regulator to the rest: 2 of the 3 pairs it is not part of
    assert finance.betweenness == pytest.approx(float(Fraction(2, 3)))
    assert metrics["ex-miit"].betweenness == 0
    assert metrics["ex-old-regulator"].degree == 1
    later = smeeco.agency_metrics(example, as_of="2024-01-01")
    assert "ex-new-regulator" in later
    assert "ex-old-regulator" not in later


# ----------------------------------------------------------------------------- beneficiaries, tiers


def test_beneficiaries_and_measures_for_them(example: Ecosystem) -> None:
    assert _ids(smeeco.beneficiaries_of(example, M1)) == ["ex-srdi-smes"]
    assert _ids(smeeco.measures_for(example, "小微企业")) == [M2, M3]
    assert _ids(smeeco.measures_for(example, "ex-smes")) == []
    assert _ids(smeeco.measures_for_tier(example, "ex-srdi")) == [M1]
    assert _ids(smeeco.measures_for_tier(example, "ex-giant")) == []


def test_measures_for_broader_groups_reach_narrower_ones() -> None:
    eco = smeeco.load("example")
    eco.add(
        Measure(
            id="ex-2022-measures.m04",
            name=Name("普惠措施"),
            document="ex-2022-measures",
            ordinal=4,
            beneficiaries=["ex-smes"],
        )
    )
    assert _ids(smeeco.measures_for(eco, "ex-small-micro")) == [M2, M3]
    assert _ids(smeeco.measures_for(eco, "ex-small-micro", inherit=True)) == [
        M2,
        M3,
        "ex-2022-measures.m04",
    ]
    assert _ids(smeeco.measures_for(eco, "ex-smes", inherit=True)) == ["ex-2022-measures.m04"]


def test_ladders_and_tier_paths(example: Ecosystem) -> None:
    assert _ids(smeeco.ladders_of(example, "ex-srdi")) == ["ex-srdi-ladder"]
    assert _ids(smeeco.tier_path(example, "ex-seed")) == ["ex-seed", "ex-srdi", "ex-giant"]
    assert _ids(smeeco.tier_path(example, "ex-giant")) == ["ex-giant"]
    assert smeeco.next_tier(example, "专精特新种子企业").id == "ex-srdi"  # type: ignore[union-attr]
    assert smeeco.next_tier(example, "ex-giant") is None
    eco = smeeco.load("example")
    eco.add(smeeco.Tier(id="ex-lonely", name=Name("孤立层级")))
    assert _ids(smeeco.tier_path(eco, "ex-lonely")) == ["ex-lonely"]
    with pytest.raises(KeyError, match="not on ladder"):
        smeeco.tier_path(eco, "ex-lonely", ladder="ex-srdi-ladder")


def test_enterprises_and_their_tiers_over_time(example: Ecosystem) -> None:
    assert _ids(smeeco.enterprises_in_tier(example, "ex-seed")) == ["ex-acme"]
    assert _ids(smeeco.enterprises_in_tier(example, "ex-seed", as_of="2023-02-28")) == ["ex-acme"]
    assert _ids(smeeco.enterprises_in_tier(example, "ex-seed", as_of="2023-03-01")) == []
    assert _ids(smeeco.tiers_of(example, "ex-acme")) == ["ex-seed", "ex-srdi"]
    assert _ids(smeeco.tiers_of(example, "ex-acme", as_of="2022-01-01")) == ["ex-seed"]
    assert _ids(smeeco.tiers_of(example, "ex-acme", as_of="2024-01-01")) == ["ex-srdi"]
    assert _ids(smeeco.tiers_of(example, "ex-acme", as_of="2019-01-01")) == []


# ----------------------------------------------------------------------------- places


def test_jurisdictions_within(example: Ecosystem) -> None:
    assert smeeco.jurisdictions_within(example, "示例国") == ("ex-country", "ex-city")
    assert smeeco.jurisdictions_within(example, "ex-city") == ("ex-city",)


def test_platforms_in(example: Ecosystem) -> None:
    assert _ids(smeeco.platforms_in(example)) == ["ex-network", "ex-hub", "ex-north-window"]
    assert _ids(smeeco.platforms_in(example, "ex-country")) == ["ex-network"]  # within
    assert _ids(smeeco.platforms_in(example, "ex-country", within=False)) == []
    assert _ids(smeeco.platforms_in(example, level="district")) == ["ex-north-window"]
    assert _ids(smeeco.platforms_in(example, kind="public_service", level="municipal")) == [
        "ex-hub"
    ]
    with pytest.raises(ValueError, match="not a valid"):
        smeeco.platforms_in(example, kind="launchpad")


def test_network_members_hub_first(example: Ecosystem) -> None:
    members = smeeco.network_members(example, "ex-network")
    assert _ids(members) == ["ex-hub", "ex-north-window"]
    assert [p.network_role.value for p in members] == ["hub", "window"]  # type: ignore[union-attr]


def test_network_members_order_does_not_follow_insertion() -> None:
    eco = smeeco.load("example")
    eco.add(
        smeeco.Platform(
            id="ex-node", name=Name("节点"), platform_kind="incubator", network="ex-network"
        ),
        smeeco.Platform(
            id="ex-hub-2",
            name=Name("第二枢纽"),
            platform_kind="public_service",
            network="ex-network",
            network_role="hub",
        ),
    )
    assert _ids(smeeco.network_members(eco, "ex-network")) == [
        "ex-hub",
        "ex-hub-2",
        "ex-north-window",
        "ex-node",
    ]


def test_funds_in(example: Ecosystem) -> None:
    assert _ids(smeeco.funds_in(example, "ex-city")) == ["ex-special-fund", "ex-guarantee-fund"]
    assert _ids(smeeco.funds_in(example, level="national")) == ["ex-national-guarantee-fund"]
    assert _ids(smeeco.funds_in(example, kind="guarantee_fund")) == [
        "ex-national-guarantee-fund",
        "ex-guarantee-fund",
    ]
    assert _ids(smeeco.funds_in(example, "ex-country", kind="special_fund")) == ["ex-special-fund"]
    assert _ids(smeeco.funds_in(example, "ex-country", within=False)) == []


# ----------------------------------------------------------------------------- indicators


def test_indicators_for(example: Ecosystem) -> None:
    assert _ids(smeeco.indicators_for(example, "ex-guarantee-fund")) == ["ex-guaranteed-loans"]
    assert _ids(smeeco.indicators_for(example, example["ex-srdi"])) == ["ex-srdi-count"]
    assert smeeco.indicators_for(example, "ex-miit") == ()


def test_indicator_progress_as_of(example: Ecosystem) -> None:
    assert smeeco.indicator_progress(example, "ex-srdi-count", as_of="2022-01-01").ratio == (
        Decimal("0.4")
    )
    later = smeeco.indicator_progress(example, "ex-srdi-count", as_of="2023-01-01")
    assert later.ratio == Decimal("0.6")
    assert later.reached is False
    assert later.observed is not None
    assert later.observed.qualifier.value == "about"
    # the 30亿元 target was set on 2022-06-18: not in view before
    early = smeeco.indicator_progress(example, "ex-guaranteed-loans", as_of="2022-01-01")
    assert early.target is None
    assert early.ratio is None
    loans = smeeco.indicator_progress(example, "融资担保贷款余额", as_of="2023-01-01")
    assert loans.ratio == Decimal("0.5")
    assert smeeco.indicator_progress(example, "ex-guaranteed-loans").ratio == Decimal("0.5")
