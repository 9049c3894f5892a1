"""What each graph format says, and how export_graph chooses one."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import smeeco
from smeeco.errors import ExportError
from smeeco.io.csvlists import read_csv_lists, write_csv_lists
from smeeco.io.dot import dumps_dot
from smeeco.io.export import GRAPH_FORMATS, export_graph, graph_format, read_graph
from smeeco.io.gexf import dumps_gexf
from smeeco.io.graphml import dumps_graphml, parse_graphml
from smeeco.io.mermaid import dumps_mermaid, escape_mermaid
from smeeco.io.nodelink import dumps_nodelink
from smeeco.views import coresponsibility_view, responsibility_view

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_graphml_keeps_role_order_and_explicit_on_responsible_edges(
    example: smeeco.Ecosystem,
) -> None:
    graph = parse_graphml(dumps_graphml(example.graph))
    edge = graph.edges["ex-miit", "ex-2022-measures.m02", "responsible"]
    assert (edge["role"], edge["order"], edge["explicit"]) == ("lead", 0, True)
    assert graph.nodes["ex-miit"]["aliases"] == ("示例市工信局",)


def test_graphml_edge_ids_are_unique_for_gephi(example: smeeco.Ecosystem) -> None:
    root = ET.fromstring(dumps_graphml(example.graph))
    ids = [e.get("id") for e in root.iter(f"{GRAPHML}edge")]
    assert len(ids) == len(set(ids)) == example.graph.number_of_edges()
    (aliases,) = [k for k in root.iter(f"{GRAPHML}key") if k.get("attr.name") == "aliases"]
    assert (aliases.get("attr.type"), aliases.get("attr.list")) == ("string", "true")


def test_graphml_from_another_tool_reads_as_a_multigraph(tmp_path: Path) -> None:
    plain = nx.MultiDiGraph()
    plain.add_edge("a", "b", "x", weight=1.5)
    plain.nodes["a"]["aliases"] = "甲|A"
    path = tmp_path / "other.graphml"
    nx.write_graphml(plain, path)
    graph = read_graph(path)
    assert graph.is_multigraph()
    assert graph.nodes["a"]["aliases"] == ("甲", "A")  # the contract's tuple, decoded


def test_gexf_labels_nodes_by_chinese_name_and_has_no_date(example: smeeco.Ecosystem) -> None:
    text = dumps_gexf(example.graph)
    root = ET.fromstring(text)
    ns = "{http://www.gexf.net/1.2draft}"
    labels = {n.get("id"): n.get("label") for n in root.iter(f"{ns}node")}
    assert labels["ex-finance"] == "示例市财政局"
    assert "lastmodifieddate" not in text
    types = {a.get("title"): a.get("type") for a in root.iter(f"{ns}attribute")}
    assert types["aliases"] == "liststring"
    assert types["order"] == "long"


def test_gexf_writes_coresponsibility_weight_as_edge_weight(example: smeeco.Ecosystem) -> None:
    root = ET.fromstring(dumps_gexf(coresponsibility_view(example)))
    weights = {e.get("weight") for e in root.iter("{http://www.gexf.net/1.2draft}edge")}
    assert weights == {"1"}


def test_nodelink_keeps_chinese_readable(example: smeeco.Ecosystem) -> None:
    text = dumps_nodelink(example.graph)
    assert "示例市财政局" in text
    assert "\\u" not in text


def test_dot_draws_leads_thick_and_supports_dashed(example: smeeco.Ecosystem) -> None:
    text = dumps_dot(responsibility_view(example))
    lead = next(line for line in text.splitlines() if '"ex-miit" -> "ex-2022-measures.m02"' in line)
    support = next(
        line for line in text.splitlines() if '"ex-miit" -> "ex-2022-measures.m01"' in line
    )
    assert 'style="solid"' in lead
    assert "penwidth=2.4" in lead
    assert 'style="dashed"' in support
    assert 'subgraph "cluster_0"' in text
    assert 'label="一、落实财税扶持政策"' in text
    assert 'shape="hexagon"' in text  # the collective unit


def test_dot_escapes_quotes() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node('a"b', kind="tier", name_zh='专精特新"小巨人"企业')
    text = dumps_dot(graph)
    assert '"a\\"b" [id="a\\"b", label="专精特新\\"小巨人\\"企业"' in text


def test_mermaid_escapes_quotes_brackets_and_entities() -> None:
    assert escape_mermaid('专精特新"小巨人"[#1]<b>') == "专精特新#quot;小巨人#quot;[#35;1]#lt;b#gt;"
    graph = nx.MultiDiGraph()
    graph.add_node("ex.t", kind="tier", name_zh='专精特新"小巨人"企业')
    text = dumps_mermaid(graph)
    assert 'n0["专精特新#quot;小巨人#quot;企业"]:::tier' in text
    assert "ex.t" not in text  # ids are replaced: Mermaid ids cannot hold "."


def test_mermaid_draws_roles_and_sections(example: smeeco.Ecosystem) -> None:
    text = dumps_mermaid(responsibility_view(example), lang="en")
    assert 'n1 ==>|"lead"| n8' in text  # ex-miit leads (二), stated explicitly
    assert 'n1 -.->|"support*"| n7' in text
    assert 'subgraph s0["1. Fiscal support"]' in text
    assert "linkStyle" in text
    assert "stroke:#C0392B" in text


def test_csv_lists_for_gephi_and_back(example: smeeco.Ecosystem, tmp_path: Path) -> None:
    edges, nodes = write_csv_lists(responsibility_view(example), tmp_path / "r.csv")
    assert nodes.name == "r.nodes.csv"
    rows = list(csv.DictReader(io.StringIO(edges.read_text(encoding="utf-8"))))
    assert rows[0]["Source"] == "ex-finance"
    assert rows[0]["role"] == "lead"
    graph = read_csv_lists(edges)
    assert graph.nodes["ex-miit"]["aliases"] == ("示例市工信局",)
    assert graph.edges["ex-finance", "ex-2022-measures.m01", "responsible"]["order"] == "0"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.graphml", "graphml"),
        ("a.GEXF", "gexf"),
        ("a.cytoscape.json", "cytoscape"),
        ("a.cyjs", "cytoscape"),
        ("a.json", "nodelink"),
        ("a.gv", "dot"),
        ("a.md", "mermaid"),
    ],
)
def test_graph_format_follows_the_suffix(name: str, fmt: str) -> None:
    assert graph_format(name) == fmt


def test_unknown_format_lists_the_supported_ones(example: smeeco.Ecosystem, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"'\.docx'; supported: .*\.graphml.*\.svg"):
        export_graph(example.graph, tmp_path / "a.docx")
    with pytest.raises(ExportError, match="supported"):
        export_graph(example.graph, tmp_path / "a.out", fmt="excel")
    with pytest.raises(ExportError, match="cannot be read back"):
        read_graph(tmp_path / "a.dot")


@pytest.mark.parametrize("suffix", [s for s in GRAPH_FORMATS if s not in (".svg", ".png", ".pdf")])
def test_export_graph_writes_every_data_format(
    example: smeeco.Ecosystem, tmp_path: Path, suffix: str
) -> None:
    path = export_graph(responsibility_view(example), tmp_path / f"g{suffix}")
    assert path.stat().st_size > 200


def test_reserved_attribute_names_are_refused() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", id="clash")
    with pytest.raises(ExportError, match="'id'"):
        dumps_nodelink(graph)


def test_graphml_refuses_an_edge_attribute_named_key_in_a_multigraph() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edges_from([("a", "b", "k1", {"key": "clash"})])
    with pytest.raises(ExportError) as info:
        dumps_graphml(graph)
    assert str(info.value) == (
        "edge 'a' → 'b' has attribute 'key', which GraphML (for the edge key) uses for"
        " itself; rename the attribute before exporting"
    )
    simple = nx.DiGraph()
    simple.add_edge("a", "b", key="kept")  # a simple graph has no edge keys: 'key' is free
    assert parse_graphml(dumps_graphml(simple)).edges["a", "b"]["key"] == "kept"


def test_values_a_format_cannot_hold_are_refused() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", when={"a": 1})
    with pytest.raises(ExportError, match="GraphML"):
        dumps_graphml(graph)
    with pytest.raises(ExportError, match="GEXF"):
        dumps_gexf(graph)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json", ".cyjs", ".dot", ".mmd", ".csv"])
def test_an_ecosystem_is_written_as_its_graph(tmp_path: Path, suffix: str) -> None:
    eco = smeeco.load("example")
    from_eco = export_graph(eco, tmp_path / f"eco{suffix}")
    from_graph = export_graph(eco.graph, tmp_path / f"graph{suffix}")
    assert from_eco.read_bytes() == from_graph.read_bytes()


@pytest.mark.parametrize("wrong", ["tianjin", 42, None, ["ex-miit"]])
def test_what_is_not_a_graph_is_refused_naming_its_type(tmp_path: Path, wrong: object) -> None:
    with pytest.raises(ExportError, match=f"cannot use a {type(wrong).__name__} as a graph"):
        export_graph(wrong, tmp_path / "out.graphml")  # type: ignore[arg-type]
    assert not (tmp_path / "out.graphml").exists()
