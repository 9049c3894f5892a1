"""Funds (资金, 基金) and the risk-sharing arrangements behind guarantees.

>>> rs = RiskSharing.from_ratio("2:2:4:2", ["national-fund", "tj-fund", "guarantor", "bank"])
>>> [str(s.share) for s in rs.shares]
['0.2', '0.2', '0.4', '0.2']
>>> [(party, str(amount)) for party, amount in rs.allocate(Money.parse("100万元"))]
[('national-fund', '20万元'), ('tj-fund', '20万元'), ('guarantor', '40万元'), ('bank', '20万元')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_FLOOR, Decimal, InvalidOperation, localcontext
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.errors import InvalidValueError
from smeeco.model.common import (
    EXACT,
    Money,
    Record,
    Reference,
    _canonical,
    id_field_validator,
    ids_validator,
    optional_amount,
    optional_id_validator,
    ref,
    text_checked,
)
from smeeco.model.context import links, loop_problems
from smeeco.model.jurisdiction import Level

if TYPE_CHECKING:
    from smeeco.errors import Problem
    from smeeco.model.context import CheckContext

__all__ = ["Fund", "FundKind", "RiskSharing", "Share", "parse_share"]


class FundKind(StrEnum):
    """What sort of fund."""

    SPECIAL_FUND = "special_fund"  # 专项资金 (budget line)
    GUIDANCE_FUND = "guidance_fund"  # 引导基金
    INDUSTRY_FUND = "industry_fund"  # 产业(投资)基金
    SUB_FUND = "sub_fund"  # 子基金
    GUARANTEE_FUND = "guarantee_fund"  # 融资担保基金
    RISK_COMPENSATION = "risk_compensation"  # 风险补偿(资金池)
    BRIDGE_LOAN_FUND = "bridge_loan_fund"  # 转贷(引导)基金
    OTHER = "other"


def parse_share(value: Any) -> Decimal:
    """Read a share: ``0.2``, ``"0.2"``, ``"20%"``, ``"1/5"`` or a :class:`~fractions.Fraction`.

    >>> parse_share("20%"), parse_share("1/5"), parse_share(0.3)
    (Decimal('0.2'), Decimal('0.2'), Decimal('0.3'))
    """
    if isinstance(value, bool):
        raise InvalidValueError(f"share {value!r} is not a number")
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, Fraction):
            result = Decimal(value.numerator) / Decimal(value.denominator)
        elif isinstance(value, int):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(repr(value))
        elif isinstance(value, str):
            text = value.strip().replace("％", "%")
            if text.endswith("%"):
                result = Decimal(text[:-1].strip()).scaleb(-2, EXACT)
            elif "/" in text:
                num, den = text.split("/", 1)
                result = Decimal(num.strip()) / Decimal(den.strip())
            else:
                result = Decimal(text)
        else:
            raise InvalidValueError(f"share {value!r} is not a number")
    except (InvalidOperation, ZeroDivisionError, ValueError):
        raise InvalidValueError(f"cannot read share {value!r}: write 0.2, '20%' or '1/5'") from None
    if not result.is_finite() or not 0 <= result <= 1:
        raise InvalidValueError(f"share {value!r} must lie between 0 and 1 (0 % to 100 %)")
    return _canonical(result)


@attrs.frozen(field_transformer=text_checked)
class Share:
    """One party's share of a loss; ``party`` is an agency or fund id."""

    party: str = attrs.field(validator=id_field_validator)
    share: Decimal = attrs.field(converter=parse_share)
    label: str = ""  # how the text names the party, e.g. 市区政府性融资担保机构


def _shares(value: Iterable[Share]) -> tuple[Share, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=text_checked)
class RiskSharing:
    """How a loss is divided among parties; the shares sum to exactly 1.

    ``basis`` says in words what is shared (e.g. "guaranteed loans that default").
    """

    shares: tuple[Share, ...] = attrs.field(converter=_shares)
    basis: str = ""
    ratio: str = ""  # as the text writes it, e.g. 2:2:4:2

    def __attrs_post_init__(self) -> None:
        if not self.shares:
            raise InvalidValueError("a risk-sharing arrangement needs at least one party", "shares")
        total = Decimal(0)
        for s in self.shares:
            total = EXACT.add(total, s.share)
        if total != 1:
            listed = " + ".join(str(s.share) for s in self.shares)
            raise InvalidValueError(
                f"risk shares sum to {total} ({listed}), not 1; correct the shares"
                " (or build them with RiskSharing.from_ratio)",
                "shares",
            )
        parties = [s.party for s in self.shares]
        for i, party in enumerate(parties):
            if party in parties[:i]:
                raise InvalidValueError(
                    f"party {party!r} has two shares: {parties}", f"shares[{i}].party"
                )

    @classmethod
    def from_ratio(
        cls, ratio: str, parties: Sequence[str], *, basis: str = "", labels: Sequence[str] = ()
    ) -> RiskSharing:
        """Build from a ratio as policy texts write it ("2:2:4:2", full-width colons too)."""
        parts = [p.strip() for p in ratio.replace("：", ":").split(":")]
        if len(parts) != len(parties):
            raise InvalidValueError(
                f"ratio {ratio!r} has {len(parts)} parts but {len(parties)} parties are named"
            )
        try:
            weights = [Decimal(p) for p in parts]
        except InvalidOperation:
            raise InvalidValueError(f"cannot read ratio {ratio!r}: write it like 2:2:4:2") from None
        total = sum(weights, Decimal(0))
        if total <= 0 or any(w < 0 for w in weights):
            raise InvalidValueError(f"ratio {ratio!r} needs non-negative parts with a positive sum")
        names = list(labels) or [""] * len(parties)
        fractions = [w / total for w in weights]
        # Shares like 1/3 have no exact decimal: the party with the largest weight (the
        # first such) takes the rounding residue, so the shares still sum to exactly 1.
        largest = weights.index(max(weights))
        rest = Decimal(0)
        for i, f in enumerate(fractions):
            if i != largest:
                rest = EXACT.add(rest, f)
        fractions[largest] = EXACT.subtract(Decimal(1), rest)
        shares = tuple(
            Share(p, f, label) for p, f, label in zip(parties, fractions, names, strict=True)
        )
        return cls(shares, basis=basis, ratio=ratio.replace("：", ":"))

    def share_of(self, party: str) -> Decimal:
        """The share of ``party`` (0 when it has none)."""
        for s in self.shares:
            if s.party == party:
                return s.share
        return Decimal(0)

    def allocate(self, loss: Money) -> tuple[tuple[str, Money], ...]:
        """Divide ``loss`` among the parties, to the fen, so the parts add up exactly.

        Remainders from rounding go, one fen at a time, to the parties with the largest
        fractional parts (ties: the party listed first).
        """
        with localcontext(EXACT):  # exact whatever the size of the loss
            fen = loss.yuan.scaleb(2)
            total_fen = fen.to_integral_value()
            if total_fen != fen:
                raise InvalidValueError(f"loss {loss} is not a whole number of fen")
            raw = [s.share * total_fen for s in self.shares]
            floors = [r.to_integral_value(rounding=ROUND_FLOOR) for r in raw]
            left = int(total_fen - sum(floors, Decimal(0)))
            order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
            for i in order[:left]:
                floors[i] += 1
            parts = [f.scaleb(-2) for f in floors]
        return tuple((s.party, Money(p)) for s, p in zip(self.shares, parts, strict=True))


def _optional_share(value: Any) -> Decimal | None:
    return None if value is None else parse_share(value)


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class Fund(Record):
    """A fund or budget line.

    ``size`` is the total scale (总规模); ``annual_budget`` what is arranged each year;
    ``manager`` the agency that manages it; ``parent`` the fund a sub-fund belongs to;
    ``partners`` funds it co-invests with; ``supports`` the tiers, beneficiary groups or
    platforms it pays for; ``compensation_rate`` the share of a loss it makes good (the
    30 % Qingdao pays on bank–insurer bad loans); ``risk_sharing`` how a guarantee loss
    is split.
    """

    kind: ClassVar[str] = "fund"

    fund_kind: FundKind = attrs.field(default=FundKind.OTHER, converter=FundKind)
    level: Level | None = attrs.field(default=None, converter=attrs.converters.optional(Level))
    size: Money | None = attrs.field(default=None, converter=optional_amount)
    annual_budget: Money | None = attrs.field(default=None, converter=optional_amount)
    manager: str | None = attrs.field(default=None, validator=optional_id_validator)
    jurisdiction: str | None = attrs.field(default=None, validator=optional_id_validator)
    parent: str | None = attrs.field(default=None, validator=optional_id_validator)
    partners: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    supports: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    compensation_rate: Decimal | None = attrs.field(default=None, converter=_optional_share)
    risk_sharing: RiskSharing | None = None

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        if self.manager is not None:
            yield ref("manager", self.manager, "agency", relation="manages", reverse=True)
        if self.jurisdiction is not None:
            yield ref("jurisdiction", self.jurisdiction, "jurisdiction", relation="located_in")
        if self.parent is not None:
            yield ref("parent", self.parent, "fund", relation="part_of")
        for i, partner in enumerate(self.partners):
            yield ref(f"partners[{i}]", partner, "fund", relation="partners_with")
        for i, target in enumerate(self.supports):
            yield ref(
                f"supports[{i}]",
                target,
                "tier",
                "beneficiary",
                "platform",
                "enterprise",
                relation="funds",
            )
        if self.risk_sharing is not None:
            for i, s in enumerate(self.risk_sharing.shares):
                yield ref(
                    f"risk_sharing.shares[{i}].party",
                    s.party,
                    "agency",
                    "fund",
                    relation="shares_risk",
                    reverse=True,
                    share=str(s.share),
                    order=i,
                )

    def check(self, context: CheckContext) -> Iterator[Problem]:
        """The ``parent`` chain does not loop back."""
        if self.parent is not None:
            yield from loop_problems(
                self, "parent", _PARENT, context, "a fund cannot be its own sub-fund"
            )

    def node_attributes(self) -> dict[str, Any]:
        attributes = super().node_attributes()
        attributes["fund_kind"] = self.fund_kind.value
        if self.level is not None:
            attributes["level"] = self.level.value
        if self.size is not None:
            attributes["size_yuan"] = str(self.size.yuan)
        if self.annual_budget is not None:
            attributes["annual_budget_yuan"] = str(self.annual_budget.yuan)
        return attributes


_PARENT = links("parent")
