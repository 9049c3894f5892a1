"""Jurisdictions (行政区划): the nation, provinces, cities, districts and townships."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.errors import InvalidValueError
from smeeco.model.common import Record, Reference, optional_id_validator, ref, text_checked
from smeeco.model.context import links, loop_problems

if TYPE_CHECKING:
    from smeeco.errors import Problem
    from smeeco.model.context import CheckContext

__all__ = ["Jurisdiction", "Level"]


class Level(StrEnum):
    """Administrative level of a jurisdiction, agency, platform or award.

    Tianjin is a municipality directly under the central government (直辖市) and so of
    ``provincial`` level; Qingdao is a sub-provincial city (副省级城市), ``municipal``.
    """

    NATIONAL = "national"  # 国家级
    PROVINCIAL = "provincial"  # 省级 (incl. 直辖市)
    MUNICIPAL = "municipal"  # 市级
    DISTRICT = "district"  # 区/县级
    TOWNSHIP = "township"  # 街道/乡镇


def _division_code(_inst: object, _a: attrs.Attribute[Any], value: str) -> None:
    if value and not (len(value) == 6 and value.isascii() and value.isdigit()):
        raise InvalidValueError(
            f"administrative division code {value!r} must be 6 digits (GB/T 2260), e.g. '120000'"
        )


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class Jurisdiction(Record):
    """An administrative area: China, Shandong, Tianjin, Qingdao, Binhai New Area…"""

    kind: ClassVar[str] = "jurisdiction"

    level: Level = attrs.field(converter=Level)
    parent: str | None = attrs.field(default=None, validator=optional_id_validator)
    #: The 6-digit administrative division code (行政区划代码, GB/T 2260), e.g. 120000.
    code: str = attrs.field(default="", validator=_division_code)

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        if self.parent is not None:
            yield ref("parent", self.parent, "jurisdiction", relation="part_of")

    def check(self, context: CheckContext) -> Iterator[Problem]:
        """The ``parent`` chain does not loop back."""
        if self.parent is not None:
            yield from loop_problems(
                self, "parent", _PARENT, context, "a jurisdiction cannot lie within itself"
            )

    def node_attributes(self) -> dict[str, Any]:
        attributes = {**super().node_attributes(), "level": self.level.value}
        if self.code:
            attributes["code"] = self.code
        return attributes


_PARENT = links("parent")
