"""Query helpers: plain functions taking the ecosystem first, one module per noun.

:mod:`~smeeco.queries.responsibility` (who is responsible for what),
:mod:`~smeeco.queries.measures` (finding a measure), :mod:`~smeeco.queries.beneficiaries`,
:mod:`~smeeco.queries.tiers`, :mod:`~smeeco.queries.places`,
:mod:`~smeeco.queries.indicators`.
"""

from smeeco.queries.beneficiaries import beneficiaries_of, measures_for
from smeeco.queries.indicators import indicator_progress, indicators_for
from smeeco.queries.measures import find_measure
from smeeco.queries.places import funds_in, jurisdictions_within, network_members, platforms_in
from smeeco.queries.responsibility import (
    AgencyMetrics,
    ResponsibilityMatrix,
    agency_metrics,
    coresponsibility_graph,
    expand_collective,
    is_lead,
    lead_unit,
    measures_led_by,
    measures_of,
    measures_supported_by,
    measures_without_lead,
    number_of_measures,
    responsibility_matrix,
    responsible_units,
)
from smeeco.queries.tiers import (
    enterprises_in_tier,
    ladders_of,
    measures_for_tier,
    next_tier,
    tier_path,
    tiers_of,
)

__all__ = [
    "AgencyMetrics",
    "ResponsibilityMatrix",
    "agency_metrics",
    "beneficiaries_of",
    "coresponsibility_graph",
    "enterprises_in_tier",
    "expand_collective",
    "find_measure",
    "funds_in",
    "indicator_progress",
    "indicators_for",
    "is_lead",
    "jurisdictions_within",
    "ladders_of",
    "lead_unit",
    "measures_for",
    "measures_for_tier",
    "measures_led_by",
    "measures_of",
    "measures_supported_by",
    "measures_without_lead",
    "network_members",
    "next_tier",
    "number_of_measures",
    "platforms_in",
    "responsibility_matrix",
    "responsible_units",
    "tier_path",
    "tiers_of",
]
