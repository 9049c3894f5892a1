"""What a record's rules may ask about the other records: the two *context* protocols.

A record kind owns its rules. The :class:`~smeeco.Ecosystem` calls three hooks of
:class:`~smeeco.Record` and passes a context that answers questions about the records
around it:

* ``record.check(context)`` yields the problems that need other records (a measure's
  ordinal is unique within its document; a chain of ``parent`` links does not loop),
  with paths relative to the record (``"ordinal"``); ``context`` is a
  :class:`CheckContext`.
* ``record.at(day, context)`` returns the record as in force on ``day`` — itself, an
  evolved copy (memberships cut to the day, responsibilities handed to successors) or
  ``None``; ``context`` is a :class:`DateContext`.
* ``record.why_absent(day, context)`` says why ``at`` gave ``None``.

A downstream kind overrides these hooks and is validated and dated like the built-ins.

Examples
--------
A context is anything with these methods; here a plain dictionary stands in for it:

>>> from smeeco import Agency, Name
>>> class Records:
...     def __init__(self, *records): self.by_id = {r.id: r for r in records}
...     def get(self, record_id): return self.by_id.get(record_id)
>>> a = Agency(id="a", name=Name("甲"), parent="b")
>>> b = Agency(id="b", name=Name("乙"), parent="a")
>>> find_cycle(a, lambda r: [r.parent] if r.parent else [], Records(a, b))
('a', 'b', 'a')
>>> find_cycle(b, lambda r: [r.parent] if r.parent else [], Records(a, b)) is None
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from smeeco.errors import InvalidValueError, Problem

if TYPE_CHECKING:
    from smeeco.model.record import Record

__all__ = [
    "CheckContext",
    "DateContext",
    "Lookup",
    "find_cycle",
    "format_cycle",
    "links",
    "loop_problems",
]


class Lookup(Protocol):
    """Records by id."""

    def get(self, record_id: str) -> Record | None:
        """The record with ``record_id`` (stored or being added alongside), or ``None``."""
        ...


class CheckContext(Lookup, Protocol):
    """What :meth:`Record.check <smeeco.Record.check>` may ask while records are added."""

    def records(self, kind: str) -> Iterator[Record]:
        """Every record of ``kind``: those stored and those being added alongside."""
        ...

    def claim(self, key: Hashable, record_id: str) -> str | None:
        """Claim ``key`` for ``record_id``; the id of the record holding it already, if any.

        Uniqueness rules use it: a measure claims ``("measure-ordinal", document,
        ordinal)``, and a second measure claiming the same key is told who has it.
        """
        ...


class DateContext(Lookup, Protocol):
    """What :meth:`Record.at <smeeco.Record.at>` may ask when an as-of view is taken."""

    def in_force(self, record_id: str, day: dt.date) -> bool:
        """Whether the record ``record_id`` is part of the view on ``day``."""
        ...

    def current_unit(self, agency_id: str, day: dt.date) -> str | None:
        """The agency that holds ``agency_id``'s responsibilities on ``day`` (see
        :meth:`Ecosystem.current_unit <smeeco.Ecosystem.current_unit>`)."""
        ...


def find_cycle(
    start: Record, step: Callable[[Record], Iterable[str]], context: Lookup
) -> tuple[str, ...] | None:
    """The loop through ``start`` along ``step`` links, if ``start`` is where it is reported.

    ``step(record)`` gives the ids a record links to (its ``parent``, its ``members``).
    Returns the ids along the loop, ``start`` first and last (``("a", "b", "a")``), when
    a loop through ``start`` exists and ``start`` has the smallest id on it — so each loop
    is reported once, by the same record whatever the order of adding. Links to unknown
    records end the walk (they are reported as unknown references).
    """
    origin = start.id
    path: list[str] = [origin]
    seen: set[str] = {origin}
    stack: list[Iterator[str]] = [iter(step(start))]
    while stack:
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
            path.pop()
            continue
        if nxt == origin:
            loop = (*path, origin)
            return loop if origin == min(loop) else None
        if nxt in seen:
            continue
        seen.add(nxt)
        record = context.get(nxt)
        if record is None or record.kind != start.kind:
            continue
        path.append(nxt)
        stack.append(iter(step(record)))
    return None


def format_cycle(loop: Iterable[str]) -> str:
    """``a → b → a``."""
    return " → ".join(loop)


def loop_problems(
    record: Record,
    field: str,
    step: Callable[[Record], Iterable[str]],
    context: Lookup,
    what: str,
) -> Iterator[Problem]:
    """One problem at ``field`` when ``step`` links loop back to ``record`` (see
    :func:`find_cycle`): ``what`` says in words why that cannot be."""
    loop = find_cycle(record, step, context)
    if loop is not None:
        yield InvalidValueError(
            f"{record.kind} {field} links go round in a loop: {format_cycle(loop)};"
            f" {what} — remove one of the links",
            field,
        )


def links(field: str) -> Callable[[Record], tuple[str, ...]]:
    """A ``step`` for :func:`find_cycle`: the ids in ``field`` (one id, or a tuple of ids).

    >>> from smeeco import Jurisdiction, Name
    >>> links("parent")(Jurisdiction(id="hp", name=Name("和平区"), level="district", parent="tj"))
    ('tj',)
    """

    def step(record: Record) -> tuple[str, ...]:
        value = getattr(record, field, None)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(value)

    return step
