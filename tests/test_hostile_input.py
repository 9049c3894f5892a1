"""Malformed packs and registers as users make them: each gets a SmeecoError naming the
file, the place and the value, with what to do — never a traceback or a silent guess."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import polars as pl
import pytest

import smeeco
from smeeco.errors import DataPackError, RegisterError, ValidationError
from smeeco.register import read_register

HEADERS: list[object] = ["企业名称", "行业", "从业人员", "营业收入（万元）"]
ROW: list[object] = ["甲公司", "工业", 300, 2000]
PACK = "smeeco: 1\npack: {name: p}\nagencies:\n- {id: a1, name: {zh: 甲局}}\n"


def _xlsx(path: Path, rows: list[list[object]], **sheets: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    for row in rows:
        sheet.append(row)
    for name, more in sheets.items():
        extra = book.create_sheet(name)
        for row in more:
            extra.append(row)
    book.save(path)
    return path


# ----------------------------------------------------------------------------- packs


def test_a_json_pack_with_a_byte_order_mark_reads_as_yaml_does(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('\ufeff{"smeeco": 1, "pack": {"name": "p"}, "agencies": []}', "utf-8")
    assert smeeco.load(path).packs[-1].name == "p"


@pytest.mark.parametrize(
    ("encoding", "words"),
    [("utf-16", "it is UTF-16"), ("gbk", "reads as GB18030/GBK")],
)
def test_a_pack_not_in_utf8_says_what_it_is_and_how_to_convert(
    tmp_path: Path, encoding: str, words: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(PACK.encode(encoding))
    with pytest.raises(DataPackError) as info:
        smeeco.load(path)
    message = str(info.value)
    assert "'p.yaml' is not UTF-8 text" in message
    assert words in message
    assert f"iconv -f {'UTF-16' if encoding == 'utf-16' else 'GBK'} -t UTF-8" in message


@pytest.mark.parametrize(
    ("name", "text"), [("e.yaml", ""), ("c.yaml", "# a\n# b\n"), ("e.json", " \n")]
)
def test_an_empty_pack_says_what_a_pack_starts_with(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with pytest.raises(DataPackError) as info:
        smeeco.load(path)
    assert f"{name!r} holds no data (it is empty, or only comments)" in str(info.value)
    assert "'smeeco: 1'" in str(info.value)


def test_a_directory_is_not_a_pack(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").mkdir()
    with pytest.raises(DataPackError, match="is a directory, not a data-pack file"):
        smeeco.load(tmp_path / "d.yaml")


def test_dates_as_people_write_them_are_refused_with_the_form_to_use(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "smeeco: 1\npack: {name: d}\ndocuments:\n"
        "- {id: d1, name: {zh: 文}, issued: 2024-02-30}\n"
        '- {id: d2, name: {zh: 文}, issued: "2024年3月1日"}\n'
        "- {id: d3, name: {zh: 文}, issued: 20240301}\n",
        "utf-8",
    )
    with pytest.raises(ValidationError) as info:
        smeeco.load(path)
    message = str(info.value)  # all three at once, each with its path
    assert "d.yaml:documents[0].issued: bad date '2024-02-30': write it as YYYY-MM-DD" in message
    assert "d.yaml:documents[1].issued: bad date '2024年3月1日'" in message
    assert "d.yaml:documents[2].issued: bad date 20240301" in message


# ----------------------------------------------------------------------------- registers


def test_a_title_row_above_the_headers_is_not_guessed_but_named(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "r.xlsx", [["2024年企业名单"], HEADERS, ROW])
    with pytest.raises(RegisterError) as info:
        read_register(path)
    message = str(info.value)
    assert "no header of line 1 of 'r.xlsx' ('2024年企业名单'" in message
    assert "line 2 holds '企业名称', '行业', '从业人员'" in message
    assert "--header-row 2 (header_row=2 in Python)" in message
    register = read_register(path, header_row=2)
    assert register.frame["employees"].to_list() == [300]
    assert register.where(0) == "row 1 (line 3)"


def test_header_row_in_a_csv_counts_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("2024年企业名单,,\n企业名称,从业人员,营业收入\n甲,300,x\n", "utf-8")
    with pytest.raises(RegisterError, match="pass --header-row 2"):
        read_register(path)
    with pytest.raises(ValidationError) as info:
        read_register(path, header_row=2)
    assert "row 1 (line 3), column 营业收入 (revenue): 'x'" in str(info.value)


def test_a_workbook_of_several_sheets_says_which_it_read(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "r.xlsx", [HEADERS, ROW], 第二批=[HEADERS, ["乙", "工业", 5, 1]])
    register = read_register(path)
    assert "'r.xlsx': read sheet '名单', the first of 2 ('名单', '第二批'); name another" in (
        " ".join(register.notes)
    )
    assert read_register(path, sheet="第二批").frame["name"].to_list() == ["乙"]
    with pytest.raises(RegisterError, match="has no sheet '第三批'; its sheets: '名单', '第二批'"):
        read_register(path, sheet="第三批")


def test_a_header_only_sheet_is_a_register_of_no_rows(tmp_path: Path) -> None:
    assert len(read_register(_xlsx(tmp_path / "h.xlsx", [HEADERS]))) == 0
    with pytest.raises(
        RegisterError, match=re.escape("sheet '名单' of register 'e.xlsx' is empty")
    ):
        read_register(_xlsx(tmp_path / "e.xlsx", []))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_header_written_twice_is_refused_not_renamed(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"r{suffix}"
    if suffix == ".csv":
        path.write_text("企业名称,从业人员,从业人员\n甲,300,20\n", "utf-8")
    else:
        _xlsx(path, [["企业名称", "从业人员", "从业人员"], ["甲", 300, 20]])
    with pytest.raises(ValidationError) as info:
        read_register(path)
    assert "column 3: columns 2 and 3 both have header '从业人员'" in str(info.value)


@pytest.mark.parametrize("total", ["合计", "总 计", "Total"])
def test_a_row_of_totals_is_refused(tmp_path: Path, total: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"企业名称,从业人员\n甲,300\n{total},300\n", "utf-8")
    with pytest.raises(ValidationError) as info:
        read_register(path)
    assert f"row 2 (line 3), column 企业名称 (name): {total!r} marks a row of totals" in str(
        info.value
    )


def test_full_width_digits_are_a_bad_cell_not_a_traceback() -> None:
    with pytest.raises(ValidationError) as info:
        read_register(pl.DataFrame({"employees": ["１２３", "3"], "revenue": ["１２３", "1"]}))
    message = str(info.value)
    assert "row 1, column employees: '１２３' is not a whole" in message
    assert "full-width digits: write ASCII digits" in message
    assert "row 1, column revenue: '１２３' is not an amount of money" in message


def test_cell_hints_for_separators_and_percents() -> None:
    with pytest.raises(ValidationError) as info:
        read_register(pl.DataFrame({"employees": ["1,234", "12%"]}))
    assert "'1,234' is not a whole, non-negative number of persons (write the number without" in (
        str(info.value)
    )
    assert "'12%' is not a whole, non-negative number of persons (write the number alone" in (
        str(info.value)
    )


def test_a_date_cell_read_as_midnight_is_a_date(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "r.xlsx",
        [["企业名称", "成立日期"], ["甲", dt.datetime(2020, 1, 2)], ["乙", "2020年1月2日"]],
    )
    with pytest.raises(ValidationError) as info:
        read_register(path)
    message = str(info.value)
    assert "2020-01-02" not in message  # the date cell is read
    assert (
        "row 2 (line 3), column 成立日期 (registered_on): '2020年1月2日' is not a date" in message
    )


@pytest.mark.parametrize(
    ("text", "encoding", "note"),
    [
        ("企业名称;从业人员\n甲;300\n", "utf-8", "separated by semicolons"),
        ("企业名称\t从业人员\n甲\t300\n", "utf-16", "separated by tabs"),  # Excel's Unicode text
        ("企业名称,从业人员\n甲,300\n", "utf-16", None),
    ],
)
def test_csv_separators_and_utf16_are_read_and_said(
    tmp_path: Path, text: str, encoding: str, note: str | None
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(encoding))
    register = read_register(path)
    assert register.frame["employees"].to_list() == [300]
    assert register.frame["name"].to_list() == ["甲"]
    if note:
        assert any(note in n and "'r.csv'" in n for n in register.notes)


def test_rows_of_the_wrong_width_are_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("企业名称,从业人员\n甲,300,x\n乙\n", "utf-8")
    with pytest.raises(RegisterError) as info:
        read_register(path)
    message = str(info.value)
    assert "the header row has 2 columns, but line 2 has 3; line 3 has 1" in message
    assert "truncate_ragged_lines" not in message  # polars' options are not the user's


def test_lone_carriage_returns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("企业名称,从业人员\r\n甲,300\n乙,20\r丙,30\n".encode())
    with pytest.raises(RegisterError, match="lone carriage return"):
        read_register(path)


def test_an_empty_csv(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("", "utf-8")
    with pytest.raises(RegisterError, match=re.escape("'r.csv' is empty: it needs a header row")):
        read_register(path)


def test_header_row_is_checked() -> None:
    with pytest.raises(RegisterError, match="must be a line number"):
        read_register(pl.DataFrame({"id": ["a"]}), header_row=0)
    with pytest.raises(RegisterError, match="for CSV and XLSX files, not DataFrames"):
        read_register(pl.DataFrame({"id": ["a"]}), header_row=2)


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B")])
def test_control_characters_in_any_column_are_bad_cells(char: str, code: str) -> None:
    # an XLSX output could not hold them (openpyxl raised IllegalCharacterError)
    frame = pl.DataFrame({"name": ["甲", f"乙{char}"], "备注": [f"a{char}", "b"]})
    with pytest.raises(ValidationError) as info:
        read_register(frame)
    message = str(info.value)
    assert f"row 2, column name: {'乙' + char!r} holds the control character {code}" in message
    assert f"row 1, column 备注: {'a' + char!r} holds the control character {code}" in message


def test_classify_to_xlsx_with_a_control_character_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from smeeco.cli import main

    path = tmp_path / "r.csv"
    path.write_text("企业名称,行业,从业人员\n甲\x1b[31m,工业,300\n", "utf-8")
    assert main(["classify", str(path), "-o", str(tmp_path / "out.xlsx")]) != 0
    err = capsys.readouterr().err
    assert (
        "row 1 (line 2), column 企业名称: '甲\\x1b[31m' holds the control character U+001B" in err
    )
    assert "Traceback" not in err


def test_blank_rows_are_kept_and_said(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("企业名称,从业人员\n甲,300\n,\n乙,3\n", "utf-8")
    register = read_register(path)
    assert len(register) == 3
    assert "'r.csv': row 2 (line 3) is blank; kept as rows of unknowns" in " ".join(register.notes)


def test_a_lower_case_credit_code_is_told_its_capitals() -> None:
    with pytest.raises(ValidationError) as info:
        read_register(pl.DataFrame({"credit_code": ["91120000ma05l1234f"]}))
    assert "in capitals it is valid: write '91120000MA05L1234F'" in str(info.value)


def test_a_quoted_format_version_is_told_to_drop_the_quotes(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_text("smeeco: '1'\npack: {name: v}\n", "utf-8")
    with pytest.raises(ValidationError) as info:
        smeeco.load(path)
    assert "v.yaml:smeeco: format version '1'" in str(info.value)
    assert "'smeeco: 1' (a number, without quotes)" in str(info.value)


def test_a_comma_that_groups_no_thousands_is_refused_not_dropped(tmp_path: Path) -> None:
    # "1,2万元" was read as 12万元: a decimal comma (1.2?) silently became ten times more
    path = tmp_path / "m.yaml"
    path.write_text(
        "smeeco: 1\npack: {name: m}\nenterprises:\n"
        '- {id: e1, name: {zh: 企一}, revenue: "1,2万元"}\n'
        '- {id: e2, name: {zh: 企二}, revenue: "1,234万元"}\n',
        "utf-8",
    )
    with pytest.raises(ValidationError) as info:
        smeeco.load(path)
    message = str(info.value)
    assert "m.yaml:enterprises[0].revenue: cannot read '1,2万元' as money" in message
    assert "enterprises[1]" not in message


def test_a_typo_in_a_record_list_gets_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("smeeco: 1\npack: {name: t}\nagencys:\n- {id: a1, name: {zh: 甲局}}\n", "utf-8")
    with pytest.raises(ValidationError) as info:
        smeeco.load(path)
    assert "t.yaml:agencys: unknown record list 'agencys'; did you mean 'agencies'?" in str(
        info.value
    )


def test_a_formula_with_no_value_saved_is_a_bad_cell_not_unknown(tmp_path: Path) -> None:
    # a program (openpyxl, a database export) wrote the formula without computing it:
    # it read as an empty cell, i.e. unknown, though Excel shows 3
    path = _xlsx(tmp_path / "f.xlsx", [["企业名称", "从业人员"], ["甲", "=1+2"], ["乙", None]])
    with pytest.raises(ValidationError) as info:
        read_register(path)
    message = str(info.value)
    assert "row 1 (line 2), column 从业人员: the formula '=1+2' has no value saved" in message
    assert "open the file in Excel and save it" in message
    assert "line 3" not in message  # a truly empty cell is unknown, as ever


def test_a_huge_bad_cell_is_shown_cut() -> None:
    with pytest.raises(ValidationError) as info:
        read_register(pl.DataFrame({"employees": ["9" * 100_000]}))
    message = str(info.value)
    assert len(message) < 400
    assert "'" + "9" * 60 + "… (100000 characters)' is not a whole" in message


def test_trailing_empty_columns_are_no_duplicate_headers(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("企业名称,从业人员,,\n甲,3,,\n", "utf-8")
    assert read_register(path).frame["employees"].to_list() == [3]


def test_a_header_row_past_the_end_says_so(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("企业名称,从业人员\n甲,3\n", "utf-8")
    with pytest.raises(RegisterError, match="has nothing from line 5 on"):
        read_register(path, header_row=5)
    book = _xlsx(tmp_path / "r.xlsx", [["企业名称", "从业人员"], ["甲", 3]])
    with pytest.raises(RegisterError, match="so line 9 cannot be its header row"):
        read_register(book, header_row=9)


def test_a_leading_zero_number_is_refused_not_read_as_octal(tmp_path: Path) -> None:
    # YAML 1.1 (PyYAML) read `ordinal: 010` as 8 without a word
    path = tmp_path / "o.yaml"
    path.write_text(
        "smeeco: 1\npack: {name: o}\nagencies:\n- {id: a1, name: {zh: 甲局}}\n"
        "documents:\n- {id: d1, name: {zh: 文}, issuers: [a1]}\n"
        "measures:\n- {id: m1, name: {zh: 措施}, document: d1, ordinal: 010}\n",
        "utf-8",
    )
    with pytest.raises(ValidationError) as info:
        smeeco.load(path)
    message = str(info.value)
    assert "o.yaml:measures[0].ordinal: 010 has a leading zero" in message
    assert "octal number (8)" in message
    assert "drop the zero, or quote it if it is a code (line 8)" in message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest",
            "it is an old Excel .xls workbook; save it as .xlsx",
        ),
        (
            "企业名称,从业人员\n甲,3\n".encode(),
            "it is not an XLSX workbook (a CSV or other file renamed?)",
        ),
    ],
)
def test_a_file_that_is_no_workbook_says_what_it_is(
    tmp_path: Path, data: bytes, words: str
) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    with pytest.raises(RegisterError) as info:
        read_register(path)
    assert f"cannot read register 'r.xlsx': {words}" in str(info.value)


def _problems(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        smeeco.read_pack(path)
    return [str(p) for p in caught.value.problems]


MEASURE = "- id: {id}\n  name: {{zh: {name}}}\n  document: doc1\n  ordinal: {ordinal}\n"


def test_a_repeated_id_is_said_with_the_values_a_record_was_refused_for(tmp_path: Path) -> None:
    # the first record is refused for its ordinal: its id is still the first's
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "smeeco: 1\npack:\n  name: p\ndocuments:\n- id: doc1\n  name: {zh: 某文件}\nmeasures:\n"
        + MEASURE.format(id="doc1.m1", name="措施一", ordinal="x")
        + MEASURE.format(id="doc1.m1", name="措施二", ordinal=2)
        + MEASURE.format(id="doc1.m2", name="措施三", ordinal=3)
        + MEASURE.format(id="doc1.m2", name="措施四", ordinal=4),
        encoding="utf-8",
    )
    found = _problems(pack)
    assert len(found) == 3
    assert "measures[0].ordinal" in found[0]
    assert "measures[1].id: id 'doc1.m1' is already used at measures[0]" in found[1]
    assert found[2].startswith("p.yaml:measures[3].id: id 'doc1.m2' is already used by a measure")
    assert "(措施三) at p.yaml:measures[2]" in found[2]


def test_a_repeated_id_across_packs_says_where_it_was_first_used(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(
        "smeeco: 1\npack:\n  name: base\nagencies:\n- id: a1\n  name: {zh: 某市财政局}\n",
        encoding="utf-8",
    )
    top = tmp_path / "top.yaml"
    top.write_text(
        "smeeco: 1\npack:\n  name: top\n  requires: [base]\n"
        "agencies:\n- id: a1\n  name: {zh: 某市商务局}\n",
        encoding="utf-8",
    )
    assert _problems(top) == [
        "top.yaml:agencies[0].id: id 'a1' is already used by an agency (某市财政局) at"
        " base.yaml:agencies[0]; give each record its own id"
    ]
