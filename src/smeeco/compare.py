"""Comparing two generations of policy: what was added, removed, changed and handed over.

:func:`diff` takes two ecosystems — two packs, one pack on two dates
(``eco.at(day)``), or one document of each — and matches their measures: by id when both
sides hold the same record, otherwise by number and title similarity (the score, 0–1, is
shown so a reader can judge a match). It reports

* measures added, removed and changed (title, text, units, roles);
* responsibilities passed to a successor unit (``named_as`` on the new side);
* units that gained or lost lead or support roles, counted over the compared measures;
* units renamed or merged between the two sides (successors);
* indicators whose latest observation or target in view moved.

>>> import smeeco
>>> eco = smeeco.load("example")
>>> diff = smeeco.diff(eco.at("2023-01-01"), eco.at("2024-01-01"))
>>> [(r.old, r.new, r.how) for r in diff.reorganised]
[('ex-old-regulator', ('ex-new-regulator',), 'succeeded')]
>>> [(c.new.number, c.handovers) for c in diff.changed]
[('(三)', (('ex-old-regulator', 'ex-new-regulator'),))]
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Any

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.model import Agency, Indicator, Measure, PolicyDocument, Role
from smeeco.queries.selection import measures_in_order

__all__ = [
    "Comparison",
    "IndicatorChange",
    "MeasureChange",
    "Reorganisation",
    "UnitChange",
    "diff",
]

#: Below this title similarity two measures of different ids are not the same measure.
MATCH_THRESHOLD = 0.6


@attrs.frozen
class MeasureChange:
    """One measure on both sides, and what changed (empty ``changes``: unchanged)."""

    old: Measure
    new: Measure
    score: float  # 1.0 for the same record; else number and title similarity
    changes: tuple[str, ...] = ()
    handovers: tuple[tuple[str, str], ...] = ()  # (unit named by the text, its successor)
    gained: tuple[tuple[str, str], ...] = ()  # (unit, role) on the new side only
    lost: tuple[tuple[str, str], ...] = ()  # (unit, role) on the old side only


@attrs.frozen
class UnitChange:
    """How many of the compared measures a unit leads and supports, before and after."""

    unit: str
    leads: tuple[int, int]
    supports: tuple[int, int]


@attrs.frozen
class Reorganisation:
    """A unit of the old side that the new side no longer has, and who holds its roles."""

    old: str
    new: tuple[str, ...]  # successors in force on the new side (empty: none)
    how: str  # "succeeded" (one successor: renamed or reorganised), "merged", "split", "ended"
    measures: int  # compared measures of the old side it held


@attrs.frozen
class IndicatorChange:
    """An indicator whose latest observation or target in view differs."""

    indicator: str
    old_observed: tuple[str, str] | None  # (date, value)
    new_observed: tuple[str, str] | None
    old_target: tuple[str, str] | None
    new_target: tuple[str, str] | None
    status: str = "moved"  # "moved", "added", "removed"


@attrs.frozen
class Comparison:
    """The result of :func:`diff`."""

    old_label: str
    new_label: str
    added: tuple[Measure, ...]
    removed: tuple[Measure, ...]
    changed: tuple[MeasureChange, ...]
    unchanged: tuple[MeasureChange, ...]
    units: tuple[UnitChange, ...]
    reorganised: tuple[Reorganisation, ...]
    indicators: tuple[IndicatorChange, ...]
    names: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    aliases: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def name(self, record_id: str) -> str:
        """The Chinese (or English) name of a record on either side, else its id."""
        return self.names.get(record_id, record_id)

    def display(self, record_id: str) -> str:
        """The name with the short form texts use, if any: "…天津监管局（天津银保监局）"."""
        alias = self.aliases.get(record_id)
        return f"{self.name(record_id)}（{alias}）" if alias else self.name(record_id)

    def __repr__(self) -> str:
        return (
            f"<Comparison {self.old_label} → {self.new_label}: {len(self.added)} added,"
            f" {len(self.removed)} removed, {len(self.changed)} changed,"
            f" {len(self.reorganised)} units reorganised>"
        )

    def _repr_html_(self) -> str:
        """The report's sections as notebook tables."""
        from smeeco.reports import comparison_report, sections_html

        return sections_html(comparison_report(self))

    def to_dict(self) -> dict[str, Any]:
        """Everything as JSON-ready values (ids, with names beside them)."""

        def measure(m: Measure) -> dict[str, Any]:
            return {
                "measure": m.id,
                "document": m.document,
                "number": m.number or str(m.ordinal),
                "title": m.label(),
            }

        def change(c: MeasureChange) -> dict[str, Any]:
            return {
                "old": measure(c.old),
                "new": measure(c.new),
                "score": round(c.score, 3),
                "changes": list(c.changes),
                "handovers": [{"from": a, "to": b} for a, b in c.handovers],
                "gained": [{"unit": u, "role": r} for u, r in c.gained],
                "lost": [{"unit": u, "role": r} for u, r in c.lost],
            }

        return {
            "old": self.old_label,
            "new": self.new_label,
            "added": [measure(m) for m in self.added],
            "removed": [measure(m) for m in self.removed],
            "changed": [change(c) for c in self.changed],
            "unchanged": len(self.unchanged),
            "units": [
                {
                    "unit": u.unit,
                    "name": self.name(u.unit),
                    "leads": {"old": u.leads[0], "new": u.leads[1]},
                    "supports": {"old": u.supports[0], "new": u.supports[1]},
                }
                for u in self.units
            ],
            "reorganised": [
                {
                    "unit": r.old,
                    "name": self.name(r.old),
                    "successors": [{"unit": s, "name": self.name(s)} for s in r.new],
                    "how": r.how,
                    "measures": r.measures,
                }
                for r in self.reorganised
            ],
            "indicators": [attrs.asdict(i) for i in self.indicators],
        }


def _measures(eco: Ecosystem, document: str | PolicyDocument | None) -> tuple[Measure, ...]:
    ordered = measures_in_order(eco)
    if document is None:
        return ordered
    doc_id = document.id if isinstance(document, PolicyDocument) else eco.resolve(document).id
    return tuple(m for m in ordered if m.document == doc_id)


def _norm(number: str) -> str:
    return number.replace("（", "(").replace("）", ")").strip()


def _score(old: Measure, new: Measure) -> float:
    title = difflib.SequenceMatcher(None, old.label(), new.label(), autojunk=False).ratio()
    same_number = bool(old.number) and _norm(old.number) == _norm(new.number)
    return min(1.0, 0.8 * title + (0.2 if same_number else 0.0))


def _match(
    old: tuple[Measure, ...], new: tuple[Measure, ...]
) -> tuple[list[tuple[Measure, Measure, float]], list[Measure], list[Measure]]:
    new_ids = {m.id: m for m in new}
    pairs: list[tuple[Measure, Measure, float]] = []
    rest_old = []
    for m in old:
        if m.id in new_ids:
            pairs.append((m, new_ids.pop(m.id), 1.0))
        else:
            rest_old.append(m)
    rest_new = [m for m in new if m.id in new_ids]
    candidates = sorted(
        (
            (_score(a, b), i, j)
            for i, a in enumerate(rest_old)
            for j, b in enumerate(rest_new)
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in candidates:
        if score < MATCH_THRESHOLD:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((rest_old[i], rest_new[j], score))
    removed = [m for i, m in enumerate(rest_old) if i not in used_old]
    added = [m for j, m in enumerate(rest_new) if j not in used_new]
    return pairs, removed, added


def _measure_change(old: Measure, new: Measure, score: float) -> MeasureChange:
    changes: list[str] = []
    if old.label() != new.label():
        changes.append("title")
    if old.text != new.text:
        changes.append("text")
    if old.deadline != new.deadline:
        changes.append("deadline")
    before = {(r.unit, r.role.value) for r in old.responsibilities}
    after = {(r.unit, r.role.value) for r in new.responsibilities}
    handovers = tuple(
        dict.fromkeys(
            (r.named_as, r.unit)
            for r in new.responsibilities
            if r.named_as is not None and r.named_as != r.unit
        )
    )
    passed = {(a, b) for a, b in handovers}
    gained = []
    for r in new.responsibilities:
        key = (r.unit, r.role.value)
        if key in before:
            continue
        if r.named_as is not None and (r.named_as, r.role.value) in before:
            continue  # a handover, reported as such
        gained.append(key)
    lost = []
    for r in old.responsibilities:
        key = (r.unit, r.role.value)
        if key in after:
            continue
        if any(a == r.unit and (b, r.role.value) in after for a, b in passed):
            continue
        lost.append(key)
    if handovers:
        changes.append("handed over")
    if gained or lost:
        changes.append("units")
    if [r.unit for r in old.responsibilities] != [r.unit for r in new.responsibilities] and not (
        handovers or gained or lost
    ):
        changes.append("unit order")
    return MeasureChange(
        old, new, score, tuple(changes), handovers, tuple(gained), tuple(lost)
    )


def _counts(measures: tuple[Measure, ...]) -> tuple[dict[str, int], dict[str, int]]:
    leads: dict[str, int] = defaultdict(int)
    supports: dict[str, int] = defaultdict(int)
    for m in measures:
        for u in {r.unit for r in m.responsibilities if r.role is Role.LEAD}:
            leads[u] += 1
        for u in {r.unit for r in m.responsibilities if r.role is Role.SUPPORT}:
            supports[u] += 1
    return leads, supports


def _reorganised(
    old_eco: Ecosystem, new_eco: Ecosystem, old_measures: tuple[Measure, ...]
) -> list[Reorganisation]:
    held: dict[str, int] = defaultdict(int)
    for m in old_measures:
        for u in dict.fromkeys(m.units):
            held[u] += 1
    day = new_eco.as_of_date
    full = new_eco.base
    found: list[Reorganisation] = []
    successors_of: dict[str, tuple[str, ...]] = {}
    for agency in old_eco.agencies:
        if agency.id in new_eco:
            continue
        record = full.get(agency.id, Agency)
        if record is None:
            continue  # the new side never knew the unit: not a reorganisation
        if day is not None:
            holder = full.current_unit(agency.id, day)
            heirs: tuple[str, ...] = (holder,) if holder is not None else ()
        else:
            heirs = tuple(s for s in record.successors if s in new_eco)
        successors_of[agency.id] = heirs
    shared: dict[str, int] = defaultdict(int)
    for heirs in successors_of.values():
        for h in heirs:
            shared[h] += 1
    for unit, heirs in successors_of.items():
        record = full.require(unit, Agency)
        if not heirs:
            how = "ended"
        elif len(record.successors) > 1:
            how = "split"
        elif any(shared[h] > 1 or h in old_eco for h in heirs):
            how = "merged"
        else:
            how = "succeeded"
        found.append(Reorganisation(unit, heirs, how, held[unit]))
    return found


def _entry(value: Any) -> tuple[str, str] | None:
    if value is None:
        return None
    date = getattr(value, "date", None) or getattr(value, "by", None)
    return (date.isoformat() if date else "", str(value.value))


def _indicators(old_eco: Ecosystem, new_eco: Ecosystem) -> list[IndicatorChange]:
    old = {i.id: i for i in old_eco.indicators}
    new = {i.id: i for i in new_eco.indicators}
    found: list[IndicatorChange] = []
    for ind_id in dict.fromkeys([*old, *new]):
        a: Indicator | None = old.get(ind_id)
        b: Indicator | None = new.get(ind_id)
        before = (
            (_entry(a.latest(old_eco.as_of_date)), _entry(a.target_on(old_eco.as_of_date)))
            if a
            else (None, None)
        )
        after = (
            (_entry(b.latest(new_eco.as_of_date)), _entry(b.target_on(new_eco.as_of_date)))
            if b
            else (None, None)
        )
        if a is not None and b is not None and before == after:
            continue
        status = "added" if a is None else "removed" if b is None else "moved"
        found.append(IndicatorChange(ind_id, before[0], after[0], before[1], after[1], status))
    return found


def diff(
    old: Ecosystem,
    new: Ecosystem,
    *,
    old_document: str | PolicyDocument | None = None,
    new_document: str | PolicyDocument | None = None,
    old_label: str = "",
    new_label: str = "",
) -> Comparison:
    """Compare two generations: ``old`` and ``new`` ecosystems (or as-of views of one).

    Parameters
    ----------
    old, new:
        The two sides; pass ``eco.at(day)`` to compare one pack on two dates.
    old_document, new_document:
        Compare only these documents' measures (e.g. a 2018 plan against its 2022
        successor in one pack).
    old_label, new_label:
        How the sides are named in reports (default: the ecosystem name and date).

    Returns
    -------
    Comparison
        Measures added, removed and changed (with match scores), units' lead and support
        counts before and after, reorganised units and moved indicators.
    """
    old_measures = _measures(old, old_document)
    new_measures = _measures(new, new_document)
    pairs, removed, added = _match(old_measures, new_measures)
    order = {m.id: i for i, m in enumerate(new_measures)}
    pairs.sort(key=lambda p: order[p[1].id])
    changes = [_measure_change(a, b, s) for a, b, s in pairs]
    old_leads, old_supports = _counts(old_measures)
    new_leads, new_supports = _counts(new_measures)
    units = []
    for unit in dict.fromkeys(
        [*(u for m in old_measures for u in m.units), *(u for m in new_measures for u in m.units)]
    ):
        before = (old_leads.get(unit, 0), old_supports.get(unit, 0))
        after = (new_leads.get(unit, 0), new_supports.get(unit, 0))
        if before != after:
            units.append(UnitChange(unit, (before[0], after[0]), (before[1], after[1])))
    names: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for eco in (old.base, new.base):
        for record in (*eco.agencies, *eco.documents, *eco.indicators):
            names.setdefault(record.id, record.label())
            if record.name.aliases and record.kind == "agency":
                aliases.setdefault(record.id, record.name.aliases[0])

    def label(eco: Ecosystem, given: str, document: str | PolicyDocument | None) -> str:
        if given:
            return given
        text = eco.name
        if document is not None:
            text += f":{document.id if isinstance(document, PolicyDocument) else document}"
        return f"{text}@{eco.as_of_date}" if eco.as_of_date else text

    return Comparison(
        old_label=label(old, old_label, old_document),
        new_label=label(new, new_label, new_document),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(c for c in changes if c.changes),
        unchanged=tuple(c for c in changes if not c.changes),
        units=tuple(units),
        reorganised=tuple(_reorganised(old, new, old_measures)),
        indicators=tuple(_indicators(old, new)),
        names=names,
        aliases=aliases,
    )
