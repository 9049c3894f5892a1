"""What the drawing formats (DOT, Mermaid) show: sections as boxes, styled edges.

A responsibility view holds document and section nodes linked to measures by
``contains`` edges. Drawn, a section is better a box around its measures than a node,
and the document is the title; :func:`presentation` turns a graph into that shape, and
leaves any other graph as it is.
"""

from __future__ import annotations

from typing import Any

import attrs

from smeeco.io._graphdata import AnyGraph, edge_rows, label_of

__all__ = ["Cluster", "DrawEdge", "Presentation", "presentation"]


@attrs.frozen
class Cluster:
    """A box of nodes: a section and its measures."""

    id: str
    label: str
    members: tuple[Any, ...]


@attrs.frozen
class DrawEdge:
    """An edge to draw: ends, its relation, and its role when it is a responsibility."""

    u: Any
    v: Any
    relation: str
    role: str | None
    explicit: bool
    label: str
    weight: float | None = None


@attrs.frozen
class Presentation:
    """A graph arranged for drawing."""

    title: str
    nodes: tuple[tuple[Any, dict[str, Any]], ...]  # outside any cluster, graph order
    clusters: tuple[Cluster, ...]
    edges: tuple[DrawEdge, ...]


def node_label(data: dict[str, Any], node: Any, lang: str) -> str:
    """The label of a node as drawn: measures get their number in front."""
    name = label_of(data, node, lang)
    if data.get("kind") == "measure" and data.get("number"):
        return f"{data['number']} {name}"
    return name


def presentation(graph: AnyGraph, lang: str = "zh") -> Presentation:
    """Arrange ``graph`` for drawing in DOT or Mermaid (see the module docstring)."""
    nodes = graph.nodes
    sections = [n for n, d in graph.nodes(data=True) if d.get("kind") == "section"]
    hidden: set[Any] = set()
    clusters: list[Cluster] = []
    in_cluster: set[Any] = set()
    english = graph.graph.get("title_en") if lang == "en" else None
    title = str(english or graph.graph.get("title") or graph.graph.get("name") or "")
    if sections:
        for section in sections:
            members = tuple(
                v
                for _u, v, _k, d in edge_rows(graph)
                if _u == section and d.get("relation") == "contains"
            )
            number = nodes[section].get("number", "")
            name = label_of(nodes[section], section, lang)
            label = f"{number}、{name}" if number and lang == "zh" else name
            if number and lang != "zh":
                label = f"{nodes[section].get('ordinal', number)}. {name}"
            clusters.append(Cluster(str(section), label, members))
            in_cluster.update(members)
        hidden.update(sections)
        documents = [n for n, d in graph.nodes(data=True) if d.get("kind") == "document"]
        hidden.update(documents)
        if not title and documents:
            title = " / ".join(label_of(nodes[d], d, lang) for d in documents)
    edges: list[DrawEdge] = []
    for u, v, _key, data in edge_rows(graph):
        if u in hidden or v in hidden:
            continue
        relation = str(data.get("relation", ""))
        role = data.get("role") if relation == "responsible" else None
        weight = data.get("weight")
        if not isinstance(weight, int | float) or isinstance(weight, bool):
            weight = None
        label = "" if relation == "responsible" else relation
        if weight is not None and not relation:
            label = str(weight)
        edges.append(
            DrawEdge(
                u,
                v,
                relation,
                None if role is None else str(role),
                bool(data.get("explicit", True)),
                label,
                weight,
            )
        )
    free = tuple(
        (n, dict(d)) for n, d in graph.nodes(data=True) if n not in hidden and n not in in_cluster
    )
    return Presentation(title, free, tuple(clusters), tuple(edges))
