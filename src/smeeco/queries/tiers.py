"""Cultivation tiers: ladders, paths up them, their enterprises and measures.

Examples
--------
>>> import smeeco
>>> eco = smeeco.load("example")
>>> [t.id for t in smeeco.tier_path(eco, "ex-seed")]
['ex-seed', 'ex-srdi', 'ex-giant']
"""

from __future__ import annotations

from smeeco.ecosystem import Ecosystem
from smeeco.model import (
    Enterprise,
    Measure,
    Tier,
    TierLadder,
)
from smeeco.queries._common import AsOf, record_of, view

__all__ = [
    "enterprises_in_tier",
    "ladders_of",
    "measures_for_tier",
    "next_tier",
    "tier_path",
    "tiers_of",
]


def measures_for_tier(
    eco: Ecosystem, tier: str | Tier, *, as_of: AsOf = None
) -> tuple[Measure, ...]:
    """Measures that name ``tier``, or a beneficiary group made of its members."""
    eco = view(eco, as_of)
    t = record_of(eco, tier, Tier)
    groups = {g.id for g in eco.beneficiaries if t.id in g.tiers}
    found = [m for m in eco.measures if t.id in m.tiers or groups.intersection(m.beneficiaries)]
    return tuple(sorted(found, key=lambda m: (m.document, m.ordinal)))


def ladders_of(eco: Ecosystem, tier: str | Tier, *, as_of: AsOf = None) -> tuple[TierLadder, ...]:
    """The ladders that include ``tier``."""
    eco = view(eco, as_of)
    t = record_of(eco, tier, Tier)
    return tuple(ladder for ladder in eco.ladders if t.id in ladder.tiers)


def _ladder(eco: Ecosystem, tier: Tier, ladder: str | TierLadder | None) -> TierLadder | None:
    if ladder is not None:
        chosen = record_of(eco, ladder, TierLadder)
        chosen.rank(tier.id)  # raises KeyError when the tier is not on it
        return chosen
    ladders = ladders_of(eco, tier)
    return ladders[0] if ladders else None


def tier_path(
    eco: Ecosystem,
    tier: str | Tier,
    *,
    ladder: str | TierLadder | None = None,
    as_of: AsOf = None,
) -> tuple[Tier, ...]:
    """``tier`` and every tier above it, bottom up, on ``ladder`` (its first ladder by default)."""
    eco = view(eco, as_of)
    t = record_of(eco, tier, Tier)
    chosen = _ladder(eco, t, ladder)
    if chosen is None:
        return (t,)
    return tuple(eco.require(i, Tier) for i in chosen.tiers[chosen.rank(t.id) :])


def next_tier(
    eco: Ecosystem,
    tier: str | Tier,
    *,
    ladder: str | TierLadder | None = None,
    as_of: AsOf = None,
) -> Tier | None:
    """The tier one rung up, or ``None`` at the top."""
    path = tier_path(eco, tier, ladder=ladder, as_of=as_of)
    return path[1] if len(path) > 1 else None


def enterprises_in_tier(
    eco: Ecosystem, tier: str | Tier, *, as_of: AsOf = None
) -> tuple[Enterprise, ...]:
    """Named enterprises holding ``tier`` (on ``as_of``: only memberships active that day)."""
    eco = view(eco, as_of)
    t = record_of(eco, tier, Tier)
    return tuple(e for e in eco.enterprises if any(m.tier == t.id for m in e.memberships))


def tiers_of(
    eco: Ecosystem, enterprise: str | Enterprise, *, as_of: AsOf = None
) -> tuple[Tier, ...]:
    """Tiers an enterprise holds (on ``as_of``: only memberships active that day)."""
    eco = view(eco, as_of)
    e = record_of(eco, enterprise, Enterprise)
    return tuple(eco.require(m.tier, Tier) for m in e.memberships if m.tier in eco)
