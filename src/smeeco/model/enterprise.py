"""Enterprises, their 统一社会信用代码, and their dated tier memberships.

>>> is_valid_credit_code("91350100M000100Y43")
True
>>> is_valid_credit_code("91350100M000100Y44")
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.errors import CreditCodeError, InvalidValueError
from smeeco.model.common import (
    Money,
    Record,
    Reference,
    Source,
    _optional_date,
    id_field_validator,
    optional_amount,
    optional_id_validator,
    ref,
    text_checked,
)

if TYPE_CHECKING:
    from smeeco.model.context import DateContext

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "Enterprise",
    "TierMembership",
    "check_credit_code",
    "credit_code_check_char",
    "is_valid_credit_code",
]

#: The 31 characters a unified social credit code may use (GB 32100-2015): digits and
#: capital letters without I, O, Z, S, V. A character's value is its index here.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """The check character (18th) for the first 17 characters of a credit code.

    GB 32100-2015: C18 = 31 - (Σ Ci·Wi mod 31), with 31 written as ``0``.

    >>> credit_code_check_char("91350100M000100Y4")
    '3'
    """
    if len(first17) != 17:
        raise CreditCodeError(f"need the first 17 characters of a credit code, got {first17!r}")
    total = 0
    for char, weight in zip(first17, _WEIGHTS, strict=True):
        value = CREDIT_CODE_ALPHABET.find(char)
        if value < 0:
            raise CreditCodeError(
                f"credit code {first17!r} has {char!r}, which GB 32100-2015 does not use"
                " (digits and A-Y without I, O, S, V, Z)"
            )
        total += value * weight
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def check_credit_code(code: str) -> str:
    """Return ``code`` if it is a valid 统一社会信用代码, else raise :class:`CreditCodeError`."""
    if not isinstance(code, str) or len(code) != 18:
        raise CreditCodeError(
            f"credit code {code!r} must be 18 characters (GB 32100-2015), e.g. 91350100M000100Y43"
        )
    if not code[2:8].isdigit():
        raise CreditCodeError(
            f"credit code {code!r}: characters 3-8 must be the 6-digit administrative division code"
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise CreditCodeError(
            f"credit code {code!r} fails its check digit: the 18th character should be"
            f" {expected!r}; re-read the code from the business licence"
        )
    return code


def is_valid_credit_code(code: str) -> bool:
    """Whether ``code`` is a well-formed credit code with a correct check digit."""
    try:
        check_credit_code(code)
    except CreditCodeError:
        return False
    return True


def _credit_code(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        try:
            check_credit_code(value)
        except CreditCodeError as exc:
            raise exc.at(attribute.name) from None


@attrs.frozen(field_transformer=text_checked)
class TierMembership:
    """An enterprise's recognition in a tier, from ``awarded`` to ``expires``.

    ``revoked`` ends a membership early (a 小巨人 that fails re-review, 复核).
    """

    tier: str = attrs.field(validator=id_field_validator)
    awarded: dt.date | None = attrs.field(default=None, converter=_optional_date)
    expires: dt.date | None = attrs.field(default=None, converter=_optional_date)
    revoked: dt.date | None = attrs.field(default=None, converter=_optional_date)
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        if self.awarded and self.expires and self.expires < self.awarded:
            raise InvalidValueError(
                f"membership of {self.tier!r} expires ({self.expires}) before it was awarded"
                f" ({self.awarded})",
                "expires",
            )
        if self.awarded and self.revoked and self.revoked < self.awarded:
            raise InvalidValueError(
                f"membership of {self.tier!r} revoked ({self.revoked}) before it was awarded"
                f" ({self.awarded})",
                "revoked",
            )

    def active_on(self, day: dt.date) -> bool:
        """Whether the membership holds on ``day``."""
        if self.awarded is not None and day < self.awarded:
            return False
        if self.expires is not None and day > self.expires:
            return False
        return not (self.revoked is not None and day >= self.revoked)


def _memberships(value: Iterable[TierMembership]) -> tuple[TierMembership, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class Enterprise(Record):
    """A named enterprise.

    ``industry`` uses the industry names of the size-class standard (工业, 批发业…);
    ``revenue`` (营业收入) and ``total_assets`` (资产总额) are :class:`Money`;
    ``employees`` is 从业人员 in persons.
    """

    kind: ClassVar[str] = "enterprise"

    credit_code: str | None = attrs.field(default=None, validator=_credit_code)
    industry: str | None = None
    employees: int | None = None
    revenue: Money | None = attrs.field(default=None, converter=optional_amount)
    total_assets: Money | None = attrs.field(default=None, converter=optional_amount)
    founded: dt.date | None = attrs.field(default=None, converter=_optional_date)
    region: str | None = attrs.field(default=None, validator=optional_id_validator)
    ownership: str | None = None
    memberships: tuple[TierMembership, ...] = attrs.field(default=(), converter=_memberships)

    def __attrs_post_init__(self) -> None:
        if self.employees is not None and self.employees < 0:
            raise InvalidValueError(f"employees {self.employees} cannot be negative", "employees")

    def tiers_on(self, day: dt.date) -> tuple[str, ...]:
        """Ids of the tiers the enterprise belongs to on ``day``."""
        return tuple(m.tier for m in self.memberships if m.active_on(day))

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        if self.region is not None:
            yield ref("region", self.region, "jurisdiction", relation="located_in")
        for i, m in enumerate(self.memberships):
            edge: dict[str, Any] = {}
            if m.awarded:
                edge["awarded"] = m.awarded.isoformat()
            if m.expires:
                edge["expires"] = m.expires.isoformat()
            if m.revoked:
                edge["revoked"] = m.revoked.isoformat()
            yield ref(f"memberships[{i}].tier", m.tier, "tier", relation="member_of", **edge)
            if m.source is not None:
                yield ref(f"memberships[{i}].source.document", m.source.document, "document")

    def at(self, day: dt.date, context: DateContext) -> Enterprise | None:
        """In force on ``day`` with only the tier memberships active that day."""
        if not self.in_force(day):
            return None
        active = tuple(m for m in self.memberships if m.active_on(day))
        return self if active == self.memberships else attrs.evolve(self, memberships=active)

    def node_attributes(self) -> dict[str, Any]:
        attributes = super().node_attributes()
        for key in ("credit_code", "industry", "employees", "ownership"):
            value = getattr(self, key)
            if value is not None:
                attributes[key] = value
        return attributes
