"""Checking records as they are added: references first, then each kind's own rules.

The ecosystem checks each new record's references (known ids of the right kinds,
registered relations) and then calls the record's :meth:`~smeeco.Record.check` hook with
a :class:`Checking` context (a :class:`~smeeco.model.context.CheckContext`) that sees the
stored records and those being added alongside.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping
from typing import Protocol

from smeeco.ecosystem.names import a_or_an
from smeeco.errors import InvalidValueError, Problem, UnknownReferenceError
from smeeco.model import Record, Reference

__all__ = ["Checking", "Unknown", "check_record"]


class Unknown(Protocol):
    """Builds the error for an id naming no record of ``kinds`` (with suggestions)."""

    def __call__(
        self, text: str, kinds: tuple[str, ...], path: str, extra: Iterable[Record]
    ) -> UnknownReferenceError: ...


class Checking:
    """The context of one add: stored records, records being added, uniqueness claims.

    Parameters
    ----------
    index, by_kind:
        The stored records by id, and by kind then id.
    staged:
        The records being added, by id.
    claims:
        Keys claimed so far (see :meth:`claim`); updated in place.
    """

    def __init__(
        self,
        index: Mapping[str, Record],
        by_kind: Mapping[str, Mapping[str, Record]],
        staged: Mapping[str, Record],
        claims: dict[Hashable, str],
    ) -> None:
        self._index = index
        self._by_kind = by_kind
        self.staged = staged
        self._claims = claims
        self._staged_by_kind: dict[str, list[Record]] | None = None

    def get(self, record_id: str) -> Record | None:
        """The stored or staged record with ``record_id``."""
        record = self._index.get(record_id)
        return record if record is not None else self.staged.get(record_id)

    def records(self, kind: str) -> Iterator[Record]:
        """Stored records of ``kind``, then staged ones."""
        yield from self._by_kind.get(kind, {}).values()
        if self._staged_by_kind is None:
            grouped: dict[str, list[Record]] = {}
            for record in self.staged.values():
                grouped.setdefault(record.kind, []).append(record)
            self._staged_by_kind = grouped
        yield from self._staged_by_kind.get(kind, ())

    def claim(self, key: Hashable, record_id: str) -> str | None:
        """Claim ``key`` for ``record_id``; the earlier holder's id when it was taken."""
        holder = self._claims.setdefault(key, record_id)
        return holder if holder != record_id else None


def check_record(
    record: Record,
    path: str,
    context: Checking,
    relations: Collection[str],
    unknown: Unknown,
    pending: Collection[str] = frozenset(),
) -> Iterator[Problem]:
    """Every problem of ``record`` (read at ``path``): its references, then its own rules.

    ``pending`` holds ids of records that could not be read; references to them are not
    reported a second time.
    """
    # Checking.get, inlined: this is the hot loop of every add, keep it lean.
    stored = context._index.get
    staged = context.staged.get
    for reference in record.references():
        _where, named, kinds, relation, _reverse, _attrs, origin = reference
        endpoint: str | None = named
        if relation is not None and relation not in relations:
            yield InvalidValueError(
                f"relation {relation!r} is not registered; call smeeco.register_relation() first",
                f"{path}.{reference.path}",
            )
        while endpoint is not None:  # the target, then the origin if there is one
            target = stored(endpoint)
            if target is None:
                target = staged(endpoint)
            if target is None or target.kind not in kinds:
                yield from _bad_endpoint(
                    endpoint,
                    target,
                    reference,
                    f"{path}.{reference.path}",
                    context,
                    unknown,
                    pending,
                )
            endpoint, origin = origin, None
    for problem in record.check(context):
        yield problem.at(path)


def _bad_endpoint(
    endpoint: str,
    target: Record | None,
    reference: Reference,
    where: str,
    context: Checking,
    unknown: Unknown,
    pending: Collection[str],
) -> Iterator[Problem]:
    if target is not None:
        yield UnknownReferenceError(
            f"{endpoint!r} is {a_or_an(target.kind)}, but this must name"
            f" {a_or_an(' or '.join(reference.kinds))}",
            where,
        )
    elif endpoint not in pending:  # a record that could not be read is reported already
        yield unknown(endpoint, reference.kinds, where, context.staged.values())
