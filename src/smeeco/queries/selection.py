"""Choosing measures: by agency and role, beneficiary, instrument and document, on a date.

One filter for every place that narrows measures — :func:`smeeco.table`,
:func:`smeeco.search` and the commands that expose them — so ``--agency`` means the same
everywhere.

Examples
--------
>>> import smeeco
>>> eco = smeeco.load("example")
>>> [m.number for m in smeeco.select_measures(eco, agency="示例市财政局", role="lead")]
['(一)']
>>> [m.number for m in smeeco.select_measures(eco, instrument="guarantee")]
['(三)']
"""

from __future__ import annotations

import datetime as dt

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import InvalidValueError
from smeeco.model import Agency, BeneficiaryGroup, Measure, PolicyDocument, Role

__all__ = ["MeasureFilter", "measures_in_order", "select_measures"]

AsOf = dt.date | str | None


def measures_in_order(eco: Ecosystem) -> tuple[Measure, ...]:
    """Every measure of ``eco`` grouped by document (in the ecosystem's document order),
    then by ordinal: the order in which a reader meets them."""
    order = {d.id: i for i, d in enumerate(eco.documents)}
    return tuple(
        sorted(eco.measures, key=lambda m: (order.get(m.document, len(order)), m.ordinal))
    )


def _role(value: Role | str | None) -> Role | None:
    if value is None:
        return None
    try:
        return Role(value)
    except ValueError:
        raise InvalidValueError(
            f"unknown role {value!r}; use one of {', '.join(r.value for r in Role)}", "role"
        ) from None


@attrs.frozen
class MeasureFilter:
    """Resolved filters: ids, not names (build one with :meth:`resolve`).

    ``agency`` keeps measures the unit holds (in ``role`` when given; ``role`` alone keeps
    measures with at least one unit in that role); ``beneficiary`` keeps measures naming
    the group or a broader group it belongs to (a measure for 中小微企业 reaches
    小微企业); ``instrument`` matches the measure's instrument words exactly
    (case-insensitively); ``document`` keeps one document's measures.
    """

    agency: str | None = None
    role: Role | None = None
    beneficiaries: frozenset[str] | None = None
    instrument: str | None = None
    document: str | None = None

    @classmethod
    def resolve(
        cls,
        eco: Ecosystem,
        *,
        agency: str | Agency | None = None,
        role: Role | str | None = None,
        beneficiary: str | BeneficiaryGroup | None = None,
        instrument: str | None = None,
        document: str | PolicyDocument | None = None,
    ) -> MeasureFilter:
        """Look the names up in ``eco`` (ids, names or aliases); unknown names raise
        :class:`~smeeco.UnknownReferenceError` with suggestions."""
        agency_id = _id(eco, agency, "agency")
        document_id = _id(eco, document, "document")
        groups: frozenset[str] | None = None
        if beneficiary is not None:
            wanted = _id(eco, beneficiary, "beneficiary")
            assert wanted is not None
            # the group and every broader group it is part of
            found = {wanted}
            stack = [wanted]
            while stack:
                group = eco.get(stack.pop(), BeneficiaryGroup)
                for parent in group.broader if group is not None else ():
                    if parent not in found:
                        found.add(parent)
                        stack.append(parent)
            groups = frozenset(found)
        return cls(
            agency=agency_id,
            role=_role(role),
            beneficiaries=groups,
            instrument=instrument.strip().casefold() if instrument else None,
            document=document_id,
        )

    @property
    def is_empty(self) -> bool:
        """Whether the filter keeps every measure."""
        return self == MeasureFilter()

    def keeps(self, measure: Measure) -> bool:
        """Whether ``measure`` passes every filter."""
        if self.document is not None and measure.document != self.document:
            return False
        if (self.agency is not None or self.role is not None) and not any(
            self.keeps_unit(r.unit, r.role) for r in measure.responsibilities
        ):
            return False
        if self.beneficiaries is not None and not self.beneficiaries.intersection(
            measure.beneficiaries
        ):
            return False
        return self.instrument is None or any(
            i.casefold() == self.instrument for i in measure.instruments
        )

    def keeps_unit(self, unit: str, role: Role) -> bool:
        """Whether a responsibility of ``unit`` in ``role`` passes the agency and role filters."""
        return (self.agency is None or unit == self.agency) and (
            self.role is None or role is self.role
        )


def _id(eco: Ecosystem, value: object, kind: str) -> str | None:
    if value is None:
        return None
    if hasattr(value, "id") and isinstance(value.id, str):
        return value.id
    text = str(value)
    if text in eco and eco[text].kind == kind:
        return text
    return eco.resolve(text, kind).id


def select_measures(
    eco: Ecosystem,
    *,
    agency: str | Agency | None = None,
    role: Role | str | None = None,
    beneficiary: str | BeneficiaryGroup | None = None,
    instrument: str | None = None,
    document: str | PolicyDocument | None = None,
    as_of: AsOf = None,
) -> tuple[Measure, ...]:
    """The measures that pass every filter, in document order (see :class:`MeasureFilter`).

    On ``as_of``, only measures in force that day, with units passed to successors.
    """
    if as_of is not None:
        eco = eco.at(as_of)
    chosen = MeasureFilter.resolve(
        eco,
        agency=agency,
        role=role,
        beneficiary=beneficiary,
        instrument=instrument,
        document=document,
    )
    return tuple(m for m in measures_in_order(eco) if chosen.keeps(m))
