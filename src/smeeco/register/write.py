"""Write a result table (a register with added columns) as CSV, XLSX or Parquet.

Writes are atomic (a temporary file beside the target, then a rename), refuse to replace
the input file, and never write live spreadsheet formulas: a text cell that starts with
``=``, ``+``, ``-`` or ``@`` is written as text in XLSX and prefixed with ``'`` in CSV.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polars as pl

from smeeco.errors import RegisterError

__all__ = ["TABLE_FORMATS", "write_table"]

#: File suffixes :func:`write_table` writes.
TABLE_FORMATS = (".csv", ".xlsx", ".parquet")
_FORMULA = r"^[=+\-@\t\r]"


def write_table(frame: pl.DataFrame, path: str | Path, *, source: str | Path | None = None) -> Path:
    """Write ``frame`` to ``path`` in the format its suffix names; return the path.

    ``source``, when given, is the input file: writing over it is refused.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise RegisterError(f"cannot write {target.name!r}: use one of {', '.join(TABLE_FORMATS)}")
    if (
        source is not None
        and Path(source).exists()
        and target.exists()
        and os.path.samefile(source, target)
    ):
        raise RegisterError(f"{target} is the input register; write the result elsewhere")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise RegisterError(f"folder {str(folder)!r} does not exist")
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    os.close(handle)
    try:
        if suffix == ".parquet":
            frame.write_parquet(tmp)
        elif suffix == ".csv":
            _defused(frame).write_csv(tmp)
        else:
            _write_xlsx(frame, Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _defused(frame: pl.DataFrame) -> pl.DataFrame:
    text = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    )


def _write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    try:
        from openpyxl import Workbook
    except ModuleNotFoundError:
        raise RegisterError("writing .xlsx needs openpyxl: pip install 'smeeco[xlsx]'") from None
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("register")
    for i, width in enumerate(_widths(frame), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.append(frame.columns)
    for row in frame.iter_rows():
        cells = []
        for value in row:
            if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
                from openpyxl.cell import WriteOnlyCell

                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    book.save(path)


#: Columns are made wide enough for the header and the first rows, up to this many characters.
MAX_WIDTH = 60
_SAMPLE_ROWS = 1000


def _widths(frame: pl.DataFrame) -> list[float]:
    """Column widths (in characters, wide CJK characters counting two) for a readable sheet."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    sample = frame.head(_SAMPLE_ROWS)
    out = []
    for name in frame.columns:
        cells = [width(str(v)) for v in sample[name].to_list() if v is not None]
        out.append(float(min(MAX_WIDTH, max([width(name), *cells])) + 2))
    return out
