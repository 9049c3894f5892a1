"""Graph → export → import gives the same graph; the same input writes the same bytes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smeeco
from smeeco.io._graphdata import edge_rows
from smeeco.io.csvlists import dumps_edge_csv, dumps_node_csv
from smeeco.io.cytoscape import dumps_cytoscape, parse_cytoscape
from smeeco.io.dot import dumps_dot
from smeeco.io.gexf import dumps_gexf, parse_gexf
from smeeco.io.graphml import dumps_graphml, parse_graphml
from smeeco.io.matrix import dumps_matrix_csv, dumps_matrix_html, dumps_matrix_markdown
from smeeco.io.mermaid import dumps_mermaid
from smeeco.io.nodelink import dumps_nodelink, parse_nodelink
from smeeco.views import coresponsibility_view, responsibility_view

Dump = Callable[[Any], str]
Parse = Callable[[str], Any]
FORMATS: list[tuple[str, Dump, Parse, bool]] = [
    # name, dump, parse, keeps every graph attribute
    ("graphml", dumps_graphml, parse_graphml, True),
    ("gexf", dumps_gexf, parse_gexf, False),
    ("nodelink", dumps_nodelink, parse_nodelink, True),
    ("cytoscape", dumps_cytoscape, parse_cytoscape, True),
]


def canonical(graph: Any, graph_attrs: bool = True) -> dict[str, Any]:
    """What must survive a round trip, with attribute types made visible."""

    def typed(data: dict[str, Any]) -> dict[str, tuple[str, Any]]:
        return {k: (type(v).__name__, v) for k, v in data.items()}

    edges = []
    for u, v, key, data in edge_rows(graph):
        if not graph.is_directed():
            u, v = sorted((u, v), key=str)
        edges.append((u, v, key, sorted(typed(data).items())))
    return {
        "kind": (graph.is_directed(), graph.is_multigraph()),
        "nodes": [(n, typed(d)) for n, d in graph.nodes(data=True)],
        "edges": sorted(edges, key=repr),
        "graph": dict(graph.graph) if graph_attrs else {"name": graph.graph.get("name")},
    }


# --------------------------------------------------------------------------- strategies

# XML 1.0 cannot hold control characters, and XML parsers turn "\r" into "\n".
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"), blacklist_characters="\r"),
    max_size=12,
)
CJK = st.sampled_from(["市工信局", "各区人民政府", '专精特新"小巨人"', "a|b", "x\\y", "<&>"])
VALUES = st.one_of(
    TEXT,
    CJK,
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.lists(st.one_of(TEXT.filter(bool), CJK), max_size=3).map(tuple),
)
ATTR_NAMES = st.sampled_from(
    ["kind", "name_zh", "name_en", "aliases", "role", "order", "explicit", "level", "share", "x"]
)
ATTRS = st.dictionaries(ATTR_NAMES, VALUES, max_size=5)
NODE_IDS = st.one_of(st.text(st.sampled_from("abcxyz-.0123"), min_size=1, max_size=6), CJK)


@st.composite
def graphs(draw: st.DrawFn) -> Any:
    directed, multi = draw(st.booleans()), draw(st.booleans())
    graph: Any
    if multi:
        graph = nx.MultiDiGraph() if directed else nx.MultiGraph()
    else:
        graph = nx.DiGraph() if directed else nx.Graph()
    graph.graph["name"] = draw(TEXT.filter(str.strip))
    nodes = draw(st.lists(NODE_IDS, min_size=1, max_size=6, unique=True))
    for node in nodes:
        graph.add_node(node, **draw(ATTRS))
    for _ in range(draw(st.integers(0, 8))):
        u, v = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        data = draw(ATTRS)
        if multi:
            key = draw(st.sampled_from(["responsible", "contains", "responsible#1", "k"]))
            graph.add_edges_from([(u, v, key, data)])
        else:
            graph.add_edge(u, v, **data)
    return graph


# --------------------------------------------------------------------------- properties


@pytest.mark.parametrize(
    ("name", "dump", "parse", "all_attrs"), FORMATS, ids=[f[0] for f in FORMATS]
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=graphs())
def test_export_then_import_gives_the_same_graph(
    name: str, dump: Dump, parse: Parse, all_attrs: bool, graph: Any
) -> None:
    again = parse(dump(graph))
    assert canonical(again, all_attrs) == canonical(graph, all_attrs)


@pytest.mark.parametrize(
    ("name", "dump", "parse", "all_attrs"), FORMATS, ids=[f[0] for f in FORMATS]
)
@pytest.mark.parametrize("which", ["full", "responsibility", "coresponsibility"])
def test_example_graphs_round_trip_and_rewrite_identically(
    example: smeeco.Ecosystem, name: str, dump: Dump, parse: Parse, all_attrs: bool, which: str
) -> None:
    graph = {
        "full": lambda: nx.MultiDiGraph(example.graph),
        "responsibility": lambda: responsibility_view(example).to_networkx(),
        "coresponsibility": lambda: coresponsibility_view(example).to_networkx(),
    }[which]()
    text = dump(graph)
    again = parse(text)
    assert canonical(again, all_attrs) == canonical(graph, all_attrs)
    assert dump(again) == text


WRITERS: list[Callable[[smeeco.Ecosystem], str]] = [
    lambda eco: dumps_graphml(eco.graph),
    lambda eco: dumps_gexf(eco.graph),
    lambda eco: dumps_nodelink(eco.graph),
    lambda eco: dumps_cytoscape(eco.graph),
    lambda eco: dumps_dot(responsibility_view(eco)),
    lambda eco: dumps_mermaid(responsibility_view(eco)),
    lambda eco: dumps_edge_csv(eco.graph) + dumps_node_csv(eco.graph),
    lambda eco: dumps_matrix_csv(eco),
    lambda eco: dumps_matrix_markdown(eco),
    lambda eco: dumps_matrix_html(eco),
]


@pytest.mark.parametrize("write", WRITERS)
def test_the_same_ecosystem_writes_the_same_bytes(write: Callable[[smeeco.Ecosystem], str]) -> None:
    first = write(smeeco.load("example"))
    second = write(smeeco.load("example"))  # loaded afresh: nothing cached is shared
    assert first == second
