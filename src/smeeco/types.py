"""Identifier types shared across smeeco.

Ids are plain strings at run time; the ``NewType`` wrappers let mypy tell an agency id
from a measure id. Ids are lower-case ASCII words joined by ``-`` or ``.``
(``tj-miit``, ``tj-2022-measures.m04``) so that they survive every export format.
"""

from __future__ import annotations

import re
from typing import NewType

__all__ = [
    "ID_PATTERN",
    "AgencyId",
    "BeneficiaryId",
    "DocumentId",
    "EnterpriseId",
    "FundId",
    "IndicatorId",
    "JurisdictionId",
    "LadderId",
    "MeasureId",
    "PlatformId",
    "RecordId",
    "TierId",
]

RecordId = NewType("RecordId", str)
AgencyId = NewType("AgencyId", str)
BeneficiaryId = NewType("BeneficiaryId", str)
DocumentId = NewType("DocumentId", str)
EnterpriseId = NewType("EnterpriseId", str)
FundId = NewType("FundId", str)
IndicatorId = NewType("IndicatorId", str)
JurisdictionId = NewType("JurisdictionId", str)
LadderId = NewType("LadderId", str)
MeasureId = NewType("MeasureId", str)
PlatformId = NewType("PlatformId", str)
TierId = NewType("TierId", str)

#: What an id may look like: starts with a letter or digit; letters, digits, ``-``, ``_``, ``.``.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
