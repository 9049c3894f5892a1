"""Indicators (指标): dated observations and targets, and progress toward a target.

>>> import datetime as dt
>>> from smeeco import Indicator, Name, Observation, Target
>>> ind = Indicator(
...     id="tj-seed-library", name=Name("专精特新种子企业库在库企业数"), unit="count",
...     observations=[Observation(dt.date(2020, 12, 31), 1200)],
...     targets=[Target(dt.date(2025, 12, 31), 3000)],
... )
>>> p = ind.progress(dt.date(2021, 3, 22))
>>> p.observed.value, p.target.value, p.ratio
(Decimal('1200'), Decimal('3000'), Decimal('0.4'))
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.errors import InvalidValueError, MoneyParseError, UnitError
from smeeco.model.common import (
    Money,
    Record,
    Reference,
    Source,
    _optional_date,
    as_date,
    ids_validator,
    optional_id_validator,
    ref,
    text_checked,
)

if TYPE_CHECKING:
    from smeeco.model.context import DateContext

__all__ = ["Indicator", "Observation", "Progress", "Qualifier", "Target", "Unit"]


class Unit(StrEnum):
    """The unit an indicator is counted in."""

    COUNT = "count"  # 家, 个, 项, 户, 批 — a number of things
    PERSONS = "persons"  # 人, 人次
    YUAN = "yuan"  # money, kept in yuan
    PERCENT = "percent"  # per cent, e.g. 94 for 94 %
    PERCENTAGE_POINTS = "percentage_points"  # 个百分点: a difference between two percentages
    TIMES = "times"  # 次 — visits, clicks, events


class Qualifier(StrEnum):
    """How exact a stated figure is: texts say 近 (nearly), 超 (more than), 余 (and more)."""

    EXACT = "exact"
    ABOUT = "about"  # 约, 近, nearly
    AT_LEAST = "at_least"  # 以上, 余, over
    MORE_THAN = "more_than"  # 超, 突破, more than
    LESS_THAN = "less_than"  # 不足


def _date(value: Any) -> dt.date:
    if value is None or value == "":
        raise InvalidValueError("a date is required here (YYYY-MM-DD)")
    return as_date(value)


def _finite(value: Decimal | float | str) -> bool:
    if isinstance(value, str):
        try:
            value = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            return True  # not a number at all: money, or reported as unreadable
    if isinstance(value, float):
        return math.isfinite(value)
    return value.is_finite()


def _value(value: Any) -> Decimal | Money:
    """Numbers become Decimal; a money text ("3505万元") becomes :class:`Money`."""
    if isinstance(value, Money):
        return value
    if isinstance(value, Decimal | float | str) and not _finite(value):
        raise InvalidValueError(f"value {value!r:.60} is not a finite number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise InvalidValueError(f"value {value!r} is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            return Decimal(text)
        except InvalidOperation:
            pass
        try:
            return Money.parse(value)
        except MoneyParseError:
            raise InvalidValueError(
                f"cannot read value {value!r}: give a number, or money such as '3505万元'"
            ) from None
    raise InvalidValueError(f"value {value!r} is not a number")


@attrs.frozen(field_transformer=text_checked)
class Observation:
    """A value observed on a date ("as of the end of 2020": ``2020-12-31``)."""

    date: dt.date = attrs.field(converter=_date)
    value: Decimal | Money = attrs.field(converter=_value)
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    source: Source | None = None
    note: str = ""

    @property
    def number(self) -> Decimal:
        """The value as a number (yuan for money)."""
        return self.value.yuan if isinstance(self.value, Money) else self.value


@attrs.frozen(field_transformer=text_checked)
class Target:
    """A value to reach ``by`` a date (e.g. 3000 seed enterprises by 2025-12-31)."""

    by: dt.date = attrs.field(converter=_date)
    value: Decimal | Money = attrs.field(converter=_value)
    qualifier: Qualifier = attrs.field(default=Qualifier.AT_LEAST, converter=Qualifier)
    set_on: dt.date | None = attrs.field(default=None, converter=_optional_date)
    source: Source | None = None
    note: str = ""

    @property
    def number(self) -> Decimal:
        """The value as a number (yuan for money)."""
        return self.value.yuan if isinstance(self.value, Money) else self.value


@attrs.frozen(field_transformer=text_checked)
class Progress:
    """The latest observation on a date against the target in view.

    ``ratio`` is observed / target. ``note`` says why there is no ratio (no observation, no
    target in view, a target of 0), followed by the indicator's own notes, which say where
    the missing part may be (e.g. a count of recognised enterprises kept apart from the
    library count a target is for); it is empty when both are there.
    """

    observed: Observation | None
    target: Target | None
    note: str = ""

    @property
    def ratio(self) -> Decimal | None:
        """Observed divided by target, or ``None`` when either is missing or the target is 0."""
        if self.observed is None or self.target is None or self.target.number == 0:
            return None
        return self.observed.number / self.target.number

    @property
    def reached(self) -> bool | None:
        """Whether the observed value meets the target (``None`` when undecidable)."""
        if self.observed is None or self.target is None:
            return None
        return self.observed.number >= self.target.number


def _observations(value: Iterable[Observation]) -> tuple[Observation, ...]:
    return tuple(value)


def _targets(value: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class Indicator(Record):
    """A measured quantity with dated observations and targets.

    ``subject`` is what it counts or measures (a tier, a platform, a fund, a beneficiary
    group) and ``jurisdiction`` where. Money-valued indicators use ``unit="yuan"`` and
    may state values as money ("3505万元"); other units take plain numbers, and a money
    value there is a :class:`~smeeco.errors.UnitError`.
    """

    kind: ClassVar[str] = "indicator"

    unit: Unit = attrs.field(converter=Unit)
    unit_zh: str = ""  # the counting word the text uses: 家, 个, 项, 户
    subject: str | None = attrs.field(default=None, validator=optional_id_validator)
    related: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    jurisdiction: str | None = attrs.field(default=None, validator=optional_id_validator)
    observations: tuple[Observation, ...] = attrs.field(default=(), converter=_observations)
    targets: tuple[Target, ...] = attrs.field(default=(), converter=_targets)

    def __attrs_post_init__(self) -> None:
        values: list[tuple[str, Decimal | Money]] = [
            (f"observations[{i}].value", o.value) for i, o in enumerate(self.observations)
        ]
        values += [(f"targets[{i}].value", t.value) for i, t in enumerate(self.targets)]
        for where, value in values:
            if isinstance(value, Money) and self.unit is not Unit.YUAN:
                raise UnitError(
                    f"{value} is money but indicator {self.id!r} counts in"
                    f" {self.unit.value!r}; give a plain number or set unit: yuan",
                    where,
                )

    def observations_until(self, day: dt.date | None = None) -> tuple[Observation, ...]:
        """Observations dated on or before ``day`` (all when ``day`` is ``None``), oldest first."""
        items = sorted(self.observations, key=lambda o: o.date)
        return tuple(o for o in items if day is None or o.date <= day)

    def latest(self, day: dt.date | None = None) -> Observation | None:
        """The most recent observation on or before ``day``."""
        items = self.observations_until(day)
        return items[-1] if items else None

    def target_on(self, day: dt.date | None = None) -> Target | None:
        """The target in view on ``day``: the earliest one not yet due, else the last one.

        A target is only in view once it has been set (``set_on``, when known).
        """
        known = sorted(
            (t for t in self.targets if day is None or t.set_on is None or t.set_on <= day),
            key=lambda t: t.by,
        )
        if not known:
            return None
        if day is None:
            return known[-1]
        for target in known:
            if target.by >= day:
                return target
        return known[-1]

    def progress(self, day: dt.date | None = None) -> Progress:
        """Progress on ``day`` (today's data when ``None``) toward the target in view.

        When there is no ratio, :attr:`Progress.note` says why:

        >>> from smeeco import Indicator, Name, Target
        >>> ind = Indicator(
        ...     id="tj-library", name=Name("在库企业数"), unit="count",
        ...     targets=[Target(dt.date(2025, 12, 31), 1000)],
        ...     notes="The recognised count is another indicator.",
        ... )
        >>> print(ind.progress(dt.date(2021, 3, 22)).note)
        tj-library has no observation dated on or before 2021-03-22. The recognised count is
        another indicator.
        """
        observed, target = self.latest(day), self.target_on(day)
        gaps: list[str] = []
        if observed is None:
            on = f" dated on or before {day.isoformat()}" if day is not None else ""
            gaps.append(f"no observation{on}")
        if target is None:
            on = f" in view on {day.isoformat()}" if day is not None else ""
            gaps.append(f"no target{on}")
        elif target.number == 0:
            gaps.append("a target of 0")
        if not gaps:
            return Progress(observed, target)
        note = f"{self.id} has {' and '.join(gaps)}."
        if self.notes:
            note = f"{note} {self.notes}"
        return Progress(observed, target, note)

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        if self.subject is not None:
            yield ref(
                "subject",
                self.subject,
                "tier",
                "platform",
                "fund",
                "beneficiary",
                "agency",
                "ladder",
                "enterprise",
                "jurisdiction",
                relation="tracks",
            )
        for i, other in enumerate(self.related):
            yield ref(
                f"related[{i}]",
                other,
                "tier",
                "platform",
                "fund",
                "beneficiary",
                "agency",
                "ladder",
                "enterprise",
                "measure",
                "indicator",
                relation="relates_to",
            )
        if self.jurisdiction is not None:
            yield ref("jurisdiction", self.jurisdiction, "jurisdiction", relation="located_in")
        sources: list[tuple[str, Source | None]] = [
            (f"observations[{i}]", o.source) for i, o in enumerate(self.observations)
        ]
        sources += [(f"targets[{i}]", t.source) for i, t in enumerate(self.targets)]
        for where, source in sources:
            if source is not None:
                yield ref(f"{where}.source.document", source.document, "document")

    def at(self, day: dt.date, context: DateContext) -> Indicator | None:
        """In force on ``day`` with only the observations made and targets set by then."""
        if not self.in_force(day):
            return None
        observations = tuple(o for o in self.observations if o.date <= day)
        targets = tuple(t for t in self.targets if t.set_on is None or t.set_on <= day)
        if observations == self.observations and targets == self.targets:
            return self
        return attrs.evolve(self, observations=observations, targets=targets)

    def node_attributes(self) -> dict[str, Any]:
        return {**super().node_attributes(), "unit": self.unit.value}
