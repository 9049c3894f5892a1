"""What each table holds: its columns, their types, and the rows, read from the records.

Every builder returns a :class:`Columns`: plain Python lists per column and a type name
per column (``"str"``, ``"int"``, ``"float"``, ``"bool"``, ``"date"``), with no dataframe
library involved — :mod:`smeeco.tables.frames` turns them into a frame of any backend.
Rows come in document order (measures by document, then by their place in it); money is
a number of yuan, with a ``money_unit`` column saying so; several ids in one cell are
joined by ``|``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import InvalidValueError
from smeeco.model import Agency, Measure, Money, Record, Role
from smeeco.notebook import html_table
from smeeco.queries import agency_metrics, responsibility_matrix
from smeeco.queries.selection import MeasureFilter, measures_in_order

__all__ = ["TABLES", "Columns", "build_columns", "html_table"]

#: The column types a table may use.
TYPES = ("str", "int", "float", "bool", "date")


@attrs.frozen
class Columns:
    """A table as named columns of Python values, each column with one type name."""

    names: tuple[str, ...]
    types: tuple[str, ...]
    data: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(self.data[self.names[0]]) if self.names else 0

    def __repr__(self) -> str:
        return f"<Columns: {len(self)} rows × {len(self.names)} columns>"

    def _repr_html_(self, limit: int = 20) -> str:
        """A notebook table of the first ``limit`` rows (the caption says when it cut)."""
        shown = min(len(self), limit)
        caption = f"{len(self)} rows × {len(self.names)} columns"
        if shown < len(self):
            caption += f" (the first {shown} shown)"
        return html_table(
            self.names,
            [[self.data[n][i] for n in self.names] for i in range(shown)],
            caption=caption,
        )


class _Builder:
    """Collects rows column by column (appending to lists is the fastest way in Python)."""

    def __init__(self, spec: Iterable[tuple[str, str]]) -> None:
        self.spec = tuple(spec)
        self.data: dict[str, list[Any]] = {name: [] for name, _ in self.spec}

    def columns(self) -> Columns:
        return Columns(
            tuple(n for n, _ in self.spec), tuple(t for _, t in self.spec), self.data
        )


def _joined(ids: Iterable[str]) -> str:
    return "|".join(ids)


def _yuan(money: Money | Decimal | None) -> float | None:
    if money is None:
        return None
    return float(money.yuan if isinstance(money, Money) else money)


def _valid(record: Record) -> tuple[dt.date | None, dt.date | None]:
    return record.valid.start, record.valid.end


def _enum(value: Any) -> str | None:
    return None if value is None else str(value.value)


# ---------------------------------------------------------------------- measures


def _section_titles(eco: Ecosystem) -> dict[tuple[str, int], tuple[str, str]]:
    found: dict[tuple[str, int], tuple[str, str]] = {}
    for d in eco.documents:
        for s in d.sections:
            found[(d.id, s.ordinal)] = (s.number, s.title.label("zh"))
    return found


def _chosen(eco: Ecosystem, chosen: MeasureFilter) -> list[Measure]:
    return [m for m in measures_in_order(eco) if chosen.keeps(m)]


def responsibilities(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per (measure, unit), in document order and the order the text lists units."""
    b = _Builder(
        [
            ("document", "str"),
            ("measure", "str"),
            ("number", "str"),
            ("section", "int"),
            ("section_title", "str"),
            ("title", "str"),
            ("unit", "str"),
            ("unit_name", "str"),
            ("unit_name_en", "str"),
            ("role", "str"),
            ("order", "int"),
            ("explicit", "bool"),
            ("collective", "bool"),
            ("named_as", "str"),
        ]
    )
    sections = _section_titles(eco)
    agencies = {a.id: a for a in eco.agencies}
    d = b.data
    document, measure, number, section, section_title, title = (
        d["document"],
        d["measure"],
        d["number"],
        d["section"],
        d["section_title"],
        d["title"],
    )
    unit, unit_name, unit_name_en, role, order = (
        d["unit"],
        d["unit_name"],
        d["unit_name_en"],
        d["role"],
        d["order"],
    )
    explicit, collective, named_as = d["explicit"], d["collective"], d["named_as"]
    filter_units = chosen.agency is not None or chosen.role is not None
    roles = {r: r.value for r in Role}
    for m in _chosen(eco, chosen):
        section_name = sections.get((m.document, m.section), ("", None))[1] if m.section else None
        label = m.name.zh or m.name.en
        for i, r in enumerate(m.responsibilities):
            if filter_units and not chosen.keeps_unit(r.unit, r.role):
                continue
            agency = agencies[r.unit]
            document.append(m.document)
            measure.append(m.id)
            number.append(m.number or str(m.ordinal))
            section.append(m.section)
            section_title.append(section_name)
            title.append(label)
            unit.append(r.unit)
            unit_name.append(agency.name.zh or agency.name.en)
            unit_name_en.append(agency.name.en or None)
            role.append(roles[r.role])
            order.append(i)
            explicit.append(r.explicit)
            collective.append(agency.collective)
            named_as.append(r.named_as)
    return b.columns()


def measures(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per measure, in document order.

    ``deadline`` is the 完成时限 as written and ``deadline_date`` the day it is read as
    (empty for an ongoing task and for a text read as no date; see :class:`smeeco.Deadline`).
    """
    b = _Builder(
        [
            ("document", "str"),
            ("measure", "str"),
            ("ordinal", "int"),
            ("number", "str"),
            ("section", "int"),
            ("section_title", "str"),
            ("title", "str"),
            ("title_en", "str"),
            ("lead", "str"),
            ("lead_explicit", "bool"),
            ("units", "int"),
            ("responsibility_stated", "bool"),
            ("truncated", "bool"),
            ("beneficiaries", "str"),
            ("instruments", "str"),
            ("funds", "str"),
            ("platforms", "str"),
            ("tiers", "str"),
            ("indicators", "str"),
            ("deadline", "str"),
            ("deadline_date", "date"),
            ("valid_from", "date"),
            ("valid_to", "date"),
        ]
    )
    sections = _section_titles(eco)
    for m in _chosen(eco, chosen):
        lead = next((r for r in m.responsibilities if r.role is Role.LEAD), None)
        start, end = _valid(m)
        row = {
            "document": m.document,
            "measure": m.id,
            "ordinal": m.ordinal,
            "number": m.number or str(m.ordinal),
            "section": m.section,
            "section_title": sections.get((m.document, m.section), ("", None))[1]
            if m.section
            else None,
            "title": m.name.zh or m.name.en,
            "title_en": m.name.en or None,
            "lead": lead.unit if lead else None,
            "lead_explicit": lead.explicit if lead else None,
            "units": len(dict.fromkeys(m.units)),
            "responsibility_stated": m.responsibility_stated,
            "truncated": m.truncated,
            "beneficiaries": _joined(m.beneficiaries),
            "instruments": _joined(m.instruments),
            "funds": _joined(m.funds),
            "platforms": _joined(m.platforms),
            "tiers": _joined(m.tiers),
            "indicators": _joined(m.indicators),
            "deadline": m.deadline.text if m.deadline is not None else None,
            "deadline_date": m.deadline.date if m.deadline is not None else None,
            "valid_from": start,
            "valid_to": end,
        }
        for key, value in row.items():
            b.data[key].append(value)
    return b.columns()


def matrix(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """The 任务分工表 grid: one row per measure, one column per unit (its id), the role in
    each cell (``lead``, ``support``…; empty when the unit has no part)."""
    grid = responsibility_matrix(eco, chosen.document)
    kept = [m for m in grid.measures if chosen.keeps(m)]
    unit_ids = list(dict.fromkeys(r.unit for m in kept for r in m.responsibilities))
    fixed = [("document", "str"), ("measure", "str"), ("number", "str"), ("title", "str")]
    clash = {name for name, _ in fixed}.intersection(unit_ids)
    if clash:
        raise InvalidValueError(
            f"unit id(s) {sorted(clash)} clash with the matrix's own columns; use the"
            " 'responsibilities' table instead"
        )
    b = _Builder([*fixed, *((u, "str") for u in unit_ids)])
    for m in kept:
        b.data["document"].append(m.document)
        b.data["measure"].append(m.id)
        b.data["number"].append(m.number or str(m.ordinal))
        b.data["title"].append(m.name.zh or m.name.en)
        for u in unit_ids:
            cell = grid.cell(m.id, u)
            b.data[u].append(cell.role.value if cell is not None else None)
    return b.columns()


# ---------------------------------------------------------------------- other records


def agencies(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per agency, with how many (chosen) measures it holds, leads and supports."""
    b = _Builder(
        [
            ("agency", "str"),
            ("name_zh", "str"),
            ("name_en", "str"),
            ("agency_kind", "str"),
            ("level", "str"),
            ("jurisdiction", "str"),
            ("parent", "str"),
            ("collective", "bool"),
            ("members", "str"),
            ("successors", "str"),
            ("valid_from", "date"),
            ("valid_to", "date"),
            ("measures", "int"),
            ("leads", "int"),
            ("supports", "int"),
        ]
    )
    held: dict[str, int] = defaultdict(int)
    leads: dict[str, int] = defaultdict(int)
    supports: dict[str, int] = defaultdict(int)
    for m in _chosen(eco, chosen):
        for u in dict.fromkeys(m.units):
            held[u] += 1
        for u in {r.unit for r in m.responsibilities if r.role is Role.LEAD}:
            leads[u] += 1
        for u in {r.unit for r in m.responsibilities if r.role is Role.SUPPORT}:
            supports[u] += 1
    for a in eco.agencies:
        if chosen.agency is not None and a.id != chosen.agency:
            continue
        start, end = _valid(a)
        row = {
            "agency": a.id,
            "name_zh": a.name.zh or None,
            "name_en": a.name.en or None,
            "agency_kind": a.agency_kind.value,
            "level": _enum(a.level),
            "jurisdiction": a.jurisdiction,
            "parent": a.parent,
            "collective": a.collective,
            "members": _joined(a.members),
            "successors": _joined(a.successors),
            "valid_from": start,
            "valid_to": end,
            "measures": held[a.id],
            "leads": leads[a.id],
            "supports": supports[a.id],
        }
        for key, value in row.items():
            b.data[key].append(value)
    return b.columns()


def documents(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per document, with its number of (chosen) measures and its addressees (主送,
    as written, joined by ``|``)."""
    b = _Builder(
        [
            ("document", "str"),
            ("title", "str"),
            ("title_en", "str"),
            ("number", "str"),
            ("document_kind", "str"),
            ("issued", "date"),
            ("issuers", "str"),
            ("jurisdiction", "str"),
            ("addressees", "str"),
            ("valid_from", "date"),
            ("valid_to", "date"),
            ("measures", "int"),
            ("truncated", "bool"),
        ]
    )
    count: dict[str, int] = defaultdict(int)
    for m in _chosen(eco, chosen):
        count[m.document] += 1
    for d in eco.documents:
        if chosen.document is not None and d.id != chosen.document:
            continue
        start, end = _valid(d)
        row = {
            "document": d.id,
            "title": d.name.zh or d.name.en,
            "title_en": d.name.en or None,
            "number": d.number or None,
            "document_kind": d.document_kind.value,
            "issued": d.issued,
            "issuers": _joined(d.issuers),
            "jurisdiction": d.jurisdiction,
            "addressees": _joined(d.addressees),
            "valid_from": start,
            "valid_to": end,
            "measures": count[d.id],
            "truncated": d.truncated,
        }
        for key, value in row.items():
            b.data[key].append(value)
    return b.columns()


def indicators(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per observation or target of each indicator, by indicator then date."""
    b = _Builder(
        [
            ("indicator", "str"),
            ("name_zh", "str"),
            ("name_en", "str"),
            ("subject", "str"),
            ("jurisdiction", "str"),
            ("entry", "str"),
            ("date", "date"),
            ("value", "float"),
            ("unit", "str"),
            ("unit_zh", "str"),
            ("qualifier", "str"),
            ("set_on", "date"),
            ("source", "str"),
            ("note", "str"),
        ]
    )
    for ind in eco.indicators:
        entries: list[tuple[str, dt.date, Decimal | Money, str, dt.date | None, Any, str]] = [
            ("observation", o.date, o.value, o.qualifier.value, None, o.source, o.note)
            for o in ind.observations
        ] + [
            ("target", t.by, t.value, t.qualifier.value, t.set_on, t.source, t.note)
            for t in ind.targets
        ]
        entries.sort(key=lambda e: (e[1], e[0]))
        for entry, day, value, qualifier, set_on, source, note in entries:
            row = {
                "indicator": ind.id,
                "name_zh": ind.name.zh or None,
                "name_en": ind.name.en or None,
                "subject": ind.subject,
                "jurisdiction": ind.jurisdiction,
                "entry": entry,
                "date": day,
                "value": _yuan(value),
                "unit": "yuan" if isinstance(value, Money) else ind.unit.value,
                "unit_zh": ind.unit_zh or None,
                "qualifier": qualifier,
                "set_on": set_on,
                "source": source.document if source is not None else None,
                "note": note or None,
            }
            for key, v in row.items():
                b.data[key].append(v)
    return b.columns()


def funds(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per fund; ``size`` and ``annual_budget`` in yuan (``money_unit``)."""
    b = _Builder(
        [
            ("fund", "str"),
            ("name_zh", "str"),
            ("name_en", "str"),
            ("fund_kind", "str"),
            ("level", "str"),
            ("jurisdiction", "str"),
            ("manager", "str"),
            ("parent", "str"),
            ("size", "float"),
            ("annual_budget", "float"),
            ("money_unit", "str"),
            ("compensation_rate", "float"),
            ("partners", "str"),
            ("valid_from", "date"),
            ("valid_to", "date"),
        ]
    )
    for f in eco.funds:
        start, end = _valid(f)
        row = {
            "fund": f.id,
            "name_zh": f.name.zh or None,
            "name_en": f.name.en or None,
            "fund_kind": f.fund_kind.value,
            "level": _enum(f.level),
            "jurisdiction": f.jurisdiction,
            "manager": f.manager,
            "parent": f.parent,
            "size": _yuan(f.size),
            "annual_budget": _yuan(f.annual_budget),
            "money_unit": "yuan",
            "compensation_rate": _yuan(f.compensation_rate),
            "partners": _joined(f.partners),
            "valid_from": start,
            "valid_to": end,
        }
        for key, value in row.items():
            b.data[key].append(value)
    return b.columns()


def platforms(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per platform."""
    b = _Builder(
        [
            ("platform", "str"),
            ("name_zh", "str"),
            ("name_en", "str"),
            ("platform_kind", "str"),
            ("level", "str"),
            ("operator", "str"),
            ("jurisdiction", "str"),
            ("network", "str"),
            ("network_role", "str"),
            ("valid_from", "date"),
            ("valid_to", "date"),
        ]
    )
    for p in eco.platforms:
        start, end = _valid(p)
        row = {
            "platform": p.id,
            "name_zh": p.name.zh or None,
            "name_en": p.name.en or None,
            "platform_kind": p.platform_kind.value,
            "level": _enum(p.level),
            "operator": p.operator,
            "jurisdiction": p.jurisdiction,
            "network": p.network,
            "network_role": _enum(p.network_role),
            "valid_from": start,
            "valid_to": end,
        }
        for key, value in row.items():
            b.data[key].append(value)
    return b.columns()


def tiers(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per cultivation tier, with its ladders and named enterprises."""
    b = _Builder(
        [
            ("tier", "str"),
            ("name_zh", "str"),
            ("name_en", "str"),
            ("level", "str"),
            ("awarded_by", "str"),
            ("validity_years", "int"),
            ("recognises", "str"),
            ("ladders", "str"),
            ("enterprises", "int"),
            ("valid_from", "date"),
            ("valid_to", "date"),
        ]
    )
    ladders: dict[str, list[str]] = defaultdict(list)
    for ladder in eco.ladders:
        for tier_id in ladder.tiers:
            ladders[tier_id].append(ladder.id)
    members: dict[str, int] = defaultdict(int)
    for e in eco.enterprises:
        for tier_id in dict.fromkeys(m.tier for m in e.memberships):
            members[tier_id] += 1
    for t in eco.tiers:
        start, end = _valid(t)
        row = {
            "tier": t.id,
            "name_zh": t.name.zh or None,
            "name_en": t.name.en or None,
            "level": _enum(t.level),
            "awarded_by": t.awarded_by,
            "validity_years": t.validity_years,
            "recognises": t.unit,
            "ladders": _joined(ladders[t.id]),
            "enterprises": members[t.id],
            "valid_from": start,
            "valid_to": end,
        }
        for key, value in row.items():
            b.data[key].append(value)
    return b.columns()


def enterprises(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """One row per named enterprise; revenue and assets in yuan (``money_unit``)."""
    b = _Builder(
        [
            ("enterprise", "str"),
            ("name_zh", "str"),
            ("name_en", "str"),
            ("credit_code", "str"),
            ("industry", "str"),
            ("employees", "int"),
            ("revenue", "float"),
            ("total_assets", "float"),
            ("money_unit", "str"),
            ("founded", "date"),
            ("region", "str"),
            ("ownership", "str"),
            ("tiers", "str"),
        ]
    )
    for e in eco.enterprises:
        row = {
            "enterprise": e.id,
            "name_zh": e.name.zh or None,
            "name_en": e.name.en or None,
            "credit_code": e.credit_code,
            "industry": e.industry,
            "employees": e.employees,
            "revenue": _yuan(e.revenue),
            "total_assets": _yuan(e.total_assets),
            "money_unit": "yuan",
            "founded": e.founded,
            "region": e.region,
            "ownership": e.ownership,
            "tiers": _joined(dict.fromkeys(m.tier for m in e.memberships)),
        }
        for key, value in row.items():
            b.data[key].append(value)
    return b.columns()


def metrics(eco: Ecosystem, chosen: MeasureFilter) -> Columns:
    """What :func:`smeeco.agency_metrics` computes, one row per agency, busiest first."""
    b = _Builder(
        [
            ("agency", "str"),
            ("name_zh", "str"),
            ("name_en", "str"),
            ("measures", "int"),
            ("leads", "int"),
            ("supports", "int"),
            ("share_led", "float"),
            ("degree", "int"),
            ("weighted_degree", "int"),
            ("betweenness", "float"),
        ]
    )
    for unit, m in agency_metrics(eco, document=chosen.document).items():
        agency = eco.require(unit, Agency)
        row = {
            "agency": unit,
            "name_zh": agency.name.zh or None,
            "name_en": agency.name.en or None,
            "measures": m.measures,
            "leads": m.leads,
            "supports": m.supports,
            "share_led": m.share_led,
            "degree": m.degree,
            "weighted_degree": m.weighted_degree,
            "betweenness": m.betweenness,
        }
        for key, value in row.items():
            b.data[key].append(value)
    return b.columns()


_Build = Callable[[Ecosystem, MeasureFilter], Columns]

#: Every table by name, with the filters it understands (``document`` and ``as_of``
#: apply where they mean something; others are refused, never ignored).
TABLES: dict[str, tuple[_Build, frozenset[str]]] = {
    "responsibilities": (
        responsibilities,
        frozenset({"agency", "role", "beneficiary", "instrument", "document"}),
    ),
    "measures": (measures, frozenset({"agency", "role", "beneficiary", "instrument", "document"})),
    "matrix": (matrix, frozenset({"agency", "role", "beneficiary", "instrument", "document"})),
    "agencies": (agencies, frozenset({"agency", "role", "beneficiary", "instrument", "document"})),
    "documents": (
        documents,
        frozenset({"agency", "role", "beneficiary", "instrument", "document"}),
    ),
    "metrics": (metrics, frozenset({"document"})),
    "indicators": (indicators, frozenset()),
    "funds": (funds, frozenset()),
    "platforms": (platforms, frozenset()),
    "tiers": (tiers, frozenset()),
    "enterprises": (enterprises, frozenset()),
}

def build_columns(
    eco: Ecosystem, what: str, chosen: MeasureFilter, given: Iterable[str]
) -> Columns:
    """The columns of table ``what``; refuses filters the table does not understand."""
    try:
        build, understood = TABLES[what]
    except KeyError:
        raise InvalidValueError(
            f"unknown table {what!r}; choose one of {', '.join(TABLES)}"
        ) from None
    refused = sorted(set(given) - understood)
    if refused:
        takes = ", ".join(sorted(understood)) or "none"
        raise InvalidValueError(
            f"the {what} table does not take {', '.join(refused)}"
            f" (its filters: {takes}; as_of works on every table)"
        )
    return build(eco, chosen)
