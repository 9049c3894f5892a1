"""Cytoscape.js JSON (``.cyjs``): for Cytoscape desktop and Cytoscape.js pages.

``{"data": {...graph}, "elements": {"nodes": [{"data": {"id", "name", ...}}],
"edges": [{"data": {"id", "source", "target", "key", ...}}]}}``. ``name`` is the node's
display name (Cytoscape labels nodes by it); ``id`` of an edge is ``e0``, ``e1``…, and
``key`` its multigraph key. Tuples are JSON arrays.

Examples
--------
>>> import smeeco
>>> from smeeco.io.cytoscape import dumps_cytoscape, parse_cytoscape
>>> graph = smeeco.load("example").graph
>>> again = parse_cytoscape(dumps_cytoscape(graph))
>>> again.edges["ex-miit", "ex-2022-measures.m02", "responsible"]["explicit"]
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from smeeco.errors import ExportError
from smeeco.formats import Format, register_format
from smeeco.io._graphdata import (
    AnyGraph,
    GraphSource,
    add_keyed_edge,
    as_graph,
    check_reserved,
    edge_rows,
    empty_like,
    label_of,
    load_json_object,
    write_text,
)
from smeeco.io.nodelink import _clean, _tuples

__all__ = [
    "cytoscape_data",
    "dumps_cytoscape",
    "parse_cytoscape",
    "read_cytoscape",
    "write_cytoscape",
]


def cytoscape_data(graph: GraphSource, *, lang: str = "zh") -> dict[str, Any]:
    """``graph`` as Cytoscape.js elements (plain dicts and lists)."""
    graph = as_graph(graph)
    check_reserved(graph, "Cytoscape JSON", ("id", "name"), ("id", "source", "target", "key"))
    nodes = [
        {"data": {"id": str(n), "name": label_of(d, n, lang), **_clean(d)}}
        for n, d in graph.nodes(data=True)
    ]
    edges = []
    for number, (u, v, key, data) in enumerate(edge_rows(graph)):
        edge: dict[str, Any] = {"id": f"e{number}", "source": str(u), "target": str(v)}
        if key is not None:
            edge["key"] = key
        edge.update(_clean(data))
        edges.append({"data": edge})
    return {
        "format_version": "1.0",
        "generated_by": "smeeco",
        "target_cytoscapejs_version": "~3",
        "data": {
            **_clean(dict(graph.graph)),
            "directed": graph.is_directed(),
            "multigraph": graph.is_multigraph(),
        },
        "elements": {"nodes": nodes, "edges": edges},
    }


def dumps_cytoscape(graph: GraphSource, *, lang: str = "zh") -> str:
    """The Cytoscape.js JSON text of ``graph``."""
    graph = as_graph(graph)
    return json.dumps(cytoscape_data(graph, lang=lang), ensure_ascii=False, indent=1) + "\n"


def write_cytoscape(graph: GraphSource, path: str | Path, *, lang: str = "zh") -> Path:
    """Write ``graph`` as Cytoscape.js JSON to ``path``; return the path."""
    return write_text(dumps_cytoscape(graph, lang=lang), path)


def from_cytoscape_data(data: dict[str, Any]) -> AnyGraph:
    """The graph held by Cytoscape.js ``data``."""
    try:
        meta = dict(data.get("data", {}))
        graph = empty_like(bool(meta.pop("directed", True)), bool(meta.pop("multigraph", True)))
        graph.graph.update({k: _tuples(v) for k, v in meta.items()})
        elements = data["elements"]
        for node in elements.get("nodes", []):
            item = node["data"]
            graph.add_node(
                item["id"], **{k: _tuples(v) for k, v in item.items() if k not in ("id", "name")}
            )
        for number, edge in enumerate(elements.get("edges", [])):
            item = edge["data"]
            rest = {
                k: _tuples(v) for k, v in item.items() if k not in ("id", "source", "target", "key")
            }
            if graph.is_multigraph():
                key = item.get("key", item.get("id", f"e{number}"))
                add_keyed_edge(graph, item["source"], item["target"], key, rest)
            else:
                graph.add_edge(item["source"], item["target"], **rest)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ExportError(f"not Cytoscape.js JSON: missing or malformed {exc}") from exc
    return graph


def parse_cytoscape(text: str) -> AnyGraph:
    """Read a graph from Cytoscape.js JSON text."""
    return from_cytoscape_data(load_json_object(text, "Cytoscape.js JSON"))


def read_cytoscape(path: str | Path) -> AnyGraph:
    """Read a Cytoscape.js JSON file (from :func:`write_cytoscape` or Cytoscape)."""
    return parse_cytoscape(Path(path).read_text(encoding="utf-8"))


register_format(
    Format(
        "cytoscape",
        (".cyjs", ".cytoscape.json"),
        write=lambda graph, path, *, lang="zh": write_cytoscape(graph, path, lang=lang),
        read=read_cytoscape,
        description="Cytoscape.js JSON; reads back exactly",
    )
)
