"""What was in force on a day: each record's own :meth:`~smeeco.Record.at` decides.

Days are read by :func:`smeeco.model.common.as_date`, the one date reader of the package.

>>> import smeeco
>>> from smeeco.model.common import as_date
>>> eco = smeeco.load("example")
>>> [r.id for r in records_at(eco.measures, as_date("2024-01-01"), eco)][:1]
['ex-2022-measures.m01']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from smeeco.model import Record
from smeeco.model.context import DateContext

__all__ = ["records_at"]


def records_at(records: Iterable[Record], day: dt.date, context: DateContext) -> Iterator[Record]:
    """Each record as in force on ``day`` (its :meth:`~smeeco.Record.at`), absent ones left out."""
    for record in records:
        kept = record.at(day, context)
        if kept is not None:
            yield kept
