"""Deterministic layouts for the pictures and the HTML page (pure Python, no matplotlib).

* :func:`responsibility_layout` — two columns: responsible units on the left, measures on
  the right grouped under their sections in document order. Units are ordered by the
  mean position of their measures (leads count three times), which keeps most lines
  short and few crossing; ties go by lead count, then id.
* :func:`coresponsibility_layout` — agencies on a circle, placed one after another so that
  each sits next to the agency it shares most measures with; clusters stay together.

Both take an :class:`~smeeco.Ecosystem` or a graph and give plain coordinates: the same
input always gives the same layout.

Examples
--------
>>> import smeeco
>>> from smeeco.render.layout import responsibility_layout
>>> layout = responsibility_layout(smeeco.load("example"))
>>> [u.id for u in layout.units]
['ex-districts', 'ex-miit', 'ex-finance', 'ex-old-regulator']
>>> for row in layout.rows[:3]:
...     print(row.kind, row.label)
section 一、落实财税扶持政策
measure (一) 加强财政资金支持
measure (二) 精准服务税务办理
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.io._graphdata import AnyGraph, edge_rows, label_of
from smeeco.model import PolicyDocument
from smeeco.queries._common import AsOf

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CoresponsibilityLayout",
    "LaidEdge",
    "LaidNode",
    "LaidRow",
    "ResponsibilityLayout",
    "coresponsibility_layout",
    "responsibility_layout",
]

_LEAD_WEIGHT = 3.0


@attrs.frozen
class LaidNode:
    """A unit placed in a layout: id, label, position, and what the picture shows."""

    id: str
    label: str
    x: float
    y: float
    collective: bool
    measures: int
    leads: int
    data: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen
class LaidRow:
    """A row of the right-hand column: a section heading or a measure."""

    kind: str  # "section" or "measure"
    id: str
    label: str
    y: float
    data: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen
class LaidEdge:
    """A line to draw between two placed things."""

    source: str
    target: str
    role: str | None = None
    explicit: bool = True
    weight: float = 1.0
    measures: tuple[str, ...] = ()


@attrs.frozen
class ResponsibilityLayout:
    """Units left (``x = 0``), measures right (``x = 1``), ``y`` rows from the top (0)."""

    title: str
    units: tuple[LaidNode, ...]
    rows: tuple[LaidRow, ...]
    edges: tuple[LaidEdge, ...]
    height: float  # number of row slots

    @property
    def measures(self) -> tuple[LaidRow, ...]:
        """The measure rows (without section headings)."""
        return tuple(r for r in self.rows if r.kind == "measure")


@attrs.frozen
class CoresponsibilityLayout:
    """Agencies on the unit circle (centre 0, 0), with weighted links."""

    title: str
    nodes: tuple[LaidNode, ...]
    edges: tuple[LaidEdge, ...]
    angles: dict[str, float] = attrs.field(eq=False, repr=False)


def _responsibility_graph(
    source: Ecosystem | AnyGraph, document: str | PolicyDocument | None, as_of: AsOf
) -> AnyGraph:
    if isinstance(source, Ecosystem):
        from smeeco.views import responsibility_view

        return responsibility_view(source, document, as_of=as_of)
    return source


def _section_label(data: dict[str, Any], node: Any, lang: str) -> str:
    name = label_of(data, node, lang)
    number = str(data.get("number", ""))
    if lang == "zh" and number:
        return f"{number}、{name}"
    ordinal = data.get("ordinal")
    return f"{ordinal}. {name}" if ordinal is not None else name


def _measure_label(data: dict[str, Any], node: Any, lang: str) -> str:
    name = label_of(data, node, lang)
    number = data.get("number")
    if lang == "en" or not number:
        ordinal = data.get("ordinal")
        return f"{ordinal}. {name}" if ordinal is not None else name
    return f"{number} {name}"


def responsibility_layout(
    source: Ecosystem | AnyGraph,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> ResponsibilityLayout:
    """Place units and measures in two columns (see the module docstring).

    ``source`` is an ecosystem (its :func:`~smeeco.views.responsibility_view` is taken,
    for ``document`` and ``as_of``) or a graph with ``responsible`` edges — a view, or
    ``Ecosystem.graph`` itself.
    """
    graph = _responsibility_graph(source, document, as_of)
    nodes = graph.nodes
    responsible = [
        (u, v, d) for u, v, _k, d in edge_rows(graph) if d.get("relation") == "responsible"
    ]
    measure_ids = [n for n, d in graph.nodes(data=True) if d.get("kind") == "measure"]
    if not any(d.get("kind") == "section" for _n, d in graph.nodes(data=True)):
        # Not a view: keep the measures that have (or lack) responsible units, in order.
        measure_ids = sorted(
            measure_ids,
            key=lambda m: (str(nodes[m].get("document", "")), int(nodes[m].get("ordinal", 0))),
        )
    # Sections: from section nodes when present, else from the measures' section numbers.
    section_of: dict[Any, Any] = {}
    section_rows: dict[Any, tuple[str, dict[str, Any]]] = {}
    for u, v, _k, d in edge_rows(graph):
        if d.get("relation") == "contains" and nodes[u].get("kind") == "section":
            section_of[v] = u
            section_rows[u] = (_section_label(dict(nodes[u]), u, lang), dict(nodes[u]))
    for m in measure_ids:
        if m not in section_of and nodes[m].get("section") is not None:
            key = (nodes[m].get("document"), nodes[m].get("section"))
            section_of[m] = key
            label = f"§{nodes[m]['section']}"
            section_rows.setdefault(key, (label, {"kind": "section"}))
    rows: list[LaidRow] = []
    y = 0.0
    current: Any = None
    position: dict[Any, float] = {}
    # With measures of several documents, each document gets a heading of its own.
    documents = list(dict.fromkeys(nodes[m].get("document") for m in measure_ids))
    current_document: Any = None
    for m in measure_ids:
        document_id = nodes[m].get("document")
        if len(documents) > 1 and document_id != current_document:
            if rows:
                y += 0.6
            data = dict(nodes[document_id]) if document_id in nodes else {"kind": "document"}
            title = label_of(data, document_id, lang) if document_id in nodes else str(document_id)
            rows.append(LaidRow("section", str(document_id), f"《{title}》", round(y, 4), data))
            y += 1.0
            current_document = document_id
            current = None
        section = section_of.get(m)
        if section is not None and section != current:
            if rows:
                y += 0.35
            label, data = section_rows[section]
            rows.append(LaidRow("section", str(section), label, round(y, 4), data))
            y += 1.0
        current = section
        data = dict(nodes[m])
        rows.append(LaidRow("measure", str(m), _measure_label(data, m, lang), round(y, 4), data))
        position[m] = round(y, 4)
        y += 1.0
    height = max(y, 1.0)
    # Units: barycentre of their measures, leads weighted.
    weights: dict[Any, list[tuple[float, float]]] = defaultdict(list)
    load: dict[Any, set[Any]] = defaultdict(set)
    leads: dict[Any, set[Any]] = defaultdict(set)
    for u, v, d in responsible:
        if v not in position:
            continue
        lead = d.get("role") == "lead"
        weights[u].append((position[v], _LEAD_WEIGHT if lead else 1.0))
        load[u].add(v)
        if lead:
            leads[u].add(v)

    def centre(unit: Any) -> float:
        pairs = weights[unit]
        return sum(p * w for p, w in pairs) / sum(w for _p, w in pairs)

    ordered = sorted(weights, key=lambda u: (round(centre(u), 6), -len(leads[u]), str(u)))
    count = len(ordered)
    units = []
    for i, unit in enumerate(ordered):
        # Spread the units evenly over the height of the measure column.
        uy = round((i + 0.5) * height / count - 0.5, 4) if count else 0.0
        data = dict(nodes[unit])
        units.append(
            LaidNode(
                str(unit),
                label_of(data, unit, lang),
                0.0,
                uy,
                bool(data.get("collective")),
                len(load[unit]),
                len(leads[unit]),
                data,
            )
        )
    edges = tuple(
        LaidEdge(str(u), str(v), str(d.get("role", "support")), bool(d.get("explicit", True)))
        for u, v, d in sorted(
            responsible,
            key=lambda e: (e[2].get("role") == "lead", str(e[0]), str(e[1])),
        )
        if v in position
    )
    title = _title(graph, lang)
    return ResponsibilityLayout(title, tuple(units), tuple(rows), edges, height)


def _title(graph: AnyGraph, lang: str) -> str:
    found = graph.graph.get("title_en") if lang == "en" else None
    return str(found or graph.graph.get("title") or graph.graph.get("name") or "")


def _circle_order(graph: nx.Graph[Any]) -> list[Any]:
    weight: dict[Any, dict[Any, float]] = defaultdict(dict)
    for u, v, d in graph.edges(data=True):
        w = float(d.get("weight", 1))
        weight[u][v] = w
        weight[v][u] = w
    load = {n: float(graph.nodes[n].get("measures", 0)) for n in graph.nodes}
    placed: list[Any] = []
    rest = set(graph.nodes)
    while rest:
        if not placed or not any(weight[placed[-1]].get(n) for n in rest):
            # start (or restart) with the busiest unit left, preferring one tied to those placed
            def start_key(n: Any) -> tuple[float, float, str]:
                tied = sum(weight[n].get(p, 0.0) for p in placed)
                return (-tied, -load[n], str(n))

            nxt = min(rest, key=start_key)
        else:
            last = placed[-1]
            recent = placed[-3:]

            def key(
                n: Any, last: Any = last, recent: list[Any] = recent
            ) -> tuple[float, float, float, str]:
                return (
                    -weight[last].get(n, 0.0),
                    -sum(weight[p].get(n, 0.0) for p in recent),
                    -load[n],
                    str(n),
                )

            nxt = min(rest, key=key)
        placed.append(nxt)
        rest.remove(nxt)
    return placed


def coresponsibility_layout(
    source: Ecosystem | nx.Graph[Any],
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> CoresponsibilityLayout:
    """Place agencies on a circle (see the module docstring).

    ``source`` is an ecosystem (its :func:`~smeeco.views.coresponsibility_view` is
    taken) or a co-responsibility graph.

    >>> import smeeco
    >>> layout = coresponsibility_layout(smeeco.load("example"))
    >>> [n.id for n in layout.nodes]
    ['ex-finance', 'ex-miit', 'ex-districts', 'ex-old-regulator']
    >>> round(layout.nodes[0].y, 3)  # the busiest unit sits at the top
    1.0
    """
    if isinstance(source, Ecosystem):
        from smeeco.views import coresponsibility_view

        graph: nx.Graph[Any] = coresponsibility_view(source, document, as_of=as_of)
    else:
        graph = source
    order = _circle_order(graph)
    count = len(order)
    nodes = []
    angles: dict[str, float] = {}
    for i, node in enumerate(order):
        angle = math.pi / 2 - 2 * math.pi * i / count if count else 0.0
        angles[str(node)] = angle
        data = dict(graph.nodes[node])
        nodes.append(
            LaidNode(
                str(node),
                label_of(data, node, lang),
                round(math.cos(angle), 12),
                round(math.sin(angle), 12),
                bool(data.get("collective")),
                int(data.get("measures", 0)),
                int(data.get("leads", 0)),
                data,
            )
        )
    edges = []
    for u, v, d in sorted(
        graph.edges(data=True), key=lambda e: (e[2].get("weight", 1), e[0], e[1])
    ):
        measures = tuple(str(d.get("measures", "")).split("|")) if d.get("measures") else ()
        edges.append(LaidEdge(str(u), str(v), None, True, float(d.get("weight", 1)), measures))
    title = _title(graph, lang)
    return CoresponsibilityLayout(title, tuple(nodes), tuple(edges), angles)
