"""Registers as people keep them: Chinese headers with units, GBK CSV from Excel; the input
passed through as given."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest

from smeeco.cli import main
from smeeco.errors import ValidationError
from smeeco.register import read_register

ENGLISH = [
    ["id", "name", "industry", "employees", "revenue", "total_assets", "note"],
    ["1", "甲公司", "工业", "50", "20000000", "10000000", "x"],
    ["2", "乙公司", "批发业", "5", "1005000", "", ""],
    ["3", "丙公司", "零售业", "", "", "", "新设"],
]
CHINESE = [
    [
        "编号",
        "企业名称",
        "所属行业",
        "从业人员（人）",
        "营业收入（万元）",
        "资产总额（万元）",
        "备注",
    ],
    ["1", "甲公司", "工业", "50", "2000", "1000", "x"],
    ["2", "乙公司", "批发业", "5", "100.5", "", ""],
    ["3", "丙公司", "零售业", "", "", "", "新设"],
]


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _classify(
    tmp_path: Path, name: str, data: bytes, *extra: str
) -> tuple[int, list[list[str]], str]:
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / f"out-{name}"
    code = main(["classify", str(path), "-o", str(out), *extra])
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines())) if out.exists() else []
    return code, rows, ""


def test_a_gbk_register_with_chinese_headers_sizes_as_the_english_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, english, _ = _classify(tmp_path, "en.csv", _csv(ENGLISH).encode())
    assert code == 0
    capsys.readouterr()
    code, chinese, _ = _classify(tmp_path, "zh.csv", _csv(CHINESE).encode("gbk"))
    assert code == 0
    err = capsys.readouterr().err
    assert "'zh.csv': read as GB18030 (detected; give --encoding to choose)" in err
    assert "'zh.csv': amounts read in 万元, as the headers state" in err
    # the input as given, headers and cells, then the size columns: the same classes
    assert chinese[0][:7] == CHINESE[0]
    assert [row[:7] for row in chinese[1:]] == CHINESE[1:]
    size = chinese[0].index("size_class")
    assert [row[size] for row in chinese[1:]] == [
        row[english[0].index("size_class")] for row in english[1:]
    ]
    assert [row[size] for row in chinese[1:]] == ["small", "micro", "undetermined"]


def test_classify_passes_amounts_through_in_the_unit_they_were_given(tmp_path: Path) -> None:
    rows = [["id", "industry", "employees", "revenue"], ["1", "工业", "50", "2000"]]
    code, out, _ = _classify(tmp_path, "w.csv", _csv(rows).encode(), "--money-unit", "万元")
    assert code == 0
    assert out[1][:4] == ["1", "工业", "50", "2000"]  # not 20000000.0: the column is the user's


def test_classifying_the_output_again_replaces_the_size_columns(tmp_path: Path) -> None:
    code, first, _ = _classify(tmp_path, "a.csv", _csv(ENGLISH).encode())
    assert code == 0
    again = "\n".join(",".join(r) for r in first).encode()
    code, second, _ = _classify(tmp_path, "b.csv", again)
    assert code == 0
    assert second[0] == first[0]
    assert second[1:] == first[1:]


def test_bad_cells_are_named_by_the_header_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["企业名称", "行业", "从业人员", "营业收入（万元）"], ["甲", "工叶", "-3", "2000万"]]
    code, out, _ = _classify(tmp_path, "bad.csv", _csv(rows).encode())
    assert code != 0
    assert out == []
    err = capsys.readouterr().err
    assert "3 problems in bad.csv" in err
    assert "row 1 (line 2), column 行业 (industry): industry '工叶'" in err
    assert "row 1 (line 2), column 从业人员 (employees): '-3'" in err
    assert "row 1 (line 2), column 营业收入（万元） (revenue): '2000万'" in err


def test_a_header_unit_that_contradicts_the_option_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(_csv(CHINESE), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_register(path, money_unit="元")
    assert "states 万元, but --money-unit says 元" in str(info.value)
    assert read_register(path, money_unit="万元").money_unit == "万元"


def test_a_dataframe_with_chinese_headers_is_read_and_remembers_them() -> None:
    register = read_register(pl.DataFrame({"企业名称": ["甲"], "营业收入(亿元)": ["1.5"]}))
    assert register.frame.columns == ["name", "revenue"]
    assert register.frame["revenue"].to_list() == [150_000_000.0]
    assert register.money_unit == "亿元"
    assert register.headers == {"name": "企业名称", "revenue": "营业收入(亿元)"}


def test_an_xlsx_register_with_chinese_headers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in CHINESE:
        sheet.append(row)
    path = tmp_path / "r.xlsx"
    book.save(path)
    register = read_register(path, standard="miit-2011")
    assert register.money_unit == "万元"
    assert register.frame["revenue"].to_list()[:2] == [20_000_000.0, 1_005_000.0]


def test_a_given_encoding_that_is_wrong_is_said(tmp_path: Path) -> None:
    from smeeco.errors import TextEncodingError

    path = tmp_path / "r.csv"
    path.write_bytes(_csv(CHINESE).encode("gbk"))
    with pytest.raises(TextEncodingError, match="is not utf-8"):
        read_register(path, encoding="utf-8")
    assert read_register(path, encoding="gbk").headers["name"] == "企业名称"
