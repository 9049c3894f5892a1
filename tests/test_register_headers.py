"""A register headed in Chinese, with units in brackets, maps to smeeco's columns."""

from __future__ import annotations

import pytest

from smeeco.register import COLUMNS
from smeeco.register.headers import ALIASES, read_headers


def test_every_column_is_found_by_its_chinese_name() -> None:
    found = read_headers([c.zh for c in COLUMNS.values()])
    assert found.problems == ()
    assert list(found.renames.values()) == list(COLUMNS)


@pytest.mark.parametrize(
    ("column", "alias"), [(c, a) for c, aliases in ALIASES.items() for a in aliases]
)
def test_every_alias_names_its_column(column: str, alias: str) -> None:
    assert read_headers([alias]).renames == {alias: column}


def test_spaces_and_bracket_widths_do_not_matter() -> None:
    found = read_headers([" 营业 收入 (万元) ", "资产总额（万元）", "从业人员【人】"])
    assert found.renames == {
        " 营业 收入 (万元) ": "revenue",
        "资产总额（万元）": "total_assets",
        "从业人员【人】": "employees",
    }
    assert found.money_unit == "万元"
    assert found.problems == ()


def test_english_names_are_left_as_they_are_and_unknown_headers_kept() -> None:
    found = read_headers(["id", "revenue", "备注", "联系人"])
    assert found.renames == {}
    assert found.problems == ()


def test_two_headers_for_one_column_are_refused() -> None:
    found = read_headers(["revenue", "营业收入"])
    (problem,) = found.problems
    assert (
        problem.message
        == "columns 'revenue' and '营业收入' both name 'revenue' (营业收入); keep one"
    )


def test_money_units_must_agree_among_headers_and_with_the_option() -> None:
    mixed = read_headers(["营业收入(万元)", "资产总额(元)"])
    assert "state different units ('营业收入(万元)', '资产总额(元)')" in mixed.problems[0].message
    assert mixed.money_unit is None
    given = read_headers(["营业收入(万元)"], money_unit="元")
    assert "states 万元, but --money-unit says 元" in given.problems[0].message
    assert read_headers(["营业收入(万元)"], money_unit="万元").problems == ()


def test_percent_ratios_and_unknown_units_are_refused_with_what_to_do() -> None:
    found = read_headers(["资产负债率(%)", "营业收入(美元)"])
    messages = [p.message for p in found.problems]
    assert "holds percents" in messages[0]
    assert "divide the column by 100" in messages[0]
    assert "'美元', which is no money unit" in messages[1]
    assert found.renames == {}


def test_a_bracket_that_is_part_of_an_unknown_header_is_not_a_unit() -> None:
    assert read_headers(["联系电话(手机)"]).renames == {}
