"""The record types of smeeco, one module per concept."""

from smeeco.model.agency import Agency, AgencyKind
from smeeco.model.beneficiary import SIZE_CLASSES, BeneficiaryGroup
from smeeco.model.deadline import Deadline, DeadlineReading
from smeeco.model.document import (
    DocumentKind,
    Measure,
    PolicyDocument,
    Responsibility,
    Role,
    Section,
)
from smeeco.model.enterprise import Enterprise, TierMembership, is_valid_credit_code
from smeeco.model.fund import Fund, FundKind, RiskSharing, Share
from smeeco.model.indicator import Indicator, Observation, Progress, Qualifier, Target, Unit
from smeeco.model.jurisdiction import Jurisdiction, Level
from smeeco.model.platform import NetworkRole, Platform, PlatformKind
from smeeco.model.record import Record, Reference, ref
from smeeco.model.tier import CriteriaVersion, Tier, TierLadder
from smeeco.model.values import Money, Name, Period, Source

__all__ = [
    "SIZE_CLASSES",
    "Agency",
    "AgencyKind",
    "BeneficiaryGroup",
    "CriteriaVersion",
    "Deadline",
    "DeadlineReading",
    "DocumentKind",
    "Enterprise",
    "Fund",
    "FundKind",
    "Indicator",
    "Jurisdiction",
    "Level",
    "Measure",
    "Money",
    "Name",
    "NetworkRole",
    "Observation",
    "Period",
    "Platform",
    "PlatformKind",
    "PolicyDocument",
    "Progress",
    "Qualifier",
    "Record",
    "Reference",
    "Responsibility",
    "RiskSharing",
    "Role",
    "Section",
    "Share",
    "Source",
    "Target",
    "Tier",
    "TierLadder",
    "TierMembership",
    "Unit",
    "is_valid_credit_code",
    "ref",
]
