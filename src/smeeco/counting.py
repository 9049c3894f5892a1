"""How responsibilities are counted: the one rule behind every lead, support and load.

Every figure smeeco shows about a unit — the matrix totals, the views' node attributes,
:func:`smeeco.agency_metrics`, the sizes in the pictures and the numbers on the page — comes
from :func:`count_units`, so they cannot disagree. The rule:

* ``measures`` — the measures a unit holds in any role, each measure once;
* ``leads`` — the measures in which it has the role 牵头 (lead);
* ``supports`` — the measures in which it has the role 配合 (support) and only that
  role's word: a unit that executes (具体实施) or funds (出资) a measure is *not* counted
  as supporting it; those roles have their own counts in ``by_role``;
* a unit listed twice in one measure with the same role counts once for that measure.

>>> from smeeco.model import Responsibility, Role
>>> m1 = Responsibility.from_listing(["a", "b"])
>>> m2 = (Responsibility("b", Role.LEAD, True), Responsibility("a", Role.EXECUTING, True))
>>> counts = count_units([m1, m2])
>>> counts["a"].measures, counts["a"].leads, counts["a"].supports, counts["a"].by_role
(2, 1, 0, {<Role.LEAD: 'lead'>: 1, <Role.EXECUTING: 'executing'>: 1})
>>> counts["b"].leads, counts["b"].supports
(1, 1)
>>> shared_measures([("m1", m1), ("m2", m2)])
{('a', 'b'): ('m1', 'm2')}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Protocol

import attrs

from smeeco.model import Role

__all__ = ["HasUnitRole", "UnitCounts", "count_units", "shared_measures"]


class HasUnitRole(Protocol):
    """Anything that names a unit and its role: a :class:`~smeeco.Responsibility`, a holder."""

    @property
    def unit(self) -> str: ...

    @property
    def role(self) -> Role: ...


@attrs.frozen
class UnitCounts:
    """What one unit holds over a set of measures (see the module docstring for the rule)."""

    measures: int = 0
    leads: int = 0
    supports: int = 0
    by_role: Mapping[Role, int] = attrs.field(factory=dict)

    def of(self, role: Role | str) -> int:
        """How many measures the unit holds in ``role``."""
        return self.by_role.get(Role(role), 0)


def count_units(measures: Iterable[Iterable[HasUnitRole]]) -> dict[str, UnitCounts]:
    """Counts per unit over ``measures`` (each given as its responsibilities).

    Units come in order of first appearance.
    """
    load: dict[str, int] = {}
    roles: dict[str, dict[Role, int]] = {}
    for responsibilities in measures:
        seen: dict[str, set[Role]] = defaultdict(set)
        for r in responsibilities:
            seen[r.unit].add(Role(r.role))
        for unit, held in seen.items():
            load[unit] = load.get(unit, 0) + 1
            tally = roles.setdefault(unit, {})
            for role in sorted(held, key=list(Role).index):
                tally[role] = tally.get(role, 0) + 1
    return {
        unit: UnitCounts(
            measures=n,
            leads=roles[unit].get(Role.LEAD, 0),
            supports=roles[unit].get(Role.SUPPORT, 0),
            by_role=dict(roles[unit]),
        )
        for unit, n in load.items()
    }


def shared_measures(
    measures: Iterable[tuple[str, Iterable[HasUnitRole]]],
) -> dict[tuple[str, str], tuple[str, ...]]:
    """For each pair of units (ids sorted), the ids of the measures they share, sorted."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for measure_id, responsibilities in measures:
        units = list(dict.fromkeys(r.unit for r in responsibilities))
        for i, u in enumerate(units):
            for v in units[i + 1 :]:
                a, b = sorted((u, v))
                shared[(a, b)].append(measure_id)
    return {pair: tuple(sorted(ids)) for pair, ids in sorted(shared.items())}
