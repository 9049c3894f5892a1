"""Eligibility rules as data: three-valued answers that explain themselves, row = column."""

from __future__ import annotations

import argparse
import datetime as dt
import io
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smeeco.errors import RuleError
from smeeco.register import read_register
from smeeco.rules import bundled_rules, evaluate, read_rules
from smeeco.rules.compile import eligible, evaluate_frame, prepare
from smeeco.rules.criteria import Compare, Ratio, structure_criterion, walk
from smeeco.rules.evaluate import MONEY_COLUMNS
from smeeco.rules.pack import RuleVersion, TierRules
from smeeco.rules.register import eligible_rows, explain_enterprise, tier_rules

DAY = dt.date(2024, 6, 30)
INNOVATIVE = bundled_rules()["cn-innovative-sme"].on(DAY).criterion

# An enterprise that scores: IP 15 + R&D 10 + growth 15 + debt 5 + strategic 10 + main 20 = 75
BASE: dict[str, Any] = {
    "id": "e1",
    "industry": "工业",
    "employees": 80,
    "revenue": 30_000_000.0,
    "compliant": True,
    "rd_expense": 630_000.0,
    "main_revenue": 25_000_000.0,
    "main_revenue_growth": 0.12,
    "debt_ratio": 0.6,
    "strategic_emerging": True,
    "ip_class1": 1,
    "ip_class1_own": 1,
    "ip_class1_high_value": 0,
    "ip_class2": 3,
    "award_3y": False,
    "title_valid": False,
    "rd_institution": False,
    "new_equity_3y": 0.0,
}


def _score_lines(row: dict[str, Any]) -> dict[str, str]:
    out = evaluate(INNOVATIVE, row, DAY)
    return {
        ln.text.split(" (")[0]: ln.text.rsplit(": ", 1)[-1] for ln in out.lines if "): " in ln.text
    }


def test_a_scored_enterprise_explains_every_indicator() -> None:
    out = evaluate(INNOVATIVE, BASE, DAY)
    assert out.state == "met"
    assert out.score == 75
    assert out.why() == ""
    text = out.explain()
    assert "[met] 上年研发费用占营业收入比重 (创新能力): 10" in text
    assert "[met] 创新能力 25 ≥ 20" in text
    assert text.endswith("=> met (score 75)")


@pytest.mark.parametrize(
    ("column", "value", "indicator", "points"),
    [
        # documented reading: a boundary value belongs to the higher band
        ("rd_expense", 1_500_000.0, "上年研发费用占营业收入比重", "20"),  # exactly 5 %
        ("rd_expense", 1_499_999.0, "上年研发费用占营业收入比重", "15"),
        ("rd_expense", 900_000.0, "上年研发费用占营业收入比重", "15"),  # exactly 3 %
        ("rd_expense", 899_999.0, "上年研发费用占营业收入比重", "10"),
        ("main_revenue_growth", 0.15, "上年主营业务收入增长率", "20"),
        ("main_revenue_growth", 0.0, "上年主营业务收入增长率", "5"),
        ("main_revenue_growth", -0.0001, "上年主营业务收入增长率", "0"),
        # debt: "< 55 %: 10; 55-75 %: 5; > 75 %: 0" — both ends of the middle band get 5
        ("debt_ratio", 0.5499, "上年资产负债率", "10"),
        ("debt_ratio", 0.55, "上年资产负债率", "5"),
        ("debt_ratio", 0.75, "上年资产负债率", "5"),
        ("debt_ratio", 0.7501, "上年资产负债率", "0"),
        ("main_revenue", 21_000_000.0, "上年主营业务收入占营业收入比重", "20"),  # exactly 70 %
        ("main_revenue", 20_999_999.0, "上年主营业务收入占营业收入比重", "15"),
    ],
)
def test_band_boundaries(column: str, value: float, indicator: str, points: str) -> None:
    assert _score_lines({**BASE, column: value})[indicator] == points


def test_missing_data_is_unknown_only_where_it_could_change_the_answer() -> None:
    # growth alone clears the 成长性 floor (20 >= 15) and the total stays >= 60 at worst
    out = evaluate(INNOVATIVE, {**BASE, "main_revenue_growth": 0.2, "debt_ratio": None}, DAY)
    assert out.state == "met"
    assert out.score is None  # the exact score is not known
    assert "[unknown] 上年资产负债率 (成长性): 0-10 (data missing)" in out.explain()
    # ... but without growth the 成长性 floor may fail: unknown, and the reason says so
    out = evaluate(INNOVATIVE, {**BASE, "main_revenue_growth": None, "debt_ratio": 0.8}, DAY)
    assert out.state == "unknown"
    assert "上年主营业务收入增长率 (成长性): 0-20 (data missing)" in out.why()


def test_failures_say_what_is_missing() -> None:
    rule = bundled_rules()["cn-srdi-sme"].on(dt.date(2026, 5, 1)).criterion
    out = evaluate(rule, {**BASE, "tiers": "cn-innovative-sme@2025-01-01"}, dt.date(2026, 5, 1))
    assert out.state == "unmet"
    assert out.why() == (
        "上年研发费用 63.00万元 < 100.00万元; 上年研发费用占营业收入比重 2.1 % < 3.0 %"
    )


def test_manual_criteria_route_to_review() -> None:
    rule = bundled_rules()["cn-srdi-sme"].on(dt.date(2026, 5, 1)).criterion
    good = {
        **BASE,
        "tiers": "cn-innovative-sme@2025-01-01",
        "rd_expense": 1_200_000.0,
        "debt_ratio": 0.5,
    }
    out = evaluate(rule, good, dt.date(2026, 5, 1))
    assert out.state == "manual"
    assert "细分市场占有率「较为靠前」" in out.why()


def test_tiers_held_are_dated() -> None:
    rule = bundled_rules()["cn-srdi-sme"].on(dt.date(2026, 5, 1)).criterion
    later = evaluate(rule, {**BASE, "tiers": "cn-innovative-sme@2026-06-01"}, dt.date(2026, 5, 1))
    assert "已是科技和创新型中小企业 (cn-innovative-sme stands for it): not held on 2026-05-01" in (
        later.explain()
    )


def test_versions_by_date() -> None:
    srdi = tier_rules("专精特新中小企业")
    assert srdi.on(dt.date(2026, 3, 31)).mark == "V"
    assert srdi.on(dt.date(2026, 4, 1)).mark == "P"
    with pytest.raises(RuleError, match="no rules for tier 'cn-nope'"):
        tier_rules("cn-nope")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "tiers: [{tier: t, versions: [{mark: U, citation: c, criterion: {manual: x}}]}]",
            "V or P",
        ),
        ("tiers: [{tier: t, versions: [{mark: P, criterion: {manual: x}}]}]", "citation"),
        (
            "tiers: [{tier: t, versions: [{mark: P, citation: c,"
            " criterion: {column: a, op: '=>', value: 1}}]}]",
            "operator '=>'",
        ),
        (
            "tiers: [{tier: t, versions: [{mark: P, citation: c,"
            " criterion: {column: a, ratio: [a, b]}}]}]",
            "exactly one kind",
        ),
        (
            "tiers: [{tier: t, versions: [{mark: P, citation: c,"
            " criterion: !!python/object:os.system {}}]}]",
            "tiers[0].versions[0].criterion: the YAML tag",
        ),
        (
            "tiers: [{tier: t, versions: [{mark: P, citation: c, end: 2020-01-01,"
            " criterion: {manual: x}},"
            " {mark: P, citation: c, start: 2019-01-01, criterion: {manual: x}}]}]",
            "overlap",
        ),
    ],
)
def test_bad_rule_packs_are_refused(text: str, message: str) -> None:
    with pytest.raises(RuleError) as caught:
        read_rules(text, "my.yaml")
    assert message in str(caught.value)
    assert "my.yaml" in str(caught.value)


def test_bundled_rules_carry_citations_and_marks() -> None:
    for rules in bundled_rules().values():
        for version in rules.versions:
            assert version.citation
            assert version.mark in ("V", "P")


# ---------------------------------------------------------------------- row = column

_money = st.none() | st.integers(0, 10**9).map(float)
_ratio = st.none() | st.sampled_from([-0.1, 0.0, 0.05, 0.1, 0.15, 0.55, 0.75, 0.8, 0.9, 0.3])
_count = st.none() | st.integers(0, 5)
_bool = st.none() | st.booleans()
_tiers = st.none() | st.sampled_from(
    [
        "",
        "cn-innovative-sme",
        "cn-innovative-sme@2027-01-01",
        "cn-srdi-sme@2020-01-01/2030-01-01",
        "x",
    ]
)
_regions = st.none() | st.sampled_from(
    ["120116", "120000", "370202", "370000", "110101", "天津", "000000", "12"]
)
_row = st.fixed_dictionaries(
    {
        "industry": st.none()
        | st.sampled_from(["工业", "批发业", "5310", "C13", "软件和信息技术服务业"]),
        "employees": st.none() | st.integers(0, 3000),
        "revenue": _money,
        "total_assets": _money,
        "main_revenue": _money,
        "main_revenue_growth": _ratio,
        "rd_expense": _money,
        "debt_ratio": _ratio,
        "strategic_emerging": _bool,
        "ip_class1": _count,
        "ip_class1_own": _count,
        "ip_class1_high_value": _count,
        "ip_class2": _count,
        "award_3y": _bool,
        "title_valid": _bool,
        "rd_institution": _bool,
        "new_equity_3y": _money,
        "compliant": _bool,
        "tiers": _tiers,
        "region": _regions,
    }
)
_SCHEMA = {
    "industry": pl.String,
    "employees": pl.Int64,
    "revenue": pl.Float64,
    "total_assets": pl.Float64,
    "main_revenue": pl.Float64,
    "main_revenue_growth": pl.Float64,
    "rd_expense": pl.Float64,
    "debt_ratio": pl.Float64,
    "strategic_emerging": pl.Boolean,
    "ip_class1": pl.Int64,
    "ip_class1_own": pl.Int64,
    "ip_class1_high_value": pl.Int64,
    "ip_class2": pl.Int64,
    "award_3y": pl.Boolean,
    "title_valid": pl.Boolean,
    "rd_institution": pl.Boolean,
    "new_equity_3y": pl.Float64,
    "compliant": pl.Boolean,
    "tiers": pl.String,
    "region": pl.String,
}
_TIERS = [
    ("cn-innovative-sme", dt.date(2024, 6, 30)),
    ("cn-srdi-sme", dt.date(2024, 6, 30)),
    ("cn-srdi-sme", dt.date(2026, 6, 30)),
    ("cn-little-giant", dt.date(2024, 6, 30)),
    ("cn-little-giant", dt.date(2026, 6, 30)),
    ("tj-chuying", dt.date(2023, 6, 30)),
    ("tj-tech-leader", dt.date(2024, 6, 30)),
]


def _register(rows: list[dict[str, Any]]) -> Any:
    frame = (
        pl.DataFrame(rows, schema=_SCHEMA)
        .with_row_index("id")
        .with_columns(pl.col("id").cast(pl.String))
    )
    return read_register(frame)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, min_size=1, max_size=25), st.sampled_from(_TIERS))
def test_compiled_equals_row_by_row(
    rows: list[dict[str, Any]], tier_day: tuple[str, dt.date]
) -> None:
    register = _register(rows)
    tier, day = tier_day
    assert eligible(register, tier, day).rows() == eligible_rows(register, tier, day).rows()


_PLACES = structure_criterion(
    {
        "any": [
            {"all": [{"region": ["12"], "label": "在天津"}, {"industry": ["工业", "5920"]}]},
            {"all": [{"region": ["3702", "110101"]}, {"not": {"industry": ["C13", "G"]}}]},
            {"industry": ["批发业", "F"], "label": "批发"},
            {"all": [{"region": ["370202"]}, {"size": ["small", "micro"]}]},
        ]
    }
)
_PLACE_RULES = {
    "places": TierRules("places", "places", (RuleVersion(None, None, "c", "P", _PLACES),))
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "industry": st.none()
                | st.sampled_from(
                    [
                        "工业",
                        "制造业",
                        "批发业",
                        "C13",
                        "C1310",
                        "C",
                        "5310",
                        "53",
                        "5920",
                        "59",
                        "G",
                        "F51",
                        "软件和信息技术服务业",
                        " 工业 ",
                    ]
                ),
                "region": _regions,
                "employees": st.none() | st.integers(0, 400),
                "revenue": st.none() | st.sampled_from([1e6, 5e7, 3e8]),
            }
        ),
        min_size=1,
        max_size=25,
    )
)
def test_region_and_industry_criteria_compiled_equal_row_by_row(
    rows: list[dict[str, Any]],
) -> None:
    schema = {
        "industry": pl.String,
        "region": pl.String,
        "employees": pl.Int64,
        "revenue": pl.Float64,
    }
    frame = pl.DataFrame(rows, schema=schema).with_row_index("id")
    register = read_register(frame.with_columns(pl.col("id").cast(pl.String)))
    want = eligible_rows(register, "places", DAY, rules=_PLACE_RULES).rows()
    assert eligible(register, "places", DAY, rules=_PLACE_RULES).rows() == want
    prepared = prepare(register, _PLACES, DAY)
    as_int = pl.col("score").cast(pl.Int64)
    pandas_out = evaluate_frame(prepared.to_pandas(use_pyarrow_extension_array=True), _PLACES, DAY)
    assert pl.from_pandas(pandas_out).with_columns(as_int).rows() == want


def test_region_and_industry_criteria_without_their_columns_are_unknown() -> None:
    register = read_register(pl.DataFrame({"id": ["a"], "revenue": [1.0]}))
    criterion = structure_criterion({"all": [{"region": ["12"]}, {"industry": ["工业"]}]})
    rules = {"t": TierRules("t", "t", (RuleVersion(None, None, "c", "P", criterion),))}
    row = ("a", "unknown", None, "region in 12: region missing; industry: industry missing")
    assert eligible(register, "t", DAY, rules=rules).row(0) == row
    assert eligible_rows(register, "t", DAY, rules=rules).row(0) == row


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, min_size=1, max_size=15))
def test_pandas_and_arrow_frames_give_the_same_answers(rows: list[dict[str, Any]]) -> None:
    register = _register(rows)
    frame = prepare(register, INNOVATIVE, DAY)
    want = (
        evaluate_frame(frame, INNOVATIVE, DAY).with_columns(pl.col("score").cast(pl.Int64)).rows()
    )
    pandas_out = evaluate_frame(frame.to_pandas(use_pyarrow_extension_array=True), INNOVATIVE, DAY)
    arrow_out = evaluate_frame(frame.to_arrow(), INNOVATIVE, DAY)
    as_int = pl.col("score").cast(pl.Int64)
    assert pl.from_pandas(pandas_out).with_columns(as_int).rows() == want
    assert pl.from_arrow(arrow_out).with_columns(as_int).rows() == want  # type: ignore[union-attr]


@pytest.mark.parametrize("tier", sorted(bundled_rules()))
def test_every_bundled_tier_gives_the_same_answers_on_pandas_and_arrow(tier: str) -> None:
    version = bundled_rules()[tier].on(DAY)
    if version is None:
        pytest.skip(f"{tier} has no version in force on {DAY}")
    criterion = version.criterion
    frame = prepare(_register([dict(BASE), {**BASE, "id": "b", "employees": None}]), criterion, DAY)
    as_int = pl.col("score").cast(pl.Int64)
    want = evaluate_frame(frame, criterion, DAY).with_columns(as_int).rows()
    pandas_out = evaluate_frame(frame.to_pandas(use_pyarrow_extension_array=True), criterion, DAY)
    arrow_out = evaluate_frame(frame.to_arrow(), criterion, DAY)
    assert pl.from_pandas(pandas_out).with_columns(as_int).rows() == want
    assert pl.from_arrow(arrow_out).with_columns(as_int).rows() == want  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """One in-process ``dask.distributed`` cluster for the module's Dask tests.

    ``processes=False`` keeps the scheduler and the worker in this process (no start-up
    of worker processes); tasks still go through the distributed scheduler and worker.
    """
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _varied_rows() -> list[dict[str, Any]]:
    """Rows that reach met, unmet and unknown, with and without a score."""
    base = {k: BASE.get(k) for k in _SCHEMA}
    return [
        base,
        base | {"employees": 5000, "revenue": 5e9},
        base | {"debt_ratio": None, "main_revenue_growth": None},
        base | {"industry": None, "compliant": None},
        base | {"ip_class1": 0, "ip_class1_own": 0, "rd_expense": 0.0, "title_valid": True},
        base | {"revenue": None, "tiers": "cn-innovative-sme@2023-01-01"},
    ]


def test_dask_on_a_local_cluster(dask_client: Any) -> None:
    dd = pytest.importorskip("dask.dataframe")
    register = _register(_varied_rows())
    frame = prepare(register, INNOVATIVE, DAY)
    want = (
        evaluate_frame(frame, INNOVATIVE, DAY).with_columns(pl.col("score").cast(pl.Int64)).rows()
    )
    assert {row[1] for row in want} >= {"met", "unmet", "unknown"}
    lazy = dd.from_pandas(frame.to_pandas(use_pyarrow_extension_array=True), npartitions=2)
    result = evaluate_frame(lazy, INNOVATIVE, DAY)
    assert result.npartitions == 2  # still lazy: the work is done by the cluster
    got = dask_client.compute(result).result()
    assert pl.from_pandas(got).with_columns(pl.col("score").cast(pl.Int64)).rows() == want


# ---------------------------------------------------------------------- commands


def _run(module: Any, argv: list[str]) -> str:
    parser = argparse.ArgumentParser()
    module.add_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    out = io.StringIO()
    assert args.run(args, out) == 0
    return out.getvalue()


def test_cli_eligible_and_explain(tmp_path: Path) -> None:
    from smeeco.cli import eligible as eligible_cmd
    from smeeco.cli import explain as explain_cmd

    path = tmp_path / "r.csv"
    pl.DataFrame([BASE, {**BASE, "id": "e2", "employees": 5000, "revenue": 5e9}]).write_csv(path)
    text = _run(
        eligible_cmd,
        [
            "eligible",
            str(path),
            "--tier",
            "cn-innovative-sme",
            "--as-of",
            "2024-06-30",
            "-o",
            str(tmp_path / "out.csv"),
        ],
    )
    assert (
        text == f"2 enterprises, cn-innovative-sme on 2024-06-30 → {tmp_path / 'out.csv'}:"
        " met 1, unmet 1\n"
    )
    out = pl.read_csv(tmp_path / "out.csv")
    assert out.columns == ["id", "status", "score", "why"]
    assert out.row(0)[:3] == ("e1", "met", 75)
    assert out["why"][0] in ("", None)  # an empty text cell reads back as empty or null
    text = _run(
        explain_cmd,
        ["explain", str(path), "e1", "--tier", "创新型中小企业", "--as-of", "2024-06-30"],
    )
    assert text.startswith("e1: 创新型中小企业 (cn-innovative-sme) on 2024-06-30\ncriteria: ")
    assert "[met] 创新能力 25 ≥ 20" in text
    assert explain_enterprise(read_register(path), "e2", "cn-innovative-sme", DAY).state == "unmet"


# ------------------------------------------------- amounts as registers give them (exact)

_RATIOS = sorted(
    {
        (n.numerator, n.denominator, n.op, Fraction(str(n.value)))
        for rules in bundled_rules().values()
        for version in rules.versions
        for n in walk(version.criterion)
        if isinstance(n, Ratio)
    }
)
_LIMITS = sorted(
    {
        (n.column, Fraction(str(n.value)))
        for rules in bundled_rules().values()
        for version in rules.versions
        for n in walk(version.criterion)
        if isinstance(n, Compare) and n.column in MONEY_COLUMNS and not isinstance(n.value, bool)
    }
)
_UNITS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def _decimal(value: Fraction) -> str:
    """``value`` (a fraction with a power-of-ten denominator) as the decimal a cell writes."""
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    n = int(value * 10**places)
    sign, n = ("-" if n < 0 else ""), abs(n)
    if not places:
        return f"{sign}{n}"
    return f"{sign}{n // 10**places}.{n % 10**places:0{places}d}"


def test_bundled_rules_have_ratio_thresholds() -> None:
    assert {(a, b) for a, b, _, _ in _RATIOS} == {
        ("rd_expense", "revenue"),
        ("main_revenue", "revenue"),
    }
    assert _LIMITS


@pytest.mark.parametrize("unit", list(_UNITS))
@pytest.mark.parametrize("places", range(5))
@pytest.mark.parametrize("ratio", _RATIOS, ids=lambda r: f"{r[0]}-{r[3]}")
def test_a_ratio_exactly_at_its_threshold_is_met(
    ratio: tuple[str, str, str, Fraction], places: int, unit: str
) -> None:
    num, den, op, value = ratio
    criterion = Ratio(num, den, op, float(value))
    step = Fraction(1, 10**places)
    # 57.3 / 1910 in 万元 (places 1), 0.57 / 19 in yuan (places 2): exactly the threshold
    k = 191 * 10**places + 7
    den_value = k * value.denominator * step
    at = k * value.numerator * step
    cells = [
        {"id": "at", num: _decimal(at), den: _decimal(den_value)},
        {"id": "below", num: _decimal(at - step), den: _decimal(den_value)},
        {"id": "above", num: _decimal(at + step), den: _decimal(den_value)},
    ]
    register = read_register(pl.DataFrame(cells), money_unit=unit)
    compiled = evaluate_frame(register.frame, criterion, DAY)
    rows = [evaluate(criterion, row, DAY) for row in register.frame.iter_rows(named=True)]
    assert compiled["status"].to_list() == ["met", "unmet", "met"]
    assert [o.state for o in rows] == ["met", "unmet", "met"]
    assert compiled["why"].to_list() == [o.why() for o in rows]


def _amount(places: int, n: int) -> str:
    return _decimal(Fraction(n, 10**places))


@st.composite
def _money_row(draw: st.DrawFn, unit: str) -> dict[str, Any]:
    """A row of text cells in ``unit``: amounts of 0–4 decimals, often exactly at a threshold."""
    row = {k: v for k, v in draw(_row).items() if k not in MONEY_COLUMNS}
    places = draw(st.integers(0, 4))
    step = Fraction(1, 10**places)

    def any_amount() -> str | None:
        return draw(st.none() | st.integers(0, 10**10).map(lambda n: _amount(places, n)))

    for column in ("revenue", "total_assets", "main_revenue", "rd_expense", "new_equity_3y"):
        row[column] = any_amount()
    row["net_profit"] = draw(
        st.none() | st.integers(-(10**9), 10**9).map(lambda n: _amount(places, n))
    )
    for column, limit in _LIMITS:  # exactly at (or one step beside) a limit of the rules
        if draw(st.booleans()):
            shift = draw(st.sampled_from([-1, 0, 0, 1])) * step
            row[column] = _decimal(max(limit / _UNITS[unit] + shift, Fraction(0)))
    for num, den, _, value in _RATIOS:  # exactly at (or one step beside) a ratio threshold
        if draw(st.integers(0, 3)) == 0:
            k = draw(st.integers(1, 10**6))
            row[den] = _decimal(k * value.denominator * step)
            shift = draw(st.sampled_from([-1, 0, 0, 1]))
            row[num] = _decimal(max(k * value.numerator * step + shift * step, Fraction(0)))
    return row


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(list(_UNITS)), st.sampled_from(_TIERS))
def test_compiled_equals_row_by_row_for_decimal_amounts(
    data: st.DataObject, unit: str, tier_day: tuple[str, dt.date]
) -> None:
    rows = data.draw(st.lists(_money_row(unit), min_size=1, max_size=20))
    schema = {**_SCHEMA, **dict.fromkeys(MONEY_COLUMNS, pl.String)}
    frame = pl.DataFrame(rows, schema={k: schema[k] for k in rows[0]}).with_row_index("id")
    register = read_register(frame.with_columns(pl.col("id").cast(pl.String)), money_unit=unit)
    tier, day = tier_day
    assert eligible(register, tier, day).rows() == eligible_rows(register, tier, day).rows()


def test_amounts_beyond_four_decimals_are_evaluated_row_by_row() -> None:
    cells = {
        "id": ["a", "b", "c"],
        "rd_expense": ["0.00000003", "0.57", "8999999999.99"],
        "revenue": ["0.000001", "19", "300000000000"],
    }
    register = read_register(pl.DataFrame(cells))
    criterion = Ratio("rd_expense", "revenue", ">=", 0.03)
    compiled = evaluate_frame(register.frame, criterion, DAY)
    assert compiled["status"].to_list() == ["met", "met", "unmet"]
    assert (
        eligible(register, "tj-tech-leader", DAY).rows()
        == eligible_rows(register, "tj-tech-leader", DAY).rows()
    )
    with pytest.raises(RuleError, match="2 row"):
        evaluate_frame(register.frame.to_arrow(), criterion, DAY)


def test_a_large_frame_evaluated_as_one_lazy_plan_gives_the_eager_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import smeeco.rules.compile as compiled

    rows = [
        dict(BASE),
        {**BASE, "id": "b", "employees": None},
        {**BASE, "id": "c", "rd_expense": 0},
    ]
    big = _register([{**rows[k % 3], "id": f"r{k}"} for k in range(compiled._LAZY_ROWS)])
    frame = prepare(big, INNOVATIVE, DAY)
    lazy = evaluate_frame(frame, INNOVATIVE, DAY)
    monkeypatch.setattr(compiled, "_LAZY_ROWS", 10**9)
    eager = evaluate_frame(frame, INNOVATIVE, DAY)
    assert lazy.rows() == eager.rows()
    assert lazy["status"].n_unique() > 1


def test_bad_region_and_industry_entries_are_named_with_their_paths() -> None:
    text = (
        "tiers: [{tier: t, versions: [{mark: P, citation: c, criterion:"
        " {all: [{region: ['120000']}, {region: [12]}, {industry: [工叶, C13]}]}}]}]"
    )
    with pytest.raises(RuleError) as caught:
        read_rules(text, "my.yaml")
    assert str(caught.value).splitlines() == [
        "3 problems in my.yaml:",
        "  tiers[0].versions[0].criterion.all[0].region: '120000' is not a GB/T 2260 code"
        " prefix: write 2, 4 or 6 digits without trailing 00 pairs ('12' 天津市, '3702' 青岛市)",
        "  tiers[0].versions[0].criterion.all[1].region: region must list GB/T 2260 code"
        " prefixes (quoted: '12'), got a list [12]",
        "  tiers[0].versions[0].criterion.all[2].industry: '工叶' is neither an industry of the"
        " size standard (农林牧渔业, 工业, 建筑业, 批发业, 零售业, 交通运输业, 仓储业, 邮政业,"
        " 住宿业, 餐饮业, 信息传输业, 软件和信息技术服务业, 房地产开发经营, 物业管理,"
        " 租赁和商务服务业, 其他未列明行业) nor a GB/T 4754-2017 code prefix (C, 13, C13, 7010)",
    ]


def test_a_half_hundredth_of_wan_rounds_up_on_both_paths() -> None:
    # 1.275万元 = 12750 元: dividing by 10000 then scaling gave 1.27 in one path, 1.28 in the other
    register = read_register(
        pl.DataFrame({"id": ["a"], "revenue": ["1.275"], "region": ["120101"]}), money_unit="万元"
    )
    compiled = eligible(register, "tj-chuying", dt.date(2023, 6, 30)).rows()
    assert compiled == eligible_rows(register, "tj-chuying", dt.date(2023, 6, 30)).rows()
    assert "1.28万元" in compiled[0][3]
