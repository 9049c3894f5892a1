"""Identifiers: what an id may look like.

Ids are plain strings (``str``), lower-case ASCII words joined by ``-`` or ``.``
(``tj-miit``, ``tj-2022-measures.m04``) so that they survive every export format.

The per-kind names (``AgencyId``, ``MeasureId``…) were ``NewType`` wrappers that no record
field used, so they told mypy nothing; they are now plain aliases of ``str``, kept for
one release so that ``DocumentId("x")`` still works, and will be removed. Write ``str``.

>>> bool(ID_PATTERN.match("tj-2022-measures.m04")), bool(ID_PATTERN.match("Tj MIIT"))
(True, False)
"""

from __future__ import annotations

import re
from typing import TypeAlias

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

RecordId: TypeAlias = str
AgencyId: TypeAlias = str
BeneficiaryId: TypeAlias = str
DocumentId: TypeAlias = str
EnterpriseId: TypeAlias = str
FundId: TypeAlias = str
IndicatorId: TypeAlias = str
JurisdictionId: TypeAlias = str
LadderId: TypeAlias = str
MeasureId: TypeAlias = str
PlatformId: TypeAlias = str
TierId: TypeAlias = str

#: What an id may look like: starts with a letter or digit; letters, digits, ``-``, ``_``, ``.``.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
