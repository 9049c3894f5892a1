"""What was in force on a day: reading the day, and each record's own :meth:`~smeeco.Record.at`.

>>> parse_day(" 2024-01-01 ")
datetime.date(2024, 1, 1)
>>> parse_day("2024/01/01")
Traceback (most recent call last):
...
smeeco.errors.InvalidValueError: bad date '2024/01/01': write it as YYYY-MM-DD, e.g. 2024-01-01
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from smeeco.errors import InvalidValueError
from smeeco.model import Record
from smeeco.model.context import DateContext

__all__ = ["parse_day", "records_at"]


def parse_day(day: dt.date | str) -> dt.date:
    """``day`` as a date; a string must be ``YYYY-MM-DD``."""
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    try:
        return dt.date.fromisoformat(day.strip())
    except ValueError:
        raise InvalidValueError(
            f"bad date {day!r}: write it as YYYY-MM-DD, e.g. 2024-01-01"
        ) from None


def records_at(records: Iterable[Record], day: dt.date, context: DateContext) -> Iterator[Record]:
    """Each record as in force on ``day`` (its :meth:`~smeeco.Record.at`), absent ones left out."""
    for record in records:
        kept = record.at(day, context)
        if kept is not None:
            yield kept
