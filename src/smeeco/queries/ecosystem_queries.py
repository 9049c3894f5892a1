"""Beneficiaries, tiers, platforms, funds and indicators.

Examples
--------
>>> import smeeco
>>> eco = smeeco.load("example")
>>> [t.id for t in smeeco.tier_path(eco, "ex-seed")]
['ex-seed', 'ex-srdi', 'ex-giant']
>>> [m.id for m in smeeco.measures_for(eco, "ex-small-micro")]
['ex-2022-measures.m02', 'ex-2022-measures.m03']
>>> smeeco.indicator_progress(eco, "ex-srdi-count", as_of="2023-01-01").ratio
Decimal('0.6')
"""

from __future__ import annotations

from smeeco.ecosystem import Ecosystem
from smeeco.model import (
    BeneficiaryGroup,
    Enterprise,
    Fund,
    Indicator,
    Jurisdiction,
    Level,
    Measure,
    Platform,
    PlatformKind,
    Progress,
    Record,
    Tier,
    TierLadder,
)
from smeeco.model.common import as_date
from smeeco.model.fund import FundKind
from smeeco.queries._common import AsOf, record_of, view

__all__ = [
    "beneficiaries_of",
    "enterprises_in_tier",
    "funds_in",
    "indicator_progress",
    "indicators_for",
    "jurisdictions_within",
    "ladders_of",
    "measures_for",
    "measures_for_tier",
    "network_members",
    "next_tier",
    "platforms_in",
    "tier_path",
    "tiers_of",
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


def jurisdictions_within(
    eco: Ecosystem, jurisdiction: str | Jurisdiction, *, as_of: AsOf = None
) -> tuple[str, ...]:
    """Ids of ``jurisdiction`` and every jurisdiction inside it."""
    eco = view(eco, as_of)
    root = record_of(eco, jurisdiction, Jurisdiction)
    children: dict[str, list[str]] = {}
    for j in eco.jurisdictions:
        if j.parent is not None:
            children.setdefault(j.parent, []).append(j.id)
    found = [root.id]
    for current in found:
        found.extend(c for c in children.get(current, ()) if c not in found)
    return tuple(found)


def _in_places(
    eco: Ecosystem, jurisdiction: str | Jurisdiction | None, within: bool
) -> set[str] | None:
    if jurisdiction is None:
        return None
    if within:
        return set(jurisdictions_within(eco, jurisdiction))
    return {record_of(eco, jurisdiction, Jurisdiction).id}


def platforms_in(
    eco: Ecosystem,
    jurisdiction: str | Jurisdiction | None = None,
    *,
    level: Level | str | None = None,
    kind: PlatformKind | str | None = None,
    within: bool = True,
    as_of: AsOf = None,
) -> tuple[Platform, ...]:
    """Platforms in ``jurisdiction`` (and the places inside it), by level and kind."""
    eco = view(eco, as_of)
    places = _in_places(eco, jurisdiction, within)
    wanted_level = Level(level) if level is not None else None
    wanted_kind = PlatformKind(kind) if kind is not None else None
    return tuple(
        p
        for p in eco.platforms
        if (places is None or p.jurisdiction in places)
        and (wanted_level is None or p.level is wanted_level)
        and (wanted_kind is None or p.platform_kind is wanted_kind)
    )


def network_members(
    eco: Ecosystem, network: str | Platform, *, as_of: AsOf = None
) -> tuple[Platform, ...]:
    """Platforms of a platform network, hub first, then windows, then other nodes."""
    eco = view(eco, as_of)
    net = record_of(eco, network, Platform)
    order = {"hub": 0, "window": 1, "node": 2}
    members = [p for p in eco.platforms if p.network == net.id]
    return tuple(
        sorted(
            members,
            key=lambda p: order[p.network_role.value if p.network_role else "node"],
        )
    )


def funds_in(
    eco: Ecosystem,
    jurisdiction: str | Jurisdiction | None = None,
    *,
    level: Level | str | None = None,
    kind: FundKind | str | None = None,
    within: bool = True,
    as_of: AsOf = None,
) -> tuple[Fund, ...]:
    """Funds in ``jurisdiction`` (and the places inside it), by level and kind."""
    eco = view(eco, as_of)
    places = _in_places(eco, jurisdiction, within)
    wanted_level = Level(level) if level is not None else None
    wanted_kind = FundKind(kind) if kind is not None else None
    return tuple(
        f
        for f in eco.funds
        if (places is None or f.jurisdiction in places)
        and (wanted_level is None or f.level is wanted_level)
        and (wanted_kind is None or f.fund_kind is wanted_kind)
    )


def indicators_for(
    eco: Ecosystem, subject: str | Record, *, as_of: AsOf = None
) -> tuple[Indicator, ...]:
    """Indicators that track ``subject`` or name it as related (on ``as_of``: with the
    observations and targets known then)."""
    eco = view(eco, as_of)
    subject_id = subject.id if isinstance(subject, Record) else eco.resolve(subject).id
    return tuple(i for i in eco.indicators if i.subject == subject_id or subject_id in i.related)


def indicator_progress(
    eco: Ecosystem, indicator: str | Indicator, *, as_of: AsOf = None
) -> Progress:
    """The latest observation on ``as_of`` against the target then in view."""
    full = record_of(eco, indicator, Indicator)
    if as_of is None:
        return full.progress()
    return full.progress(as_date(as_of, "as_of"))
