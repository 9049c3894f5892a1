"""Places: jurisdictions within others, and the platforms and funds in them."""

from __future__ import annotations

from smeeco.ecosystem import Ecosystem
from smeeco.model import (
    Fund,
    Jurisdiction,
    Level,
    Platform,
    PlatformKind,
)
from smeeco.model.fund import FundKind
from smeeco.queries._common import AsOf, record_of, view

__all__ = [
    "funds_in",
    "jurisdictions_within",
    "network_members",
    "platforms_in",
]


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
