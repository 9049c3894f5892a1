"""The 任务分工表 in list form: rows, honest legends, print-ready and byte-identical files."""

from __future__ import annotations

from pathlib import Path

import pytest

import smeeco
from smeeco.cli import main
from smeeco.tasklist import task_lists


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin-2022-measures")


def test_rows_in_document_order(tianjin: smeeco.Ecosystem) -> None:
    (lst,) = task_lists(tianjin)
    assert lst.title == "天津市提升中小企业竞争力若干措施"
    assert lst.subtitle() == "津中小企组〔2022〕2号　2022年6月18日"
    measures = sorted(tianjin.measures, key=lambda m: m.ordinal)
    assert [r.measure for r in lst.rows] == [m.id for m in measures]
    four = next(r for r in lst.rows if r.number == "(四)")
    assert four.cells()[2] == "中国人民银行天津分行*"
    assert four.supports[0] == "中国银行保险监督管理委员会天津监管局"
    assert len(four.supports) == 6


def test_legends_say_what_is_true(tianjin: smeeco.Ecosystem) -> None:
    (lst,) = task_lists(tianjin)
    last = lst.rows[-1]
    assert last.number == "(二十四)"
    assert "text breaks off" in last.note
    assert "no responsible unit" not in last.note
    assert not last.lead_inferred
    assert any("inferred" in note for note in lst.legend())
    (explicit,) = task_lists(smeeco.load("example"))
    two = explicit.rows[1]
    assert two.cells()[2] == "示例市工业和信息化局"  # stated lead: no mark


def test_no_lead_and_no_unit_rows() -> None:
    eco = smeeco.load("all")
    rows = [r for lst in task_lists(eco) for r in lst.rows]
    measures = {m.id: m for m in eco.measures}
    for r in rows:
        m = measures[r.measure]
        if m.responsibilities and m.lead is None:
            assert "no lead" in r.note
        elif not m.responsibilities and not m.truncated:
            assert "names no responsible unit" in r.note
    # the inferred-lead legend appears only under a document with an inferred lead
    for lst in task_lists(eco):
        assert any("inferred" in n for n in lst.legend()) == any(r.lead_inferred for r in lst.rows)


def test_as_of_names_the_successor(tianjin: smeeco.Ecosystem) -> None:
    (lst,) = task_lists(tianjin, as_of="2024-01-01")
    four = next(r for r in lst.rows if r.number == "(四)")
    assert four.leads == ("中国人民银行天津市分行（原中国人民银行天津分行）",)
    assert any("successor" in n for n in lst.legend())


def test_xlsx_print_ready_and_byte_identical(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        assert main(["matrix", "tianjin-2022-measures", "--form", "list", "-o", str(path)]) == 0
    assert first.read_bytes() == second.read_bytes()
    sheet = load_workbook(first).worksheets[0]
    assert sheet["A1"].value == "天津市提升中小企业竞争力若干措施"
    assert [c.value for c in sheet[3]] == ["序号", "任务", "牵头单位", "配合单位", "说明"]
    assert sheet["A4"].value == "(一)"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.oddHeader.center.text == "天津市提升中小企业竞争力若干措施"


def test_docx_table_and_byte_identical(tmp_path: Path) -> None:
    import docx

    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for path in (first, second):
        argv = ["matrix", "tianjin-2022-measures", "--form", "list", "-o", str(path)]
        assert main(argv) == 0
    assert first.read_bytes() == second.read_bytes()
    document = docx.Document(str(first))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "天津市提升中小企业竞争力若干措施"
    assert texts[1] == "津中小企组〔2022〕2号　2022年6月18日"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "任务", "牵头单位", "配合单位", "说明"]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # header repeats on each page
    assert table.rows[4].cells[0].text == "(四)"
    assert table.rows[4].cells[2].text == "中国人民银行天津分行*"
    assert len(table.rows) == 1 + len(smeeco.load("tianjin-2022-measures").measures)
    assert any("inferred" in t for t in texts)


def test_terminal_and_refusals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["matrix", "example", "--form", "list"]) == 0
    out = capsys.readouterr().out
    assert "| (一) | 加强财政资金支持 | 示例市财政局* |" in out
    assert main(["matrix", "example", "--form", "list", "-o", str(tmp_path / "x.html")]) == 1
    assert "unknown format '.html' for --form list" in capsys.readouterr().err
