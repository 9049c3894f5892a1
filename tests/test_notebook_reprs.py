"""Compact reprs and notebook tables for the results of tables, search and the list form."""

from __future__ import annotations

import re

import smeeco


def _plain(page: str) -> str:
    """The table without the cells' alignment styles (what the assertions read)."""
    return re.sub(r"<(td|th) style=\"[^\"]*\">", r"<\1>", page)


def test_columns_repr_is_one_line_with_counts(example: smeeco.Ecosystem) -> None:
    columns = smeeco.table_columns(example, "responsibilities")
    assert repr(columns) == "<Columns: 6 rows × 14 columns>"
    page = _plain(columns._repr_html_())
    assert page.startswith("<table><caption>6 rows × 14 columns</caption>")
    assert page.count("<tr>") == 1 + 6
    assert "<td>示例市财政局</td>" in page


def test_search_and_task_list_reprs(example: smeeco.Ecosystem) -> None:
    result = smeeco.search(example, "支持")
    assert repr(result) == "<SearchResult '支持': 1 measures>"
    assert "<td>加强财政资金支持</td>" in _plain(result._repr_html_())
    (lst,) = smeeco.task_lists(example)
    assert repr(lst) == "<TaskList ex-2022-measures: 3 tasks>"
    page = _plain(lst._repr_html_())
    assert "<th>牵头单位</th>" in page
    assert page.count("<tr>") == 1 + 3
    assert "inferred" in page


def test_comparison_html(example: smeeco.Ecosystem) -> None:
    result = smeeco.diff(example.at("2023-01-01"), example.at("2024-01-01"))
    assert repr(result).startswith("<Comparison ")
    page = result._repr_html_()
    assert "<h4>Units reorganised</h4>" in page
    assert "ex-new-regulator" in page


def test_ecosystem_repr_counts_records_and_its_table_lists_documents(
    example: smeeco.Ecosystem,
) -> None:
    total = sum(1 for _ in example)
    line = repr(example)
    assert line.startswith(f"<Ecosystem 'example': {total} records — 2 jurisdictions, ")
    assert "\n" not in line
    assert f"{sum(1 for _ in example.records('measure'))} measures" in line
    page = _plain(example._repr_html_())
    # one row of counts under the kinds' names, then one row per document
    kinds = re.search(r"<thead><tr>(.*?)</tr></thead><tbody><tr>(.*?)</tr>", page)
    assert kinds
    names = re.findall(r"<th>(.*?)</th>", kinds.group(1))
    counts = re.findall(r"<td>(.*?)</td>", kinds.group(2))
    assert dict(zip(names, counts, strict=True))["measures"] == "3"
    assert sum(map(int, counts)) == total
    # the documents table: one row per document, with the number of its measures
    (row,) = re.findall(r"<tr><td>ex-2022-measures</td>(.*?)</tr>", page)
    assert row.endswith("<td>3</td>")


def test_record_reprs_are_one_line_counts_not_contents() -> None:
    eco = smeeco.load("tianjin-2022-measures")
    four = eco["tj-2022-measures.m04"]
    assert repr(four) == "Measure(id='tj-2022-measures.m04', '加强信贷支持', 7 units)"
    assert repr(eco["tj-fin-office"]) == "Agency(id='tj-fin-office', '天津市地方金融监督管理局')"
    assert repr(eco["tj-2022-measures"]) == (
        "PolicyDocument(id='tj-2022-measures', '天津市提升中小企业竞争力若干措施',"
        " 1 issuers, 8 sections, 3 addressees)"
    )
    # a custom repr leaves equality and hashing alone
    same = eco["tj-2022-measures.m04"]
    assert same == four
    assert hash(same) == hash(four)
    assert {four, same} == {four}


def test_measure_table_lists_units_in_stated_order_with_roles() -> None:
    eco = smeeco.load("tianjin-2022-measures")
    four = eco["tj-2022-measures.m04"]
    page = _plain(four._repr_html_())
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td><td>([^<]+)</td>", page)
    assert [(int(n), unit, role) for n, unit, role in rows] == [
        (i + 1, r.unit, r.role.value) for i, r in enumerate(four.responsibilities)
    ]
    assert rows[0][1:] == ("tj-pbc-branch", "lead")


def test_document_table_lists_sections() -> None:
    eco = smeeco.load("tianjin-2022-measures")
    page = _plain(eco["tj-2022-measures"]._repr_html_())
    assert "<td>文号</td><td>津中小企组〔2022〕2号</td>" in page
    assert "<caption>8 sections</caption>" in page
    assert "<td>落实落细财税扶持政策</td>" in page


def test_matrix_repr_and_grid(example: smeeco.Ecosystem) -> None:
    matrix = smeeco.responsibility_matrix(example, "ex-2022-measures")
    assert repr(matrix) == (
        f"<ResponsibilityMatrix: 3 measures × {len(matrix.units)} units,"
        f" {len(matrix.cells)} filled cells>"
    )
    page = _plain(matrix._repr_html_())
    header, *body = matrix.rows()
    assert page.count("<tr>") == 1 + len(body)
    assert "".join(f"<th>{h}</th>" for h in header) in page


def test_text_cells_align_left_and_short_ones_do_not_wrap(example: smeeco.Ecosystem) -> None:
    page = smeeco.responsibility_matrix(example, "ex-2022-measures")._repr_html_()
    # a role mark keeps to one line, a count stays right-aligned as Jupyter shows numbers
    assert '<td style="text-align:left;white-space:nowrap">牵头' in page
    table = smeeco.table_columns(example, "responsibilities")._repr_html_()
    assert re.search(r"<td>\d+</td>", table)
    assert "<caption>6 rows × 14 columns</caption>" in table  # nothing cut, so not said
    assert "(the first 2 shown)" in smeeco.table_columns(example, "responsibilities")._repr_html_(2)
