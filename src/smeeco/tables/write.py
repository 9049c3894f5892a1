"""Writing a table to a file: CSV, XLSX, Parquet, JSON or Markdown, chosen by the suffix.

CSV is clean — one header row, then one row per record, no totals and no legend — so it
reads straight into pandas and Polars; ``excel=True`` adds the UTF-8 byte-order mark that
Excel on Windows needs to see Chinese. Every format gives the same bytes for the same
table (the XLSX carries a fixed timestamp).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smeeco.errors import ExportError
from smeeco.tables.columns import Columns

__all__ = [
    "FIXED_TIME",
    "TABLE_FORMATS",
    "dumps_csv",
    "dumps_json",
    "dumps_markdown",
    "fixed_zip",
    "records",
    "write_table",
]

#: Fixed document timestamp of written workbooks, so the same table gives the same bytes.
FIXED_TIME = dt.datetime(2000, 1, 1)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _rows(columns: Columns) -> list[list[Any]]:
    data = [columns.data[name] for name in columns.names]
    return [list(row) for row in zip(*data, strict=True)] if data else []


def dumps_csv(columns: Columns, *, excel: bool = False) -> str:
    """The table as CSV text: a header row, then the rows (missing values empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns.names)
    for row in _rows(columns):
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" if excel else "") + buffer.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def records(columns: Columns) -> list[dict[str, Any]]:
    """The rows as dicts, dates as ISO text (what the JSON holds)."""
    return [
        {name: _json_value(v) for name, v in zip(columns.names, row, strict=True)}
        for row in _rows(columns)
    ]


def dumps_json(columns: Columns) -> str:
    """The table as a JSON document: ``{"columns": [{"name", "type"}…], "rows": [{…}…]}``."""
    document = {
        "columns": [
            {"name": n, "type": t} for n, t in zip(columns.names, columns.types, strict=True)
        ],
        "rows": records(columns),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def dumps_markdown(columns: Columns) -> str:
    """The table as a Markdown (GFM) table."""
    lines = [
        "| " + " | ".join(_md(n) for n in columns.names) + " |",
        "|" + "|".join("---" for _ in columns.names) + "|",
    ]
    lines += ["| " + " | ".join(_md(_cell(v)) for v in row) + " |" for row in _rows(columns)]
    return "\n".join(lines) + "\n"


def _write_xlsx(columns: Columns, path: Path, *, title: str = "") -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        raise ExportError(
            "writing .xlsx needs openpyxl; install it with: pip install 'smeeco[xlsx]'"
        ) from None
    book = Workbook()
    sheet = book.active
    sheet.title = (title or "table")[:31]
    sheet.append(list(columns.names))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(columns):
        sheet.append(row)
    for i, name in enumerate(columns.names):
        if columns.types[i] == "date":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                cell.number_format = "yyyy-mm-dd"
        width = max([len(name), *(len(_cell(v)) for v in columns.data[name][:200])], default=8)
        sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "smeeco"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue()))


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every member's date fixed (openpyxl stamps the current time)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _fixed_core(content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, content)
    return out.getvalue()


def _fixed_core(content: bytes) -> bytes:
    """docProps/core.xml with the fixed timestamp (openpyxl writes now on save)."""
    import re

    text = content.decode("utf-8")
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    text = re.sub(
        r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{stamp}\g<2>", text
    )
    return text.encode("utf-8")


def _write_parquet(columns: Columns, path: Path) -> None:
    from smeeco.tables.frames import to_frame

    frame = to_frame(columns, "pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(frame, path, compression="zstd")


_Writer = Callable[[Columns, Path, bool, str], None]


def _text(dumps: Callable[[Columns], str]) -> _Writer:
    def write(columns: Columns, path: Path, excel: bool, title: str) -> None:
        path.write_text(dumps(columns), encoding="utf-8")

    return write


def _csv(columns: Columns, path: Path, excel: bool, title: str) -> None:
    path.write_text(dumps_csv(columns, excel=excel), encoding="utf-8", newline="")


#: Table formats by file suffix.
TABLE_FORMATS: dict[str, _Writer] = {
    ".csv": _csv,
    ".xlsx": lambda c, p, excel, title: _write_xlsx(c, p, title=title),
    ".parquet": lambda c, p, excel, title: _write_parquet(c, p),
    ".json": _text(dumps_json),
    ".md": _text(dumps_markdown),
}


def write_table(
    columns: Columns, path: str | Path, *, excel: bool = False, title: str = ""
) -> Path:
    """Write ``columns`` to ``path`` in the format its suffix names.

    ``excel`` adds the UTF-8 byte-order mark to a CSV; ``title`` names the XLSX sheet.
    Raises :class:`~smeeco.ExportError` for an unknown suffix or a missing folder.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    writer = TABLE_FORMATS.get(suffix)
    if writer is None:
        raise ExportError(
            f"unknown table format {suffix or 'no suffix'!r} for {str(path)!r};"
            f" supported: {', '.join(TABLE_FORMATS)}"
        )
    if excel and suffix != ".csv":
        raise ExportError("--excel adds a byte-order mark to a .csv; it does not apply here")
    if not path.parent.exists():
        raise ExportError(f"folder {str(path.parent)!r} does not exist; create it first")
    writer(columns, path, excel, title)
    return path
