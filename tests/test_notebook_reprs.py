"""Compact reprs and notebook tables for the results of tables, search and the list form."""

from __future__ import annotations

import smeeco


def test_columns_repr_is_one_line_with_counts(example: smeeco.Ecosystem) -> None:
    columns = smeeco.table_columns(example, "responsibilities")
    assert repr(columns) == "<Columns: 6 rows × 14 columns>"
    page = columns._repr_html_()
    assert page.startswith("<table><caption>6 rows × 14 columns</caption>")
    assert page.count("<tr>") == 1 + 6
    assert "<td>示例市财政局</td>" in page


def test_search_and_task_list_reprs(example: smeeco.Ecosystem) -> None:
    result = smeeco.search(example, "支持")
    assert repr(result) == "<SearchResult '支持': 1 measures>"
    assert "<td>加强财政资金支持</td>" in result._repr_html_()
    (lst,) = smeeco.task_lists(example)
    assert repr(lst) == "<TaskList ex-2022-measures: 3 tasks>"
    page = lst._repr_html_()
    assert "<th>牵头单位</th>" in page
    assert page.count("<tr>") == 1 + 3
    assert "inferred" in page


def test_comparison_html(example: smeeco.Ecosystem) -> None:
    result = smeeco.diff(example.at("2023-01-01"), example.at("2024-01-01"))
    assert repr(result).startswith("<Comparison ")
    page = result._repr_html_()
    assert "<h4>Units reorganised</h4>" in page
    assert "ex-new-regulator" in page
