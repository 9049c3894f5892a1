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


_THREE_BAD = (
    "id,industry,employees,revenue\ne1,工业,300,20000000\ne2,工叶,10,100\ne3,工业,-3,2000万\n"
)


@pytest.mark.parametrize(
    ("command", "extra"),
    [
        ("classify", ["-o", "o.csv"]),
        ("classify", ["-o", "o.csv", "--standard", "nbs-2017"]),
        ("eligible", ["--tier", "cn-innovative-sme", "-o", "o.csv"]),
        ("explain", ["e1", "--tier", "cn-innovative-sme"]),
        ("match", ["--pack", "tianjin", "-o", "o.csv"]),
        ("match", ["--pack", "tianjin", "--explain", "e1"]),
    ],
)
def test_one_run_reports_the_bad_cells_and_the_unknown_industry_together(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    extra: list[str],
) -> None:
    from smeeco.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.csv").write_text(_THREE_BAD, encoding="utf-8")
    assert main([command, "bad.csv", *extra]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0] == "smeeco: error: 3 problems in bad.csv:"
    assert lines[1].startswith(
        "  row 2 (line 3), column industry: industry '工叶' is not listed in"
        " 《中小企业划型标准规定》(工信部联企业〔2011〕300号) (did you mean '工业'?); use a listed"
        " industry (农林牧渔业, 工业,"
    )
    assert lines[2].startswith(
        "  row 3 (line 4), column employees: '-3' is not a whole, non-negative number of persons"
    )
    assert lines[3] == (
        "  row 3 (line 4), column revenue: '2000万' is not an amount of money (write the number"
        " alone; a register in 万元 or 亿元 says so with --money-unit, or money_unit= in"
        " Python); write a plain number in the register's money unit"
    )
    assert len(lines) == 4
    assert captured.out == ""
    assert not (tmp_path / "o.csv").exists()


def test_eligible_for_a_tier_without_size_classes_reads_industries_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from smeeco.cli import main

    path = tmp_path / "r.csv"
    path.write_text("id,industry,revenue\ne1,工叶,100000\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    # 雏鹰企业 has no size criterion: its industry is not the size standard's business
    argv = ["eligible", str(path), "--tier", "tj-chuying", "--as-of", "2023-06-30", "-o", str(out)]
    assert main(argv) == 0
    assert pl.read_csv(out)["id"].to_list() == ["e1"]


def test_read_with_a_standard_checks_industries_among_every_cell() -> None:
    frame = pl.DataFrame(
        {"industry": [" 工叶 ", "C13", "99", None, "53", "工叶"], "employees": [1, -2, 3, 4, 5, 6]}
    )
    with pytest.raises(ValidationError) as exc:
        read_register(frame, standard="nbs-2017")
    text = _problems(exc)
    assert text[0].startswith("row 1, column industry: industry '工叶' is not listed")
    assert text[1] == (
        "row 3, column industry: industry code '99': division 99 does not exist in GB/T 4754-2017"
    )
    assert text[2].startswith("row 6, column industry: industry '工叶'")
    assert text[3].startswith("row 2, column employees: -2 is not a whole")
    assert len(text) == 4  # 53 (railways) is a known code the standard does not size
    # without a standard, industries are text; the EU definition sizes every industry alike
    for standard in (None, "eu-2003"):
        ok = read_register(frame.with_columns(pl.lit(1).alias("employees")), standard=standard)
        assert ok.frame["industry"].to_list() == ["工叶", "C13", "99", None, "53", "工叶"]
    with pytest.raises(RegisterError, match="unknown size standard 'miit'; use one of miit-2011"):
        read_register(frame, standard="miit")


def test_industries_are_read_once_per_distinct_cell_with_the_same_result() -> None:
    frame = pl.DataFrame(
        {"id": ["a", " b", "c", "d"], "industry": [" 工业 ", "", "工业", "C13"], "name": ["x"] * 4}
    )
    for standard in (None, "miit-2011"):
        reg = read_register(frame, standard=standard)
        assert reg.frame["industry"].to_list() == ["工业", None, "工业", "C13"]
        assert reg.frame["id"].to_list() == ["a", "b", "c", "d"]
        assert reg.industry_cells() == ("C13", "工业")
    # industry codes given as numbers are read as their text, and checked as text
    with pytest.raises(ValidationError) as exc:
        read_register(pl.DataFrame({"industry": [13, 5920, 99]}), standard="miit-2011")
    assert _problems(exc) == [
        "row 3, column industry: industry code '99': division 99 does not exist in GB/T 4754-2017"
    ]
    codes = read_register(pl.DataFrame({"industry": [13, 5920, None]}), standard="miit-2011")
    assert codes.frame["industry"].to_list() == ["13", "5920", None]
    # a register built from a frame finds its industries when first asked
    from smeeco.register import Register

    assert Register(reg.frame, "r").industry_cells() == ("C13", "工业")
    assert Register(reg.frame.drop("industry"), "r").industry_cells() == ()


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
