"""Beneficiary groups: who a measure is for (小微企业, 专精特新中小企业, 个体工商户…)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.model.common import Record, Reference, ids_validator, ref, text_checked
from smeeco.model.context import links, loop_problems

if TYPE_CHECKING:
    from smeeco.errors import Problem
    from smeeco.model.context import CheckContext

__all__ = ["SIZE_CLASSES", "BeneficiaryGroup"]

#: Size classes of the 2011 standard (中小企业划型标准规定), smallest first.
SIZE_CLASSES = ("micro", "small", "medium", "large")


def _size_classes(_inst: object, _a: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    from smeeco.errors import InvalidValueError

    for i, item in enumerate(value):
        if item not in SIZE_CLASSES:
            raise InvalidValueError(
                f"unknown size class {item!r}; use one of {', '.join(SIZE_CLASSES)}",
                f"size_classes[{i}]",
            )


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class BeneficiaryGroup(Record):
    """A group a measure is meant to reach.

    ``broader`` names wider groups (小微企业 is part of 中小微企业); ``size_classes`` the
    size classes it covers, when it is defined by size; ``tiers`` the tiers whose members
    make up the group (专精特新中小企业 ↔ the municipal 专精特新 tier).
    """

    kind: ClassVar[str] = "beneficiary"

    description: str = ""
    broader: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    size_classes: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, validator=_size_classes
    )
    tiers: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        for i, group in enumerate(self.broader):
            yield ref(f"broader[{i}]", group, "beneficiary", relation="part_of")
        for i, tier in enumerate(self.tiers):
            yield ref(f"tiers[{i}]", tier, "tier", relation="defined_by")

    def check(self, context: CheckContext) -> Iterator[Problem]:
        """The ``broader`` groups do not loop back."""
        if self.broader:
            yield from loop_problems(
                self, "broader", _BROADER, context, "a group cannot be part of itself"
            )

    def node_attributes(self) -> dict[str, Any]:
        attributes = super().node_attributes()
        if self.size_classes:
            attributes["size_classes"] = ",".join(self.size_classes)
        return attributes


_BROADER = links("broader")
