"""The fast paths give the answers of the exact ones; an unknown industry is a bad cell on both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smeeco.errors import InvalidValueError, ValidationError
from smeeco.model.common import Money
from smeeco.register import read_register
from smeeco.rules import bundled_rules, evaluate
from smeeco.rules.compile import eligible
from smeeco.rules.register import eligible_rows, explain_enterprise
from smeeco.sizing import classify, miit_2011
from smeeco.sizing.miit import size_candidates

TIERS = [
    ("cn-innovative-sme", dt.date(2024, 6, 30)),
    ("cn-srdi-sme", dt.date(2024, 6, 30)),
    ("cn-srdi-sme", dt.date(2026, 6, 30)),
    ("cn-little-giant", dt.date(2024, 6, 30)),
    ("cn-little-giant", dt.date(2026, 6, 30)),
]
INDUSTRIES = list(miit_2011().industries)

# Amounts near the thresholds the rules and the size standard use, whole and fractional.
_edges = st.sampled_from(
    [0.0, 1.0, 3e6, 5e6, 1e7, 1.5e7, 2e7, 4e8, 999_999.5, 1_000_000.0, 3e7 * 0.03, 0.1 + 0.2]
)
_amount = (
    st.none()
    | _edges
    | st.integers(0, 10**10).map(float)
    | st.floats(0, 1e12, allow_nan=False, allow_infinity=False)
)
_ratio = st.none() | st.floats(-0.5, 1.5, allow_nan=False) | st.sampled_from([0.05, 0.1, 0.55])
_count = st.none() | st.integers(0, 3)
_bool = st.none() | st.booleans()
_row = st.fixed_dictionaries(
    {
        "industry": st.none() | st.sampled_from(["工业", "批发业", "C13", "5310", "零售业"]),
        "employees": st.none() | st.integers(0, 3000) | st.sampled_from([300, 1000, 20]),
        "revenue": _amount,
        "total_assets": _amount,
        "main_revenue": _amount,
        "main_revenue_growth": _ratio,
        "rd_expense": _amount,
        "debt_ratio": _ratio,
        "strategic_emerging": _bool,
        "ip_class1": _count,
        "ip_class1_own": _count,
        "ip_class1_high_value": _count,
        "ip_class2": _count,
        "award_3y": _bool,
        "title_valid": _bool,
        "rd_institution": _bool,
        "new_equity_3y": _amount,
        "compliant": _bool,
        "tiers": st.none() | st.sampled_from(["cn-innovative-sme", "cn-srdi-sme@2020-01-01"]),
    }
)


def _as_decimals(row: dict[str, Any]) -> dict[str, Any]:
    """The same row with every number a Decimal of its shortest text (the exact path)."""
    return {
        k: Decimal(str(v)) if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in row.items()
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_row, st.sampled_from(TIERS))
def test_plain_comparisons_equal_exact_ones(row: dict[str, Any], tier_day: Any) -> None:
    tier, day = tier_day
    criterion = bundled_rules()[tier].on(day).criterion
    fast = evaluate(criterion, row, day)
    exact = evaluate(criterion, _as_decimals(row), day)
    assert (fast.state, fast.score) == (exact.state, exact.score)
    assert [ln.state for ln in fast.lines] == [ln.state for ln in exact.lines]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(INDUSTRIES),
    st.none() | st.integers(0, 5000) | st.sampled_from([8, 10, 20, 100, 300, 1000]),
    _amount,
    _amount,
)
def test_size_candidates_equal_classify(
    industry: str, employees: int | None, revenue: float | None, assets: float | None
) -> None:
    row = miit_2011().thresholds(industry)
    quick = size_candidates(row, employees, revenue, assets)
    assert quick is not None
    full = classify(
        industry,
        employees=employees,
        revenue=None if revenue is None else Money(Decimal(str(revenue))),
        total_assets=None if assets is None else Money(Decimal(str(assets))),
    )
    assert quick == (full.candidates, full.missing)


@pytest.mark.parametrize("odd", [True, -1, 2.5, float("nan"), float("inf"), "300", 2**60])
def test_size_candidates_leave_odd_values_to_classify(odd: Any) -> None:
    assert size_candidates(miit_2011().thresholds("工业"), odd, None, None) is None


# ---------------------------------------------------------------------- unknown industries

_BAD = ["工叶", "99", "Z13", "批发"]
_industry_cells = st.sampled_from(["工业", "C13", "5310", *_BAD]) | st.none()


def _register(industries: list[str | None]) -> Any:
    frame = pl.DataFrame(
        {
            "id": [f"e{i}" for i in range(len(industries))],
            "industry": industries,
            "employees": [50] * len(industries),
            "revenue": [1e7] * len(industries),
            "compliant": [True] * len(industries),
        },
        schema_overrides={"industry": pl.String},
    )
    return read_register(frame)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_industry_cells, min_size=1, max_size=12), st.sampled_from(TIERS))
def test_an_unknown_industry_is_a_bad_cell_on_both_paths(
    industries: list[str | None], tier_day: Any
) -> None:
    register = _register(industries)
    tier, day = tier_day
    bad_rows = [i for i, cell in enumerate(industries) if cell in _BAD]
    if not bad_rows:
        assert eligible(register, tier, day).rows() == eligible_rows(register, tier, day).rows()
        return
    with pytest.raises(ValidationError) as compiled:
        eligible(register, tier, day)
    with pytest.raises(ValidationError) as rows:
        eligible_rows(register, tier, day)
    assert [str(p) for p in rows.value.problems] == [str(p) for p in compiled.value.problems]
    assert [p.path for p in rows.value.problems] == [
        f"row {i + 1}, column industry" for i in bad_rows
    ]


def test_explaining_an_enterprise_with_an_unknown_industry_names_its_row() -> None:
    register = _register(["工业", "工叶"])
    day = dt.date(2024, 6, 30)
    with pytest.raises(ValidationError) as caught:
        explain_enterprise(register, "e1", "cn-innovative-sme", day)
    (problem,) = caught.value.problems
    assert problem.path == "row 2, column industry"
    assert "'工叶' is not listed" in problem.message
    assert explain_enterprise(register, "e0", "cn-innovative-sme", day).state == "unknown"


def test_one_row_with_an_unknown_industry_is_refused_with_its_column() -> None:
    criterion = bundled_rules()["cn-innovative-sme"].on(dt.date(2024, 6, 30)).criterion
    with pytest.raises(InvalidValueError) as caught:
        evaluate(criterion, {"industry": "工叶", "employees": 5}, dt.date(2024, 6, 30))
    assert caught.value.path == "column industry"
    assert "did you mean '工业'" in caught.value.message


def test_a_code_outside_the_standard_is_unknown_with_the_reason() -> None:
    register = _register(["5310"])
    day = dt.date(2024, 6, 30)
    want = eligible_rows(register, "cn-innovative-sme", day).row(0)
    assert eligible(register, "cn-innovative-sme", day).row(0) == want
    assert want[1] == "unknown"
    assert "铁路运输业" in want[3]


def test_ids_are_found_by_scan_then_by_index() -> None:
    register = _register(["工业"] * 5)
    assert [register.row_of(f"e{i}") for i in (3, 0, 4, 3)] == [3, 0, 4, 3]
    with pytest.raises(Exception, match="no enterprise with id 'e9'"):
        register.row_of("e9")


_whole = (
    st.none() | st.sampled_from([0.0, 1.0, 2.0, 1e12, 1e14]) | st.integers(0, 10**12).map(float)
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "industry": st.just("工业"),
                "employees": st.none() | st.integers(0, 500),
                "revenue": _whole,
                "rd_expense": _whole,
                "main_revenue": _whole,
                "new_equity_3y": _whole,
                "compliant": st.just(True),
            }
        ),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from(TIERS),
)
def test_extreme_ratios_read_alike_on_both_paths(rows: list[dict[str, Any]], tier_day: Any) -> None:
    register = read_register(
        pl.DataFrame(rows).with_row_index("id").with_columns(pl.col("id").cast(pl.String))
    )
    tier, day = tier_day
    assert eligible(register, tier, day).rows() == eligible_rows(register, tier, day).rows()


@pytest.mark.parametrize("distinct", [5, 60])
def test_registers_with_few_or_many_industry_cells_size_alike(distinct: int) -> None:
    from smeeco.sizing import resolve_industry
    from smeeco.sizing.frame import classify_register

    cells = (INDUSTRIES + [f"C{d}" for d in range(13, 44)] + ["5310", "591", "7010"])[:distinct]
    rows = [
        (cell, employees, revenue)
        for cell in cells
        for employees, revenue in ((5, 5e5), (300, 2e7), (None, 4e8), (1000, None))
    ]
    frame = pl.DataFrame(rows, schema=["industry", "employees", "revenue"], orient="row")
    result = classify_register(read_register(frame))
    for (cell, employees, revenue), got in zip(rows, result.iter_rows(named=True), strict=True):
        industry = resolve_industry(cell).industry
        if industry is None:
            assert (got["size_class"], got["size_industry"]) == ("undetermined", None)
            assert got["size_note"]
            continue
        money = None if revenue is None else Money(Decimal(str(revenue)))
        want = classify(industry, employees=employees, revenue=money)
        assert got["size_industry"] == industry
        assert got["size_class"] == (want.size_class or "undetermined")
        assert got["size_candidates"] == (
            None if want.size_class else "|".join(c.value for c in want.candidates)
        )
        assert got["size_missing"] == (None if want.size_class else "|".join(want.missing))
