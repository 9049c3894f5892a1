"""Agencies: the responsible units (责任单位) that lead, support, fund or carry out measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.errors import InvalidValueError, Problem
from smeeco.model.common import (
    Record,
    Reference,
    ids_validator,
    optional_id_validator,
    ref,
    text_checked,
)
from smeeco.model.context import links, loop_problems
from smeeco.model.jurisdiction import Level

if TYPE_CHECKING:
    from smeeco.model.context import CheckContext, DateContext, Lookup

__all__ = ["Agency", "AgencyKind"]


class AgencyKind(StrEnum):
    """What sort of unit an agency is."""

    GOVERNMENT = "government"  # 人民政府
    DEPARTMENT = "department"  # 政府部门: 局, 委, 办
    LEADING_GROUP = "leading_group"  # 领导小组
    LEADING_GROUP_OFFICE = "leading_group_office"  # 领导小组办公室
    CENTRAL_BANK_BRANCH = "central_bank_branch"  # 人民银行分支机构
    REGULATOR_BRANCH = "regulator_branch"  # 银保监局, 证监局, 金融监管局
    CUSTOMS = "customs"  # 海关
    TAX = "tax"  # 税务局
    POLICY_BANK_BRANCH = "policy_bank_branch"  # 国家开发银行分行…
    FINANCIAL_INSTITUTION = "financial_institution"  # banks, guarantors, insurers
    ASSOCIATION = "association"  # 工商联, 贸促会, 行业协会
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位, service centres
    PEOPLES_CONGRESS = "peoples_congress"  # 人大
    POLITICAL_CONSULTATIVE = "political_consultative"  # 政协
    COLLECTIVE = "collective"  # 各区人民政府, 领导小组各成员单位
    OTHER = "other"


def _agency_kind(value: Any) -> AgencyKind:
    """A member passed through as it is (what AgencyKind(member) returns, without the call)."""
    return value if type(value) is AgencyKind else AgencyKind(value)


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class Agency(Record):
    """A responsible unit (责任单位).

    Agencies are renamed and merged; a reorganised agency keeps its record with a
    ``valid`` period that ends, and names its ``successors``. A *collective* unit
    (各区人民政府, 市领导小组各成员单位) stands for a group; ``members`` names the
    members where they are known and ``member_rule`` says in words who belongs.
    """

    kind: ClassVar[str] = "agency"

    agency_kind: AgencyKind = attrs.field(default=AgencyKind.DEPARTMENT, converter=_agency_kind)
    level: Level | None = attrs.field(default=None, converter=attrs.converters.optional(Level))
    jurisdiction: str | None = attrs.field(default=None, validator=optional_id_validator)
    parent: str | None = attrs.field(default=None, validator=optional_id_validator)
    successors: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    collective: bool = False
    members: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    member_rule: str = ""

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        if self.jurisdiction is not None:
            yield ref("jurisdiction", self.jurisdiction, "jurisdiction", relation="located_in")
        if self.parent is not None:
            yield ref("parent", self.parent, "agency", relation="part_of")
        for i, successor in enumerate(self.successors):
            yield ref(f"successors[{i}]", successor, "agency", relation="succeeded_by")
        for i, member in enumerate(self.members):
            yield ref(
                f"members[{i}]", member, "agency", relation="member_of", reverse=True, order=i
            )

    def node_attributes(self) -> dict[str, Any]:
        attributes = super().node_attributes()
        attributes["agency_kind"] = self.agency_kind.value
        attributes["collective"] = self.collective
        if self.level is not None:
            attributes["level"] = self.level.value
        return attributes

    def check(self, context: CheckContext) -> Iterator[Problem]:
        """Successors: the agency ends, is not its own successor, successors start after it;
        ``parent``, ``members`` and ``successors`` links do not go round in a loop."""
        if self.successors and self.valid.end is None:
            yield InvalidValueError(
                f"agency {self.id!r} names successors but its validity has no end;"
                " set valid.end to its last day",
                "valid.end",
            )
        for i, successor_id in enumerate(self.successors):
            successor = context.get(successor_id)
            if successor_id == self.id:
                yield InvalidValueError("an agency cannot succeed itself", f"successors[{i}]")
            elif (
                isinstance(successor, Agency)
                and successor.valid.start is not None
                and self.valid.start is not None
                and successor.valid.start < self.valid.start
            ):
                yield InvalidValueError(
                    f"successor {successor_id!r} starts on {successor.valid.start}, before"
                    f" {self.id!r} itself ({self.valid.start}); dates out of order",
                    f"successors[{i}]",
                )
        if self.parent is not None:
            yield from loop_problems(
                self, "parent", links("parent"), context, "an agency cannot be part of itself"
            )
        if self.members:
            yield from loop_problems(
                self, "members", links("members"), context, "a collective cannot contain itself"
            )
        if self.successors and self.id not in self.successors:
            yield from loop_problems(
                self,
                "successors",
                links("successors"),
                context,
                "an agency cannot be succeeded by a unit it succeeded",
            )

    def holder_on(self, day: dt.date, context: Lookup) -> str | None:
        """The agency that holds this one's responsibilities on ``day``.

        Itself when in force; else its first successor in force, followed through renames
        and mergers; ``None`` when no unit in the chain is in force.
        """
        seen: set[str] = set()
        frontier: list[Agency] = [self]
        while frontier:
            agency = frontier.pop(0)
            if agency.id in seen:
                continue
            seen.add(agency.id)
            if agency.in_force(day):
                return agency.id
            if agency.valid.end is not None and day > agency.valid.end:
                for successor_id in agency.successors:
                    successor = context.get(successor_id)
                    if isinstance(successor, Agency):
                        frontier.append(successor)
        return None

    def why_absent(self, day: dt.date, context: DateContext) -> str:
        if self.valid.end is not None and day > self.valid.end:
            successor = context.current_unit(self.id, day)
            holder = context.get(successor) if successor is not None else None
            if holder is not None:
                what = f"{self.kind} {self.id!r} ({self.label()})"
                return (
                    f"{what} ended on {self.valid.end}; on {day} its responsibilities are"
                    f" held by {holder.id!r} ({holder.label()})"
                )
        return super().why_absent(day, context)
