"""Tables for analysts: any part of an ecosystem as a DataFrame of pandas, Polars or PyArrow.

>>> import smeeco
>>> eco = smeeco.load("example")
>>> df = smeeco.table(eco, "responsibilities", backend="polars")  # needs smeeco[polars]
>>> df.shape
(6, 14)
>>> cols = smeeco.table_columns(eco, "responsibilities", document="ex-2022-measures")
>>> cols.names[:4], len(cols)
(('document', 'measure', 'number', 'section'), 6)
>>> list(zip(cols.data["number"], cols.data["unit"], cols.data["role"]))[:2]
[('(一)', 'ex-finance', 'lead'), ('(一)', 'ex-miit', 'support')]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from smeeco.ecosystem import Ecosystem
from smeeco.model import Agency, BeneficiaryGroup, PolicyDocument, Role
from smeeco.queries.selection import MeasureFilter
from smeeco.tables.columns import TABLES, Columns, build_columns
from smeeco.tables.frames import BACKENDS, check_backend, to_frame

__all__ = [
    "BACKENDS",
    "TABLES",
    "Columns",
    "table",
    "table_columns",
]


def table_columns(
    eco: Ecosystem,
    what: str,
    *,
    document: str | PolicyDocument | None = None,
    as_of: dt.date | str | None = None,
    agency: str | Agency | None = None,
    role: Role | str | None = None,
    beneficiary: str | BeneficiaryGroup | None = None,
    instrument: str | None = None,
) -> Columns:
    """Table ``what`` as plain Python columns (no dataframe library needed).

    Takes the same arguments as :func:`table`.
    """
    if as_of is not None:
        eco = eco.at(as_of)
    given = {
        name
        for name, value in (
            ("document", document),
            ("agency", agency),
            ("role", role),
            ("beneficiary", beneficiary),
            ("instrument", instrument),
        )
        if value is not None
    }
    chosen = MeasureFilter.resolve(
        eco,
        agency=agency,
        role=role,
        beneficiary=beneficiary,
        instrument=instrument,
        document=document,
    )
    return build_columns(eco, what, chosen, given)


def table(
    eco: Ecosystem,
    what: str,
    *,
    backend: str = "pandas",
    document: str | PolicyDocument | None = None,
    as_of: dt.date | str | None = None,
    agency: str | Agency | None = None,
    role: Role | str | None = None,
    beneficiary: str | BeneficiaryGroup | None = None,
    instrument: str | None = None,
) -> Any:
    """A DataFrame of ``what`` from ``eco``, built through narwhals.

    Parameters
    ----------
    eco:
        The ecosystem.
    what:
        ``"responsibilities"`` (one row per measure × unit, in document order and the
        order the text lists the units), ``"measures"``, ``"matrix"`` (the 任务分工表
        grid: a column per unit id, the role in each cell), ``"agencies"``,
        ``"documents"``, ``"metrics"`` (:func:`smeeco.agency_metrics`), ``"indicators"``
        (one row per observation or target), ``"funds"``, ``"platforms"``, ``"tiers"``,
        ``"enterprises"``.
    backend:
        ``"pandas"`` (Arrow-backed dtypes), ``"polars"`` or ``"pyarrow"``; each is an
        extra: ``pip install 'smeeco[polars]'``.
    document, agency, role, beneficiary, instrument:
        Keep only these measures (see :class:`smeeco.MeasureFilter`); in the
        responsibilities table ``agency`` and ``role`` also keep only that unit's or
        role's rows. A filter a table does not understand is refused, never ignored.
    as_of:
        A date: what was in force then; a responsibility passed to a successor unit
        says which unit the text named in ``named_as``.

    Returns
    -------
    pandas.DataFrame | polars.DataFrame | pyarrow.Table
        Typed columns: dates as dates, counts as integers, money as yuan (float) with a
        ``money_unit`` column, several ids in one cell joined by ``|``.

    Raises
    ------
    MissingDependencyError
        When the backend's packages are missing (the message names the extra).
    InvalidValueError
        For an unknown table or a filter the table does not take.
    """
    check_backend(backend)
    columns = table_columns(
        eco,
        what,
        document=document,
        as_of=as_of,
        agency=agency,
        role=role,
        beneficiary=beneficiary,
        instrument=instrument,
    )
    return to_frame(columns, backend)
