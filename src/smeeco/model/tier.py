"""Cultivation tiers (梯度培育) and the ladders that order them.

A :class:`TierLadder` lists its tiers from the bottom up; that order is the one truth
from which the graph draws ``promotes_to`` edges (seed → 专精特新 → 小巨人 → 单项冠军).
A tier's eligibility criteria are dated versions, so the 2022 national rules and the
2026 rules that replaced them live side by side.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.errors import InvalidValueError, Problem
from smeeco.model.common import (
    Name,
    Period,
    Record,
    Reference,
    Source,
    ids_validator,
    optional_id_validator,
    ref,
    text_checked,
)
from smeeco.model.context import format_cycle
from smeeco.model.jurisdiction import Level

if TYPE_CHECKING:
    from smeeco.model.context import CheckContext

__all__ = ["CriteriaVersion", "Tier", "TierLadder"]


@attrs.frozen(field_transformer=text_checked)
class CriteriaVersion:
    """The criteria for entering a tier during ``valid``.

    ``summary`` states them in words; ``document`` is the id of the text that sets them
    (when that text is part of the ecosystem) and ``citation`` names it otherwise
    (工信部企业〔2022〕63号). Machine-checkable rules attach here when the eligibility
    engine lands.
    """

    valid: Period
    summary: str
    citation: str = ""
    document: str | None = attrs.field(default=None, validator=optional_id_validator)
    source: Source | None = None


def _criteria(value: Iterable[CriteriaVersion]) -> tuple[CriteriaVersion, ...]:
    versions = tuple(value)
    ordered = sorted(versions, key=lambda v: v.valid.start or dt.date.min)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.valid.end is None or (
            later.valid.start is not None and earlier.valid.end >= later.valid.start
        ):
            raise InvalidValueError(
                f"criteria versions overlap: {earlier.valid} and {later.valid};"
                " end the older version the day before the newer one starts",
                "criteria",
            )
    return versions


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class Tier(Record):
    """One rung of a cultivation ladder (创新型中小企业, 专精特新"小巨人", 雏鹰…).

    ``level`` is the level that awards it; ``awarded_by`` the agency that recognises
    enterprises; ``validity_years`` how long a recognition lasts (3 for the national
    tiers of 2022) before re-review (复核).
    """

    kind: ClassVar[str] = "tier"

    level: Level | None = attrs.field(default=None, converter=attrs.converters.optional(Level))
    awarded_by: str | None = attrs.field(default=None, validator=optional_id_validator)
    validity_years: int | None = None
    unit: str = "enterprise"  # what is recognised: enterprise, product, technology
    criteria: tuple[CriteriaVersion, ...] = attrs.field(default=(), converter=_criteria)

    def __attrs_post_init__(self) -> None:
        if self.validity_years is not None and self.validity_years < 1:
            raise InvalidValueError(
                f"validity_years {self.validity_years} must be 1 or more", "validity_years"
            )

    def criteria_on(self, day: dt.date) -> CriteriaVersion | None:
        """The criteria in force on ``day``, or ``None``."""
        for version in self.criteria:
            if version.valid.contains(day):
                return version
        return None

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        if self.awarded_by is not None:
            yield ref("awarded_by", self.awarded_by, "agency", relation="manages", reverse=True)
        for i, version in enumerate(self.criteria):
            if version.document is not None:
                yield ref(f"criteria[{i}].document", version.document, "document")
            if version.source is not None:
                yield ref(f"criteria[{i}].source.document", version.source.document, "document")

    def node_attributes(self) -> dict[str, Any]:
        attributes = super().node_attributes()
        if self.level is not None:
            attributes["level"] = self.level.value
        if self.validity_years is not None:
            attributes["validity_years"] = self.validity_years
        attributes["unit"] = self.unit
        return attributes


def _names(value: Iterable[Name]) -> tuple[Name, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class TierLadder(Record):
    """An ordered ladder of tiers, bottom first, and the pipeline that feeds it.

    ``pipeline`` names the stages enterprises pass through (Qingdao's 五个一批:
    发现、储备、培育、认定、扶持); ``shape`` says how the ladder is drawn (``"ladder"`` or
    ``"pyramid"``, where the bottom tier is the widest).
    """

    kind: ClassVar[str] = "ladder"

    tiers: tuple[str, ...] = attrs.field(converter=tuple, validator=ids_validator)
    jurisdiction: str | None = attrs.field(default=None, validator=optional_id_validator)
    pipeline: tuple[Name, ...] = attrs.field(default=(), converter=_names)
    shape: str = "ladder"

    def __attrs_post_init__(self) -> None:
        if not self.tiers:
            raise InvalidValueError("a ladder needs at least one tier", "tiers")
        for i, tier in enumerate(self.tiers):
            if tier in self.tiers[:i]:
                raise InvalidValueError(
                    f"a ladder lists a tier twice: {list(self.tiers)}", f"tiers[{i}]"
                )

    def rank(self, tier: str) -> int:
        """0-based rank of ``tier`` in the ladder (0 = bottom)."""
        try:
            return self.tiers.index(tier)
        except ValueError:
            raise KeyError(f"tier {tier!r} is not on ladder {self.id!r}") from None

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        if self.jurisdiction is not None:
            yield ref("jurisdiction", self.jurisdiction, "jurisdiction", relation="located_in")
        for i, tier in enumerate(self.tiers):
            yield ref(f"tiers[{i}]", tier, "tier", relation="contains", rank=i)
        for i, (lower, upper) in enumerate(zip(self.tiers, self.tiers[1:], strict=False)):
            yield ref(
                f"tiers[{i + 1}]",
                upper,
                "tier",
                relation="promotes_to",
                origin=lower,
                ladder=self.id,
            )

    def check(self, context: CheckContext) -> Iterator[Problem]:
        """Ladders do not contradict each other: following every ladder's order upwards
        never comes back down to a tier below (专精特新 under 小巨人 on one ladder and above it
        on another). Each loop is reported once, by the ladder with the smallest id in it."""
        if len(self.tiers) < 2:
            return
        up: dict[str, list[tuple[str, str]]] = {}  # lower -> [(upper, ladder id)]
        for ladder in context.records(self.kind):
            if isinstance(ladder, TierLadder):
                for lower, upper in itertools.pairwise(ladder.tiers):
                    up.setdefault(lower, []).append((upper, ladder.id))
        reported: set[frozenset[str]] = set()
        for i, (lower, upper) in enumerate(itertools.pairwise(self.tiers)):
            back = _climb(up, upper, lower)
            if back is None:
                continue
            ladders = {self.id, *(ladder for _tier, ladder in back)}
            tiers = frozenset([upper, *(tier for tier, _ladder in back)])
            if self.id != min(ladders) or tiers in reported:
                continue
            reported.add(tiers)
            loop = format_cycle([lower, upper, *(tier for tier, _ladder in back)])
            others = ", ".join(repr(x) for x in sorted(ladders - {self.id}))
            verb = "climbs" if len(ladders) == 2 else "climb"
            yield InvalidValueError(
                f"ladder {self.id!r} puts {upper!r} above {lower!r}, but {others} {verb} back"
                f" from {upper!r} to {lower!r}: {loop}; tiers must keep one order on every"
                " ladder",
                f"tiers[{i + 1}]",
            )

    def node_attributes(self) -> dict[str, Any]:
        return {**super().node_attributes(), "shape": self.shape}


def _climb(
    up: dict[str, list[tuple[str, str]]], start: str, goal: str
) -> list[tuple[str, str]] | None:
    """The steps (tier, ladder) climbing from ``start`` to ``goal``, or ``None``."""
    previous: dict[str, tuple[str, str]] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        tier = frontier.pop(0)
        for upper, ladder in up.get(tier, ()):
            if upper in seen:
                continue
            seen.add(upper)
            previous[upper] = (tier, ladder)
            if upper == goal:
                steps: list[tuple[str, str]] = []
                node = goal
                while node != start:
                    before, via = previous[node]
                    steps.append((node, via))
                    node = before
                return steps[::-1]
            frontier.append(upper)
    return None
