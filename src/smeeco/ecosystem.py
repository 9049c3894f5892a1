"""The :class:`Ecosystem`: records by id, validation, and the graph derived from them.

Records are the truth; the graph is an index. An ecosystem keeps every record once and
builds a :class:`networkx.MultiDiGraph` from the references the records declare, in a
fixed order — kinds in registry order, records by id within a kind, each record's
references in the order it declares them — so the same records always give the same graph,
whatever order they were added in.

Graph contract (exporters and downstream code rely on these names):

* every node is a record id, with attributes ``kind`` (``"agency"``, ``"measure"``,
  ``"document"``, ``"enterprise"``, ``"platform"``, ``"fund"``, ``"tier"``, ``"ladder"``,
  ``"jurisdiction"``, ``"indicator"``, ``"beneficiary"``), ``name_zh``, ``name_en`` and
  ``aliases`` (a tuple of strings), plus what the record's ``node_attributes()`` adds;
* every edge has ``relation`` (see :data:`smeeco.registry.RELATIONS`); a ``responsible``
  edge runs from the unit to the measure with ``role`` (lead / support / executing /
  funding), ``order`` (0-based position as written) and ``explicit``;
* edge keys are the relation name, with ``#1``, ``#2``… appended for repeats.

>>> import smeeco
>>> eco = smeeco.load("example")
>>> eco.graph.nodes["ex-miit"]["kind"], eco.graph.nodes["ex-miit"]["name_zh"]
('agency', '示例市工业和信息化局')
>>> [(u, d["role"], d["order"]) for u, _, d in eco.graph.in_edges("ex-2022-measures.m01", data=True)
...  if d["relation"] == "responsible"]
[('ex-finance', 'lead', 0), ('ex-miit', 'support', 1), ('ex-districts', 'support', 2)]
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

import attrs

from smeeco.errors import (
    DuplicateIdError,
    InvalidValueError,
    NotInForceError,
    Problem,
    RegistryError,
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
    Responsibility,
    Tier,
    TierLadder,
)
from smeeco.model.common import as_date
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
_MISSING: Any = object()


def _node(record: Record) -> tuple[str, dict[str, Any]]:
    """A record's graph node: the contract's four names first, then its own attributes."""
    name = record.name
    data: dict[str, Any] = {
        "kind": record.kind,
        "name_zh": name.zh,
        "name_en": name.en,
        "aliases": name.aliases,
    }
    for key, value in record.node_attributes().items():
        data.setdefault(key, value)  # the contract's names cannot be overridden
    return record.id, data


def _check_key(value: object, what: str) -> None:
    """Refuse a lookup key that is not text (``None``, a number, a list) by name."""
    if not isinstance(value, str):
        shown = repr(value) if isinstance(value, int | float | None) else type(value).__name__
        raise InvalidValueError(f"expected {what} (text), got {shown}")


def _a_or_an(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


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
        self._ordinals: dict[tuple[str, int], str] = {}
        self._graph: nx.MultiDiGraph[str] | None = None
        self._names: dict[str, list[str]] | None = None
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
        counts = ", ".join(
            f"{len(self._by_kind[spec.name])} {spec.collection}"
            for spec in self.registry.order()
            if self._by_kind.get(spec.name)
        )
        when = f" as of {self._as_of}" if self._as_of else ""
        label = f" {self.name!r}" if self.name else ""
        return f"<Ecosystem{label}{when}: {counts or 'empty'}>"

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
                f"{record_id!r} is {_a_or_an(record.kind)}, not {_a_or_an(kind)}"
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

    def _name_index(self) -> dict[str, list[str]]:
        if self._names is None:
            index: dict[str, list[str]] = defaultdict(list)
            for record in self.records():
                for form in record.name.all():
                    index[form.casefold()].append(record.id)
            self._names = dict(index)
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
        for record_id in self._name_index().get(text.strip().casefold(), ()):
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
            message += f"; add {_a_or_an(kinds[0])} with this id or correct the reference"
        return UnknownReferenceError(message, path)

    def _suggest(self, text: str, kinds: tuple[str, ...], extra: Iterable[Record] = ()) -> str:
        pool = [r for r in (*self._index.values(), *extra) if not kinds or r.kind in kinds]
        by_name = [r for r in pool if r.name.matches(text)]
        if by_name:
            return " or ".join(f"{r.id!r} ({r.label()})" for r in by_name[:3])
        ids = {r.id: r for r in pool}
        close = difflib.get_close_matches(text, list(ids), n=3, cutoff=0.6)
        if close:
            return " or ".join(f"{c!r} ({ids[c].label()})" for c in close)
        # A misspelt name or alias (市财正局 for 市财政局): match against every name form.
        forms: dict[str, Record] = {}
        for r in pool:
            for form in r.name.all():
                forms.setdefault(form, r)
        near = difflib.get_close_matches(text, list(forms), n=6, cutoff=0.6)
        found = list(dict.fromkeys(forms[f] for f in near))[:3]
        return " or ".join(f"{r.id!r} ({r.label()})" for r in found)

    # ------------------------------------------------------------------ changes

    def add(self, *records: Record, where: str = "ecosystem") -> None:
        """Add records, all or none.

        Every problem is collected — duplicate ids, references to unknown records,
        unregistered kinds or relations, dates out of order — and raised at once as a
        :class:`~smeeco.errors.ValidationError` naming each record by its data-pack path
        (``measures[3].responsibilities[1].unit``). When that happens the ecosystem is
        left exactly as it was. Records may refer to each other within one call, so add a
        measure together with the agencies it names.
        """
        self._add(records, where)

    def _add(
        self,
        records: Sequence[Record],
        where: str,
        *,
        paths: Sequence[str] | None = None,
        pending: Collection[str] = (),
        problems: Iterable[Problem] = (),
    ) -> None:
        """:meth:`add`, for loaders that know more than the records.

        ``paths`` names each record where it was read (``pack.yaml:measures[3]``);
        ``pending`` holds the ids of records that could not be read, so references to them
        are not reported a second time; ``problems`` were found before and come first.
        """
        if self._as_of is not None:
            raise InvalidValueError(
                f"this is a read-only view as of {self._as_of}; add records to the full ecosystem"
            )
        problems = list(problems)
        staged: dict[str, Record] = {}
        positions: dict[str, str] = {}
        counts: dict[str, int] = {k: len(v) for k, v in self._by_kind.items()}
        for n, record in enumerate(records):
            spec = self.registry.kinds.get(getattr(record, "kind", ""))
            if spec is None or not isinstance(record, spec.cls):
                problems.append(
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
                problems.append(
                    DuplicateIdError(
                        f"id {record.id!r} is already used by {_a_or_an(first.kind)}"
                        f" ({first.label()}); give each record its own id",
                        f"{path}.id",
                    )
                )
                continue
            staged[record.id] = record
            positions[record.id] = path
        ordinals = dict(self._ordinals)
        for record_id, record in staged.items():
            problems.extend(
                self._check(record, positions[record_id], staged, ordinals, frozenset(pending))
            )
        if problems:
            raise ValidationError(where, problems)
        for record in staged.values():
            self._by_kind[record.kind][record.id] = record
            self._index[record.id] = record
        self._ordinals = ordinals
        self._changed()

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

    def _lookup(self, record_id: str, staged: dict[str, Record]) -> Record | None:
        return self._index.get(record_id) or staged.get(record_id)

    def _check(
        self,
        record: Record,
        path: str,
        staged: dict[str, Record],
        ordinals: dict[tuple[str, int], str],
        pending: frozenset[str] = frozenset(),
    ) -> Iterator[Problem]:
        relations = self.registry.relations
        index = self._index
        for reference in record.references():  # the hot loop of every add: keep it lean
            relation = reference.relation
            if relation is not None and relation not in relations:
                yield InvalidValueError(
                    f"relation {relation!r} is not registered; call smeeco.register_relation()"
                    " first",
                    f"{path}.{reference.path}",
                )
            for endpoint in (reference.target, reference.origin):
                if endpoint is None:
                    continue
                target = index.get(endpoint)
                if target is None:
                    target = staged.get(endpoint)
                if target is None or target.kind not in reference.kinds:
                    yield from self._bad_endpoint(
                        endpoint, target, reference, f"{path}.{reference.path}", staged, pending
                    )
        yield from self._check_rules(record, path, staged, ordinals)

    def _bad_endpoint(
        self,
        endpoint: str,
        target: Record | None,
        reference: Reference,
        where: str,
        staged: dict[str, Record],
        pending: frozenset[str],
    ) -> Iterator[Problem]:
        if target is not None:
            yield UnknownReferenceError(
                f"{endpoint!r} is {_a_or_an(target.kind)}, but this must name"
                f" {_a_or_an(' or '.join(reference.kinds))}",
                where,
            )
        elif endpoint not in pending:  # a record that could not be read is reported already
            yield self._unknown(endpoint, reference.kinds, where, staged.values())

    def _check_rules(
        self,
        record: Record,
        path: str,
        staged: dict[str, Record],
        ordinals: dict[tuple[str, int], str],
    ) -> Iterator[Problem]:
        if isinstance(record, Measure):
            key = (record.document, record.ordinal)
            other = ordinals.get(key)
            if other is not None and other != record.id:
                yield DuplicateIdError(
                    f"measure ordinal {record.ordinal} of document {record.document!r} is"
                    f" already taken by {other!r}; number measures 1, 2, 3…",
                    f"{path}.ordinal",
                )
            else:
                ordinals[key] = record.id
            document = self._lookup(record.document, staged)
            if isinstance(document, PolicyDocument):
                if (
                    record.section is not None
                    and document.sections
                    and all(s.ordinal != record.section for s in document.sections)
                ):
                    yield InvalidValueError(
                        f"document {document.id!r} has no section {record.section}"
                        f" (it has {', '.join(str(s.ordinal) for s in document.sections)})",
                        f"{path}.section",
                    )
                if (
                    not document.is_report
                    and document.issued is not None
                    and record.valid.start is not None
                    and record.valid.start < document.issued
                ):
                    yield InvalidValueError(
                        f"measure takes effect on {record.valid.start}, before its document"
                        f" was issued on {document.issued}",
                        f"{path}.valid.start",
                    )
        if isinstance(record, Agency) and record.successors:
            if record.valid.end is None:
                yield InvalidValueError(
                    f"agency {record.id!r} names successors but its validity has no end;"
                    " set valid.end to its last day",
                    f"{path}.valid.end",
                )
            for i, successor_id in enumerate(record.successors):
                successor = self._lookup(successor_id, staged)
                if successor_id == record.id:
                    yield InvalidValueError(
                        "an agency cannot succeed itself", f"{path}.successors[{i}]"
                    )
                elif (
                    isinstance(successor, Agency)
                    and successor.valid.start is not None
                    and record.valid.start is not None
                    and successor.valid.start < record.valid.start
                ):
                    yield InvalidValueError(
                        f"successor {successor_id!r} starts on {successor.valid.start}, before"
                        f" {record.id!r} itself ({record.valid.start}); dates out of order",
                        f"{path}.successors[{i}]",
                    )

    def validate(self) -> tuple[Problem, ...]:
        """Check every record against the rest; return the problems (empty when sound).

        Records are checked as they are added, so this finds nothing for an ecosystem built
        through :meth:`add`; it serves data assembled by other means and tests.
        """
        problems: list[Problem] = []
        ordinals: dict[tuple[str, int], str] = {}
        for spec in self.registry.order():
            for i, record in enumerate(self._by_kind.get(spec.name, {}).values()):
                problems.extend(self._check(record, f"{spec.collection}[{i}]", {}, ordinals))
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

        import networkx as nx

        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
            name=self.name, as_of=self._as_of.isoformat() if self._as_of else ""
        )
        # Kinds in registry order, records by id within a kind: the same records give the
        # same graph, node for node and edge for edge, whatever order they were added in.
        ordered = [
            record
            for spec in self.registry.order()
            for _id, record in sorted(self._by_kind.get(spec.name, {}).items())
        ]
        graph.add_nodes_from(_node(record) for record in ordered)
        # In the full ecosystem every reference was checked on add; only an as-of view
        # drops the edges whose other end is not in force that day.
        present = graph.nodes if self._as_of is not None else None
        add_edge = graph.add_edge
        # networkx's own adjacency dicts (u -> v -> key -> data), read to find repeats cheaply
        succ: dict[str, dict[str, dict[str, Any]]] = graph._succ  # type: ignore[attr-defined]
        for record in ordered:
            record_id = record.id
            for reference in record.references():
                relation = reference.relation
                if relation is None:
                    continue
                near = reference.origin or record_id
                if reference.reverse:
                    u, v = reference.target, near
                else:
                    u, v = near, reference.target
                if present is not None and (u not in present or v not in present):
                    continue
                key = relation
                keys = succ[u].get(v)
                if keys is not None and key in keys:
                    n = 1
                    while f"{relation}#{n}" in keys:
                        n += 1
                    key = f"{relation}#{n}"
                try:
                    add_edge(u, v, key, relation=relation, **dict(reference.attrs))
                except TypeError:
                    raise RegistryError(
                        f"{type(record).__name__}.references() gives {reference.path!r} an edge"
                        " attribute named 'relation', which the graph reserves; rename it"
                    ) from None
        frozen: nx.MultiDiGraph[str] = nx.freeze(graph)
        return frozen

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
        for record in self.records():
            kept = self._in_force(record, day)
            if kept is not None:
                view._by_kind[kept.kind][kept.id] = kept
                view._index[kept.id] = kept
        self._views[day] = view
        return view

    def _in_force(self, record: Record, day: dt.date) -> Record | None:
        if not record.in_force(day):
            return None
        if isinstance(record, PolicyDocument):
            return record if record.issued is None or record.issued <= day else None
        if isinstance(record, Measure):
            document = self._index.get(record.document)
            if document is None or self._in_force(document, day) is None:
                return None
            return self._reassign(record, day)
        if isinstance(record, Enterprise):
            active = tuple(m for m in record.memberships if m.active_on(day))
            if active != record.memberships:
                return attrs.evolve(record, memberships=active)
        if isinstance(record, Indicator):
            observations = tuple(o for o in record.observations if o.date <= day)
            targets = tuple(t for t in record.targets if t.set_on is None or t.set_on <= day)
            if observations != record.observations or targets != record.targets:
                return attrs.evolve(record, observations=observations, targets=targets)
        return record

    def why_not_in_force(self, record: Record, day: dt.date) -> str:
        """Say why ``record`` is not part of the view on ``day``, and what holds instead.

        >>> import smeeco
        >>> eco = smeeco.load("example")
        >>> print(eco.why_not_in_force(eco["ex-old-regulator"], dt.date(2024, 1, 1)))
        agency 'ex-old-regulator' (示例银保监局) ended on 2023-07-19; ... 'ex-new-regulator' ...
        """
        what = f"{record.kind} {record.id!r} ({record.label()})"
        if isinstance(record, Measure):
            document = self._index.get(record.document)
            if isinstance(document, PolicyDocument) and self._in_force(document, day) is None:
                return f"{what} is not in force on {day}: " + self.why_not_in_force(
                    document, day
                ).replace(f"{document.kind} ", "its ", 1)
        if isinstance(record, PolicyDocument) and record.issued and record.issued > day:
            return f"{what} was issued on {record.issued}, after {day}; pick a later date"
        if record.valid.end is not None and day > record.valid.end:
            message = f"{what} ended on {record.valid.end}"
            if isinstance(record, Agency):
                successor = self.current_unit(record.id, day)
                if successor is not None:
                    holder = self._index[successor]
                    return (
                        f"{message}; on {day} its responsibilities are held by"
                        f" {successor!r} ({holder.label()})"
                    )
            return message + "; pick an earlier date"
        if record.valid.start is not None and day < record.valid.start:
            return f"{what} starts on {record.valid.start}, after {day}; pick a later date"
        return f"{what} is not in force on {day} (valid {record.valid})"

    def current_unit(self, agency_id: str, day: dt.date) -> str | None:
        """The agency that holds ``agency_id``'s responsibilities on ``day``.

        The agency itself when in force; else its first successor in force, followed
        through renames and mergers; ``None`` when no unit in the chain is in force.
        """
        seen: set[str] = set()
        frontier = [agency_id]
        while frontier:
            current = frontier.pop(0)
            if current in seen:
                continue
            seen.add(current)
            agency = self._index.get(current)
            if not isinstance(agency, Agency):
                continue
            if agency.in_force(day):
                return current
            if agency.valid.end is not None and day > agency.valid.end:
                frontier.extend(agency.successors)
        return None

    def _reassign(self, measure: Measure, day: dt.date) -> Measure:
        changed = False
        result: list[Responsibility] = []
        taken: set[tuple[str, str]] = set()
        for r in measure.responsibilities:
            unit = self.current_unit(r.unit, day)
            if unit is None:
                changed = True
                continue
            if unit != r.unit:
                changed = True
                r = attrs.evolve(r, unit=unit, named_as=r.named_as or r.unit)
            if (r.unit, r.role) in taken:
                changed = True
                continue
            taken.add((r.unit, r.role))
            result.append(r)
        return attrs.evolve(measure, responsibilities=result) if changed else measure
