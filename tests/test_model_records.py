"""Record types: credit codes, risk sharing, indicators, measures, tiers and their rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from smeeco import (
    CreditCodeError,
    CriteriaVersion,
    Enterprise,
    Indicator,
    InvalidValueError,
    Measure,
    Money,
    Name,
    Observation,
    Period,
    PolicyDocument,
    Responsibility,
    RiskSharing,
    Role,
    Section,
    Share,
    Target,
    Tier,
    TierLadder,
    TierMembership,
    UnitError,
    is_valid_credit_code,
)
from smeeco.model.enterprise import (
    CREDIT_CODE_ALPHABET,
    check_credit_code,
    credit_code_check_char,
)
from smeeco.model.fund import parse_share
from strategies import credit_codes, fen_amounts, risk_sharings

# ----------------------------------------------------------------------------- credit codes

KNOWN_VALID = "91350100M000100Y43"


def test_known_valid_credit_code() -> None:
    assert is_valid_credit_code(KNOWN_VALID)
    assert check_credit_code(KNOWN_VALID) == KNOWN_VALID
    assert credit_code_check_char(KNOWN_VALID[:17]) == "3"
    assert not is_valid_credit_code(KNOWN_VALID[:17] + "4")


@given(credit_codes())
def test_appending_the_check_char_validates(code: str) -> None:
    assert is_valid_credit_code(code)


@given(credit_codes(), st.integers(0, 17), st.sampled_from(CREDIT_CODE_ALPHABET))
def test_changing_any_one_char_invalidates(code: str, where: int, char: str) -> None:
    # The weights are powers of 3 modulo the prime 31, none of them 0: one changed
    # character always changes the weighted sum modulo 31, so always the check character.
    assume(code[where] != char)
    changed = code[:where] + char + code[where + 1 :]
    assert not is_valid_credit_code(changed)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("91350100M000100Y4", "18 characters"),
        ("91350100M000100Y433", "18 characters"),
        ("91AB0100M000100Y43", "division code"),
        ("91350100M000100I43", "does not use"),  # I is not in the alphabet
        ("91350100m000100Y43", "does not use"),  # nor lower case
        ("91350100M000100Y44", "check digit"),
        (None, "18 characters"),
    ],
)
def test_bad_credit_codes(code: str, words: str) -> None:
    with pytest.raises(CreditCodeError, match=words):
        check_credit_code(code)
    assert not is_valid_credit_code(code)


def test_enterprise_credit_code_error_has_its_path() -> None:
    with pytest.raises(CreditCodeError) as info:
        Enterprise(id="e", name=Name("企业"), credit_code="91350100M000100Y44")
    assert info.value.path == "credit_code"
    assert "'3'" in info.value.message  # says what the check character should be


def test_memberships_are_dated() -> None:
    m = TierMembership("srdi", awarded="2022-09-01", expires="2025-08-31", revoked="2024-01-01")
    assert not m.active_on(dt.date(2022, 8, 31))
    assert m.active_on(dt.date(2022, 9, 1))
    assert m.active_on(dt.date(2023, 12, 31))
    assert not m.active_on(dt.date(2024, 1, 1))  # revoked that day
    assert TierMembership("t", expires="2025-08-31").active_on(dt.date(2025, 8, 31))
    with pytest.raises(InvalidValueError, match="before it was awarded") as info:
        TierMembership("t", awarded="2022-01-01", expires="2021-01-01")
    assert info.value.path == "expires"


# ----------------------------------------------------------------------------- shares


def test_parse_share_forms() -> None:
    assert parse_share("20%") == parse_share("1/5") == parse_share(0.2) == Decimal("0.2")
    assert parse_share("20％") == Decimal("0.2")  # full-width per cent sign
    assert parse_share(Fraction(1, 4)) == Decimal("0.25")
    assert str(parse_share("20%")) == "0.2"  # one spelling
    for bad in ("120%", "-0.1", "abc", "1/0", True, None):
        with pytest.raises(InvalidValueError):
            parse_share(bad)


def test_risk_sharing_2_2_4_2() -> None:
    rs = RiskSharing.from_ratio("2：2：4：2", ["national", "province", "guarantor", "bank"])
    assert [s.share for s in rs.shares] == [Decimal("0.2")] * 2 + [Decimal("0.4"), Decimal("0.2")]
    assert rs.ratio == "2:2:4:2"
    assert rs.share_of("guarantor") == Decimal("0.4")
    assert rs.share_of("nobody") == 0
    parts = dict(rs.allocate(Money.parse("100万元")))
    assert parts == {
        "national": Money.parse("20万元"),
        "province": Money.parse("20万元"),
        "guarantor": Money.parse("40万元"),
        "bank": Money.parse("20万元"),
    }


def test_risk_sharing_must_sum_to_exactly_one() -> None:
    with pytest.raises(InvalidValueError, match=r"sum to 0\.9") as info:
        RiskSharing([Share("a", "0.2"), Share("b", "0.2"), Share("c", "0.3"), Share("d", "0.2")])
    assert info.value.path == "shares"
    with pytest.raises(InvalidValueError, match="sum to"):
        RiskSharing([Share("a", "0.5"), Share("b", "0.5000000001")])
    with pytest.raises(InvalidValueError, match="two shares"):
        RiskSharing([Share("a", "0.5"), Share("a", "0.5")])
    with pytest.raises(InvalidValueError, match="at least one"):
        RiskSharing([])


def test_ratios_without_an_exact_decimal_still_sum_to_one() -> None:
    # 1:1:1 gives thirds; the party with the largest weight takes the rounding residue
    rs = RiskSharing.from_ratio("1:1:1", ["a", "b", "c"])
    assert sum(s.share for s in rs.shares) == 1
    rs = RiskSharing.from_ratio("1:1:1:0", ["a", "b", "c", "d"])
    assert rs.share_of("d") == 0
    assert [m for _p, m in rs.allocate(Money(100))] == [
        Money("33.34"),
        Money("33.33"),
        Money("33.33"),
        Money(0),
    ]


@pytest.mark.parametrize("ratio", ["2:2:4", "a:b:c:d", "0:0:0:0", "1:-1:1:1"])
def test_bad_ratios(ratio: str) -> None:
    with pytest.raises(InvalidValueError):
        RiskSharing.from_ratio(ratio, ["a", "b", "c", "d"])


def test_allocate_needs_whole_fen() -> None:
    rs = RiskSharing.from_ratio("1:1", ["a", "b"])
    with pytest.raises(InvalidValueError, match="fen"):
        rs.allocate(Money("0.001"))
    assert rs.allocate(Money("0.01")) == (("a", Money("0.01")), ("b", Money(0)))


@given(risk_sharings(["p1", "p2", "p3", "p4", "p5"]), fen_amounts())
@settings(max_examples=100)
def test_allocate_sums_exactly_and_is_proportional(rs: RiskSharing, loss: Money) -> None:
    parts = rs.allocate(loss)
    assert [p for p, _m in parts] == [s.party for s in rs.shares]
    assert sum((m.yuan for _p, m in parts), Decimal(0)) == loss.yuan  # to the fen
    for share, (_party, amount) in zip(rs.shares, parts, strict=True):
        assert abs(amount.yuan - share.share * loss.yuan) < Decimal("0.01")  # within a fen
        assert amount.yuan == amount.yuan.quantize(Decimal("0.01"))


# ----------------------------------------------------------------------------- indicators


def _indicator(unit: str = "count", **kwargs: object) -> Indicator:
    return Indicator(id="ind", name=Name("指标"), unit=unit, **kwargs)  # type: ignore[arg-type]


def test_indicator_progress_against_the_target_in_view() -> None:
    ind = _indicator(
        observations=[Observation("2021-12-31", 120), Observation("2020-12-31", 100)],
        targets=[
            Target("2025-12-31", 300, set_on="2022-06-18"),
            Target("2022-12-31", 150),
        ],
    )
    p = ind.progress(dt.date(2022, 3, 1))
    assert p.observed is not None
    assert p.observed.value == 120
    assert p.target is not None
    assert p.target.value == 150
    assert p.ratio == Decimal("0.8")
    assert p.reached is False
    later = ind.progress(dt.date(2023, 1, 1))
    assert later.target is not None
    assert later.target.value == 300
    early = ind.progress(dt.date(2020, 6, 30))
    assert early.observed is None
    assert early.ratio is None
    assert early.reached is None
    assert ind.target_on(dt.date(2022, 1, 1)) == Target("2022-12-31", 150)  # 2025 not set yet
    final = ind.progress()
    assert final.observed is not None
    assert final.observed.value == 120
    assert final.target is not None
    assert final.target.value == 300


def test_progress_with_a_zero_target_has_no_ratio() -> None:
    ind = _indicator(observations=[Observation("2021-01-01", 5)], targets=[Target("2022-01-01", 0)])
    assert ind.progress().ratio is None
    assert ind.progress().reached is True


def test_money_in_a_count_indicator_is_a_unit_error() -> None:
    with pytest.raises(UnitError, match="is money") as info:
        _indicator(observations=[Observation("2021-12-31", "3505万元")])
    assert info.value.path == "observations[0].value"
    with pytest.raises(UnitError) as info:
        _indicator(targets=[Target("2025-12-31", 300), Target("2026-12-31", "1亿元")])
    assert info.value.path == "targets[1].value"
    money = _indicator("yuan", observations=[Observation("2021-12-31", "3505万元")])
    assert money.observations[0].number == Decimal("35050000")


def test_observation_values() -> None:
    assert Observation("2021-12-31", "1,200").value == Decimal("1200")
    assert Observation("2021-12-31", 0.1).value == Decimal("0.1")
    assert isinstance(Observation("2021-12-31", "12亿元").value, Money)
    for bad in ("lots", True, None):
        with pytest.raises(InvalidValueError):
            Observation("2021-12-31", bad)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- measures


def _measure(**kwargs: object) -> Measure:
    fields: dict[str, object] = {"id": "d.m01", "name": Name("措施"), "document": "d", "ordinal": 1}
    fields.update(kwargs)
    return Measure(**fields)  # type: ignore[arg-type]


def test_listing_makes_the_first_unit_an_inferred_lead() -> None:
    m = _measure(responsibilities=Responsibility.from_listing(["fin", "miit", "tax"]))
    assert m.lead == "fin"
    assert m.units == ("fin", "miit", "tax")
    assert [(r.role, r.explicit) for r in m.responsibilities] == [
        (Role.LEAD, False),
        (Role.SUPPORT, False),
        (Role.SUPPORT, False),
    ]


def test_stated_roles_allow_several_leads() -> None:
    m = _measure(responsibilities=Responsibility.from_roles(["miit", "fin"], ["tax"]))
    assert m.lead == "miit"
    assert all(r.explicit for r in m.responsibilities)
    assert _measure().lead is None


def test_measure_rules_name_their_paths() -> None:
    with pytest.raises(InvalidValueError, match="listed twice") as info:
        _measure(responsibilities=[Responsibility("a", "lead"), Responsibility("a", "lead")])
    assert info.value.path == "responsibilities[1].unit"
    with pytest.raises(InvalidValueError, match="inferred") as info:
        _measure(responsibilities=[Responsibility("a", "lead"), Responsibility("b", "lead")])
    assert info.value.path == "responsibilities[1].role"
    with pytest.raises(InvalidValueError, match="ordinal") as info:
        _measure(ordinal=0)
    assert info.value.path == "ordinal"
    with pytest.raises(InvalidValueError, match="responsibility_stated"):
        _measure(responsibility_stated=False, responsibilities=Responsibility.from_listing(["a"]))
    with pytest.raises(InvalidValueError, match="bad unit") as info:
        _measure(responsibilities=[Responsibility("a"), Responsibility("TJ FIN")])
    with pytest.raises(InvalidValueError, match="bad beneficiaries") as info:
        _measure(beneficiaries=["ok", "Not OK"])
    assert info.value.path == "beneficiaries[1]"


def test_a_unit_may_hold_two_roles_in_one_measure() -> None:
    m = _measure(
        responsibilities=[Responsibility("a", "lead", True), Responsibility("a", "funding")]
    )
    assert m.units == ("a", "a")


def test_documents_and_sections() -> None:
    doc = PolicyDocument(
        id="d",
        name=Name("若干措施"),
        sections=[Section(1, Name("一")), Section(3, Name("三"))],
        issued="2022-06-18",
    )
    assert doc.section(3).title == Name("三")
    with pytest.raises(KeyError):
        doc.section(2)
    with pytest.raises(InvalidValueError, match="repeat") as info:
        PolicyDocument(
            id="d", name=Name("x"), sections=[Section(1, Name("a")), Section(1, Name("b"))]
        )
    assert info.value.path == "sections[1].ordinal"
    with pytest.raises(InvalidValueError, match="before it was issued") as info:
        PolicyDocument(id="d", name=Name("x"), issued="2022-06-18", valid=Period(end="2022-01-01"))
    assert info.value.path == "valid.end"
    with pytest.raises(InvalidValueError):
        Section(0, Name("零"))


# ----------------------------------------------------------------------------- tiers


def test_criteria_versions_are_dated_and_may_not_overlap() -> None:
    old = CriteriaVersion(Period("2022-06-01", "2025-12-31"), "2022 rules")
    new = CriteriaVersion(Period("2026-01-01"), "2026 rules")
    tier = Tier(id="t", name=Name("专精特新"), criteria=[new, old])
    assert tier.criteria_on(dt.date(2025, 12, 31)) == old
    assert tier.criteria_on(dt.date(2026, 1, 1)) == new
    assert tier.criteria_on(dt.date(2020, 1, 1)) is None
    overlapping = CriteriaVersion(Period("2025-12-31"), "overlaps by a day")
    with pytest.raises(InvalidValueError, match="overlap"):
        Tier(id="t", name=Name("x"), criteria=[old, overlapping])
    with pytest.raises(InvalidValueError, match="overlap"):  # an open old version never ends
        Tier(id="t", name=Name("x"), criteria=[CriteriaVersion(Period(), "x"), new])


def test_ladders_order_their_tiers() -> None:
    ladder = TierLadder(id="l", name=Name("梯度"), tiers=["seed", "srdi", "giant"])
    assert ladder.rank("seed") == 0
    assert ladder.rank("giant") == 2
    with pytest.raises(KeyError):
        ladder.rank("nope")
    promotes = [(r.origin, r.target) for r in ladder.references() if r.relation == "promotes_to"]
    assert promotes == [("seed", "srdi"), ("srdi", "giant")]
    with pytest.raises(InvalidValueError, match="twice") as info:
        TierLadder(id="l", name=Name("x"), tiers=["a", "b", "a"])
    assert info.value.path == "tiers[2]"
    with pytest.raises(InvalidValueError, match="at least one"):
        TierLadder(id="l", name=Name("x"), tiers=[])
