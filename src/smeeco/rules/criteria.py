"""Eligibility criteria as data: comparisons, size classes, tiers held, scores, all/any/not.

Every criterion is a frozen attrs record read from YAML through cattrs (no ``eval``). A
node is a mapping with exactly one of the keys ``all``, ``any``, ``not``, ``column``,
``ratio``, ``size``, ``industry``, ``region``, ``tier``, ``age``, ``score`` or ``manual``,
plus an optional ``label``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

__all__ = [
    "OPS",
    "AgeAtLeast",
    "AllOf",
    "AnyOf",
    "Band",
    "Compare",
    "Criterion",
    "HoldsTier",
    "InIndustry",
    "InRegion",
    "Indicator",
    "Manual",
    "NotOf",
    "Ratio",
    "Score",
    "SizeIn",
    "reads_industry",
    "structure_criterion",
    "walk",
]

#: The comparison operators a rule may use.
OPS = (">=", ">", "<=", "<", "==")


@attrs.frozen
class Compare:
    """``column op value`` on one register column (money in yuan, ratios as fractions)."""

    column: str
    op: str
    value: float | bool
    label: str = ""


@attrs.frozen
class Ratio:
    """``numerator / denominator op value`` (R&D / revenue ≥ 0.03), compared exactly."""

    numerator: str
    denominator: str
    op: str
    value: float
    label: str = ""


@attrs.frozen
class SizeIn:
    """The enterprise's size class (MIIT 2011) is one of ``classes``."""

    classes: tuple[str, ...]
    label: str = ""


@attrs.frozen
class InIndustry:
    """The enterprise's ``industry`` is one of ``industries``.

    Each entry is an industry of the size standard (工业, 批发业…: met when the cell is that
    industry, by name or through its GB/T 4754-2017 code) or a GB/T 4754-2017 code prefix
    (``C``, ``13``, ``C13``, ``7010``: met when the cell is a code under it). A cell the
    entry cannot place — a code the standard does not size, an industry name against a
    code prefix, a code coarser than the prefix — is unknown, with the reason.
    """

    industries: tuple[str, ...]
    label: str = ""


@attrs.frozen
class InRegion:
    """The enterprise's ``region`` (a 6-digit GB/T 2260 code) lies in one of ``regions``.

    Each entry is a code prefix without its trailing ``00`` pairs (``12`` 天津市, ``3702``
    青岛市, ``120116``). A region coarser than the prefix (``370000`` for ``3702``), or a
    cell that is not a 6-digit code, is unknown.
    """

    regions: tuple[str, ...]
    label: str = ""


@attrs.frozen
class HoldsTier:
    """The enterprise holds ``tier`` on the evaluation date (the register's ``tiers``)."""

    tier: str
    label: str = ""


@attrs.frozen
class AgeAtLeast:
    """At least ``years`` full years since ``registered_on`` on the evaluation date."""

    years: int
    label: str = ""


@attrs.frozen
class Manual:
    """A criterion no register column decides (市场占有率「较为靠前」): routed to review."""

    text: str
    label: str = ""


@attrs.frozen
class Band:
    """One band of an indicator: ``points`` when ``when`` holds (``None``: always)."""

    points: int
    when: Criterion | None = None


@attrs.frozen
class Indicator:
    """A scored indicator: the first band whose test holds gives its points."""

    name: str
    group: str
    bands: tuple[Band, ...]


@attrs.frozen
class Score:
    """A banded score: total ≥ ``min`` and every group ≥ its floor in ``floors``."""

    min: int
    indicators: tuple[Indicator, ...]
    floors: dict[str, int] = attrs.field(factory=dict)
    label: str = ""


@attrs.frozen
class AllOf:
    """Every item holds."""

    items: tuple[Criterion, ...]
    label: str = ""


@attrs.frozen
class AnyOf:
    """At least one item holds."""

    items: tuple[Criterion, ...]
    label: str = ""


@attrs.frozen
class NotOf:
    """The item does not hold."""

    item: Criterion
    label: str = ""


Criterion = (
    Compare
    | Ratio
    | SizeIn
    | InIndustry
    | InRegion
    | HoldsTier
    | AgeAtLeast
    | Manual
    | Score
    | AllOf
    | AnyOf
    | NotOf
)
_SIZES = ("large", "medium", "small", "micro")


def walk(criterion: Criterion) -> Iterator[Criterion]:
    """``criterion`` and every criterion inside it (items, band tests), depth first."""
    yield criterion
    if isinstance(criterion, AllOf | AnyOf):
        for item in criterion.items:
            yield from walk(item)
    elif isinstance(criterion, NotOf):
        yield from walk(criterion.item)
    elif isinstance(criterion, Score):
        for ind in criterion.indicators:
            for band in ind.bands:
                if band.when is not None:
                    yield from walk(band.when)


def reads_industry(criterion: Criterion) -> bool:
    """Whether evaluating ``criterion`` reads the register's ``industry`` column.

    A size class does (the thresholds are the industry's), and so does an industry
    criterion; a register evaluated against such a rule is read with the size standard's
    industries checked (``read_register(..., standard="miit-2011")``).

    >>> reads_industry(SizeIn(("small", "micro"))), reads_industry(Manual("市场占有率"))
    (True, False)
    """
    return any(isinstance(c, SizeIn | InIndustry) for c in walk(criterion))


def structure_criterion(node: Any, path: str = "criterion") -> Criterion:
    """Build a criterion from its YAML mapping (through cattrs, :mod:`smeeco.rules.structure`).

    Raises :class:`~smeeco.RulePackError` (a :class:`~smeeco.RuleError`) listing every
    problem, each with its path under ``path``.

    >>> structure_criterion({"column": "revenue", "op": ">=", "value": 1e7})
    Compare(column='revenue', op='>=', value=10000000.0, label='')
    """
    from smeeco.rules.structure import structure_criterion_data

    return structure_criterion_data(node, path)
