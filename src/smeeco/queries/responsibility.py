"""Who is responsible for what: units of a measure, measures of a unit, the matrix.

Every function takes the ecosystem first and honours ``as_of``: on a date, measures not
in force are left out and a unit that had been reorganised is replaced by its successor
(the :class:`~smeeco.Responsibility` then says ``named_as``).

Examples
--------
>>> import smeeco
>>> eco = smeeco.load("example")
>>> [(r.unit, r.role.value) for r in smeeco.responsible_units(eco, "ex-2022-measures.m03")]
[('ex-old-regulator', 'lead'), ('ex-finance', 'support')]
>>> smeeco.lead_unit(eco, "ex-2022-measures.m03", as_of="2024-01-01")
'ex-new-regulator'
>>> [m.id for m in smeeco.measures_led_by(eco, "示例市财政局")]
['ex-2022-measures.m01']
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import attrs

from smeeco.counting import UnitCounts, count_units, shared_measures
from smeeco.ecosystem import Ecosystem
from smeeco.model import Agency, Measure, PolicyDocument, Responsibility, Role
from smeeco.queries._common import AsOf, record_of, view

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "AgencyMetrics",
    "ResponsibilityMatrix",
    "agency_metrics",
    "coresponsibility_graph",
    "expand_collective",
    "is_lead",
    "lead_unit",
    "measures_led_by",
    "measures_of",
    "measures_supported_by",
    "measures_without_lead",
    "number_of_measures",
    "responsibility_matrix",
    "responsible_units",
]

_Key = tuple[str, Role | None]  # (unit, role); role None: any role


def _by_unit(eco: Ecosystem) -> dict[_Key, tuple[Measure, ...]]:
    """Measures per (unit, role) and per (unit, any role), in document then ordinal order.

    Built once per ecosystem (and per as-of view) and kept until the ecosystem changes.
    """

    def build() -> dict[_Key, tuple[Measure, ...]]:
        index: dict[_Key, dict[str, Measure]] = defaultdict(dict)
        for measure in sorted(eco.measures, key=lambda m: (m.document, m.ordinal)):
            for r in measure.responsibilities:
                index[(r.unit, r.role)][measure.id] = measure
                index[(r.unit, None)][measure.id] = measure
        return {key: tuple(found.values()) for key, found in index.items()}

    return eco.cached(("responsibility", "by_unit"), build)


def _measures_in(eco: Ecosystem, document: str | PolicyDocument | None) -> tuple[Measure, ...]:
    if document is None:
        # Grouped by document (in document order), then by ordinal.
        order = {d.id: i for i, d in enumerate(eco.documents)}
        return tuple(
            sorted(eco.measures, key=lambda m: (order.get(m.document, len(order)), m.ordinal))
        )
    doc = record_of(eco, document, PolicyDocument)
    return _by_document(eco).get(doc.id, ())


def _by_document(eco: Ecosystem) -> dict[str, tuple[Measure, ...]]:
    """Measures per document, in ordinal order: built once per ecosystem (and as-of view)."""

    def build() -> dict[str, tuple[Measure, ...]]:
        index: dict[str, list[Measure]] = defaultdict(list)
        for measure in eco.measures:
            index[measure.document].append(measure)
        return {d: tuple(sorted(ms, key=lambda m: m.ordinal)) for d, ms in index.items()}

    return eco.cached(("responsibility", "by_document"), build)


def responsible_units(
    eco: Ecosystem, measure: str | Measure, *, as_of: AsOf = None
) -> tuple[Responsibility, ...]:
    """The units responsible for ``measure``, in the order the text lists them, with roles."""
    eco = view(eco, as_of)
    return record_of(eco, measure, Measure).responsibilities


def lead_unit(eco: Ecosystem, measure: str | Measure, *, as_of: AsOf = None) -> str | None:
    """The id of the unit that leads ``measure`` (the first lead), or ``None``."""
    eco = view(eco, as_of)
    return record_of(eco, measure, Measure).lead


def is_lead(
    eco: Ecosystem, agency: str | Agency, measure: str | Measure, *, as_of: AsOf = None
) -> bool:
    """Whether ``agency`` leads ``measure`` (any of several stated leads counts)."""
    eco = view(eco, as_of)
    unit = record_of(eco, agency, Agency).id
    return any(
        r.unit == unit and r.role is Role.LEAD
        for r in record_of(eco, measure, Measure).responsibilities
    )


def measures_of(
    eco: Ecosystem,
    agency: str | Agency,
    *,
    role: Role | str | None = None,
    document: str | PolicyDocument | None = None,
    via_collectives: bool = False,
    as_of: AsOf = None,
) -> tuple[Measure, ...]:
    """Measures ``agency`` is responsible for, optionally only in ``role``.

    With ``via_collectives=True`` a unit also answers for measures given to the
    collective units it belongs to (a district government for "各区人民政府").
    Measures come in document then ordinal order.
    """
    eco = view(eco, as_of)
    unit = record_of(eco, agency, Agency).id
    wanted = Role(role) if role is not None else None
    index = _by_unit(eco)
    found = index.get((unit, wanted), ())
    if via_collectives:
        collectives = [a.id for a in eco.agencies if a.collective and unit in a.members]
        if collectives:
            merged = {m.id: m for u in (unit, *collectives) for m in index.get((u, wanted), ())}
            found = tuple(sorted(merged.values(), key=lambda m: (m.document, m.ordinal)))
    if document is not None:
        doc_id = record_of(eco, document, PolicyDocument).id
        found = tuple(m for m in found if m.document == doc_id)
    return found


def measures_led_by(
    eco: Ecosystem,
    agency: str | Agency,
    *,
    document: str | PolicyDocument | None = None,
    as_of: AsOf = None,
) -> tuple[Measure, ...]:
    """Measures ``agency`` leads (牵头)."""
    return measures_of(eco, agency, role=Role.LEAD, document=document, as_of=as_of)


def measures_supported_by(
    eco: Ecosystem,
    agency: str | Agency,
    *,
    document: str | PolicyDocument | None = None,
    as_of: AsOf = None,
) -> tuple[Measure, ...]:
    """Measures ``agency`` supports (配合)."""
    return measures_of(eco, agency, role=Role.SUPPORT, document=document, as_of=as_of)


def number_of_measures(
    eco: Ecosystem,
    agency: str | Agency,
    *,
    role: Role | str | None = None,
    document: str | PolicyDocument | None = None,
    as_of: AsOf = None,
) -> int:
    """How many measures ``agency`` is responsible for (in ``role``)."""
    return len(measures_of(eco, agency, role=role, document=document, as_of=as_of))


def measures_without_lead(
    eco: Ecosystem, *, document: str | PolicyDocument | None = None, as_of: AsOf = None
) -> tuple[Measure, ...]:
    """Measures that name no lead unit — including those whose text names no unit at all."""
    eco = view(eco, as_of)
    return tuple(m for m in _measures_in(eco, document) if m.lead is None)


def expand_collective(
    eco: Ecosystem, agency: str | Agency, *, as_of: AsOf = None
) -> tuple[Agency, ...]:
    """The members of a collective unit, expanded recursively; a plain unit gives itself.

    Members not recorded in the ecosystem cannot be listed: the collective's
    ``member_rule`` says in words who belongs.
    """
    eco = view(eco, as_of)
    root = record_of(eco, agency, Agency)
    if not root.collective:
        return (root,)
    found: dict[str, Agency] = {}
    stack = [root]
    seen = {root.id}
    while stack:
        current = stack.pop(0)
        for member_id in current.members:
            if member_id in seen:
                continue
            seen.add(member_id)
            member = eco.get(member_id, Agency)
            if member is None:
                continue
            if member.collective:
                stack.append(member)
            else:
                found[member.id] = member
    return tuple(found.values())


@attrs.frozen
class ResponsibilityMatrix:
    """A 任务分工表: measures as rows, units as columns, a role (or nothing) in each cell.

    ``units`` are ordered by first appearance, reading the measures in order — the order
    in which the document introduces them — so the lead-heavy columns come first.
    """

    measures: tuple[Measure, ...]
    units: tuple[Agency, ...]
    cells: dict[tuple[str, str], Responsibility]

    def __repr__(self) -> str:
        return (
            f"<ResponsibilityMatrix: {len(self.measures)} measures × {len(self.units)} units,"
            f" {len(self.cells)} filled cells>"
        )

    def _repr_html_(self) -> str:
        """The grid of :meth:`rows` as a notebook table (``*``: inferred from listing order)."""
        from smeeco.notebook import html_table

        header, *body = self.rows()
        return html_table(header, body, caption=repr(self) + " — * inferred from listing order")

    def cell(self, measure: str, unit: str) -> Responsibility | None:
        """The responsibility of ``unit`` for ``measure``, or ``None``."""
        return self.cells.get((measure, unit))

    def role(self, measure: str, unit: str) -> Role | None:
        """The role of ``unit`` in ``measure``, or ``None``."""
        r = self.cells.get((measure, unit))
        return r.role if r is not None else None

    def counts(self) -> dict[str, UnitCounts]:
        """For each unit (in column order), what it holds (:func:`smeeco.counting.count_units`)."""
        found = count_units(
            [r for u in self.units if (r := self.cells.get((m.id, u.id))) is not None]
            for m in self.measures
        )
        return {u.id: found.get(u.id, UnitCounts()) for u in self.units}

    def column_counts(self) -> dict[str, dict[Role, int]]:
        """For each unit, how many measures it holds in each role."""
        return {unit: dict(c.by_role) for unit, c in self.counts().items()}

    def entries(self) -> list[tuple[Measure, Agency, Responsibility]]:
        """Every filled cell as ``(measure, unit, responsibility)``, row by row.

        Within a row the units come in the order the measure's text lists them
        (:meth:`order`), the lead first.
        """
        units = {u.id: u for u in self.units}
        return [
            (m, units[r.unit], r)
            for m in self.measures
            for r in dict.fromkeys(
                self.cells[(m.id, resp.unit)]
                for resp in m.responsibilities
                if (m.id, resp.unit) in self.cells
            )
        ]

    def order(self, measure: str, unit: str) -> int | None:
        """The 0-based position of ``unit`` in ``measure``'s stated list, or ``None``."""
        for m in self.measures:
            if m.id == measure:
                for i, r in enumerate(m.responsibilities):
                    if r.unit == unit:
                        return i
        return None

    def rows(self, *, lang: str = "zh", marks: dict[Role, str] | None = None) -> list[list[str]]:
        """The table as rows of text: a header, then one row per measure.

        Cells hold 牵头 / 配合 (or ``L`` / ``S`` with ``lang="en"``), with ``*`` after
        roles inferred from listing order.
        """
        if marks is None:
            from smeeco.style import ROLE_MARKS

            marks = {role: ROLE_MARKS["en" if lang == "en" else "zh"][role.value] for role in Role}
        header = ["序号" if lang == "zh" else "No.", "措施" if lang == "zh" else "Measure"]
        header += [u.label(lang) for u in self.units]
        table = [header]
        for m in self.measures:
            row = [m.number or str(m.ordinal), m.label(lang)]
            for u in self.units:
                r = self.cells.get((m.id, u.id))
                row.append("" if r is None else marks[r.role] + ("" if r.explicit else "*"))
            table.append(row)
        return table


def responsibility_matrix(
    eco: Ecosystem, document: str | PolicyDocument | None = None, *, as_of: AsOf = None
) -> ResponsibilityMatrix:
    """The responsibility matrix of ``document`` (of every measure when ``None``).

    >>> import smeeco
    >>> matrix = smeeco.responsibility_matrix(smeeco.load("example"), "ex-2022-measures")
    >>> matrix.rows()[1]
    ['(一)', '加强财政资金支持', '牵头*', '配合*', '配合*', '']
    >>> matrix.rows()[3][2:]  # the regulator leads measure (三), finance supports it
    ['配合*', '', '', '牵头*']
    """
    eco = view(eco, as_of)
    measures = _measures_in(eco, document)
    units: dict[str, Agency] = {}
    cells: dict[tuple[str, str], Responsibility] = {}
    for m in measures:
        for r in m.responsibilities:
            units.setdefault(r.unit, eco.require(r.unit, Agency))
            cells.setdefault((m.id, r.unit), r)
    return ResponsibilityMatrix(measures, tuple(units.values()), cells)


def coresponsibility_graph(
    eco: Ecosystem,
    *,
    document: str | PolicyDocument | None = None,
    as_of: AsOf = None,
) -> nx.Graph[str]:
    """Agencies linked by the measures they share, weighted by how many.

    Nodes carry ``kind``, ``name_zh``, ``name_en``, ``aliases``, ``collective``,
    ``measures`` (how many measures the unit holds), ``leads`` and ``supports`` (counted
    by :func:`smeeco.counting.count_units`: executing and funding are not supports);
    edges carry ``weight`` (shared measures) and ``measures`` (their ids, sorted, joined by ``|``).
    """

    import networkx as nx

    eco = view(eco, as_of)
    graph: nx.Graph[str] = nx.Graph()
    measures = _measures_in(eco, document)
    counts = count_units(m.responsibilities for m in measures)
    for unit in sorted(counts):
        agency = eco.require(unit, Agency)
        graph.add_node(
            unit,
            kind="agency",
            name_zh=agency.name.zh,
            name_en=agency.name.en,
            aliases=agency.name.aliases,
            collective=agency.collective,
            measures=counts[unit].measures,
            leads=counts[unit].leads,
            supports=counts[unit].supports,
        )
    for (a, b), ids in shared_measures((m.id, m.responsibilities) for m in measures).items():
        graph.add_edge(a, b, weight=len(ids), measures="|".join(ids))
    return graph


@attrs.frozen
class AgencyMetrics:
    """Network figures of one agency over a set of measures."""

    agency: str
    measures: int  # measures held in any role
    leads: int
    supports: int
    share_led: float  # leads / all measures considered
    degree: int  # co-responsible partners
    weighted_degree: int  # sum of shared-measure weights
    betweenness: float  # on the co-responsibility graph, normalised


def agency_metrics(
    eco: Ecosystem,
    *,
    document: str | PolicyDocument | None = None,
    as_of: AsOf = None,
) -> dict[str, AgencyMetrics]:
    """Network figures per agency: load, leads, partners, betweenness.

    ``share_led`` is the share of all measures considered that the agency leads.
    Betweenness is computed on the unweighted co-responsibility graph (who connects
    otherwise separate groups of units), normalised to 0–1.
    """

    import networkx as nx

    eco = view(eco, as_of)
    measures = _measures_in(eco, document)
    graph = coresponsibility_graph(eco, document=document)
    between = nx.betweenness_centrality(graph) if graph.number_of_nodes() > 2 else {}
    total = len(measures) or 1
    result: dict[str, AgencyMetrics] = {}
    for unit, data in graph.nodes(data=True):
        result[unit] = AgencyMetrics(
            agency=unit,
            measures=data["measures"],
            leads=data["leads"],
            supports=data["supports"],
            share_led=data["leads"] / total,
            degree=graph.degree(unit),
            weighted_degree=int(graph.degree(unit, weight="weight")),
            betweenness=float(between.get(unit, 0.0)),
        )
    return dict(sorted(result.items(), key=lambda kv: (-kv[1].measures, kv[0])))
