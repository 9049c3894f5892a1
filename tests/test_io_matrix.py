"""The responsibility matrix (任务分工表) in CSV, Markdown, HTML and Excel."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

import smeeco
from smeeco.errors import ExportError
from smeeco.io.matrix import (
    dumps_matrix_csv,
    dumps_matrix_html,
    dumps_matrix_markdown,
    matrix_table,
    write_matrix,
)


def test_finance_leads_measure_one_with_an_inferred_role(example: smeeco.Ecosystem) -> None:
    rows = list(csv.reader(io.StringIO(dumps_matrix_csv(example, "ex-2022-measures"))))
    header, first = rows[0], rows[1]
    assert header[:3] == ["部分", "序号", "措施"]
    assert first[1:3] == ["(一)", "加强财政资金支持"]
    assert first[header.index("示例市财政局")] == "牵头*"
    assert first[header.index("各区人民政府 †")] == "配合*"


def test_stated_roles_have_no_star(example: smeeco.Ecosystem) -> None:
    table = matrix_table(example)
    (row,) = [r for r in table.rows if r.measure == "ex-2022-measures.m02"]
    assert row.texts()[table.unit_ids.index("ex-miit")] == "牵头"
    cell = row.cells[table.unit_ids.index("ex-miit")]
    assert cell is not None
    assert (cell.role.value, cell.explicit) == ("lead", True)


def test_totals_and_legend(example: smeeco.Ecosystem) -> None:
    text = dumps_matrix_csv(example)
    assert ",,牵头合计,1,1,0,1" in text
    assert "列第一位的责任单位为牵头单位" in text
    assert "注：" not in dumps_matrix_csv(example, legend=False)


def test_english_matrix_uses_l_and_s(example: smeeco.Ecosystem) -> None:
    text = dumps_matrix_markdown(example, lang="en")
    assert "| (一) | Stronger fiscal support | L* | S* | S* | |" in text
    assert "| 1 | **Fiscal support** |" in text
    assert "L = lead unit" in text


def test_as_of_passes_responsibilities_to_the_successor(example: smeeco.Ecosystem) -> None:
    table = matrix_table(example, as_of="2024-01-01")
    assert "ex-new-regulator" in table.unit_ids
    assert "ex-old-regulator" not in table.unit_ids
    assert "2024-01-01" in table.subtitle


def test_markdown_escapes_pipes() -> None:
    eco = smeeco.load("example")
    assert "\\|" not in dumps_matrix_markdown(eco)  # nothing to escape in the example


def test_html_page_colours_roles(example: smeeco.Ecosystem) -> None:
    page = dumps_matrix_html(example)
    assert '<td class="c lead">牵头*</td>' in page
    assert "writing-mode:vertical-rl" in page
    assert "http" not in page


def test_xlsx_holds_the_table(example: smeeco.Ecosystem, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_matrix(example, tmp_path / "任务分工表.xlsx")
    sheet = openpyxl.load_workbook(path).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "示例市提升中小企业竞争力若干措施"
    assert values[2][:3] == ["序号", "措施", "示例市财政局"]
    assert ["(一)", "加强财政资金支持", "牵头*", "配合*", "配合*", None] in values
    assert sheet.freeze_panes == "C4"


def test_xlsx_without_openpyxl_says_what_to_install(
    example: smeeco.Ecosystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ExportError, match=r"pip install 'smeeco\[xlsx\]'"):
        write_matrix(example, tmp_path / "m.xlsx")


@pytest.mark.parametrize("suffix", [".csv", ".md", ".html"])
def test_write_matrix_by_suffix(example: smeeco.Ecosystem, tmp_path: Path, suffix: str) -> None:
    path = write_matrix(example, tmp_path / f"m{suffix}")
    assert "加强财政资金支持" in path.read_text(encoding="utf-8")


def test_unknown_matrix_format(example: smeeco.Ecosystem, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"unknown matrix format '\.pdf'; supported: .csv"):
        write_matrix(example, tmp_path / "m.pdf")


def _roles_pack() -> smeeco.Ecosystem:
    from smeeco import Agency, Measure, Name, PolicyDocument, Responsibility, Role

    return smeeco.Ecosystem(
        [
            PolicyDocument(id="d", name=Name("文件")),
            Agency(id="a", name=Name("甲局")),
            Agency(id="b", name=Name("乙局")),
            Agency(id="c", name=Name("丙局")),
            Measure(
                id="d.m1",
                name=Name("措施一"),
                document="d",
                ordinal=1,
                responsibilities=(
                    Responsibility("a", Role.LEAD, True),
                    Responsibility("b", Role.EXECUTING, True),
                    Responsibility("c", Role.FUNDING, False),
                ),
            ),
        ]
    )


def test_executing_and_funding_cells_show_as_themselves(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from smeeco.io.matrix import dumps_matrix_html, write_matrix_xlsx
    from smeeco.style import ROLE_CELL_COLOURS

    eco = _roles_pack()
    page = dumps_matrix_html(eco)
    assert '<td class="c lead">牵头</td>' in page
    assert '<td class="c executing">实施</td>' in page
    assert '<td class="c funding">出资*</td>' in page
    assert "实施＝具体实施单位" in page
    assert "出资＝出资单位" in page
    assert "| 1 | 措施一 | L | E | F* |" in dumps_matrix_markdown(eco, lang="en")
    sheet = load_workbook(write_matrix_xlsx(eco, tmp_path / "m.xlsx")).active
    row = next(r for r in sheet.iter_rows() if r[1].value == "措施一")
    fills = [c.fill.fgColor.rgb[-6:] for c in row[2:5]]
    assert fills == [ROLE_CELL_COLOURS[k][0].lstrip("#") for k in ("lead", "executing", "funding")]
    assert [c.value for c in row[2:5]] == ["牵头", "实施", "出资*"]
