"""Views: who is responsible for what, as typed objects built once from the records.

* :func:`responsibility_view` → :class:`ResponsibilityView` — the measures of a document
  (or of all documents) in order, each with its units in the order the text states them
  (:class:`Holder`: role, order, explicit, collective), the units with their counts, the
  documents and the sections that hold the measures;
* :func:`coresponsibility_view` → :class:`CoresponsibilityView` — the units linked by the
  measures they share.

Counts (``measures``, ``leads``, ``supports``) come from :func:`smeeco.counting.count_units`,
the one rule for counting (a unit that executes or funds a measure is not counted as a
support). The pictures, the page, the graph formats and the CLI take these objects;
:meth:`ResponsibilityView.to_networkx` and :meth:`CoresponsibilityView.to_networkx` give
the graphs of the graph contract (``kind``, ``name_zh``, ``name_en``, ``aliases`` on every
node; ``relation`` on every edge) for networkx code and for export.

Examples
--------
>>> import smeeco
>>> from smeeco.views import responsibility_view
>>> view = responsibility_view(smeeco.load("example"), "ex-2022-measures")
>>> [(h.unit, h.role.value, h.order) for h in view.measure("ex-2022-measures.m03").holders]
[('ex-old-regulator', 'lead', 0), ('ex-finance', 'support', 1)]
>>> [(u.id, u.measures, u.leads, u.supports) for u in view.units][:2]
[('ex-finance', 2, 1, 1), ('ex-miit', 2, 1, 1)]
>>> graph = view.to_networkx()
>>> sorted({kind for _, kind in graph.nodes(data="kind")})
['agency', 'document', 'measure', 'section']
>>> on_day = responsibility_view(smeeco.load("example"), as_of="2024-01-01")
>>> on_day.measure("ex-2022-measures.m03").holders[0].named_as
'ex-old-regulator'

Using a view as a networkx graph (``view.nodes``, ``view.edges``…) still works for one
release, with a :class:`DeprecationWarning`; call :meth:`~ResponsibilityView.to_networkx`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from smeeco.counting import UnitCounts, count_units, shared_measures
from smeeco.ecosystem import Ecosystem
from smeeco.errors import ExportError
from smeeco.model import Agency, Measure, Name, PolicyDocument, Responsibility, Role
from smeeco.queries._common import AsOf, record_of, view

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CoresponsibilityView",
    "Holder",
    "Link",
    "ResponsibilityView",
    "ViewDocument",
    "ViewMeasure",
    "ViewSection",
    "ViewUnit",
    "as_coresponsibility_view",
    "as_responsibility_view",
    "coresponsibility_view",
    "responsibility_view",
    "section_node_id",
]


def section_node_id(document: str, ordinal: int) -> str:
    """The node id of a section in views: ``"<document id>#<ordinal>"``.

    ``#`` cannot appear in a record id, so a section node never clashes with a record.

    >>> section_node_id("ex-2022-measures", 1)
    'ex-2022-measures#1'
    """
    return f"{document}#{ordinal}"


# --------------------------------------------------------------------------- the parts


@attrs.frozen
class Holder:
    """One unit's part in one measure, as the text states it.

    ``order`` is the 0-based position in the text's list of units; ``explicit`` says the
    text names the role (otherwise it follows from the listing order); ``named_as`` is
    the unit the text named, when an as-of view replaced it by its successor.
    """

    unit: str
    role: Role
    order: int
    explicit: bool
    collective: bool = False
    named_as: str | None = None

    @property
    def responsibility(self) -> Responsibility:
        """The holder as a :class:`~smeeco.Responsibility`."""
        return Responsibility(self.unit, self.role, self.explicit, self.named_as)


@attrs.frozen
class ViewUnit:
    """A responsible unit of a view, with what it holds there (:class:`UnitCounts`)."""

    id: str
    name: Name
    collective: bool = False
    members: tuple[str, ...] = ()
    member_rule: str = ""
    counts: UnitCounts = attrs.field(factory=UnitCounts)
    #: extra node attributes of the record (for graph export)
    attributes: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def measures(self) -> int:
        """Measures held in any role."""
        return self.counts.measures

    @property
    def leads(self) -> int:
        """Measures led (牵头)."""
        return self.counts.leads

    @property
    def supports(self) -> int:
        """Measures supported (配合; executing and funding are not supports)."""
        return self.counts.supports

    def label(self, lang: str = "zh") -> str:
        """The unit's name in ``lang``."""
        return self.name.label(lang)


@attrs.frozen
class ViewMeasure:
    """A measure of a view with its units in stated order (``holders``)."""

    id: str
    name: Name
    document: str
    ordinal: int
    number: str = ""
    section: int | None = None
    text: str = ""
    source: str = ""
    holders: tuple[Holder, ...] = ()
    notes: str = ""
    attributes: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def lead(self) -> str | None:
        """The first lead unit, or ``None``."""
        return next((h.unit for h in self.holders if h.role is Role.LEAD), None)

    def label(self, lang: str = "zh") -> str:
        """The measure's short title in ``lang``."""
        return self.name.label(lang)


@attrs.frozen
class ViewSection:
    """A section (一、二、…) of a document that holds measures of the view."""

    document: str
    ordinal: int
    number: str
    title: Name

    @property
    def id(self) -> str:
        """The section's node id (:func:`section_node_id`)."""
        return section_node_id(self.document, self.ordinal)

    def label(self, lang: str = "zh") -> str:
        """``一、落实财税扶持政策`` in Chinese, ``1. Fiscal support`` in English."""
        name = self.title.label(lang)
        if lang == "zh" and self.number:
            return f"{self.number}、{name}"
        if name == f"§{self.ordinal}":  # a section known only by its ordinal
            return name
        return f"{self.ordinal}. {name}"


@attrs.frozen
class ViewDocument:
    """A document of the view."""

    id: str
    name: Name
    number: str = ""
    attributes: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def label(self, lang: str = "zh") -> str:
        """The document's title in ``lang``."""
        return self.name.label(lang)


def _names(name: Name) -> dict[str, Any]:
    return {"name_zh": name.zh, "name_en": name.en, "aliases": name.aliases}


def _counted_units(
    units: Iterable[ViewUnit], measures: Iterable[ViewMeasure]
) -> tuple[ViewUnit, ...]:
    counts = count_units(m.holders for m in measures)
    return tuple(attrs.evolve(u, counts=counts.get(u.id, UnitCounts())) for u in units)


class _GraphLike:
    """Deprecated: a view used as its networkx graph (``view.nodes``…) forwards there."""

    def to_networkx(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        graph = self.to_networkx()
        if not hasattr(graph, name):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        warnings.warn(
            f"using a {type(self).__name__} as a networkx graph (.{name}) is deprecated;"
            " call .to_networkx() first",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(graph, name)


# --------------------------------------------------------------------------- views


@attrs.frozen
class ResponsibilityView(_GraphLike):
    """Agencies and the measures they are responsible for, grouped by section.

    ``measures`` are in document then ordinal order; ``units`` in order of first
    appearance in the measures (the order a 任务分工表 gives its columns); each measure's
    ``holders`` in the order the text lists them. ``title`` is the document's title (or,
    with several documents, the pack's title or a count).
    """

    name: str
    as_of: dt.date | None
    title: str
    title_en: str
    documents: tuple[ViewDocument, ...]
    sections: tuple[ViewSection, ...]
    measures: tuple[ViewMeasure, ...]
    units: tuple[ViewUnit, ...]
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __contains__(self, item: object) -> bool:
        return any(u.id == item for u in self.units) or any(m.id == item for m in self.measures)

    def unit(self, unit_id: str) -> ViewUnit:
        """The unit with id ``unit_id``; :class:`KeyError` when it holds nothing here."""
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def measure(self, measure_id: str) -> ViewMeasure:
        """The measure with id ``measure_id``; :class:`KeyError` when not in the view."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise KeyError(measure_id)

    def holdings(self, unit_id: str) -> tuple[tuple[ViewMeasure, Holder], ...]:
        """Each measure ``unit_id`` holds, with its part, in measure order."""
        return tuple((m, h) for m in self.measures for h in m.holders if h.unit == unit_id)

    def section(self, measure: ViewMeasure) -> ViewSection | None:
        """The section that holds ``measure``, or ``None``."""
        for s in self.sections:
            if s.document == measure.document and s.ordinal == measure.section:
                return s
        return None

    def label(self, lang: str = "zh") -> str:
        """The view's title in ``lang``."""
        return (self.title_en or self.title) if lang == "en" else (self.title or self.title_en)

    def require_measures(self, what: str = "draw") -> ResponsibilityView:
        """The view itself, or :class:`~smeeco.errors.ExportError` when there is nothing to show.

        Refused: no measures (none in force on the view's date), or measures of which
        none states a responsible unit. ``what`` names the job (``"draw"``,
        ``"tabulate"``) in the message.
        """
        if not self.measures:
            raise ExportError(_nothing_to(what, self.as_of))
        if not self.units:
            where = f"《{self.title}》" if self.title else "the document"
            raise ExportError(
                f"no responsible units to {what}: none of the {len(self.measures)} measures"
                f" of {where} states who is responsible; pick another document"
            )
        return self

    def coresponsibility(self) -> CoresponsibilityView:
        """The units of this view linked by the measures they share."""
        links = shared_measures((m.id, m.holders) for m in self.measures)
        return CoresponsibilityView(
            name=self.name,
            as_of=self.as_of,
            title=self.title,
            title_en=self.title_en,
            units=tuple(sorted(self.units, key=lambda u: u.id)),
            links=tuple(Link(a, b, ids) for (a, b), ids in links.items()),
        )

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """The view as a graph (built once, then shared: copy it before changing it).

        Nodes, in this order: agencies, documents, sections (``kind="section"``, id from
        :func:`section_node_id`) and measures. Measures carry ``text`` and ``source``;
        agencies carry ``measures``, ``leads`` and ``supports``, and collective units
        ``members`` and ``member_rule``. Edges: agency → measure ``responsible``
        (``role``, ``order``, ``explicit``, maybe ``named_as``), document → section and
        section (or document) → measure ``contains``.
        """
        if "graph" not in self._cache:
            self._cache["graph"] = _responsibility_graph(self)
        graph: nx.MultiDiGraph[str] = self._cache["graph"]
        return graph

    @classmethod
    def from_graph(cls, graph: nx.Graph[Any]) -> ResponsibilityView:
        """The view of a graph with ``responsible`` edges (a view read back, ``eco.graph``).

        Units are the sources of ``responsible`` edges; measures keep the order of their
        ``document`` and ``ordinal``; each measure's units follow the edges' ``order``.
        """
        return _view_from_graph(graph)


@attrs.frozen
class Link:
    """Two units (``a`` < ``b``) and the measures they share."""

    a: str
    b: str
    measures: tuple[str, ...]

    @property
    def weight(self) -> int:
        """How many measures the two units share."""
        return len(self.measures)


@attrs.frozen
class CoresponsibilityView(_GraphLike):
    """Units (sorted by id) linked by the measures they share (``links``, sorted)."""

    name: str
    as_of: dt.date | None
    title: str
    title_en: str
    units: tuple[ViewUnit, ...]
    links: tuple[Link, ...]
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __contains__(self, item: object) -> bool:
        return any(u.id == item for u in self.units)

    def unit(self, unit_id: str) -> ViewUnit:
        """The unit with id ``unit_id``; :class:`KeyError` when not in the view."""
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def label(self, lang: str = "zh") -> str:
        """The view's title in ``lang``."""
        return (self.title_en or self.title) if lang == "en" else (self.title or self.title_en)

    def require_measures(self, what: str = "draw") -> CoresponsibilityView:
        """The view itself, or :class:`~smeeco.errors.ExportError` when no unit holds any."""
        if not self.units:
            raise ExportError(_nothing_to(what, self.as_of))
        return self

    def to_networkx(self) -> nx.Graph[str]:
        """The view as an undirected graph (built once: copy it before changing it).

        Nodes carry ``kind``, ``name_zh``, ``name_en``, ``aliases``, ``collective``,
        ``measures``, ``leads`` and ``supports``; edges ``weight`` (shared measures) and
        ``measures`` (their ids, sorted, joined by ``|``).
        """
        if "graph" not in self._cache:
            import networkx as nx

            graph: nx.Graph[str] = nx.Graph(
                name=self.name,
                title=self.title,
                title_en=self.title_en,
                as_of=self.as_of.isoformat() if self.as_of else "",
            )
            for u in self.units:
                graph.add_node(u.id, **_unit_attributes(u))
            for link in self.links:
                graph.add_edge(link.a, link.b, weight=link.weight, measures="|".join(link.measures))
            self._cache["graph"] = graph
        found: nx.Graph[str] = self._cache["graph"]
        return found

    @classmethod
    def from_graph(cls, graph: nx.Graph[Any]) -> CoresponsibilityView:
        """The view of an undirected co-responsibility graph (for instance one read back)."""
        units = tuple(
            ViewUnit(
                id=str(n),
                name=_name_of(d, n),
                collective=bool(d.get("collective")),
                members=tuple(d.get("members") or ()),
                member_rule=str(d.get("member_rule") or ""),
                counts=UnitCounts(
                    measures=int(d.get("measures", 0)),
                    leads=int(d.get("leads", 0)),
                    supports=int(d.get("supports", 0)),
                ),
            )
            for n, d in sorted(graph.nodes(data=True), key=lambda item: str(item[0]))
        )
        links = []
        for u, v, d in graph.edges(data=True):
            a, b = sorted((str(u), str(v)))
            ids = tuple(str(d.get("measures", "")).split("|")) if d.get("measures") else ()
            weight = int(d.get("weight", len(ids) or 1))
            if len(ids) != weight:
                ids = ids[:weight] + tuple(f"{a}~{b}#{i}" for i in range(len(ids), weight))
            links.append(Link(a, b, ids))
        title = str(graph.graph.get("title") or graph.graph.get("name") or "")
        return cls(
            name=str(graph.graph.get("name") or ""),
            as_of=_date(graph.graph.get("as_of")),
            title=title,
            title_en=str(graph.graph.get("title_en") or title),
            units=units,
            links=tuple(sorted(links, key=lambda link: (link.a, link.b))),
        )


def _nothing_to(what: str, as_of: dt.date | None) -> str:
    when = f" in force on {as_of}" if as_of is not None else ""
    hint = "; pick a later date or another document" if when else "; pick another document"
    return f"no measures{when} to {what}{hint}"


# --------------------------------------------------------------------------- building


def _source_text(eco: Ecosystem, measure: Measure) -> str:
    parts = []
    for source in measure.sources:
        document = eco.get(source.document, PolicyDocument)
        title = (document.name.zh or document.name.en) if document is not None else source.document
        where = f" {source.locator}" if source.locator else ""
        quote = f": “{source.quote}”" if source.quote else ""
        parts.append(f"{title}{where}{quote}")
    return "; ".join(parts)


def _titles(eco: Ecosystem, documents: tuple[PolicyDocument, ...]) -> tuple[str, str]:
    """The document's own title, or for several the pack's title (or a count)."""
    if len(documents) == 1:
        return documents[0].name.label("zh"), documents[0].name.label("en")
    pack = eco.packs[-1].title if eco.packs else ""
    return pack or f"{len(documents)} 份文件", pack or f"{len(documents)} documents"


def _measures(
    eco: Ecosystem, document: str | PolicyDocument | None
) -> tuple[tuple[PolicyDocument, ...], tuple[Measure, ...]]:
    if document is not None:
        doc = record_of(eco, document, PolicyDocument)
        measures = sorted(
            (m for m in eco.measures if m.document == doc.id), key=lambda m: m.ordinal
        )
        return (doc,), tuple(measures)
    documents = tuple(d for d in eco.documents if any(m.document == d.id for m in eco.measures))
    order = {d.id: i for i, d in enumerate(documents)}
    measures = sorted(eco.measures, key=lambda m: (order.get(m.document, len(order)), m.ordinal))
    return documents, tuple(measures)


def _view_unit(agency: Agency) -> ViewUnit:
    return ViewUnit(
        id=agency.id,
        name=agency.name,
        collective=agency.collective,
        members=agency.members,
        member_rule=agency.member_rule or "",
        attributes=agency.node_attributes(),
    )


def responsibility_view(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
) -> ResponsibilityView:
    """Agencies and the measures they are responsible for, grouped by section.

    Parameters
    ----------
    eco:
        The ecosystem.
    document:
        A document (id, name or record) to show; every document with measures when
        ``None``.
    as_of:
        A date: measures in force then, with responsibilities passed to successor units
        (the holder keeps ``named_as``).

    Returns
    -------
    ResponsibilityView
        See the class; :meth:`ResponsibilityView.to_networkx` gives the graph.
    """
    eco = view(eco, as_of)
    documents, measures = _measures(eco, document)
    agencies: dict[str, Agency] = {}
    for m in measures:
        for r in m.responsibilities:
            agencies.setdefault(r.unit, eco.require(r.unit, Agency))
    used_sections = {(m.document, m.section) for m in measures if m.section is not None}
    sections = tuple(
        ViewSection(doc.id, s.ordinal, s.number, s.title)
        for doc in documents
        for s in doc.sections
        if (doc.id, s.ordinal) in used_sections
    )
    known_sections = {(s.document, s.ordinal) for s in sections}
    view_measures = tuple(
        ViewMeasure(
            id=m.id,
            name=m.name,
            document=m.document,
            ordinal=m.ordinal,
            number=m.number,
            section=m.section if (m.document, m.section) in known_sections else None,
            text=m.text,
            source=_source_text(eco, m),
            notes=m.notes,
            holders=tuple(
                Holder(r.unit, r.role, i, r.explicit, agencies[r.unit].collective, r.named_as)
                for i, r in enumerate(m.responsibilities)
            ),
            attributes=m.node_attributes(),
        )
        for m in measures
    )
    title, title_en = _titles(eco, documents)
    return ResponsibilityView(
        name=eco.name,
        as_of=eco.as_of_date,
        title=title,
        title_en=title_en,
        documents=tuple(
            ViewDocument(d.id, d.name, d.number, d.node_attributes()) for d in documents
        ),
        sections=sections,
        measures=view_measures,
        units=_counted_units((_view_unit(a) for a in agencies.values()), view_measures),
    )


def coresponsibility_view(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
) -> CoresponsibilityView:
    """Agencies linked by the measures they share (see :class:`CoresponsibilityView`).

    >>> import smeeco
    >>> from smeeco.views import coresponsibility_view
    >>> co = coresponsibility_view(smeeco.load("example"))
    >>> [(link.a, link.b, link.weight) for link in co.links][:2]
    [('ex-districts', 'ex-finance', 1), ('ex-districts', 'ex-miit', 1)]
    >>> co.unit("ex-finance").measures, co.unit("ex-finance").supports
    (2, 1)
    """
    return responsibility_view(eco, document, as_of=as_of).coresponsibility()


# --------------------------------------------------------------------------- conversions


def as_responsibility_view(
    source: ResponsibilityView | CoresponsibilityView | Ecosystem | nx.Graph[Any],
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
) -> ResponsibilityView:
    """``source`` as a :class:`ResponsibilityView`: the one place that accepts any source.

    An ecosystem gives its :func:`responsibility_view` (for ``document`` and ``as_of``);
    a graph with ``responsible`` edges gives :meth:`ResponsibilityView.from_graph`; a view
    is returned as it is.
    """
    if isinstance(source, ResponsibilityView):
        return source
    if isinstance(source, Ecosystem):
        return responsibility_view(source, document, as_of=as_of)
    if isinstance(source, CoresponsibilityView):
        raise ExportError("a co-responsibility view has no measures to draw as responsibilities")
    return ResponsibilityView.from_graph(source)


def as_coresponsibility_view(
    source: CoresponsibilityView | ResponsibilityView | Ecosystem | nx.Graph[Any],
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
) -> CoresponsibilityView:
    """``source`` as a :class:`CoresponsibilityView` (an undirected graph is read as one)."""
    if isinstance(source, CoresponsibilityView):
        return source
    if isinstance(source, ResponsibilityView | Ecosystem):
        return as_responsibility_view(source, document, as_of=as_of).coresponsibility()
    if not source.is_directed():
        return CoresponsibilityView.from_graph(source)
    return ResponsibilityView.from_graph(source).coresponsibility()


#: The deadline's node attributes (see ``Measure.node_attributes``), kept by a view read
#: back from a graph file.
_DEADLINE_KEYS = ("deadline", "deadline_date", "deadline_reading")


def _unit_attributes(u: ViewUnit) -> dict[str, Any]:
    return {
        "kind": "agency",
        **_names(u.name),
        **u.attributes,
        "collective": u.collective,
        "measures": u.measures,
        "leads": u.leads,
        "supports": u.supports,
    }


def _responsibility_graph(v: ResponsibilityView) -> nx.MultiDiGraph[str]:
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        name=v.name,
        as_of=v.as_of.isoformat() if v.as_of else "",
        title=v.title,
        title_en=v.title_en,
    )
    for u in v.units:
        graph.add_node(u.id, **_unit_attributes(u))
        if u.collective:
            graph.nodes[u.id]["members"] = u.members
            if u.member_rule:
                graph.nodes[u.id]["member_rule"] = u.member_rule
    for doc in v.documents:
        graph.add_node(doc.id, kind="document", **_names(doc.name), **doc.attributes)
        for s in v.sections:
            if s.document != doc.id:
                continue
            graph.add_node(
                s.id,
                kind="section",
                **_names(s.title),
                document=doc.id,
                ordinal=s.ordinal,
                number=s.number,
            )
            graph.add_edge(doc.id, s.id, "contains", relation="contains", ordinal=s.ordinal)
    for m in v.measures:
        graph.add_node(
            m.id, kind="measure", **_names(m.name), **m.attributes, text=m.text, source=m.source
        )
        container = section_node_id(m.document, m.section) if m.section is not None else m.document
        if container in graph:
            graph.add_edge(container, m.id, "contains", relation="contains", ordinal=m.ordinal)
    for m in v.measures:
        for h in m.holders:
            attrs_: dict[str, Any] = {
                "relation": "responsible",
                "role": h.role.value,
                "order": h.order,
                "explicit": h.explicit,
            }
            if h.named_as is not None:
                attrs_["named_as"] = h.named_as
            key, n = "responsible", 1
            while graph.has_edge(h.unit, m.id, key):
                key, n = f"responsible#{n}", n + 1
            graph.add_edge(h.unit, m.id, key, **attrs_)
    return graph


def _name_of(data: Mapping[str, Any], node: Any) -> Name:
    zh, en = str(data.get("name_zh") or ""), str(data.get("name_en") or "")
    aliases = data.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = tuple(a for a in aliases.split("|") if a)
    if not (zh.strip() or en.strip()):
        zh = str(node)
    return Name(zh, en, tuple(str(a) for a in aliases))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _view_from_graph(graph: nx.Graph[Any]) -> ResponsibilityView:
    from smeeco.graphs import edge_rows

    nodes = graph.nodes
    responsible = [
        (u, v, d) for u, v, _k, d in edge_rows(graph) if d.get("relation") == "responsible"
    ]
    measure_ids = [n for n, d in graph.nodes(data=True) if d.get("kind") == "measure"]
    sections_by_node = {n: d for n, d in graph.nodes(data=True) if d.get("kind") == "section"}
    section_of: dict[Any, tuple[str, int]] = {}
    for u, v, _k, d in edge_rows(graph):
        if d.get("relation") == "contains" and u in sections_by_node:
            s = sections_by_node[u]
            section_of[v] = (str(s.get("document", "")), _int(s.get("ordinal")))
    if not sections_by_node:
        measure_ids.sort(
            key=lambda m: (str(nodes[m].get("document", "")), _int(nodes[m].get("ordinal")))
        )
    held: dict[Any, list[tuple[int, int, Any, dict[str, Any]]]] = {}
    for i, (u, v, d) in enumerate(responsible):
        held.setdefault(v, []).append((_int(d.get("order"), i), i, u, d))
    units: dict[Any, ViewUnit] = {}
    measures = []
    sections: dict[tuple[str, int], ViewSection] = {}
    for m in measure_ids:
        data = dict(nodes[m])
        holders = []
        for position, (_order, _i, u, d) in enumerate(sorted(held.get(m, []))):
            ud = dict(nodes[u])
            units.setdefault(
                u,
                ViewUnit(
                    id=str(u),
                    name=_name_of(ud, u),
                    collective=bool(ud.get("collective")),
                    members=tuple(ud.get("members") or ()),
                    member_rule=str(ud.get("member_rule") or ""),
                ),
            )
            try:
                role = Role(str(d.get("role", "support")))
            except ValueError:
                role = Role.SUPPORT
            holders.append(
                Holder(
                    str(u),
                    role,
                    _int(d.get("order"), position),
                    bool(d.get("explicit", True)),
                    bool(ud.get("collective")),
                    str(d["named_as"]) if d.get("named_as") else None,
                )
            )
        document = str(data.get("document", ""))
        section_key = section_of.get(m)
        section: int | None = None
        if section_key is not None:
            section = section_key[1]
            s = sections_by_node.get(section_node_id(*section_key), {})
            sections.setdefault(
                section_key,
                ViewSection(
                    section_key[0], section, str(s.get("number", "")), _name_of(s, f"§{section}")
                ),
            )
        elif data.get("section") is not None:
            section = _int(data.get("section"))
            sections.setdefault(
                (document, section),
                ViewSection(document, section, "", Name(f"§{section}")),
            )
        measures.append(
            ViewMeasure(
                id=str(m),
                name=_name_of(data, m),
                document=document,
                ordinal=_int(data.get("ordinal")),
                number=str(data.get("number") or ""),
                section=section,
                text=str(data.get("text") or ""),
                source=str(data.get("source") or ""),
                holders=tuple(holders),
                notes=str(data.get("notes") or ""),
                attributes={k: data[k] for k in _DEADLINE_KEYS if data.get(k) is not None},
            )
        )
    document_ids = list(dict.fromkeys(m.document for m in measures))
    documents = tuple(
        ViewDocument(d, _name_of(dict(nodes[d]), d), str(nodes[d].get("number") or ""))
        if d in nodes
        else ViewDocument(d, Name(d or "?"))
        for d in document_ids
    )
    title = str(graph.graph.get("title") or graph.graph.get("name") or "")
    return ResponsibilityView(
        name=str(graph.graph.get("name") or ""),
        as_of=_date(graph.graph.get("as_of")),
        title=title,
        title_en=str(graph.graph.get("title_en") or title),
        documents=documents,
        sections=tuple(sections.values()),
        measures=tuple(measures),
        units=_counted_units(units.values(), measures),
    )
