"""Indicators: what measures target, and progress towards targets.

Examples
--------
>>> import smeeco
>>> eco = smeeco.load("example")
>>> smeeco.indicator_progress(eco, "ex-srdi-count", as_of="2023-01-01").ratio
Decimal('0.6')
"""

from __future__ import annotations

from smeeco.ecosystem import Ecosystem
from smeeco.model import (
    Indicator,
    Progress,
    Record,
)
from smeeco.model.common import as_date
from smeeco.queries._common import AsOf, record_of, view

__all__ = [
    "indicator_progress",
    "indicators_for",
]


def indicators_for(
    eco: Ecosystem, subject: str | Record, *, as_of: AsOf = None
) -> tuple[Indicator, ...]:
    """Indicators that track ``subject`` or name it as related (on ``as_of``: with the
    observations and targets known then)."""
    eco = view(eco, as_of)
    subject_id = subject.id if isinstance(subject, Record) else eco.resolve(subject).id
    return tuple(i for i in eco.indicators if i.subject == subject_id or subject_id in i.related)


def indicator_progress(
    eco: Ecosystem, indicator: str | Indicator, *, as_of: AsOf = None
) -> Progress:
    """The latest observation on ``as_of`` against the target then in view."""
    full = record_of(eco, indicator, Indicator)
    if as_of is None:
        return full.progress()
    return full.progress(as_date(as_of, "as_of"))
