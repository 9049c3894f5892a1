"""Whole registers sized column-wise: the same answers as the row function."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco import InvalidValueError, Money, ValidationError
from smeeco.errors import RegisterError
from smeeco.register import read_register
from smeeco.sizing import classify, miit_2011, persons, resolve_industry
from smeeco.sizing.frame import classify_register

industries = sorted(miit_2011().industries)
maybe_persons = st.none() | st.integers(0, 3000)
maybe_wan = st.none() | st.integers(0, 250_000)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(industries), maybe_persons, maybe_wan, maybe_wan),
        min_size=1,
        max_size=40,
    )
)
def test_column_wise_equals_row_function(
    rows: list[tuple[str, int | None, int | None, int | None]],
) -> None:
    frame = pl.DataFrame(
        rows, schema=["industry", "employees", "revenue", "total_assets"], orient="row"
    )
    result = classify_register(read_register(frame, money_unit="万元"))
    for (industry, x, y, z), got in zip(rows, result.iter_rows(named=True), strict=True):
        want = classify(
            industry,
            employees=x,
            revenue=None if y is None else Money(Decimal(y) * 10000),
            total_assets=None if z is None else Money(Decimal(z) * 10000),
        )
        expected = want.size_class.value if want.size_class else "undetermined"
        assert got["size_class"] == expected
        if want.size_class is None:
            assert got["size_candidates"] == "|".join(c.value for c in want.candidates)
            assert got["size_missing"] == "|".join(want.missing)
        else:
            assert got["size_candidates"] is None
            assert got["size_missing"] is None


def test_boundaries_column_wise() -> None:
    reg = read_register(
        pl.DataFrame(
            {
                "id": ["m", "s", "x"],
                "industry": ["工业", "工业", "批发业"],
                "employees": [300, 300, 25],
                "revenue": [20_000_000, 19_990_000, 12_000_000],
            }
        )
    )
    assert classify_register(reg)["size_class"].to_list() == ["medium", "small", "small"]


@pytest.mark.parametrize(
    ("code", "industry"),
    [
        ("C", "工业"),
        ("B06", "工业"),
        ("4411", "工业"),
        ("E4710", "建筑业"),
        ("5110", "批发业"),
        ("5211", "零售业"),
        ("5411", "交通运输业"),
        ("5810", "交通运输业"),
        ("5910", "交通运输业"),
        ("5920", "仓储业"),
        ("5990", "仓储业"),
        ("6010", "邮政业"),
        ("6110", "住宿业"),
        ("6210", "餐饮业"),
        ("6311", "信息传输业"),
        ("6410", "信息传输业"),
        ("6510", "软件和信息技术服务业"),
        ("7010", "房地产开发经营"),
        ("7020", "物业管理"),
        ("7030", "其他未列明行业"),
        ("7090", "其他未列明行业"),
        ("L7111", "租赁和商务服务业"),
        ("7310", "其他未列明行业"),
        ("N77", "其他未列明行业"),
        ("8010", "其他未列明行业"),
        ("8510", "其他未列明行业"),
        ("R86", "其他未列明行业"),
        ("0111", "农林牧渔业"),
    ],
)
def test_gbt4754_codes(code: str, industry: str) -> None:
    assert resolve_industry(code).industry == industry


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("5310", "不包括铁路运输业"),
        ("6610", "金融业"),
        ("8310", "教育"),
        ("8411", "卫生"),
        ("7040", "not mapped"),
        ("9110", "公共管理"),
        ("9700", "国际组织"),
        ("G", "spans"),
    ],
)
def test_codes_the_standard_does_not_size(code: str, why: str) -> None:
    r = resolve_industry(code)
    assert r.industry is None
    assert why in r.reason


def test_bad_codes_and_names_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="belongs to section C"):
        resolve_industry("A13")
    with pytest.raises(InvalidValueError, match="does not exist"):
        resolve_industry("9999")
    reg = read_register(pl.DataFrame({"industry": ["工业", "航天", None, "5310"]}))
    with pytest.raises(ValidationError) as exc:
        classify_register(reg)
    assert [str(p) for p in exc.value.problems] == [
        "row 2, column industry: industry '航天' is not listed in"
        " 《中小企业划型标准规定》(工信部联企业〔2011〕300号); use a listed industry"
        f" ({', '.join(industries_in_order())}) — industries the standard does not list follow"
        " '其他未列明行业'"
    ]


def industries_in_order() -> list[str]:
    return list(miit_2011().industries)


def test_unsized_rows_say_why() -> None:
    reg = read_register(pl.DataFrame({"industry": ["5310", None], "employees": [5, 5]}))
    out = classify_register(reg, standard="nbs-2017")
    assert out["size_class"].to_list() == ["undetermined", "undetermined"]
    assert out["size_note"].to_list() == [
        '5310 is outside the standard: 铁路运输业: 交通运输业 "不包括铁路运输业"',
        "no industry given",
    ]


def test_eu_definition_with_partners_and_linked() -> None:
    reg = read_register(
        pl.DataFrame(
            {
                "id": ["a", "b", "c", "d", "e"],
                "employees": [8, 30, 8, 45, 9],
                # euro at 8 yuan: a 1.6m; b 4m; c 16m; d 2m; e 1m
                "revenue": [12.8e6, 32e6, 128e6, 16e6, 8e6],
                "total_assets": [12.8e6, 32e6, 128e6, 16e6, None],
            }
        )
    )
    plain = classify_register(reg, standard="eu-2003", yuan_per_euro="8")
    assert plain["size_class"].to_list() == ["micro", "small", "medium", "small", "micro"]
    holdings = pl.DataFrame(
        {"holder": ["a", "c", "e"], "held": ["b", "d", "zz"], "share": [0.25, 0.51, 0.3]}
    )
    linked = classify_register(reg, standard="eu-2003", yuan_per_euro=8, holdings=holdings)
    # a + 25 % of b: 15.5 staff -> small; c + all of d: 53 staff -> medium;
    # e holds 30 % of zz, which the register does not have: undetermined
    assert linked["size_class"].to_list() == ["small", "small", "medium", "medium", "undetermined"]
    assert linked["size_missing"][4] == "total_assets|linked:zz"
    with pytest.raises(RegisterError, match="exchange rate"):
        classify_register(reg, standard="eu-2003")


def test_holdings_rows_are_checked() -> None:
    reg = read_register(pl.DataFrame({"id": ["a"], "employees": [1]}))
    bad = pl.DataFrame({"holder": ["a", "a"], "held": ["a", "b"], "share": ["0.3", "1.5"]})
    with pytest.raises(ValidationError) as exc:
        classify_register(reg, standard="eu-2003", yuan_per_euro=8, holdings=bad)
    assert [str(p) for p in exc.value.problems] == [
        "row 1: holder 'a' and held 'a' must be two ids",
        "row 2: share '1.5' must be a fraction from 0 to 1",
    ]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True, [300], 299.9, "2e2", -1])
def test_persons_refuses_what_it_cannot_read(bad: object) -> None:
    with pytest.raises(InvalidValueError):
        persons(bad)
    with pytest.raises(InvalidValueError):
        classify("工业", employees=bad, revenue="1万元")  # type: ignore[arg-type]


def test_negative_or_unit_less_money_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"revenue .* cannot be negative"):
        classify("工业", employees=1, revenue="-5万元")
    with pytest.raises(InvalidValueError, match="revenue: True is not an amount"):
        classify("工业", employees=1, revenue=True)  # type: ignore[arg-type]


def test_cli_classify(tmp_path: Path) -> None:
    import argparse
    import io

    from smeeco.cli import classify as command

    path = tmp_path / "r.csv"
    path.write_text("id,industry,employees,revenue\na,工业,300,2000\nb,工业,500,\n")
    parser = argparse.ArgumentParser()
    command.add_parser(parser.add_subparsers())
    out = io.StringIO()
    args = parser.parse_args(
        ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--money-unit", "万元"]
    )
    assert args.run(args, out) == 0
    assert out.getvalue() == f"2 enterprises → {tmp_path / 'o.csv'}: medium 1, undetermined 1\n"
    back = pl.read_csv(tmp_path / "o.csv")
    assert back["size_candidates"].to_list() == [None, "medium|small|micro"]
