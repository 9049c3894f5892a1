"""The :class:`Ecosystem`: records kept by id and kind, added all or none.

Records are the truth; the graph is an index. The ecosystem keeps every record once and
delegates the rest to its neighbours in this package: :mod:`~smeeco.ecosystem.names`
(finding records by name), :mod:`~smeeco.ecosystem.validation` (references and each
kind's own rules), :mod:`~smeeco.ecosystem.graph` (the derived graph) and
:mod:`~smeeco.ecosystem.asof` (what was in force on a day).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

import attrs

from smeeco.ecosystem.asof import records_at
from smeeco.ecosystem.graph import build_graph
from smeeco.ecosystem.names import NameIndex, a_or_an, suggest
from smeeco.ecosystem.validation import Checking, check_record
from smeeco.errors import (
    DuplicateIdError,
    InvalidValueError,
    NotInForceError,
    Problem,
    UnknownReferenceError,
    ValidationError,
)
from smeeco.model import (
    Agency,
    BeneficiaryGroup,
    Enterprise,
    Fund,
    Indicator,
    Jurisdiction,
    Measure,
    Platform,
    PolicyDocument,
    Record,
    Reference,
    Tier,
    TierLadder,
)
from smeeco.model.values import as_date
from smeeco.registry import Registry, default_registry

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Ecosystem", "PackInfo"]


@attrs.frozen
class PackInfo:
    """What a data pack says about itself: name, title, description, the packs it requires."""

    name: str
    title: str = ""
    description: str = ""
    requires: tuple[str, ...] = attrs.field(default=(), converter=tuple)


R = TypeVar("R", bound=Record)
T = TypeVar("T")


def _check_key(value: object, what: str) -> None:
    """Refuse a lookup key that is not text (``None``, a number, a list) by name."""
    if not isinstance(value, str):
        shown = repr(value) if isinstance(value, int | float | None) else type(value).__name__
        raise InvalidValueError(f"expected {what} (text), got {shown}")


class Ecosystem:
    """Records of the SME support ecosystem, kept by id, with a derived graph.

    Parameters
    ----------
    records:
        Records to add (validated together, see :meth:`add`).
    registry:
        The kinds and relations understood; :data:`smeeco.registry.default_registry`
        when omitted.
    name:
        A label, e.g. the data pack it was loaded from.

    Examples
    --------
    >>> from smeeco import Agency, Ecosystem, Jurisdiction, Name
    >>> eco = Ecosystem([
    ...     Jurisdiction(id="tj", name=Name("天津市", "Tianjin"), level="provincial"),
    ...     Agency(id="tj-miit", name=Name("天津市工业和信息化局", aliases=["市工信局"]),
    ...            jurisdiction="tj"),
    ... ])
    >>> eco.resolve("市工信局").id
    'tj-miit'
    >>> eco.add(Agency(id="tj-fin", name=Name("市金融局"), jurisdiction="tianjin"))
    Traceback (most recent call last):
    ...
    smeeco.errors.ValidationError: 1 problem in ecosystem:
      agencies[1].jurisdiction: unknown jurisdiction 'tianjin'; did you mean 'tj' (天津市)?
    >>> len(eco)  # nothing was added
    2
    """

    def __init__(
        self,
        records: Iterable[Record] = (),
        *,
        registry: Registry | None = None,
        name: str = "",
    ) -> None:
        self.registry: Registry = registry if registry is not None else default_registry
        self.name = name
        #: The data packs the records were read from, required packs first.
        self.packs: tuple[PackInfo, ...] = ()
        self._by_kind: dict[str, dict[str, Record]] = defaultdict(dict)
        self._index: dict[str, Record] = {}
        self._claims: dict[Hashable, str] = {}  # uniqueness keys (see CheckContext.claim)
        self._graph: nx.MultiDiGraph[str] | None = None
        self._names: NameIndex | None = None
        self._views: dict[dt.date, Ecosystem] = {}
        self._cache: dict[Hashable, Any] = {}
        self._as_of: dt.date | None = None
        self._full: Ecosystem | None = None  # the whole ecosystem, in an as-of view
        records = list(records)
        if records:
            self.add(*records, where=name or "ecosystem")

    # ------------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and record_id in self._index

    def __iter__(self) -> Iterator[Record]:
        return self.records()

    def __getitem__(self, record_id: str) -> Record:
        _check_key(record_id, "a record id")
        try:
            return self._index[record_id]
        except KeyError:
            raise self._unknown(record_id, ()) from None

    def __repr__(self) -> str:
        """One line, counts not contents.

        ``<Ecosystem 'tianjin': 115 records — 5 jurisdictions, 36 agencies, …>``
        """
        counts = ", ".join(
            f"{len(self._by_kind[spec.name])} {spec.collection}"
            for spec in self.registry.order()
            if self._by_kind.get(spec.name)
        )
        when = f" as of {self._as_of}" if self._as_of else ""
        label = f" {self.name!r}" if self.name else ""
        total = len(self._index)
        body = f"{total} record{'' if total == 1 else 's'} — {counts}" if total else "empty"
        return f"<Ecosystem{label}{when}: {body}>"

    def _repr_html_(self) -> str:
        """Notebook tables: how many records of each kind (one row), then the documents."""
        from smeeco.notebook import html_table

        held_kinds = [spec for spec in self.registry.order() if self._by_kind.get(spec.name)]
        kinds = html_table(
            [spec.collection for spec in held_kinds],
            [[len(self._by_kind[spec.name]) for spec in held_kinds]],
            caption=repr(self),
        )
        held: dict[str, int] = {}
        for m in self._by_kind.get("measure", {}).values():
            document = getattr(m, "document", "")
            held[document] = held.get(document, 0) + 1
        documents = html_table(
            ("id", "title", "文号", "issued", "measures"),
            (
                (
                    d.id,
                    d.label(),
                    getattr(d, "number", ""),
                    getattr(d, "issued", None),
                    held.get(d.id, 0),
                )
                for d in self._by_kind.get("document", {}).values()
            ),
            caption="documents",
        )
        return kinds + documents

    @property
    def base(self) -> Ecosystem:
        """The ecosystem an as-of view was taken from; the ecosystem itself otherwise."""
        return self._full if self._full is not None else self

    @property
    def as_of_date(self) -> dt.date | None:
        """The date this view was taken on, or ``None`` for the full ecosystem."""
        return self._as_of

    @overload
    def get(self, record_id: str) -> Record | None: ...
    @overload
    def get(self, record_id: str, cls: type[R]) -> R | None: ...
    def get(self, record_id: str, cls: type[Record] = Record) -> Record | None:
        """The record with ``record_id`` (of class ``cls``), or ``None``."""
        _check_key(record_id, "a record id")
        record = self._index.get(record_id)
        if record is None or not isinstance(record, cls):
            return None
        return record

    def require(self, record_id: str, cls: type[R]) -> R:
        """The record with ``record_id``, which must be a ``cls``.

        Raises :class:`~smeeco.errors.UnknownReferenceError` with close ids otherwise.
        """
        _check_key(record_id, "a record id")
        record = self._index.get(record_id)
        if isinstance(record, cls):
            return record
        kind = getattr(cls, "kind", "record")
        if record is not None:
            raise UnknownReferenceError(
                f"{record_id!r} is {a_or_an(record.kind)}, not {a_or_an(kind)}"
            )
        raise self._unknown(record_id, (kind,) if kind != "record" else ())

    def records(self, kind: str | None = None) -> Iterator[Record]:
        """Records of ``kind`` (all kinds when ``None``) in kind then insertion order."""
        if kind is not None:
            self.registry.spec(kind)
            yield from self._by_kind.get(kind, {}).values()
            return
        for spec in self.registry.order():
            yield from self._by_kind.get(spec.name, {}).values()

    def of(self, cls: type[R]) -> tuple[R, ...]:
        """Every record that is an instance of ``cls``, in insertion order."""
        kind = getattr(cls, "kind", None)
        pool: Iterable[Record] = (
            self._by_kind.get(kind, {}).values() if kind in self.registry.kinds else self.records()
        )
        return tuple(r for r in pool if isinstance(r, cls))

    @property
    def jurisdictions(self) -> tuple[Jurisdiction, ...]:
        """All jurisdictions."""
        return self.of(Jurisdiction)

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """All agencies (责任单位), collective units included."""
        return self.of(Agency)

    @property
    def documents(self) -> tuple[PolicyDocument, ...]:
        """All documents."""
        return self.of(PolicyDocument)

    @property
    def measures(self) -> tuple[Measure, ...]:
        """All measures, in insertion order."""
        return self.of(Measure)

    @property
    def beneficiaries(self) -> tuple[BeneficiaryGroup, ...]:
        """All beneficiary groups."""
        return self.of(BeneficiaryGroup)

    @property
    def ladders(self) -> tuple[TierLadder, ...]:
        """All tier ladders."""
        return self.of(TierLadder)

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """All tiers."""
        return self.of(Tier)

    @property
    def platforms(self) -> tuple[Platform, ...]:
        """All platforms."""
        return self.of(Platform)

    @property
    def funds(self) -> tuple[Fund, ...]:
        """All funds."""
        return self.of(Fund)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """All indicators."""
        return self.of(Indicator)

    @property
    def enterprises(self) -> tuple[Enterprise, ...]:
        """All named enterprises."""
        return self.of(Enterprise)

    def counts(self) -> dict[str, int]:
        """Number of records per kind, for every registered kind (zeros included)."""
        return {spec.name: len(self._by_kind.get(spec.name, {})) for spec in self.registry.order()}

    # ------------------------------------------------------------------ names

    def _name_index(self) -> NameIndex:
        if self._names is None:
            self._names = NameIndex(self.records())
        return self._names

    def find(self, text: str, kind: str | None = None) -> tuple[Record, ...]:
        """Records whose id or any name form (zh, en, alias) is ``text``.

        >>> import smeeco
        >>> [r.id for r in smeeco.load("example").find("示例市工信局")]
        ['ex-miit']
        """
        _check_key(text, "an id or a name")
        found: list[Record] = []
        if text in self._index:
            found.append(self._index[text])
        for record_id in self._name_index().ids(text):
            record = self._index[record_id]
            if record not in found:
                found.append(record)
        return tuple(r for r in found if kind is None or r.kind == kind)

    def resolve(self, text: str, kind: str | None = None) -> Record:
        """The one record named by ``text`` (an id or a name form).

        Raises :class:`~smeeco.errors.UnknownReferenceError` when nothing or more than one
        record matches, listing the candidates.
        """
        found = self.find(text, kind)
        if len(found) == 1:
            return found[0]
        if not found:
            raise self._unknown(text, (kind,) if kind else ())
        listed = ", ".join(f"{r.id!r} ({r.label()})" for r in found)
        raise UnknownReferenceError(f"{text!r} names several records: {listed}; use an id")

    def _unknown(
        self, text: str, kinds: tuple[str, ...], path: str = "", extra: Iterable[Record] = ()
    ) -> UnknownReferenceError:
        """The error for ``text`` naming no record of ``kinds``, with close matches among
        this ecosystem's records and ``extra`` (records being added alongside)."""
        if self._as_of is not None and self._full is not None:
            elsewhere = self._full.find(text)
            elsewhere = tuple(r for r in elsewhere if not kinds or r.kind in kinds)
            if len(elsewhere) == 1:
                return NotInForceError(self._full.why_not_in_force(elsewhere[0], self._as_of), path)
        what = " or ".join(kinds) if kinds else "record"
        message = f"unknown {what} {text!r}"
        hint = self._suggest(text, kinds, extra)
        if hint:
            message += f"; did you mean {hint}?"
        elif kinds:
            message += f"; add {a_or_an(kinds[0])} with this id or correct the reference"
        return UnknownReferenceError(message, path)

    def _suggest(self, text: str, kinds: tuple[str, ...], extra: Iterable[Record] = ()) -> str:
        pool = [r for r in (*self._index.values(), *extra) if not kinds or r.kind in kinds]
        return suggest(text, pool)

    # ------------------------------------------------------------------ changes

    def add(
        self,
        *records: Record,
        where: str = "ecosystem",
        paths: Sequence[str] | None = None,
        pending: Collection[str] = (),
        problems: Iterable[Problem] = (),
    ) -> None:
        """Add records, all or none.

        Every problem is collected — duplicate ids, references to unknown records,
        unregistered kinds or relations, each kind's own rules (see
        :meth:`Record.check <smeeco.Record.check>`) — and raised at once as a
        :class:`~smeeco.errors.ValidationError` naming each record by its data-pack path
        (``measures[3].responsibilities[1].unit``). When that happens the ecosystem is
        left exactly as it was. Records may refer to each other within one call, so add a
        measure together with the agencies it names.

        Loaders that know more than the records pass it on: ``paths`` names each record
        where it was read (``pack.yaml:measures[3]``); ``pending`` holds the ids of records
        that could not be read, so references to them are not reported a second time;
        ``problems`` were found while reading and come first.
        """
        if self._as_of is not None:
            raise InvalidValueError(
                f"this is a read-only view as of {self._as_of}; add records to the full ecosystem"
            )
        if paths is not None and len(paths) != len(records):
            raise InvalidValueError(
                f"{len(paths)} paths for {len(records)} records; give one path per record"
            )
        found = list(problems)
        staged: dict[str, Record] = {}
        positions: dict[str, str] = {}
        counts: dict[str, int] = {k: len(v) for k, v in self._by_kind.items()}
        for n, record in enumerate(records):
            spec = self.registry.kinds.get(getattr(record, "kind", ""))
            if spec is None or not isinstance(record, spec.cls):
                found.append(
                    InvalidValueError(
                        f"record kind {getattr(record, 'kind', type(record).__name__)!r} of"
                        f" {record!r:.60} is not registered; call smeeco.register_kind() first",
                        paths[n] if paths is not None else "",
                    )
                )
                continue
            position = counts.get(spec.name, 0)
            counts[spec.name] = position + 1
            path = paths[n] if paths is not None else f"{spec.collection}[{position}]"
            if record.id in self._index or record.id in staged:
                first = self._index.get(record.id) or staged[record.id]
                at = f" at {positions[record.id]}" if record.id in positions else ""
                found.append(
                    DuplicateIdError(
                        f"id {record.id!r} is already used by {a_or_an(first.kind)}"
                        f" ({first.label()}){at}; give each record its own id",
                        f"{path}.id",
                    )
                )
                continue
            staged[record.id] = record
            positions[record.id] = path
        claims = dict(self._claims)
        context = Checking(self._index, self._by_kind, staged, claims)
        relations = self.registry.relations
        waiting = frozenset(pending)
        for record_id, record in staged.items():
            found.extend(
                check_record(
                    record, positions[record_id], context, relations, self._unknown, waiting
                )
            )
        if found:
            raise ValidationError(where, found)
        for record in staged.values():
            self._by_kind[record.kind][record.id] = record
            self._index[record.id] = record
        self._claims = claims
        self._changed()

    def _add(
        self,
        records: Sequence[Record],
        where: str,
        *,
        paths: Sequence[str] | None = None,
        pending: Collection[str] = (),
        problems: Iterable[Problem] = (),
    ) -> None:
        """Deprecated spelling of :meth:`add` with a sequence (kept for older loaders)."""
        self.add(*records, where=where, paths=paths, pending=pending, problems=problems)

    def _changed(self) -> None:
        self._graph = None
        self._names = None
        self._views.clear()
        self._cache.clear()

    def cached(self, key: Hashable, factory: Callable[[], T]) -> T:
        """``factory()``, computed once per ``key`` until the ecosystem changes.

        Query helpers keep their indexes here (who leads what…), so a query stays cheap
        after the first call and is never stale.
        """
        try:
            return cast(T, self._cache[key])
        except KeyError:
            value = self._cache[key] = factory()
            return value

    def validate(self) -> tuple[Problem, ...]:
        """Check every record against the rest; return the problems (empty when sound).

        Records are checked as they are added, so this finds nothing for an ecosystem built
        through :meth:`add`; it serves data assembled by other means and tests.
        """
        problems: list[Problem] = []
        context = Checking(self._index, self._by_kind, {}, {})
        relations = self.registry.relations
        for spec in self.registry.order():
            for i, record in enumerate(self._by_kind.get(spec.name, {}).values()):
                problems.extend(
                    check_record(
                        record, f"{spec.collection}[{i}]", context, relations, self._unknown
                    )
                )
        return tuple(problems)

    # ------------------------------------------------------------------ graph

    @property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The graph derived from the records (frozen: copy it to change it).

        Built on first access and rebuilt after each change.
        """
        if self._graph is None:
            self._graph = self._build_graph()
        return self._graph

    def _build_graph(self) -> nx.MultiDiGraph[str]:
        # Kinds in registry order, records by id within a kind: the same records give the
        # same graph, node for node and edge for edge, whatever order they were added in.
        ordered = [
            record
            for spec in self.registry.order()
            for _id, record in sorted(self._by_kind.get(spec.name, {}).items())
        ]
        return build_graph(ordered, name=self.name, as_of=self._as_of)

    def references_to(self, record_id: str) -> Iterator[tuple[Record, Reference]]:
        """Every (record, reference) whose reference names ``record_id``."""
        for record in self.records():
            for reference in record.references():
                if record_id in (reference.target, reference.origin):
                    yield record, reference

    # ------------------------------------------------------------------ time

    def at(self, day: dt.date | str) -> Ecosystem:
        """A read-only view of what was in force on ``day``.

        A record is in force when its ``valid`` period holds the day. A document must also
        have been issued by then, and a measure's document must be in force. Memberships,
        observations and targets are cut to those known on the day. A responsibility held
        by an agency that no longer exists passes to its successor in force, and the edge
        says so with ``named_as`` (the unit the text named): expired units are never used
        silently.
        """
        day = as_date(day)
        if self._as_of is not None:
            if day != self._as_of:
                raise InvalidValueError(
                    f"this view is already as of {self._as_of}; take the new view from the"
                    " full ecosystem"
                )
            return self
        cached = self._views.get(day)
        if cached is not None:
            return cached
        view = Ecosystem(registry=self.registry, name=self.name)
        view._full = self
        view.packs = self.packs
        view._as_of = day
        for kept in records_at(self.records(), day, self):
            view._by_kind[kept.kind][kept.id] = kept
            view._index[kept.id] = kept
        self._views[day] = view
        return view

    def in_force(self, record_id: str, day: dt.date | str) -> bool:
        """Whether the record ``record_id`` is part of the view on ``day``.

        Each kind decides through its :meth:`~smeeco.Record.at` hook (a measure also
        needs its document in force; a document must have been issued).

        >>> import smeeco
        >>> eco = smeeco.load("example")
        >>> eco.in_force("ex-2022-measures.m01", "2019-01-01")
        False
        """
        if self._as_of is not None:
            return self.base.in_force(record_id, day)
        record = self._index.get(record_id)
        return record is not None and record.at(as_date(day), self) is not None

    def why_not_in_force(self, record: Record, day: dt.date | str) -> str:
        """Say why ``record`` is not part of the view on ``day``, and what holds instead.

        >>> import smeeco
        >>> eco = smeeco.load("example")
        >>> print(eco.why_not_in_force(eco["ex-old-regulator"], dt.date(2024, 1, 1)))
        agency 'ex-old-regulator' (示例银保监局) ended on 2023-07-19; ... 'ex-new-regulator' ...
        """
        return record.why_absent(as_date(day), self.base)

    def current_unit(self, agency_id: str, day: dt.date | str) -> str | None:
        """The agency that holds ``agency_id``'s responsibilities on ``day``.

        The agency itself when in force; else its first successor in force, followed
        through renames and mergers; ``None`` when no unit in the chain is in force.
        """
        agency = self.base._index.get(agency_id)
        if not isinstance(agency, Agency):
            return None
        return agency.holder_on(as_date(day), self.base)
