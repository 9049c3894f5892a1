"""The graph derived from the records: nodes by kind then id, edges from references.

Graph contract (exporters and downstream code rely on these names):

* every node is a record id, with attributes ``kind`` (``"agency"``, ``"measure"``,
  ``"document"``, ``"enterprise"``, ``"platform"``, ``"fund"``, ``"tier"``, ``"ladder"``,
  ``"jurisdiction"``, ``"indicator"``, ``"beneficiary"``), ``name_zh``, ``name_en`` and
  ``aliases`` (a tuple of strings), plus what the record's ``node_attributes()`` adds;
* every edge has ``relation`` (see :data:`smeeco.registry.RELATIONS`); a ``responsible``
  edge runs from the unit to the measure with ``role`` (lead / support / executing /
  funding), ``order`` (0-based position as written) and ``explicit``;
* edge keys are the relation name, with ``#1``, ``#2``… appended for repeats.

>>> import smeeco
>>> eco = smeeco.load("example")
>>> eco.graph.nodes["ex-miit"]["kind"], eco.graph.nodes["ex-miit"]["name_zh"]
('agency', '示例市工业和信息化局')
>>> [(u, d["role"], d["order"]) for u, _, d in eco.graph.in_edges("ex-2022-measures.m01", data=True)
...  if d["relation"] == "responsible"]
[('ex-finance', 'lead', 0), ('ex-miit', 'support', 1), ('ex-districts', 'support', 2)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from smeeco.errors import RegistryError
from smeeco.model import Record

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build_graph", "node"]


def node(record: Record) -> tuple[str, dict[str, Any]]:
    """A record's graph node: the contract's four names first, then its own attributes."""
    name = record.name
    data: dict[str, Any] = {
        "kind": record.kind,
        "name_zh": name.zh,
        "name_en": name.en,
        "aliases": name.aliases,
    }
    for key, value in record.node_attributes().items():
        data.setdefault(key, value)  # the contract's names cannot be overridden
    return record.id, data


def build_graph(
    ordered: Sequence[Record], *, name: str = "", as_of: dt.date | None = None
) -> nx.MultiDiGraph[str]:
    """The frozen graph of ``ordered`` records (kinds in registry order, ids within a kind).

    In the full ecosystem every reference was checked on add; in an as-of view
    (``as_of`` given) edges whose other end is not in force that day are dropped.
    """
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        name=name, as_of=as_of.isoformat() if as_of else ""
    )
    # networkx's own stores (node -> data; u -> v -> key -> data, shared by succ and pred),
    # filled directly as networkx's add_* methods would: at national scale (10^5 edges)
    # their per-call overhead (an exception per (id, data) pair in add_nodes_from, a cache
    # clear and a keyword dict per add_edge) costs more than the records' own work.
    nodes: dict[str, dict[str, Any]] = graph._node  # type: ignore[attr-defined]
    succ: dict[str, dict[str, dict[str, Any]]] = graph._succ  # type: ignore[attr-defined]
    pred: dict[str, dict[str, dict[str, Any]]] = graph._pred  # type: ignore[attr-defined]
    for record in ordered:
        record_id, data = node(record)
        nodes[record_id] = data
        succ[record_id] = {}
        pred[record_id] = {}
    filter_present = as_of is not None
    for record in ordered:
        record_id = record.id
        for reference in record.references():
            where, target, _kinds, relation, reverse, attributes, origin = reference
            if relation is None:
                continue
            near = origin or record_id
            u, v = (target, near) if reverse else (near, target)
            out = succ.get(u)
            if out is None or v not in nodes:
                if filter_present:  # the other end is not in force that day
                    continue
                raise RegistryError(  # validation checks every reference on add
                    f"{type(record).__name__}.references() gives {where!r} an edge"
                    f" to {u if out is None else v!r}, which is not a record here"
                )
            edge = {"relation": relation}
            edge.update(attributes)
            if len(edge) <= len(attributes) and any(k == "relation" for k, _ in attributes):
                raise RegistryError(
                    f"{type(record).__name__}.references() gives {where!r} an"
                    " edge attribute named 'relation', which the graph reserves; rename it"
                )
            keys = out.get(v)
            if keys is None:
                out[v] = pred[v][u] = {relation: edge}
            elif relation not in keys:
                keys[relation] = edge
            else:
                n = 1
                while f"{relation}#{n}" in keys:
                    n += 1
                keys[f"{relation}#{n}"] = edge
    frozen: nx.MultiDiGraph[str] = nx.freeze(graph)
    return frozen
