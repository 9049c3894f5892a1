"""Records own their rules: ``check`` / ``at`` / ``why_absent`` hooks, loops refused.

A downstream kind brings its own cross-record rule and its own validity, and the
ecosystem applies them exactly as it applies the built-in kinds' rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs
import pytest

import smeeco
from smeeco import (
    Agency,
    BeneficiaryGroup,
    Ecosystem,
    Fund,
    Jurisdiction,
    Name,
    Platform,
    Problem,
    Record,
    Reference,
    Tier,
    TierLadder,
    ref,
)
from smeeco.model.context import CheckContext, DateContext

# --- a downstream kind with its own rules ---------------------------------------------


@attrs.frozen(kw_only=True)
class Campaign(Record):
    """A campaign run by an agency; it needs a unique code and lives only while its agency does."""

    kind: ClassVar[str] = "campaign"

    run_by: str
    code: str

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        yield ref("run_by", self.run_by, "agency", relation="runs", reverse=True)

    def check(self, context: CheckContext) -> Iterator[Problem]:
        holder = context.claim(("campaign-code", self.code), self.id)
        if holder is not None:
            yield smeeco.DuplicateIdError(f"code {self.code!r} is taken by {holder!r}", "code")
        agency = context.get(self.run_by)
        if isinstance(agency, Agency) and agency.collective:
            yield smeeco.InvalidValueError("a collective unit cannot run a campaign", "run_by")

    def at(self, day: dt.date, context: DateContext) -> Campaign | None:
        if not self.in_force(day) or not context.in_force(self.run_by, day):
            return None
        return self

    def why_absent(self, day: dt.date, context: DateContext) -> str:
        if not context.in_force(self.run_by, day):
            return f"campaign {self.id!r} ends with its agency {self.run_by!r}"
        return super().why_absent(day, context)


registry = smeeco.default_registry.copy()
registry.register_kind(Campaign, collection="campaigns")
registry.register_relation("runs", "agency runs campaign")


def _agencies() -> list[Record]:
    return [
        Agency(
            id="old",
            name=Name("旧局"),
            valid=smeeco.Period(dt.date(2010, 1, 1), dt.date(2020, 12, 31)),
        ),
        Agency(id="group", name=Name("各区"), collective=True),
    ]


def test_a_downstream_kind_is_validated_by_its_own_rules() -> None:
    records = [
        *_agencies(),
        Campaign(id="c1", name=Name("行动一"), run_by="old", code="A"),
        Campaign(id="c2", name=Name("行动二"), run_by="group", code="A"),
    ]
    with pytest.raises(smeeco.ValidationError) as info:
        Ecosystem(records, registry=registry)
    assert [str(p) for p in info.value.exceptions] == [
        "campaigns[1].code: code 'A' is taken by 'c1'",
        "campaigns[1].run_by: a collective unit cannot run a campaign",
    ]


def test_a_claim_lasts_across_adds() -> None:
    eco = Ecosystem(
        [*_agencies(), Campaign(id="c1", name=Name("一"), run_by="old", code="A")],
        registry=registry,
    )
    with pytest.raises(smeeco.ValidationError) as info:
        eco.add(Campaign(id="c2", name=Name("二"), run_by="old", code="A"))
    assert [str(p) for p in info.value.exceptions] == [
        "campaigns[1].code: code 'A' is taken by 'c1'"
    ]
    assert len(eco) == 3


def test_a_downstream_kind_is_dated_by_its_own_rule() -> None:
    eco = Ecosystem(
        [*_agencies(), Campaign(id="c1", name=Name("一"), run_by="old", code="A")],
        registry=registry,
    )
    assert "c1" in eco.at("2015-01-01")
    assert "c1" not in eco.at("2022-01-01")
    assert eco.in_force("c1", "2015-01-01")
    assert eco.why_not_in_force(eco["c1"], "2022-01-01") == (
        "campaign 'c1' ends with its agency 'old'"
    )
    with pytest.raises(smeeco.NotInForceError, match="ends with its agency 'old'"):
        eco.at("2022-01-01").resolve("c1")


# --- loops ---------------------------------------------------------------------------


def _loops() -> list[Record]:
    day = smeeco.Period(dt.date(2000, 1, 1), dt.date(2001, 1, 1))
    return [
        Jurisdiction(id="j-a", name=Name("甲市"), level="municipal", parent="j-b"),
        Jurisdiction(id="j-b", name=Name("乙市"), level="municipal", parent="j-a"),
        Agency(id="a-self", name=Name("自局"), parent="a-self"),
        Agency(id="a-x", name=Name("甲局"), parent="a-y"),
        Agency(id="a-y", name=Name("乙局"), parent="a-z"),
        Agency(id="a-z", name=Name("丙局"), parent="a-x"),
        Agency(id="g-1", name=Name("组一"), collective=True, members=("g-2",)),
        Agency(id="g-2", name=Name("组二"), collective=True, members=("a-self", "g-1")),
        Agency(id="s-1", name=Name("前局"), valid=day, successors=("s-2",)),
        Agency(id="s-2", name=Name("后局"), valid=day, successors=("s-1",)),
        BeneficiaryGroup(id="b-1", name=Name("小微企业"), broader=("b-2",)),
        BeneficiaryGroup(id="b-2", name=Name("中小企业"), broader=("b-1",)),
        Fund(id="f-1", name=Name("母基金"), parent="f-1"),
        Platform(id="p-1", name=Name("网络甲"), platform_kind="network", network="p-2"),
        Platform(id="p-2", name=Name("网络乙"), platform_kind="network", network="p-1"),
        Tier(id="t-seed", name=Name("创新型中小企业")),
        Tier(id="t-srdi", name=Name("专精特新中小企业")),
        Tier(id="t-giant", name=Name("专精特新小巨人")),
        TierLadder(id="l-1", name=Name("梯度一"), tiers=("t-seed", "t-srdi", "t-giant")),
        TierLadder(id="l-2", name=Name("梯度二"), tiers=("t-giant", "t-seed")),
    ]


def test_every_loop_is_reported_at_once_with_its_path_spelled_out() -> None:
    with pytest.raises(smeeco.ValidationError) as info:
        Ecosystem(_loops())
    problems = sorted(str(p) for p in info.value.exceptions)
    assert problems == sorted(
        [
            "jurisdictions[0].parent: jurisdiction parent links go round in a loop:"
            " j-a → j-b → j-a; a jurisdiction cannot lie within itself — remove one of the"
            " links",
            "agencies[0].parent: agency parent links go round in a loop: a-self → a-self;"
            " an agency cannot be part of itself — remove one of the links",
            "agencies[1].parent: agency parent links go round in a loop:"
            " a-x → a-y → a-z → a-x; an agency cannot be part of itself — remove one of the"
            " links",
            "agencies[4].members: agency members links go round in a loop: g-1 → g-2 → g-1;"
            " a collective cannot contain itself — remove one of the links",
            "agencies[6].successors: agency successors links go round in a loop:"
            " s-1 → s-2 → s-1; an agency cannot be succeeded by a unit it succeeded — remove"
            " one of the links",
            "beneficiaries[0].broader: beneficiary broader links go round in a loop:"
            " b-1 → b-2 → b-1; a group cannot be part of itself — remove one of the links",
            "funds[0].parent: fund parent links go round in a loop: f-1 → f-1; a fund cannot"
            " be its own sub-fund — remove one of the links",
            "platforms[0].network: platform network links go round in a loop:"
            " p-1 → p-2 → p-1; a network cannot be a member of itself — remove one of the"
            " links",
            "ladders[0].tiers[1]: ladder 'l-1' puts 't-srdi' above 't-seed', but 'l-2'"
            " climbs back from 't-srdi' to 't-seed': t-seed → t-srdi → t-giant → t-seed;"
            " tiers must keep one order on every ladder",
        ]
    )


def test_a_loop_is_reported_once_whatever_the_order_of_adding() -> None:
    records = _loops()
    forward = {str(p).split(":", 1)[1] for p in _problems(records)}
    backward = {str(p).split(":", 1)[1] for p in _problems(records[::-1])}
    assert forward == backward
    assert len(_problems(records)) == 9


def test_consistent_ladders_and_trees_pass() -> None:
    eco = Ecosystem(
        [
            Tier(id="t1", name=Name("一")),
            Tier(id="t2", name=Name("二")),
            Tier(id="t3", name=Name("三")),
            TierLadder(id="l1", name=Name("甲"), tiers=("t1", "t2", "t3")),
            TierLadder(id="l2", name=Name("乙"), tiers=("t1", "t3")),
            Agency(id="root", name=Name("市政府")),
            Agency(id="leaf", name=Name("市局"), parent="root"),
        ]
    )
    assert eco.validate() == ()


def _problems(records: list[Record]) -> tuple[BaseException, ...]:
    with pytest.raises(smeeco.ValidationError) as info:
        Ecosystem(records)
    return info.value.exceptions
