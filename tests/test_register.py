"""Registers: every bad cell reported with row and column, nothing coerced, empty = unknown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from smeeco import ValidationError
from smeeco.errors import RegisterError
from smeeco.register import parse_tiers, read_register, write_table


def _problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_csv_cells_are_read_by_their_column(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "id,name,credit_code,employees,revenue,debt_ratio,compliant,registered_on,tiers,extra\n"
        "e1,甲,91350100M000100Y43,300,2000,0.55,true,2019-03-01,cn-innovative-sme@2023-05-01,x\n"
        "e2,乙,,,,,,,,\n",
        encoding="utf-8",
    )
    reg = read_register(path, money_unit="万元")
    assert reg.frame.row(0) == (
        "e1",
        "甲",
        "91350100M000100Y43",
        300,
        20_000_000.0,
        0.55,
        True,
        dt.date(2019, 3, 1),
        "cn-innovative-sme@2023-05-01",
        "x",
    )
    # empty cells are unknown (null), never zero or false
    assert reg.frame.row(1) == ("e2", "乙", None, None, None, None, None, None, None, None)


def test_every_bad_cell_at_once_with_row_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,employees,revenue,debt_ratio,compliant,credit_code,registered_on,tiers\n"
        "a,299.9,nan,55%,yes,91350100M000100Y44,2024-13-01,cn-x@2024-02-30\n"
        "b,True,-5,0.5,TRUE,91350100M000100Y43,2024-01-01,\n"
        "a,[300],inf,,false,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as exc:
        read_register(path)
    text = _problems(exc)
    assert "row 1 (line 2), column employees: '299.9' is not a whole" in text[0]
    assert any(t.startswith("row 2 (line 3), column employees: 'True'") for t in text)
    assert any(t.startswith("row 3 (line 4), column employees: '[300]'") for t in text)
    assert any("column revenue: 'nan' is not an amount" in t for t in text)
    assert any("column revenue: 'inf'" in t for t in text)
    assert any(
        "column revenue: '-5' is not an amount of money (it cannot be negative)" in t for t in text
    )
    assert any("column debt_ratio: '55%' is not a ratio (ratios are fractions" in t for t in text)
    assert any("column compliant: 'yes' is not a boolean" in t for t in text)
    assert any("column credit_code" in t and "check digit" in t for t in text)
    assert any("column registered_on: '2024-13-01' is not a date" in t for t in text)
    assert any("column tiers" in t and "does not exist" in t for t in text)
    assert any("row 3 (line 4), column id: id 'a' is used by more than one row" in t for t in text)
    assert exc.value.where == "bad.csv"


def test_dataframe_columns_of_any_type() -> None:
    frame = pl.DataFrame(
        {
            "employees": [300.0, 299.9, float("nan"), None],
            "revenue": [1.0, float("inf"), 2.0, None],
            "compliant": [True, None, False, True],
        }
    )
    with pytest.raises(ValidationError) as exc:
        read_register(frame)
    assert _problems(exc) == [
        "row 2, column employees: 299.9 is not a whole, non-negative number of persons;"
        " write e.g. 300 (fractions are not rounded, an empty cell means unknown)",
        "row 3, column employees: nan is not a whole, non-negative number of persons;"
        " write e.g. 300 (fractions are not rounded, an empty cell means unknown)",
        "row 2, column revenue: inf is not an amount of money;"
        " write a plain number in the register's money unit",
    ]
    ok = read_register(frame.slice(0, 1).vstack(frame.slice(3, 1)))
    assert ok.frame["employees"].to_list() == [300, None]


def test_pandas_and_arrow_inputs() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    for native in (
        pd.DataFrame({"id": ["a"], "employees": [12]}),
        pa.table({"id": ["a"], "employees": [12]}),
    ):
        assert read_register(native).frame.row(0) == ("a", 12)


def test_lazy_inputs_a_duckdb_relation_and_a_polars_lazyframe() -> None:
    duckdb = pytest.importorskip("duckdb")
    relation = duckdb.sql(
        "select * from (values ('a', '工业', 300), ('b', '零售业', 5)) t(id, industry, employees)"
    )
    register = read_register(relation)
    assert register.frame.select("id", "industry", "employees").rows() == [
        ("a", "工业", 300),
        ("b", "零售业", 5),
    ]
    from smeeco.sizing.frame import classify_register

    sized = classify_register(register)
    assert sized["size_class"].to_list() == ["undetermined", "micro"]
    lazy = pl.DataFrame({"id": ["x"], "employees": [3]}).lazy()
    assert read_register(lazy).frame.row(0) == ("x", 3)
    with pytest.raises(ValidationError) as exc:
        read_register(duckdb.sql("select 'a' as id, 'x' as employees"))
    assert _problems(exc)[0].startswith("row 1, column employees: 'x' is not a whole")


def test_what_is_not_a_table_is_refused_saying_what_to_pass() -> None:
    with pytest.raises(RegisterError, match="cannot read a register from a dict: pass a file"):
        read_register({"id": ["a"]})


def test_many_bad_cells_are_counted_not_all_listed() -> None:
    with pytest.raises(ValidationError) as exc:
        read_register(pl.DataFrame({"employees": ["x"] * 25}))
    text = _problems(exc)
    assert len(text) == 21
    assert text[-1] == "column employees: ... and 5 more bad cells like these"


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="does not exist"):
        read_register(tmp_path / "nope.csv")
    (tmp_path / "r.json").write_text("{}")
    with pytest.raises(RegisterError, match=r"use \.csv"):
        read_register(tmp_path / "r.json")
    with pytest.raises(RegisterError, match="money unit"):
        read_register(pl.DataFrame({"id": ["a"]}), money_unit="千元")


def test_tiers_cells() -> None:
    assert parse_tiers("a@2023-01-01/2025-12-31") == (
        ("a", dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
    )
    assert parse_tiers("  ") == ()


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_write_round_trip_and_no_live_formulas(tmp_path: Path, suffix: str) -> None:
    frame = pl.DataFrame({"id": ["a", "b"], "name": ['=HYPERLINK("x")', "乙"], "n": [1, 2]})
    out = write_table(frame, tmp_path / f"out{suffix}")
    back = read_register(out).frame
    assert back["id"].to_list() == ["a", "b"]
    if suffix == ".csv":
        assert back["name"][0] == '\'=HYPERLINK("x")'
    else:
        assert back["name"][0] == '=HYPERLINK("x")'
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        cell = load_workbook(out).active["B2"]
        assert cell.data_type == "s"
    assert [p.name for p in tmp_path.iterdir()] == [f"out{suffix}"]  # no temporary left


def test_writing_over_the_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id\na\n")
    with pytest.raises(RegisterError, match="input register"):
        write_table(pl.DataFrame({"id": ["a"]}), path, source=path)


def test_the_benchmark_register_is_valid_and_deterministic() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.bench_enterprise import synthetic_register

    frame = synthetic_register(300)
    assert frame.equals(synthetic_register(300))
    reg = read_register(frame)
    assert len(reg) == 300
    assert reg.frame["employees"].min() >= 1  # type: ignore[operator]
