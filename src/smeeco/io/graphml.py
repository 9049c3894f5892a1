"""GraphML: for Cytoscape, yEd, Gephi and most graph tools.

Every node and edge attribute is kept with its type (string, boolean, int, double);
tuple attributes such as ``aliases`` are written as ``|``-joined strings and split again
on reading (their ``<key>`` says ``attr.list="true"``). Edge keys of multigraphs
are kept as the edge attribute ``key`` (GraphML edge ids are ``e0``, ``e1``…, unique as
Gephi requires).

Examples
--------
>>> import smeeco
>>> from smeeco.io.graphml import dumps_graphml, parse_graphml
>>> graph = smeeco.load("example").graph
>>> text = dumps_graphml(graph)
>>> 'attr.name="role"' in text
True
>>> again = parse_graphml(text)
>>> again.nodes["ex-miit"]["aliases"]
('示例市工信局',)
>>> again.edges["ex-finance", "ex-2022-measures.m01", "responsible"]["role"]
'lead'
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLReader, GraphMLWriter

from smeeco.errors import ExportError
from smeeco.formats import Format, register_format
from smeeco.io._graphdata import (
    MULTI_KEY,
    AnyGraph,
    GraphSource,
    add_keyed_edge,
    as_graph,
    decode_list,
    edge_rows,
    empty_like,
    encode_list,
    write_text,
)

__all__ = ["dumps_graphml", "parse_graphml", "read_graphml", "write_graphml"]


#: Marks, while writing and reading, the attributes that hold a tuple.
_LIST = " []"
_SEQUENCES = (tuple, list)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, _SEQUENCES):
            clean[f"{k}{_LIST}"] = encode_list(v)
        elif v is not None:
            clean[k] = v
    return clean


class _Writer(GraphMLWriter):
    """networkx's GraphML writer, encoding smeeco's attributes as it goes.

    :meth:`add_encoded` does what networkx's ``add_graph_element`` does for a copy of the
    graph whose tuples are ``|``-joined strings (and whose multigraph edges carry their key
    as the attribute ``key`` and the id ``e0``, ``e1``…), without making the copy.
    """

    def add_attributes(
        self, scope: str, xml_obj: Any, data: Mapping[str, Any], default: Mapping[str, Any]
    ) -> None:
        self.add_items(scope, xml_obj, data.items(), default)

    def add_items(
        self,
        scope: str,
        xml_obj: ET.Element,
        items: Iterable[tuple[Any, Any]],
        default: Mapping[str, Any],
    ) -> None:
        """networkx's ``add_attributes``, for (name, value) pairs encoded as by ``_clean``."""
        types = self.attribute_types
        pending = self.attributes[xml_obj]
        for k, v in items:
            if v is None:
                continue
            if isinstance(v, _SEQUENCES):
                k, v = f"{k}{_LIST}", encode_list(v)
            types[(str(k), scope)].add(type(v))
            pending.append([k, v, scope, default.get(k)])

    def add_encoded(self, graph: AnyGraph) -> None:
        multi = graph.is_multigraph()
        data = _clean({k: v for k, v in graph.graph.items() if k != MULTI_KEY})
        data[MULTI_KEY] = multi
        graph_id = data.pop("id", None)
        edge_type = "directed" if graph.is_directed() else "undirected"
        element = (
            self.myElement("graph", edgedefault=edge_type)
            if graph_id is None
            else self.myElement("graph", edgedefault=edge_type, id=graph_id)
        )
        node_default = data.get("node_default", {})
        edge_default = data.get("edge_default", {})
        self.add_attributes(
            "graph",
            element,
            {k: v for k, v in data.items() if k not in ("node_default", "edge_default")},
            {},
        )
        make, append, add_items = self.myElement, element.append, self.add_items
        for node, attributes in graph.nodes(data=True):
            node_element = make("node", id=str(node))
            add_items("node", node_element, attributes.items(), node_default)
            append(node_element)
        for number, (u, v, key, attributes) in enumerate(edge_rows(graph)):
            if multi:
                if "key" in attributes:
                    raise ExportError(
                        f"edge {u!r} → {v!r} has attribute 'key', which GraphML (for the edge"
                        " key) uses for itself; rename the attribute before exporting"
                    )
                # edge ids are unique (Gephi drops repeats); the key is a data value
                edge_element = make("edge", source=str(u), target=str(v), id=f"e{number}")
                add_items(
                    "edge", edge_element, chain((("key", key),), attributes.items()), edge_default
                )
            else:
                edge_element = make("edge", source=str(u), target=str(v))
                add_items("edge", edge_element, attributes.items(), edge_default)
            append(edge_element)
        # networkx's second pass: the data elements (each value's own type, as networkx's
        # attr_type gives it without infer_numeric_types)
        add_data = self.add_data
        for xml_obj, items in self.attributes.items():
            for k, v, scope, default in items:
                xml_obj.append(add_data(str(k), type(v), str(v), scope, default))
        self.xml.append(element)


def dumps_graphml(graph: GraphSource) -> str:
    """The GraphML text of ``graph`` (UTF-8, byte-stable for the same graph).

    Raises
    ------
    ExportError
        An attribute value has a type GraphML cannot hold (a dict, a date…).
    """
    graph = as_graph(graph)
    writer = _Writer(encoding="utf-8", prettyprint=True)
    try:
        writer.add_encoded(graph)
    except nx.NetworkXError as exc:
        raise ExportError(f"cannot write GraphML: {exc}; use str, int, float or bool") from exc
    # networkx inserts each new <key> first; put them in the order they were made.
    keys = [e for e in writer.xml if e.tag == "key"]
    for element in keys:
        writer.xml.remove(element)
    keys.sort(key=lambda e: int(e.get("id", "d0")[1:]))
    for element in keys:
        name = element.get("attr.name", "")
        if name.endswith(_LIST):
            # a tuple, written as a |-joined string: say so beside the type
            element.set("attr.name", name[: -len(_LIST)])
            element.set("attr.list", "true")
    for position, element in enumerate(keys):
        writer.xml.insert(position, element)
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue().decode("utf-8")


def write_graphml(graph: GraphSource, path: str | Path) -> Path:
    """Write ``graph`` as GraphML to ``path``; return the path."""
    return write_text(dumps_graphml(graph), path)


def _decoded(graph: AnyGraph, ours: bool) -> AnyGraph:
    for default in ("node_default", "edge_default"):
        if not graph.graph.get(default):
            graph.graph.pop(default, None)

    def decode(data: dict[str, Any], foreign: tuple[str, ...]) -> None:
        if any(k.endswith(_LIST) for k in data):
            items = [
                (k[: -len(_LIST)], decode_list(str(v))) if k.endswith(_LIST) else (k, v)
                for k, v in data.items()
            ]
            data.clear()
            data.update(items)
        for k in foreign:  # files from elsewhere: the graph contract's tuple
            if isinstance(data.get(k), str):
                data[k] = decode_list(data[k])

    decode(graph.graph, ())
    for _n, data in graph.nodes(data=True):
        decode(data, () if ours else ("aliases",))
    for *_e, data in edge_rows(graph):
        decode(data, ())
    return graph


def parse_graphml(text: str) -> AnyGraph:
    """Read a graph from GraphML text (see :func:`read_graphml`)."""
    return _read(text.encode("utf-8"))


def read_graphml(path: str | Path) -> AnyGraph:
    """Read a GraphML file written by :func:`write_graphml` (or by another tool).

    Node ids and edge keys are read as strings. A file written by smeeco comes back as
    the same kind of graph with the same attributes; a file from elsewhere is a
    ``MultiDiGraph`` when its edges have ids and it is directed.
    """
    return _read(Path(path).read_bytes())


def _mark_lists(data: bytes) -> tuple[bytes, bool]:
    """Rename tuple-valued keys (``attr.list="true"``) so that their values can be split.

    Also says whether any edge has an id (then its id is its key in a multigraph).
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ExportError(f"cannot read GraphML: {exc}") from exc
    changed = False
    for element in root:
        if element.tag.endswith("key") and element.get("attr.list") == "true":
            element.set("attr.name", element.get("attr.name", "") + _LIST)
            changed = True
    edge_ids = any(e.tag.endswith("edge") and e.get("id") for e in root.iter())
    return (ET.tostring(root, encoding="utf-8") if changed else data), edge_ids


def _read(data: bytes) -> AnyGraph:
    data, edge_ids = _mark_lists(data)
    try:
        graph: AnyGraph = nx.parse_graphml(data.decode("utf-8"), node_type=str, edge_key_type=str)
    except Exception as exc:  # networkx raises bare ElementTree and NetworkX errors
        raise ExportError(f"cannot read GraphML: {exc}") from exc
    multi = graph.graph.pop(MULTI_KEY, None)
    ours = multi is not None
    if multi is None:  # from another tool: edges with ids are keyed edges
        multi = graph.is_multigraph() or edge_ids
    if multi and not graph.is_multigraph():
        # networkx returns a simple graph when no edge is repeated; take the ids as keys.
        graph = _reread_multi(data)
        graph.graph.pop(MULTI_KEY, None)
    elif multi is False and graph.is_multigraph():
        graph = nx.DiGraph(graph) if graph.is_directed() else nx.Graph(graph)
    if graph.is_multigraph():
        rekeyed = empty_like(graph.is_directed(), True)
        rekeyed.graph.update(graph.graph)
        rekeyed.add_nodes_from(graph.nodes(data=True))
        for u, v, key, edge in edge_rows(graph):
            edge = dict(edge)
            add_keyed_edge(rekeyed, u, v, edge.pop("key", key), edge)
        graph = rekeyed
    return _decoded(graph, ours)


def _reread_multi(data: bytes) -> AnyGraph:
    reader = GraphMLReader(node_type=str, edge_key_type=str, force_multigraph=True)
    graph: AnyGraph = next(iter(reader(string=data)))
    return graph


register_format(
    Format(
        "graphml",
        (".graphml",),
        write=lambda graph, path, *, lang="zh": write_graphml(graph, path),
        read=read_graphml,
        description="GraphML (Gephi, Cytoscape, yEd); reads back exactly",
    )
)
