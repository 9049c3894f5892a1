"""Beneficiaries, tiers, places and indicators (a re-export module).

The queries live in one module per noun: :mod:`smeeco.queries.beneficiaries`,
:mod:`smeeco.queries.tiers`, :mod:`smeeco.queries.places` and
:mod:`smeeco.queries.indicators`; this module keeps the old import path working.
"""

from smeeco.queries.beneficiaries import beneficiaries_of, measures_for
from smeeco.queries.indicators import indicator_progress, indicators_for
from smeeco.queries.places import funds_in, jurisdictions_within, network_members, platforms_in
from smeeco.queries.tiers import (
    enterprises_in_tier,
    ladders_of,
    measures_for_tier,
    next_tier,
    tier_path,
    tiers_of,
)

__all__ = [
    "beneficiaries_of",
    "enterprises_in_tier",
    "funds_in",
    "indicator_progress",
    "indicators_for",
    "jurisdictions_within",
    "ladders_of",
    "measures_for",
    "measures_for_tier",
    "network_members",
    "next_tier",
    "platforms_in",
    "tier_path",
    "tiers_of",
]
