"""The record base class, and the references records make to each other.

Every record kind derives from :class:`Record`; its hooks (``references``, ``check``,
``at``, ``why_absent``, ``node_attributes``) are what the ecosystem calls.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import attrs

from smeeco.errors import InvalidValueError
from smeeco.model.values import (
    ALWAYS,
    Money,
    Name,
    Period,
    Source,
    _id_validator,
    _plain,
    text_checked,
)

if TYPE_CHECKING:
    from smeeco.errors import Problem
    from smeeco.model.context import CheckContext, DateContext

__all__ = ["Record", "Reference", "ref"]


# --------------------------------------------------------------------------- references


class Reference(NamedTuple):
    """One reference a record makes to another record, and the graph edge it gives.

    An immutable, hashable value (a named tuple: a national corpus makes ~10^5 of them
    each time it is validated or graphed, so they must be cheap to build).

    Parameters
    ----------
    path:
        Where in the record the reference is written, e.g. ``responsibilities[1].unit``.
    target:
        The id referred to.
    kinds:
        The record kinds the id may name (``("agency",)``); validation reports an id that
        names no record of these kinds.
    relation:
        The relation of the derived graph edge, or ``None`` for a reference that is only
        validated (a source's document).
    reverse:
        Draw the edge from ``target`` to the record instead of from the record to ``target``
        (an agency *is responsible for* a measure: the measure names the agency).
    attrs:
        Edge attributes, as ``(key, value)`` pairs so the reference stays hashable.
    origin:
        Draw the edge from this id (of one of ``kinds`` too) instead of from the record:
        a ladder lists its tiers and so declares that each tier promotes to the next.
    """

    path: str
    target: str
    kinds: tuple[str, ...]
    relation: str | None = None
    reverse: bool = False
    attrs: tuple[tuple[str, Any], ...] = ()
    origin: str | None = None


# --------------------------------------------------------------------------- Record


def _period(value: Period | Mapping[str, Any] | None) -> Period:
    """Accept a :class:`Period`, ``None`` (always in force) or ``{"start": …, "end": …}``."""
    if isinstance(value, Period):
        return value
    if value is None:
        return ALWAYS
    if isinstance(value, Mapping):
        unknown = set(value) - {"start", "end"}
        if unknown:
            raise InvalidValueError(
                f"a period takes 'start' and 'end', not {', '.join(sorted(map(repr, unknown)))}"
            )
        return Period(value.get("start"), value.get("end"))
    raise InvalidValueError(f"{value!r} is not a period: give Period(start, end) or a mapping")


def _sources(value: Any) -> tuple[Source, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, field_transformer=text_checked)
class Record:
    """Base of every record kind: an id, a bilingual name, a validity period and sources.

    Subclasses set the class variable ``kind`` (``"agency"``, ``"measure"``…) and override
    :meth:`references` to declare the records they point at; the :class:`~smeeco.Ecosystem`
    validates those references and derives graph edges from them. Downstream projects
    subclass a record with ``@attrs.frozen(kw_only=True)`` to add fields.
    """

    kind: ClassVar[str] = "record"

    id: str = attrs.field(validator=_id_validator)
    name: Name
    valid: Period = attrs.field(default=ALWAYS, converter=_period)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    notes: str = ""

    def references(self) -> Iterator[Reference]:
        """Yield every reference this record makes; subclasses extend it."""
        for i, source in enumerate(self.sources):
            yield Reference(f"sources[{i}].document", source.document, ("document",))

    def in_force(self, day: dt.date) -> bool:
        """Whether the record is valid on ``day`` (its own ``valid`` period only)."""
        return self.valid.contains(day)

    # -- the rules a kind owns (see smeeco.model.context) ------------------------------

    def check(self, context: CheckContext) -> Iterator[Problem]:
        """Yield the problems of this record that need the other records to see.

        Paths are relative to the record (``"ordinal"``, ``"parent"``); the ecosystem puts
        the record's own path in front. References are checked before this is called,
        so an unknown id is reported once, as such. The base class has no such rule.
        """
        return iter(())

    def at(self, day: dt.date, context: DateContext) -> Record | None:
        """This record as in force on ``day``: itself, a copy cut to the day, or ``None``.

        The base class keeps the record while its ``valid`` period holds the day.
        """
        return self if self.in_force(day) else None

    def why_absent(self, day: dt.date, context: DateContext) -> str:
        """Say why :meth:`at` gives ``None`` on ``day``, and what to do."""
        what = f"{self.kind} {self.id!r} ({self.label()})"
        if self.valid.end is not None and day > self.valid.end:
            return f"{what} ended on {self.valid.end}; pick an earlier date"
        if self.valid.start is not None and day < self.valid.start:
            return f"{what} starts on {self.valid.start}, after {day}; pick a later date"
        return f"{what} is not in force on {day} (valid {self.valid})"

    def label(self, lang: str = "zh") -> str:
        """The record's name in ``lang``."""
        return self.name.label(lang)

    # -- how a record shows itself (one line; a table in a notebook) ---------------------

    def _repr_counts(self) -> dict[str, int]:
        """What the one-line repr counts: each non-empty tuple field but the sources."""
        counts: dict[str, int] = {}
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if field.name != "sources" and isinstance(value, tuple) and value:
                counts[field.name] = len(value)
        return counts

    def __repr__(self) -> str:
        """One line, counts not contents: ``Measure(id='…', '加强信贷支持', 7 units)``.

        Shipped kinds are declared with ``repr=False`` so that attrs keeps this one; a
        downstream subclass does the same to keep it (equality, hashing and cattrs do not
        depend on the repr).
        """
        parts = [f"id={self.id!r}", repr(self.label())]
        parts += [f"{n} {what}" for what, n in self._repr_counts().items()]
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_rows(self) -> list[tuple[str, Any]]:
        rows: list[tuple[str, Any]] = [
            ("kind", self.kind),
            ("id", self.id),
            ("name", self.name.zh),
            ("name (en)", self.name.en),
        ]
        if self.name.aliases:
            rows.append(("also", "、".join(self.name.aliases)))
        if self.valid.start is not None or self.valid.end is not None:
            rows.append(("valid", str(self.valid)))
        rows += list(self._repr_counts().items())
        rows.append(("sources", len(self.sources)))
        if self.notes:
            rows.append(("notes", self.notes))
        return rows

    def _repr_html_(self) -> str:
        """The record as a notebook table of its main fields."""
        from smeeco.notebook import html_table

        return html_table(("field", "value"), _as_text(self._repr_rows()), caption=repr(self))

    def node_attributes(self) -> dict[str, Any]:
        """Attributes of the record's graph node beyond ``kind`` and the names.

        Subclasses add what exporters and pictures need (a level, a collective flag).
        Values must be strings, numbers or booleans so that every format can hold them.

        Fields that a class *outside smeeco* adds (a downstream subclass of a built-in
        kind, or a downstream kind's own fields) appear without extra code: strings,
        numbers, booleans as they are; dates as ``YYYY-MM-DD``; enums by value; decimals
        as text; :class:`Money` as ``FIELD_yuan`` (exact text); tuples of strings joined
        by commas. Other values (records, mappings) are left out; override this method
        to flatten them.
        """
        attributes: dict[str, Any] = {}
        if self.valid.start is not None:
            attributes["valid_from"] = self.valid.start.isoformat()
        if self.valid.end is not None:
            attributes["valid_to"] = self.valid.end.isoformat()
        for field in _added_fields(type(self)):
            value = getattr(self, field)
            if value is None or value == "" or value == ():
                continue
            if isinstance(value, Money):
                attributes[f"{field}_yuan"] = str(value.yuan)
                continue
            scalar = _scalar(value)
            if scalar is not None:
                attributes[field] = scalar
        return attributes


def _as_text(rows: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """Field/value rows with every value as text, so a column of mixed values aligns."""
    return [(field, "" if value is None else str(value)) for field, value in rows]


_ADDED_FIELDS: dict[type, tuple[str, ...]] = {}


def _added_fields(cls: type[Record]) -> tuple[str, ...]:
    """The attrs fields ``cls`` declares beyond smeeco's own record classes (cached)."""
    found = _ADDED_FIELDS.get(cls)
    if found is None:
        shipped = next(
            (c for c in cls.__mro__ if c.__module__.startswith("smeeco.") and attrs.has(c)),
            Record,
        )
        known = {f.name for f in attrs.fields(shipped)}
        found = _ADDED_FIELDS[cls] = tuple(f.name for f in attrs.fields(cls) if f.name not in known)
    return found


def _scalar(value: Any) -> str | int | float | bool | None:
    """``value`` as a graph attribute every format can hold, or ``None`` when it cannot be."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return ",".join(value)
    return None


def ref(
    path: str,
    target: str,
    *kinds: str,
    relation: str | None = None,
    reverse: bool = False,
    origin: str | None = None,
    **edge: Any,
) -> Reference:
    """Build a :class:`Reference`; keyword arguments become edge attributes."""
    return Reference(path, target, kinds, relation, reverse, tuple(sorted(edge.items())), origin)
