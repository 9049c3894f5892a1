"""Exports show names as text: no live formulas, no diagram or HTML injection, no junk read."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

import smeeco
from smeeco import Agency, ExportError, Name
from smeeco.io.cells import csv_cell, read_csv_cell
from smeeco.io.csvlists import dumps_edge_csv, dumps_node_csv, parse_csv_lists, read_csv_lists
from smeeco.io.matrix import dumps_matrix_csv, dumps_matrix_markdown, write_matrix
from smeeco.io.mermaid import dumps_mermaid
from smeeco.views import responsibility_view

EVIL = '=HYPERLINK("http://evil.example/","点我")'


@pytest.fixture
def evil() -> smeeco.Ecosystem:
    """The example pack with its finance bureau renamed to a formula and some HTML."""
    eco = smeeco.load("example")
    records = []
    for record in eco.records():
        if record.id == "ex-finance":
            record = Agency(
                id="ex-finance",
                name=Name(EVIL, "<script>alert(1)</script>", aliases=("@SUM(1+1)",)),
                jurisdiction="ex-city",
            )
        records.append(record)
    return smeeco.Ecosystem(records, name="evil")


@pytest.mark.parametrize("text", [EVIL, "+86 22", "-1", "@x", "\tx", "'=x", "''-y", "'plain"])
def test_csv_cells_are_neutralised_and_read_back(text: str) -> None:
    cell = csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert read_csv_cell(cell) == text


def test_the_csv_matrix_holds_no_formula(evil: smeeco.Ecosystem) -> None:
    rows = list(csv.reader(io.StringIO(dumps_matrix_csv(evil))))
    cells = [c for row in rows for c in row]
    assert f"'{EVIL}" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_csv_graph_lists_hold_no_formula_and_read_back(evil: smeeco.Ecosystem) -> None:
    view = responsibility_view(evil)
    edges, nodes = dumps_edge_csv(view), dumps_node_csv(view)
    for text in (edges, nodes):
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    back = parse_csv_lists(edges, nodes)
    assert back.nodes["ex-finance"]["name_zh"] == EVIL
    assert back.nodes["ex-finance"]["aliases"] == ("@SUM(1+1)",)


def test_the_xlsx_matrix_holds_no_formula(evil: smeeco.Ecosystem, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = write_matrix(evil, tmp_path / "m.xlsx")
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere
    assert "HYPERLINK" in sheet  # the name is there, as text
    assert [p.name for p in tmp_path.iterdir()] == ["m.xlsx"]  # written atomically


def test_the_markdown_matrix_shows_html_as_text(evil: smeeco.Ecosystem) -> None:
    eco = smeeco.Ecosystem(
        [
            r
            if r.id != "ex-finance"
            else Agency(
                id="ex-finance", name=Name("<img src=x onerror=alert(1)>|[a](javascript:x)")
            )
            for r in evil.records()
        ]
    )
    text = dumps_matrix_markdown(eco)
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;\\|\\[a\\](javascript:x)" in text


def test_a_title_cannot_inject_mermaid_source() -> None:
    eco = smeeco.load("example")
    records = []
    for record in eco.records():
        if record.id == "ex-2022-measures":
            import attrs

            record = attrs.evolve(
                record, name=Name('措施"\n---\nflowchart LR\n  evil[pwned]\n```\n<b>x</b>')
            )
        records.append(record)
    text = dumps_mermaid(responsibility_view(smeeco.Ecosystem(records)), markdown=True)
    lines = text.splitlines()
    assert lines[:4] == ["```mermaid", "---", lines[2], "---"]
    assert lines[2].startswith('title: "措施\\" --- flowchart LR evil[pwned]')
    assert "evil[pwned]" not in "\n".join(lines[4:])
    assert text.count("```") == 2  # the fence opens once and closes once


@pytest.mark.parametrize(
    ("edges", "words"),
    [
        ("", "not a CSV edge list: it needs the columns Source, Target"),
        ("hello world\nfoo\n", "its first row holds hello world"),
        ("Source,Target\na,b,c,d\n", "line 2 of the CSV edge list has 4 cells for 2 columns"),
    ],
)
def test_junk_or_empty_csv_is_refused(tmp_path: Path, edges: str, words: str) -> None:
    path = tmp_path / "g.csv"
    path.write_text(edges, encoding="utf-8")
    with pytest.raises(ExportError, match=words):
        read_csv_lists(path)
    with pytest.raises(ExportError):
        smeeco.read_graph(path)


def test_a_header_only_csv_is_an_empty_graph() -> None:
    assert parse_csv_lists("Source,Target,Type,Key\n").number_of_edges() == 0


def test_a_failed_export_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    view = responsibility_view(smeeco.load("example"))
    path = tmp_path / "g.graphml"
    smeeco.export_graph(view, path)
    before = path.read_bytes()

    def broken(_src: str, _dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        smeeco.export_graph(smeeco.load("tianjin-2022-measures").graph, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]
