"""Who measures are for: beneficiary groups and the measures that benefit them.

Examples
--------
>>> import smeeco
>>> eco = smeeco.load("example")
>>> [m.id for m in smeeco.measures_for(eco, "ex-small-micro")]
['ex-2022-measures.m02', 'ex-2022-measures.m03']
"""

from __future__ import annotations

from smeeco.ecosystem import Ecosystem
from smeeco.model import (
    BeneficiaryGroup,
    Measure,
)
from smeeco.queries._common import AsOf, record_of, view

__all__ = [
    "beneficiaries_of",
    "measures_for",
]


def beneficiaries_of(
    eco: Ecosystem, measure: str | Measure, *, as_of: AsOf = None
) -> tuple[BeneficiaryGroup, ...]:
    """The beneficiary groups a measure names, in the order it names them."""
    eco = view(eco, as_of)
    m = record_of(eco, measure, Measure)
    return tuple(g for b in m.beneficiaries if (g := eco.get(b, BeneficiaryGroup)) is not None)


def _broader_closure(eco: Ecosystem, group: BeneficiaryGroup) -> set[str]:
    found = {group.id}
    stack = [group]
    while stack:
        current = stack.pop()
        for parent_id in current.broader:
            parent = eco.get(parent_id, BeneficiaryGroup)
            if parent is not None and parent.id not in found:
                found.add(parent.id)
                stack.append(parent)
    return found


def measures_for(
    eco: Ecosystem,
    group: str | BeneficiaryGroup,
    *,
    inherit: bool = False,
    as_of: AsOf = None,
) -> tuple[Measure, ...]:
    """Measures that name ``group`` as a beneficiary.

    With ``inherit=True`` also measures for the broader groups it is part of: a measure
    for 中小微企业 reaches 小微企业 too.
    """
    eco = view(eco, as_of)
    g = record_of(eco, group, BeneficiaryGroup)
    wanted = _broader_closure(eco, g) if inherit else {g.id}
    found = [m for m in eco.measures if wanted.intersection(m.beneficiaries)]
    return tuple(sorted(found, key=lambda m: (m.document, m.ordinal)))
