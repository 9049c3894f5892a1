"""Enterprise registers: one row per enterprise, read from CSV, XLSX, Parquet or a DataFrame.

>>> import polars as pl
>>> from smeeco.register import read_register
>>> reg = read_register(pl.DataFrame({"id": ["e1"], "industry": ["工业"],
...                                   "employees": [300], "revenue": [2000]}),
...                     money_unit="万元")
>>> reg.frame["revenue"].to_list()
[20000000.0]
"""

from __future__ import annotations

from smeeco.register.columns import COLUMNS, MONEY_UNITS, ColumnKind, RegisterColumn
from smeeco.register.read import Register, parse_tiers, read_register
from smeeco.register.write import TABLE_FORMATS, write_table

__all__ = [
    "COLUMNS",
    "MONEY_UNITS",
    "TABLE_FORMATS",
    "ColumnKind",
    "Register",
    "RegisterColumn",
    "parse_tiers",
    "read_register",
    "write_table",
]
