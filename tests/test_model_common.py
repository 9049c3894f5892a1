"""Money, names, periods, sources and ids."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco import InvalidValueError, Money, MoneyParseError, Name, Period, Source
from smeeco.model.common import check_id
from strategies import decimals, moneys, names, periods

# ----------------------------------------------------------------------------- Money


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("300万元", "3000000"),
        ("1.2亿元", "120000000"),
        ("16346亿元", "1634600000000"),
        ("3505万元", "35050000"),
        ("1,200 million yuan", "1200000000"),
        ("300 million yuan", "300000000"),
        ("１２００万元", "12000000"),  # full-width digits
        ("１．５亿元", "150000000"),
        ("5000元", "5000"),
        ("5000", "5000"),
        ("0.01元", "0.01"),
        ("2万亿元", "2000000000000"),
        ("RMB 3 billion", "3000000000"),
        ("-300万元", "-3000000"),
        ("  300万元  ", "3000000"),
    ],
)
def test_money_parses_policy_amounts(text: str, yuan: str) -> None:
    assert Money.parse(text).yuan == Decimal(yuan)


def test_money_is_exact_where_floats_drift() -> None:
    # 0.1 + 0.2 != 0.3 in binary floating point; in money it must be exact
    total = Money.parse("0.1元") + Money.parse("0.2元")
    assert total == Money.parse("0.3元")
    assert Money.parse("1.2亿元").yuan == Decimal("1.2") * 100_000_000
    assert Money(0.1).yuan == Decimal("0.1")  # a float is read as written
    assert (Money(1) * 0.1).yuan == Decimal("0.1")


def test_money_keeps_every_digit_whatever_the_decimal_context() -> None:
    # 30 significant digits: the default context (28 digits) would round them
    amount = Decimal("123456789012345678901234567.891")
    assert Money(amount).yuan == amount
    assert Money.parse(str(Money(amount))) == Money(amount)
    with decimal.localcontext(prec=5):
        assert (Money(amount) + Money(1)).yuan == Decimal("123456789012345678901234568.891")


def test_money_writes_the_largest_short_unit() -> None:
    assert str(Money.parse("16346亿元")) == "16346亿元"
    assert str(Money.parse("3505万元") + Money.parse("495万元")) == "4000万元"
    assert str(Money(5000)) == "5000元"
    assert str(Money(Decimal("0.5"))) == "0.5元"
    assert str(Money(-30000)) == "-3万元"
    assert repr(Money(120_000_000)) == "Money('1.2亿元')"


def test_money_has_one_spelling_per_amount() -> None:
    assert Money(Decimal("1.2E+8")).yuan.as_tuple() == Decimal("120000000").as_tuple()
    assert Money(Decimal("5.000")).yuan.as_tuple() == Decimal("5").as_tuple()
    assert Money(Decimal("0.500")).yuan.as_tuple() == Decimal("0.5").as_tuple()
    assert hash(Money(Decimal("1.0"))) == hash(Money(1))


@given(moneys())
@settings(max_examples=100)
def test_money_parse_of_str_is_identity(m: Money) -> None:
    assert Money.parse(str(m)) == m


@given(decimals(), decimals())
@settings(max_examples=100)
def test_money_arithmetic_is_exact(a: Decimal, b: Decimal) -> None:
    with decimal.localcontext(prec=3):  # whatever the caller's context
        assert (Money(a) + Money(b)).yuan == decimal.Context(prec=80).add(a, b)
        assert (Money(a) - Money(b)).yuan == decimal.Context(prec=80).subtract(a, b)


@pytest.mark.parametrize("text", ["12 apples", "", "万元", "1.2.3亿元", "亿", "three million"])
def test_money_garbage_raises_naming_the_text(text: str) -> None:
    with pytest.raises(MoneyParseError) as info:
        Money.parse(text)
    assert repr(text) in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("value", [True, None, [1], float("nan"), float("inf")])
def test_money_rejects_non_amounts(value: object) -> None:
    with pytest.raises(MoneyParseError):
        Money(value)  # type: ignore[arg-type]


def test_money_orders_by_amount() -> None:
    assert Money.parse("300万元") < Money.parse("1.2亿元")
    assert max(Money(1), Money(3), Money(2)) == Money(3)


# ----------------------------------------------------------------------------- Name


def test_name_matches_every_form() -> None:
    bureau = Name("市工业和信息化局", "Municipal Bureau of Industry and IT", aliases=["市工信局"])
    assert bureau.matches("市工信局")
    assert bureau.matches(" municipal bureau of industry and it ")
    assert not bureau.matches("市财政局")
    assert bureau.all() == ("市工业和信息化局", "Municipal Bureau of Industry and IT", "市工信局")
    assert Name(en="Finance").label("zh") == "Finance"  # falls back to the other language
    assert Name("财政局").label("en") == "财政局"


@pytest.mark.parametrize("kwargs", [{}, {"zh": " ", "en": ""}, {"zh": 3}])
def test_name_needs_text(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidValueError):
        Name(**kwargs)  # type: ignore[arg-type]


@given(names())
def test_name_forms_have_no_blanks_or_repeats(name: Name) -> None:
    forms = name.all()
    assert len(set(forms)) == len(forms)
    assert all(forms)
    assert all(name.matches(f) for f in forms)


# ----------------------------------------------------------------------------- Period


def test_period_boundaries_are_inclusive() -> None:
    p = Period(dt.date(2022, 6, 18), dt.date(2025, 6, 17))
    assert p.contains(dt.date(2022, 6, 18))
    assert p.contains(dt.date(2025, 6, 17))
    assert not p.contains(dt.date(2022, 6, 17))
    assert not p.contains(dt.date(2025, 6, 18))
    one_day = Period("2023-07-20", "2023-07-20")
    assert one_day.contains(dt.date(2023, 7, 20))


def test_open_periods() -> None:
    assert Period().is_open
    assert Period().contains(dt.date(1900, 1, 1))
    assert Period(end="2023-07-19").contains(dt.date(1949, 10, 1))
    assert not Period(start="2023-07-20").contains(dt.date(2023, 7, 19))
    assert str(Period("2022-06-18")) == "2022-06-18 – …"


def test_period_rejects_reversed_and_bad_dates() -> None:
    with pytest.raises(InvalidValueError, match="swap the dates") as info:
        Period("2025-01-01", "2024-01-01")
    assert info.value.path == "end"
    with pytest.raises(InvalidValueError, match="YYYY-MM-DD"):
        Period("18/06/2022")
    assert Period(dt.datetime(2022, 6, 18, 9, 30)).start == dt.date(2022, 6, 18)


@given(periods(), st.dates())
def test_period_contains_agrees_with_its_ends(p: Period, day: dt.date) -> None:
    expected = (p.start is None or p.start <= day) and (p.end is None or day <= p.end)
    assert p.contains(day) is expected


# ----------------------------------------------------------------------------- Source, ids


def test_source_span_must_be_ordered() -> None:
    assert Source("doc", "一(四)", "quote", span=[3, 9]).span == (3, 9)
    with pytest.raises(InvalidValueError, match="span") as info:
        Source("doc", span=(9, 3))
    assert info.value.path == "span"


@pytest.mark.parametrize("good", ["tj-miit", "tj-2022-measures.m04", "0", "a_b"])
def test_good_ids(good: str) -> None:
    assert check_id(good) == good


@pytest.mark.parametrize("bad", ["TJ-MIIT", "tj miit", "", "-tj", "tj-miit\n", "市工信局", 3])
def test_bad_ids(bad: object) -> None:
    with pytest.raises(InvalidValueError, match="bad id"):
        check_id(bad)  # type: ignore[arg-type]
