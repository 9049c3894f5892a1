"""Size classes under 工信部联企业〔2011〕300号: the official rule, boundaries included."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco import Enterprise, InvalidValueError, Money, Name, UnitError
from smeeco.sizing import SizeClass, classify, classify_enterprise, miit_2011

L, M, S, MI = SizeClass.LARGE, SizeClass.MEDIUM, SizeClass.SMALL, SizeClass.MICRO


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        (300, "2000万元", M),  # DOMAIN.md: exactly 300 persons with Y = 2000 is medium
        (300, "1999万元", S),  # ... with Y = 1999 it is small
        (1000, "40000万元", L),  # large needs ALL upper bounds reached
        (1000, "39999万元", M),
        (999, "9亿元", M),
        (20, "300万元", S),
        (19, "300万元", MI),  # micro: one indicator under the small floor is enough
        (5000, "299万元", MI),
        (0, "0元", MI),
    ],
)
def test_industry_boundaries(employees: int, revenue: str, expected: SizeClass) -> None:
    assert classify("工业", employees=employees, revenue=revenue).size_class is expected


def test_nbs_worked_rule_drop_one_class() -> None:
    # "须同时满足所列指标的下限，否则下划一档": 批发业 with 25 persons and 1200万元 meets
    # the medium floor for persons (20) but not for revenue (5000万元) -> small.
    result = classify("批发业", employees=25, revenue="1200万元")
    assert result.size_class is S
    assert result.is_sme is True
    # ... and with 800万元 it misses the small revenue floor (1000万元) too -> micro.
    assert classify("批发业", employees=25, revenue="800万元").size_class is MI


@pytest.mark.parametrize(
    ("industry", "kwargs", "expected"),
    [
        ("农林牧渔业", {"revenue": "500万元"}, M),  # Y only
        ("农林牧渔业", {"revenue": "49万元"}, MI),
        ("软件和信息技术服务业", {"employees": 10, "revenue": "50万元"}, S),  # small floor Y >= 50
        ("软件和信息技术服务业", {"employees": 10, "revenue": "49万元"}, MI),
        ("租赁和商务服务业", {"employees": 100, "total_assets": "8000万元"}, M),  # uses Z, not Y
        ("租赁和商务服务业", {"employees": 300, "total_assets": "12亿元"}, L),
        ("房地产开发经营", {"revenue": "20亿元", "total_assets": "1亿元"}, L),
        ("房地产开发经营", {"revenue": "100万元", "total_assets": "2000万元"}, S),
        ("建筑业", {"revenue": "6000万元", "total_assets": "4999万元"}, S),
        ("其他未列明行业", {"employees": 100}, M),  # X only
        ("其他未列明行业", {"employees": 9}, MI),
        ("住宿业", {"employees": 100, "revenue": "2000万元"}, M),
        ("餐饮业", {"employees": 100, "revenue": "2000万元"}, M),  # shares 住宿业's thresholds
        ("制造业", {"employees": 300, "revenue": "2000万元"}, M),  # alias of 工业
    ],
)
def test_industries(industry: str, kwargs: dict[str, object], expected: SizeClass) -> None:
    assert classify(industry, **kwargs).size_class is expected  # type: ignore[arg-type]


def test_every_industry_at_its_floors() -> None:
    standard = miit_2011()
    assert len(standard.industries) == 16
    for name, row in standard.industries.items():
        figures = {
            "employees": int(row.medium_lower["X"]) if "X" in row.medium_lower else None,
            "revenue": Money(row.medium_lower["Y"] * 10000) if "Y" in row.medium_lower else None,
            "total_assets": (
                Money(row.medium_lower["Z"] * 10000) if "Z" in row.medium_lower else None
            ),
        }
        assert classify(name, **figures).size_class is M, name  # type: ignore[arg-type]


def test_missing_figure_gives_candidates_not_a_guess() -> None:
    result = classify("工业", employees=500)
    assert result.size_class is None
    assert result.candidates == (M, S, MI)
    assert result.missing == ("revenue",)
    assert result.is_sme is True  # 500 < 1000 persons: not large whatever the revenue
    assert "undecided" in result.explain()


def test_bad_input_is_refused_clearly() -> None:
    with pytest.raises(UnitError, match="万元"):
        classify("工业", employees=10, revenue=2000)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="其他未列明行业"):
        classify("航天", employees=10)
    with pytest.raises(InvalidValueError, match="negative"):
        classify("工业", employees=-1, revenue="1万元")


def test_classify_enterprise_uses_its_figures() -> None:
    e = Enterprise(id="e", name=Name("甲"), industry="工业", employees=180, revenue="8000万元")
    assert classify_enterprise(e).size_class is S  # 180 persons is under the medium floor of 300
    with pytest.raises(InvalidValueError, match="no industry"):
        classify_enterprise(Enterprise(id="f", name=Name("乙")))


_RANK = {L: 0, M: 1, S: 2, MI: 3}
industries = st.sampled_from(sorted(miit_2011().industries))
persons = st.integers(min_value=0, max_value=5000)
wan = st.integers(min_value=0, max_value=500_000).map(lambda n: Money(Decimal(n) * 10000))


@settings(max_examples=200)
@given(industries, persons, wan, wan, st.integers(0, 2000), st.integers(0, 2))
def test_growing_never_makes_an_enterprise_smaller(
    industry: str, x: int, y: Money, z: Money, bump: int, which: int
) -> None:
    before = classify(industry, employees=x, revenue=y, total_assets=z).size_class
    grown = [x, y, z]
    grown[which] = x + bump if which == 0 else grown[which] + Money(Decimal(bump) * 10000)  # type: ignore[operator]
    after = classify(
        industry,
        employees=grown[0],
        revenue=grown[1],
        total_assets=grown[2],  # type: ignore[arg-type]
    ).size_class
    assert before is not None
    assert after is not None
    assert _RANK[after] <= _RANK[before]


@settings(max_examples=200)
@given(industries, persons, wan, wan, st.sampled_from(["employees", "revenue", "total_assets"]))
def test_hiding_a_figure_keeps_the_true_class_among_candidates(
    industry: str, x: int, y: Money, z: Money, hidden: str
) -> None:
    full = {"employees": x, "revenue": y, "total_assets": z}
    truth = classify(industry, **full).size_class  # type: ignore[arg-type]
    partial = classify(industry, **{**full, hidden: None})  # type: ignore[arg-type]
    assert truth in partial.candidates
    if partial.size_class is not None:
        assert partial.size_class is truth
