"""Eligibility criteria as data: comparisons, size classes, tiers held, scores, all/any/not.

Every criterion is a frozen attrs record read from YAML through cattrs (no ``eval``). A
node is a mapping with exactly one of the keys ``all``, ``any``, ``not``, ``column``,
``ratio``, ``size``, ``tier``, ``age``, ``score`` or ``manual``, plus an optional ``label``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from smeeco.errors import RuleError

__all__ = [
    "OPS",
    "AgeAtLeast",
    "AllOf",
    "AnyOf",
    "Band",
    "Compare",
    "Criterion",
    "HoldsTier",
    "Indicator",
    "Manual",
    "NotOf",
    "Ratio",
    "Score",
    "SizeIn",
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
    Compare | Ratio | SizeIn | HoldsTier | AgeAtLeast | Manual | Score | AllOf | AnyOf | NotOf
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


def _op(op: Any, path: str) -> str:
    if op not in OPS:
        raise RuleError(f"{path}: operator {op!r} is not one of {', '.join(OPS)}")
    return str(op)


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(f"{path}: {value!r} must be a number")
    return float(value)


def structure_criterion(node: Any, path: str = "criterion") -> Criterion:
    """Build a criterion from its YAML mapping; every error names its path."""
    if not isinstance(node, dict):
        raise RuleError(f"{path}: a criterion must be a mapping, not {type(node).__name__}")
    label = node.get("label", "")
    if not isinstance(label, str):
        raise RuleError(f"{path}.label must be text")
    keys = [k for k in node if k not in ("label", "op", "value", "of")]
    if len(keys) != 1:
        raise RuleError(f"{path}: give exactly one kind of criterion, got {sorted(node)}")
    key = keys[0]
    body = node[key]
    allowed = {"label"}
    result: Criterion
    if key in ("all", "any"):
        if not isinstance(body, list) or not body:
            raise RuleError(f"{path}.{key} must be a non-empty list")
        items = tuple(structure_criterion(n, f"{path}.{key}[{i}]") for i, n in enumerate(body))
        result = AllOf(items, label) if key == "all" else AnyOf(items, label)
    elif key == "not":
        result = NotOf(structure_criterion(body, f"{path}.not"), label)
    elif key == "column":
        allowed |= {"op", "value"}
        value = node.get("value")
        if not isinstance(value, bool):
            value = _number(value, f"{path}.value")
        result = Compare(str(body), _op(node.get("op"), f"{path}.op"), value, label)
    elif key == "ratio":
        allowed |= {"op", "value"}
        if not (
            isinstance(body, list) and len(body) == 2 and all(isinstance(b, str) for b in body)
        ):
            raise RuleError(f"{path}.ratio must be [numerator, denominator]")
        result = Ratio(
            body[0],
            body[1],
            _op(node.get("op"), f"{path}.op"),
            _number(node.get("value"), f"{path}.value"),
            label,
        )
    elif key == "size":
        if not isinstance(body, list) or not body or any(b not in _SIZES for b in body):
            raise RuleError(f"{path}.size must list size classes ({', '.join(_SIZES)})")
        result = SizeIn(tuple(body), label)
    elif key == "tier":
        result = HoldsTier(str(body), label)
    elif key == "age":
        if isinstance(body, bool) or not isinstance(body, int) or body < 0:
            raise RuleError(f"{path}.age must be a whole number of years")
        result = AgeAtLeast(body, label)
    elif key == "manual":
        result = Manual(str(body), label)
    elif key == "score":
        result = _score(body, label, f"{path}.score")
    else:
        raise RuleError(f"{path}: unknown kind of criterion {key!r}")
    extra = set(node) - allowed - {key}
    if extra:
        raise RuleError(f"{path}: unexpected key(s) {sorted(extra)} for a {key!r} criterion")
    return result


def _score(body: Any, label: str, path: str) -> Score:
    if not isinstance(body, dict) or set(body) - {"min", "floors", "indicators"}:
        raise RuleError(f"{path} must have min, floors and indicators")
    indicators = []
    for i, ind in enumerate(body.get("indicators") or []):
        where = f"{path}.indicators[{i}]"
        if not isinstance(ind, dict) or set(ind) != {"name", "group", "bands"}:
            raise RuleError(f"{where} must have name, group and bands")
        bands = []
        for j, band in enumerate(ind["bands"]):
            bw = f"{where}.bands[{j}]"
            if not isinstance(band, dict) or set(band) - {"points", "when"}:
                raise RuleError(f"{bw} must have points and an optional when")
            points = band.get("points")
            if isinstance(points, bool) or not isinstance(points, int):
                raise RuleError(f"{bw}.points must be a whole number")
            when = band.get("when")
            bands.append(
                Band(points, None if when is None else structure_criterion(when, f"{bw}.when"))
            )
        if not bands or bands[-1].when is not None:
            raise RuleError(f"{where}: the last band must have no 'when' (the points otherwise)")
        indicators.append(Indicator(str(ind["name"]), str(ind["group"]), tuple(bands)))
    floors = body.get("floors") or {}
    if not isinstance(floors, dict):
        raise RuleError(f"{path}.floors must map groups to points")
    minimum = body.get("min")
    if isinstance(minimum, bool) or not isinstance(minimum, int):
        raise RuleError(f"{path}.min must be a whole number")
    return Score(minimum, tuple(indicators), {str(k): int(v) for k, v in floors.items()}, label)
