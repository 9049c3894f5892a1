"""Cells that spreadsheets show as text and never run: CSV formula injection, XLSX strings.

A spreadsheet reads a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) as a formula, so a unit named ``=HYPERLINK("http://…","click")`` would
become a live link, and ``=cmd|' /C calc'!A0`` worse. Following OWASP's advice on CSV
injection, such a cell is written with a leading apostrophe (``'=HYPERLINK(…)``), which
spreadsheets show as the text itself; smeeco's own readers take the apostrophe off again,
so CSV graph lists still read back exactly. A text that already starts with apostrophes
before such a character gets one more, so that every text survives the round trip.

In XLSX files every text is a string cell, never a formula (:func:`no_formulas`).

>>> from smeeco.io.cells import csv_cell, read_csv_cell
>>> csv_cell('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> csv_cell("市工信局"), csv_cell("-"), read_csv_cell(csv_cell("+86"))
('市工信局', "'-", '+86')
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_STARTS", "csv_cell", "csv_row", "no_formulas", "read_csv_cell"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _would_run(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def csv_cell(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs (see the module docstring)."""
    return "'" + text if _would_run(text) else text


def read_csv_cell(text: str) -> str:
    """The text :func:`csv_cell` wrote: one leading apostrophe off where it added one."""
    return text[1:] if text.startswith("'") and _would_run(text) else text


def csv_row(values: Any) -> list[str]:
    """:func:`csv_cell` of every value of a row (``None`` as an empty cell)."""
    return [csv_cell("" if v is None else str(v)) for v in values]


def no_formulas(sheet: Any) -> None:
    """Make every text cell of an openpyxl ``sheet`` a string cell, never a formula.

    openpyxl reads ``cell.value = "=HYPERLINK(…)"`` as a formula; smeeco writes none.
    """
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
