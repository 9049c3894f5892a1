"""Helpers shared by the graph formats: graph kinds, list encoding, labels, checks.

Graph formats that hold only scalars (GraphML, GEXF, CSV, DOT) write a tuple attribute
such as ``aliases`` as one string, its items joined by ``|`` (a ``|`` or ``\\`` inside an
item is escaped with ``\\``), and the readers split it again.

>>> encode_list(("市工信局", "a|b"))
'市工信局|a\\\\|b'
>>> decode_list(encode_list(("市工信局", "a|b")))
('市工信局', 'a|b')
>>> decode_list("")
()
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeAlias

from smeeco.errors import ExportError
from smeeco.graphs import AnyGraph, GraphSource, SupportsNetworkx, as_graph, edge_rows, label_of
from smeeco.io.files import write_atomic

__all__ = [
    "AnyGraph",
    "GraphSource",
    "Scalar",
    "SupportsNetworkx",
    "add_keyed_edge",
    "as_graph",
    "check_reserved",
    "decode_list",
    "edge_rows",
    "empty_like",
    "encode_list",
    "label_of",
    "load_json_object",
    "write_text",
]

Scalar: TypeAlias = str | int | float | bool


#: Graph attribute saying the graph is a multigraph (edge keys are meaningful).
MULTI_KEY = "smeeco_multigraph"


def encode_list(items: Iterable[Any]) -> str:
    """Join ``items`` with ``|``, escaping ``\\`` and ``|`` inside items."""
    return "|".join(str(i).replace("\\", "\\\\").replace("|", "\\|") for i in items)


def decode_list(text: str) -> tuple[str, ...]:
    """Split a string written by :func:`encode_list`."""
    if text == "":
        return ()
    items: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return tuple(items)


def add_keyed_edge(graph: AnyGraph, u: Any, v: Any, key: Any, data: dict[str, Any]) -> None:
    """Add an edge with ``key`` to a multigraph (``data`` may hold a ``"key"`` item)."""
    multi: Any = graph
    multi.add_edges_from([(u, v, key, data)])


def empty_like(directed: bool, multigraph: bool) -> AnyGraph:
    """A new empty graph of the given kind."""

    import networkx as nx

    if multigraph:
        return nx.MultiDiGraph() if directed else nx.MultiGraph()
    return nx.DiGraph() if directed else nx.Graph()


def check_reserved(graph: AnyGraph, fmt: str, node: Iterable[str], edge: Iterable[str]) -> None:
    """Raise :class:`ExportError` when an attribute uses a name ``fmt`` keeps for itself."""
    node_names, edge_names = set(node), set(edge)
    for n, data in graph.nodes(data=True):
        clash = node_names.intersection(data)
        if clash:
            raise ExportError(
                f"node {n!r} has attribute {sorted(clash)[0]!r}, which {fmt} uses for itself;"
                " rename the attribute before exporting"
            )
    for u, v, _k, data in edge_rows(graph):
        clash = edge_names.intersection(data)
        if clash:
            raise ExportError(
                f"edge {u!r} → {v!r} has attribute {sorted(clash)[0]!r}, which {fmt} uses"
                " for itself; rename the attribute before exporting"
            )


def write_text(text: str, path: str | Path) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends, whole or not at all; return the path."""
    path = Path(path)
    write_atomic(path, text)
    return path


def load_json_object(text: str, what: str) -> dict[str, Any]:
    """Parse ``text`` as a JSON object, or raise :class:`ExportError` naming ``what``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"cannot read {what}: {exc}") from exc
    if not isinstance(data, dict):
        raise ExportError(f"not {what}: the top level must be an object")
    return data
