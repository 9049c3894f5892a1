"""Cells that spreadsheets show as text and never run: CSV formula injection, XLSX strings.

A spreadsheet reads a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) as a formula, so a unit named ``=HYPERLINK("http://…","click")`` would
become a live link, and ``=cmd|' /C calc'!A0`` worse. Following OWASP's advice on CSV
injection, such a cell is written with a leading apostrophe (``'=HYPERLINK(…)``), which
spreadsheets show as the text itself; smeeco's own readers take the apostrophe off again,
so CSV graph lists still read back exactly. A text that already starts with apostrophes
before such a character gets one more, so that every text survives the round trip.

In XLSX files every text is written as a string cell, never as a formula.

>>> from smeeco.io.cells import csv_cell, read_csv_cell
>>> csv_cell('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> csv_cell("市工信局"), csv_cell("-"), read_csv_cell(csv_cell("+86"))
('市工信局', "'-", '+86')
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_STARTS", "csv_cell", "read_csv_cell", "xlsx_text"]

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


def xlsx_text(cell: Any, value: str | int | None) -> Any:
    """Put ``value`` in an openpyxl ``cell``: text as a string cell, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=…" a formula
    return cell
