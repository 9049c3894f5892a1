"""Views: smaller graphs cut from an ecosystem for one question, ready to export or draw.

* :func:`responsibility_view` — who is responsible for what: agencies, the measures they
  lead or support, and the sections and documents that hold the measures;
* :func:`coresponsibility_view` — agencies linked by the measures they share.

Views follow the graph contract of :mod:`smeeco.ecosystem` (``kind``, ``name_zh``,
``name_en``, ``aliases`` on every node; ``relation`` on every edge), so every exporter and
picture takes them.

Examples
--------
>>> import smeeco
>>> from smeeco.views import responsibility_view
>>> view = responsibility_view(smeeco.load("example"), "ex-2022-measures")
>>> sorted({kind for _, kind in view.nodes(data="kind")})
['agency', 'document', 'measure', 'section']
>>> [(u, d["role"]) for u, _, d in view.in_edges("ex-2022-measures.m03", data=True)
...  if d["relation"] == "responsible"]
[('ex-old-regulator', 'lead'), ('ex-finance', 'support')]
>>> on_day = responsibility_view(smeeco.load("example"), as_of="2024-01-01")
>>> on_day.edges["ex-new-regulator", "ex-2022-measures.m03", "responsible"]["named_as"]
'ex-old-regulator'
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from smeeco.ecosystem import Ecosystem
from smeeco.model import Agency, Measure, PolicyDocument
from smeeco.queries import coresponsibility_graph
from smeeco.queries._common import AsOf, record_of, view

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["coresponsibility_view", "responsibility_view", "section_node_id"]


def section_node_id(document: str, ordinal: int) -> str:
    """The node id of a section in views: ``"<document id>#<ordinal>"``.

    ``#`` cannot appear in a record id, so a section node never clashes with a record.

    >>> section_node_id("ex-2022-measures", 1)
    'ex-2022-measures#1'
    """
    return f"{document}#{ordinal}"


def _names(record: Agency | Measure | PolicyDocument) -> dict[str, Any]:
    return {
        "kind": record.kind,
        "name_zh": record.name.zh,
        "name_en": record.name.en,
        "aliases": record.name.aliases,
    }


def _source_text(eco: Ecosystem, measure: Measure) -> str:
    parts = []
    for source in measure.sources:
        document = eco.get(source.document, PolicyDocument)
        title = (document.name.zh or document.name.en) if document is not None else source.document
        where = f" {source.locator}" if source.locator else ""
        quote = f": “{source.quote}”" if source.quote else ""
        parts.append(f"{title}{where}{quote}")
    return "; ".join(parts)


def _titles(eco: Ecosystem, documents: tuple[PolicyDocument, ...]) -> dict[str, str]:
    """Graph titles: the document's own, or for several the pack's title and a count."""
    if len(documents) == 1:
        return {"title": documents[0].name.label("zh"), "title_en": documents[0].name.label("en")}
    pack = eco.packs[-1].title if eco.packs else ""
    return {
        "title": pack or f"{len(documents)} 份文件",
        "title_en": pack or f"{len(documents)} documents",
    }


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


def responsibility_view(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
) -> nx.MultiDiGraph[str]:
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
        (the edge keeps ``named_as``).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes, in this order: agencies (in order of first appearance in the measures),
        documents, sections (``kind="section"``, id from :func:`section_node_id`) and
        measures. Measures carry ``text`` and ``source`` (where the text says it) beside
        their usual attributes; agencies carry ``measures`` and ``leads`` (how many
        measures they hold and lead), and collective units ``members`` (a tuple of ids)
        and ``member_rule``. Edges: agency → measure ``responsible`` (``role``,
        ``order``, ``explicit``, maybe ``named_as``), document → section and section
        (or document) → measure ``contains``. The graph attribute ``title`` is the
        document's title in Chinese, ``title_en`` in English; with several documents,
        the pack's title (or a count of the documents).
    """

    import networkx as nx

    eco = view(eco, as_of)
    documents, measures = _measures(eco, document)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        name=eco.name, as_of=eco.as_of_date.isoformat() if eco.as_of_date else ""
    )
    graph.graph.update(_titles(eco, documents))
    units: dict[str, Agency] = {}
    for m in measures:
        for r in m.responsibilities:
            units.setdefault(r.unit, eco.require(r.unit, Agency))
    leads: dict[str, int] = defaultdict(int)
    load: dict[str, int] = defaultdict(int)
    for m in measures:
        for unit in dict.fromkeys(m.units):
            load[unit] += 1
        for unit in {r.unit for r in m.responsibilities if r.role.value == "lead"}:
            leads[unit] += 1
    for unit_id, agency in units.items():
        graph.add_node(
            unit_id,
            **_names(agency),
            **agency.node_attributes(),
            measures=load[unit_id],
            leads=leads[unit_id],
        )
        if agency.collective:
            graph.nodes[unit_id]["members"] = agency.members
            if agency.member_rule:
                graph.nodes[unit_id]["member_rule"] = agency.member_rule
    used_sections: dict[str, set[int]] = defaultdict(set)
    for m in measures:
        if m.section is not None:
            used_sections[m.document].add(m.section)
    for doc in documents:
        graph.add_node(doc.id, **_names(doc), **doc.node_attributes())
        for section in doc.sections:
            if section.ordinal not in used_sections[doc.id]:
                continue
            graph.add_node(
                section_node_id(doc.id, section.ordinal),
                kind="section",
                name_zh=section.title.zh,
                name_en=section.title.en,
                aliases=section.title.aliases,
                document=doc.id,
                ordinal=section.ordinal,
                number=section.number,
            )
            graph.add_edge(
                doc.id,
                section_node_id(doc.id, section.ordinal),
                "contains",
                relation="contains",
                ordinal=section.ordinal,
            )
    for m in measures:
        graph.add_node(
            m.id, **_names(m), **m.node_attributes(), text=m.text, source=_source_text(eco, m)
        )
        container = (
            section_node_id(m.document, m.section)
            if m.section is not None and section_node_id(m.document, m.section) in graph
            else m.document
        )
        graph.add_edge(container, m.id, "contains", relation="contains", ordinal=m.ordinal)
    for m in measures:
        for order, r in enumerate(m.responsibilities):
            attrs: dict[str, Any] = {
                "relation": "responsible",
                "role": r.role.value,
                "order": order,
                "explicit": r.explicit,
            }
            if r.named_as is not None:
                attrs["named_as"] = r.named_as
            key = "responsible"
            n = 1
            while graph.has_edge(r.unit, m.id, key):
                key = f"responsible#{n}"
                n += 1
            graph.add_edge(r.unit, m.id, key, **attrs)
    return graph


def coresponsibility_view(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
) -> nx.Graph[str]:
    """Agencies linked by shared measures (:func:`smeeco.coresponsibility_graph`), for export.

    Adds ``aliases`` and ``supports`` to the nodes so the view follows the graph
    contract, and the graph attributes ``name`` and ``title``.

    >>> import smeeco
    >>> from smeeco.views import coresponsibility_view
    >>> graph = coresponsibility_view(smeeco.load("example"))
    >>> graph.edges["ex-finance", "ex-miit"]["weight"], graph.nodes["ex-finance"]["measures"]
    (1, 2)
    """
    eco = view(eco, as_of)
    graph = coresponsibility_graph(eco, document=document)
    documents, measures = _measures(eco, document)
    supports: dict[str, int] = defaultdict(int)
    for m in measures:
        for unit in {r.unit for r in m.responsibilities if r.role.value != "lead"}:
            supports[unit] += 1
    for node, data in graph.nodes(data=True):
        agency = eco.require(node, Agency)
        data["aliases"] = agency.name.aliases
        data["supports"] = supports[node]
    graph.graph.update(
        name=eco.name,
        **_titles(eco, documents),
        as_of=eco.as_of_date.isoformat() if eco.as_of_date else "",
    )
    return graph
