"""The registry of record kinds, type tags and relations.

An :class:`~smeeco.Ecosystem` stores, validates, graphs and serialises any record kind the
registry knows. Downstream projects register their own:

* a new kind — ``register_kind(Programme, collection="programmes")``: its records live in
  the data-pack key ``programmes`` and become graph nodes of kind ``programme``;
* a subclass of a known kind with more fields — ``register_type("green-measure",
  GreenMeasure)``: a data-pack entry with ``type: green-measure`` is read as that class;
* a new relation — ``register_relation("runs", "an agency runs a programme")``: edges of
  that relation are allowed (an unregistered relation is a validation problem, so a typo
  cannot slip into exported graphs).

Registration is explicit: smeeco never scans modules or runs files it finds on disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

import attrs

from smeeco.errors import RegistryError
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
    Tier,
    TierLadder,
)

__all__ = [
    "RELATIONS",
    "KindSpec",
    "Registry",
    "default_registry",
    "register_kind",
    "register_relation",
    "register_type",
]

R = TypeVar("R", bound=type[Record])

#: The relations of the derived graph and what an edge of each means (edge direction: u → v).
RELATIONS: dict[str, str] = {
    "issued": "agency issued document (edge attrs: order)",
    "sealed": "agency sealed document on another's behalf (代章)",
    "contains": "document contains measure (ordinal); ladder contains tier (rank)",
    "responsible": "agency is responsible for measure (role, order, explicit)",
    "benefits": "measure benefits beneficiary group",
    "refers_to": "measure refers to fund, platform, tier or ladder",
    "targets": "measure targets indicator",
    "tracks": "indicator tracks its subject",
    "relates_to": "indicator relates to another record",
    "funds": "fund pays for tier, beneficiary group, platform or enterprise",
    "manages": "agency manages fund or awards tier",
    "operates": "agency or enterprise operates platform",
    "shares_risk": "agency or fund bears a share of a fund's guaranteed losses (share, order)",
    "partners_with": "fund co-invests with fund",
    "part_of": "jurisdiction, agency, fund or beneficiary group is part of a larger one",
    "member_of": "agency member of collective (order); platform of network (role);"
    " enterprise of tier (awarded, expires, revoked)",
    "promotes_to": "tier promotes to the next tier up its ladder (ladder)",
    "succeeded_by": "agency was succeeded by agency (rename, merger)",
    "located_in": "record is located in jurisdiction",
    "defined_by": "beneficiary group is defined by tier membership",
}


@attrs.frozen
class KindSpec:
    """A registered record kind: its name, its data-pack key and its base class."""

    name: str
    collection: str
    cls: type[Record]


@attrs.define
class Registry:
    """Kinds, type tags and relations an ecosystem understands.

    Most code uses :data:`default_registry` through the module-level ``register_*``
    functions; build a separate ``Registry()`` (or :meth:`copy`) to keep an extension
    local to one ecosystem, e.g. in tests.
    """

    kinds: dict[str, KindSpec] = attrs.field(factory=dict)
    types: dict[str, type[Record]] = attrs.field(factory=dict)
    relations: dict[str, str] = attrs.field(factory=lambda: dict(RELATIONS))

    @classmethod
    def with_builtins(cls) -> Registry:
        """A registry that knows every record kind smeeco ships."""
        registry = cls()
        for record_cls, collection in (
            (Jurisdiction, "jurisdictions"),
            (Agency, "agencies"),
            (PolicyDocument, "documents"),
            (Measure, "measures"),
            (BeneficiaryGroup, "beneficiaries"),
            (TierLadder, "ladders"),
            (Tier, "tiers"),
            (Platform, "platforms"),
            (Fund, "funds"),
            (Indicator, "indicators"),
            (Enterprise, "enterprises"),
        ):
            registry.register_kind(record_cls, collection=collection)
        return registry

    def copy(self) -> Registry:
        """An independent copy (registering in it leaves this one alone)."""
        return Registry(dict(self.kinds), dict(self.types), dict(self.relations))

    # -- registration -----------------------------------------------------------------

    def register_kind(self, cls: R, *, collection: str | None = None) -> R:
        """Register a new record kind; ``cls.kind`` names it. Returns ``cls`` (a decorator)."""
        if not (isinstance(cls, type) and issubclass(cls, Record)):
            raise RegistryError(f"{cls!r} is not a subclass of smeeco.Record")
        name = cls.kind
        if name == Record.kind:
            raise RegistryError(f"{cls.__name__} must set the class variable 'kind'")
        if name in self.kinds and self.kinds[name].cls is not cls:
            raise RegistryError(
                f"kind {name!r} is already registered for {self.kinds[name].cls.__name__};"
                " subclass it and use register_type() to extend it"
            )
        collection = collection or f"{name}s"
        for spec in self.kinds.values():
            if spec.collection == collection and spec.name != name:
                raise RegistryError(
                    f"data-pack key {collection!r} is already used by {spec.name!r}"
                )
        self.kinds[name] = KindSpec(name, collection, cls)
        return cls

    def register_type(self, tag: str, cls: R) -> R:
        """Register ``cls``, a subclass of a registered kind, under a data-pack ``type`` tag."""
        base = self.kinds.get(getattr(cls, "kind", ""))
        if base is None or not issubclass(cls, base.cls):
            raise RegistryError(
                f"{cls!r} must subclass a registered record kind ({', '.join(sorted(self.kinds))})"
            )
        if tag in self.types and self.types[tag] is not cls:
            raise RegistryError(f"type tag {tag!r} is already registered for {self.types[tag]!r}")
        self.types[tag] = cls
        return cls

    def register_relation(self, name: str, description: str) -> None:
        """Allow graph edges of relation ``name``."""
        if not name.isidentifier():
            raise RegistryError(f"relation name {name!r} must be an identifier like 'runs'")
        self.relations[name] = description

    # -- lookups ----------------------------------------------------------------------

    def spec(self, kind: str) -> KindSpec:
        """The spec of ``kind``; :class:`RegistryError` when unknown."""
        try:
            return self.kinds[kind]
        except KeyError:
            raise RegistryError(
                f"unknown record kind {kind!r}; registered kinds: {', '.join(sorted(self.kinds))}"
            ) from None

    def by_collection(self, collection: str) -> KindSpec | None:
        """The kind stored under data-pack key ``collection``."""
        for spec in self.kinds.values():
            if spec.collection == collection:
                return spec
        return None

    def tag_of(self, cls: type[Record]) -> str | None:
        """The type tag of a registered subclass, ``None`` for a kind's own class."""
        for tag, registered in self.types.items():
            if registered is cls:
                return tag
        return None

    def order(self) -> Iterator[KindSpec]:
        """Kinds in registration order (the order of data-pack keys and graph nodes)."""
        return iter(self.kinds.values())


#: The registry used when none is given.
default_registry = Registry.with_builtins()


def register_kind(cls: R, *, collection: str | None = None) -> R:
    """Register a record kind in :data:`default_registry` (see :meth:`Registry.register_kind`)."""
    return default_registry.register_kind(cls, collection=collection)


def register_type(tag: str, cls: R) -> R:
    """Register a subclass in :data:`default_registry` (see :meth:`Registry.register_type`)."""
    return default_registry.register_type(tag, cls)


def register_relation(name: str, description: str) -> None:
    """Register a relation in :data:`default_registry`."""
    default_registry.register_relation(name, description)
