"""Deterministic layouts for the pictures and the HTML page (pure Python, no matplotlib).

* :func:`responsibility_layout` — two columns: responsible units on the left, measures on
  the right grouped under their sections in document order. Units are ordered by the
  mean position of their measures (leads count three times), which keeps most lines
  short and few crossing; ties go by lead count, then id.
* :func:`coresponsibility_layout` — agencies on a circle, placed one after another so that
  each sits next to the agency it shares most measures with; clusters stay together.

Both take a typed view (:mod:`smeeco.views`) — an ecosystem or a graph is turned into one
first — and give plain coordinates: the same input always gives the same layout.

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
from smeeco.model import PolicyDocument, Role
from smeeco.queries._common import AsOf
from smeeco.views import (
    CoresponsibilityView,
    ResponsibilityView,
    ViewMeasure,
    ViewUnit,
    as_coresponsibility_view,
    as_responsibility_view,
)

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


def responsibility_layout(
    source: ResponsibilityView | Ecosystem | nx.Graph[Any],
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> ResponsibilityLayout:
    """Place units and measures in two columns (see the module docstring).

    ``source`` is a :class:`~smeeco.views.ResponsibilityView`; an ecosystem (with
    ``document`` and ``as_of``) or a graph with ``responsible`` edges is first turned into
    one by :func:`smeeco.views.as_responsibility_view`. Unit sizes and bold names come
    from the view's counts.
    """
    v = as_responsibility_view(source, document, as_of=as_of)
    rows: list[LaidRow] = []
    y = 0.0
    current: Any = None
    position: dict[str, float] = {}
    several = len({m.document for m in v.measures}) > 1
    documents = {d.id: d for d in v.documents}
    current_document: str | None = None
    for m in v.measures:
        if several and m.document != current_document:
            if rows:
                y += 0.6
            doc = documents.get(m.document)
            title = doc.label(lang) if doc is not None else m.document
            data: dict[str, Any] = {"kind": "document"}
            if doc is not None:
                data.update(name_zh=doc.name.zh, name_en=doc.name.en, aliases=doc.name.aliases)
            rows.append(LaidRow("section", m.document, f"《{title}》", round(y, 4), data))
            y += 1.0
            current_document = m.document
            current = None
        section = v.section(m)
        if section is not None and section.id != current:
            if rows:
                y += 0.35
            data = {
                "kind": "section",
                "name_zh": section.title.zh,
                "name_en": section.title.en,
                "document": section.document,
                "ordinal": section.ordinal,
                "number": section.number,
            }
            rows.append(LaidRow("section", section.id, section.label(lang), round(y, 4), data))
            y += 1.0
        current = section.id if section is not None else None
        rows.append(LaidRow("measure", m.id, _measure_label(m, lang), round(y, 4), _row_data(m)))
        position[m.id] = round(y, 4)
        y += 1.0
    height = max(y, 1.0)
    # Units: barycentre of their measures, leads weighted.
    weights: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for m in v.measures:
        for h in m.holders:
            weights[h.unit].append((position[m.id], _LEAD_WEIGHT if h.role is Role.LEAD else 1.0))

    def centre(unit: str) -> float:
        pairs = weights[unit]
        return sum(p * w for p, w in pairs) / sum(w for _p, w in pairs)

    by_id = {u.id: u for u in v.units}
    ordered = sorted(weights, key=lambda u: (round(centre(u), 6), -by_id[u].leads, u))
    count = len(ordered)
    units = []
    for i, unit_id in enumerate(ordered):
        # Spread the units evenly over the height of the measure column.
        uy = round((i + 0.5) * height / count - 0.5, 4) if count else 0.0
        u = by_id[unit_id]
        units.append(
            LaidNode(
                u.id,
                u.label(lang),
                0.0,
                uy,
                u.collective,
                u.measures,
                u.leads,
                _unit_data(u),
            )
        )
    # Drawn support first, leads on top.
    edges = tuple(
        LaidEdge(h.unit, m.id, h.role.value, h.explicit)
        for m, h in sorted(
            ((m, h) for m in v.measures for h in m.holders),
            key=lambda e: (e[1].role is Role.LEAD, e[1].unit, e[0].id),
        )
    )
    return ResponsibilityLayout(v.label(lang), tuple(units), tuple(rows), edges, height)


def _unit_data(u: ViewUnit) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "agency",
        "name_zh": u.name.zh,
        "name_en": u.name.en,
        "aliases": u.name.aliases,
        "collective": u.collective,
        "measures": u.measures,
        "leads": u.leads,
        "supports": u.supports,
    }
    if u.collective:
        data["members"] = u.members
        if u.member_rule:
            data["member_rule"] = u.member_rule
    return data


def _row_data(m: ViewMeasure) -> dict[str, Any]:
    return {
        "kind": "measure",
        "name_zh": m.name.zh,
        "name_en": m.name.en,
        "aliases": m.name.aliases,
        "document": m.document,
        "ordinal": m.ordinal,
        "number": m.number,
        "text": m.text,
        "source": m.source,
    }


def _measure_label(m: ViewMeasure, lang: str) -> str:
    if lang == "en" or not m.number:
        return f"{m.ordinal}. {m.label(lang)}"
    return f"{m.number} {m.label(lang)}"


def _circle_order(co: CoresponsibilityView) -> list[str]:
    weight: dict[str, dict[str, float]] = defaultdict(dict)
    for link in co.links:
        weight[link.a][link.b] = float(link.weight)
        weight[link.b][link.a] = float(link.weight)
    load = {u.id: float(u.measures) for u in co.units}
    placed: list[str] = []
    rest = set(load)
    while rest:
        if not placed or not any(weight[placed[-1]].get(n) for n in rest):
            # start (or restart) with the busiest unit left, preferring one tied to those placed
            def start_key(n: str) -> tuple[float, float, str]:
                tied = sum(weight[n].get(p, 0.0) for p in placed)
                return (-tied, -load[n], n)

            nxt = min(rest, key=start_key)
        else:
            last = placed[-1]
            recent = placed[-3:]

            def key(
                n: str, last: str = last, recent: list[str] = recent
            ) -> tuple[float, float, float, str]:
                return (
                    -weight[last].get(n, 0.0),
                    -sum(weight[p].get(n, 0.0) for p in recent),
                    -load[n],
                    n,
                )

            nxt = min(rest, key=key)
        placed.append(nxt)
        rest.remove(nxt)
    return placed


def coresponsibility_layout(
    source: CoresponsibilityView | ResponsibilityView | Ecosystem | nx.Graph[Any],
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> CoresponsibilityLayout:
    """Place agencies on a circle (see the module docstring).

    ``source`` is a :class:`~smeeco.views.CoresponsibilityView`; anything else is first
    turned into one by :func:`smeeco.views.as_coresponsibility_view`.

    >>> import smeeco
    >>> layout = coresponsibility_layout(smeeco.load("example"))
    >>> [n.id for n in layout.nodes]
    ['ex-finance', 'ex-miit', 'ex-districts', 'ex-old-regulator']
    >>> round(layout.nodes[0].y, 3)  # the busiest unit sits at the top
    1.0
    """
    co = as_coresponsibility_view(source, document, as_of=as_of)
    by_id = {u.id: u for u in co.units}
    order = _circle_order(co)
    count = len(order)
    nodes = []
    angles: dict[str, float] = {}
    for i, unit_id in enumerate(order):
        angle = math.pi / 2 - 2 * math.pi * i / count if count else 0.0
        angles[unit_id] = angle
        u = by_id[unit_id]
        nodes.append(
            LaidNode(
                u.id,
                u.label(lang),
                round(math.cos(angle), 12),
                round(math.sin(angle), 12),
                u.collective,
                u.measures,
                u.leads,
                _unit_data(u),
            )
        )
    edges = [
        LaidEdge(link.a, link.b, None, True, float(link.weight), link.measures)
        for link in sorted(co.links, key=lambda link: (link.weight, link.a, link.b))
    ]
    return CoresponsibilityLayout(co.label(lang), tuple(nodes), tuple(edges), angles)
