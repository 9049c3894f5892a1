"""Helpers shared by the query families."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from smeeco.ecosystem import Ecosystem
from smeeco.model import Record

__all__ = ["AsOf", "record_of", "view"]

R = TypeVar("R", bound=Record)

AsOf = dt.date | str | None


def view(eco: Ecosystem, as_of: AsOf) -> Ecosystem:
    """``eco`` as of ``as_of`` (a date or ISO string), or ``eco`` itself when ``None``."""
    if as_of is None:
        return eco
    return eco.at(as_of)


def record_of(eco: Ecosystem, ref: str | Record, cls: type[R]) -> R:
    """The ``cls`` record named by ``ref``: a record, an id, or any name form (市工信局)."""
    if isinstance(ref, cls):
        ref = ref.id
    if isinstance(ref, Record):
        return eco.require(ref.id, cls)
    if ref in eco:
        return eco.require(ref, cls)
    kind = getattr(cls, "kind", None)
    found = eco.resolve(ref, kind if kind in eco.registry.kinds else None)
    return eco.require(found.id, cls)
