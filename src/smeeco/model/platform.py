"""Service platforms (服务平台) and carriers (载体): demonstration platforms, 双创 bases,
incubators, makerspaces, industrial-internet platforms and platform networks."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.model.common import Record, Reference, optional_id_validator, ref, text_checked
from smeeco.model.context import links, loop_problems
from smeeco.model.jurisdiction import Level

if TYPE_CHECKING:
    from smeeco.errors import Problem
    from smeeco.model.context import CheckContext

__all__ = ["NetworkRole", "Platform", "PlatformKind"]


class PlatformKind(StrEnum):
    """What sort of platform or carrier."""

    PUBLIC_SERVICE = "public_service"  # 中小企业公共服务(示范)平台
    INNOVATION_BASE = "innovation_base"  # 小型微型企业创业创新(示范)基地
    INCUBATOR = "incubator"  # 科技企业孵化器
    MAKERSPACE = "makerspace"  # 众创空间
    INDUSTRIAL_INTERNET = "industrial_internet"  # 工业互联网平台
    NETWORK = "network"  # 服务平台网络 as a whole
    FINANCING = "financing"  # 融资服务平台 (津心融, 融资通)
    INFORMATION = "information"  # 信息/共享平台
    COLLABORATIVE_INNOVATION = "collaborative_innovation"  # 大中小企业协同创新平台
    INDUSTRIAL_PARK = "industrial_park"  # 产业园, 集聚区
    RESEARCH_INSTITUTION = "research_institution"  # 工程研究中心, 技术中心
    SERVICE_INSTITUTION = "service_institution"  # 公共服务机构
    OTHER = "other"


class NetworkRole(StrEnum):
    """The place of a platform in a platform network (Tianjin's 1+16+N)."""

    HUB = "hub"  # 枢纽平台
    WINDOW = "window"  # 窗口平台
    NODE = "node"  # other member


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class Platform(Record):
    """A service platform, base or carrier; ``network`` names the network it belongs to."""

    kind: ClassVar[str] = "platform"

    platform_kind: PlatformKind = attrs.field(converter=PlatformKind)
    level: Level | None = attrs.field(default=None, converter=attrs.converters.optional(Level))
    operator: str | None = attrs.field(default=None, validator=optional_id_validator)
    jurisdiction: str | None = attrs.field(default=None, validator=optional_id_validator)
    network: str | None = attrs.field(default=None, validator=optional_id_validator)
    network_role: NetworkRole | None = attrs.field(
        default=None, converter=attrs.converters.optional(NetworkRole)
    )

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        if self.operator is not None:
            yield ref(
                "operator",
                self.operator,
                "agency",
                "enterprise",
                relation="operates",
                reverse=True,
            )
        if self.jurisdiction is not None:
            yield ref("jurisdiction", self.jurisdiction, "jurisdiction", relation="located_in")
        if self.network is not None:
            role = self.network_role.value if self.network_role else NetworkRole.NODE.value
            yield ref("network", self.network, "platform", relation="member_of", role=role)

    def check(self, context: CheckContext) -> Iterator[Problem]:
        """The ``network`` chain does not loop back."""
        if self.network is not None:
            yield from loop_problems(
                self, "network", _NETWORK, context, "a network cannot be a member of itself"
            )

    def node_attributes(self) -> dict[str, Any]:
        attributes = super().node_attributes()
        attributes["platform_kind"] = self.platform_kind.value
        if self.level is not None:
            attributes["level"] = self.level.value
        if self.network_role is not None:
            attributes["network_role"] = self.network_role.value
        return attributes


_NETWORK = links("network")
