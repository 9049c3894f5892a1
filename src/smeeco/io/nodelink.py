"""Node-link JSON: the shape of :func:`networkx.node_link_data` and of d3 examples.

``{"directed", "multigraph", "graph", "nodes": [{"id", ...}], "links": [{"source",
"target", "key", ...}]}``. Tuples (``aliases``) are JSON arrays and come back as tuples.
Keys are written in the graph's order with Chinese kept readable (UTF-8, not ``\\u``
escapes), so the same graph always gives the same bytes.

Examples
--------
>>> import smeeco
>>> from smeeco.io.nodelink import dumps_nodelink, parse_nodelink
>>> text = dumps_nodelink(smeeco.load("example").graph)
>>> '"name_zh": "示例市财政局"' in text
True
>>> parse_nodelink(text).nodes["ex-miit"]["aliases"]
('示例市工信局',)
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
    load_json_object,
    write_text,
)

__all__ = [
    "dumps_nodelink",
    "nodelink_data",
    "parse_nodelink",
    "read_nodelink",
    "write_nodelink",
]


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise ExportError(
        f"cannot write {type(value).__name__} value {value!r:.40} to JSON;"
        " use str, int, float, bool or a tuple"
    )


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _jsonable(v) for k, v in data.items() if v is not None}


def nodelink_data(graph: GraphSource) -> dict[str, Any]:
    """``graph`` as plain node-link data (dicts and lists), ready for :mod:`json`."""
    graph = as_graph(graph)
    check_reserved(graph, "node-link JSON", ("id",), ("source", "target", "key"))
    links = []
    for u, v, key, data in edge_rows(graph):
        link: dict[str, Any] = {"source": u, "target": v}
        if key is not None:
            link["key"] = key
        link.update(_clean(data))
        links.append(link)
    return {
        "directed": graph.is_directed(),
        "multigraph": graph.is_multigraph(),
        "graph": _clean(dict(graph.graph)),
        "nodes": [{"id": n, **_clean(d)} for n, d in graph.nodes(data=True)],
        "links": links,
    }


def dumps_nodelink(graph: GraphSource, *, indent: int | None = 1) -> str:
    """The node-link JSON text of ``graph``."""
    graph = as_graph(graph)
    return json.dumps(nodelink_data(graph), ensure_ascii=False, indent=indent) + "\n"


def write_nodelink(graph: GraphSource, path: str | Path) -> Path:
    """Write ``graph`` as node-link JSON to ``path``; return the path."""
    return write_text(dumps_nodelink(graph), path)


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def from_nodelink_data(data: dict[str, Any]) -> AnyGraph:
    """The graph held by node-link ``data`` (as :func:`nodelink_data` makes it)."""
    try:
        graph = empty_like(bool(data.get("directed", True)), bool(data.get("multigraph", True)))
        graph.graph.update({k: _tuples(v) for k, v in data.get("graph", {}).items()})
        for node in data["nodes"]:
            rest = {k: _tuples(v) for k, v in node.items() if k != "id"}
            graph.add_node(node["id"], **rest)
        for link in data.get("links", data.get("edges", [])):
            rest = {k: _tuples(v) for k, v in link.items() if k not in ("source", "target", "key")}
            if graph.is_multigraph():
                add_keyed_edge(graph, link["source"], link["target"], link.get("key"), rest)
            else:
                graph.add_edge(link["source"], link["target"], **rest)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ExportError(f"not node-link JSON: missing or malformed {exc}") from exc
    return graph


def parse_nodelink(text: str) -> AnyGraph:
    """Read a graph from node-link JSON text."""
    return from_nodelink_data(load_json_object(text, "node-link JSON"))


def read_nodelink(path: str | Path) -> AnyGraph:
    """Read a node-link JSON file (from :func:`write_nodelink` or networkx)."""
    return parse_nodelink(Path(path).read_text(encoding="utf-8"))


register_format(
    Format(
        "nodelink",
        (".json",),
        write=lambda graph, path, *, lang="zh": write_nodelink(graph, path),
        read=read_nodelink,
        description="node-link JSON (networkx, d3); reads back exactly",
    )
)
