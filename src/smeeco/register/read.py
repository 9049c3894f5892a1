"""Read an enterprise register (CSV, XLSX, Parquet or any DataFrame) into checked columns.

Every known column (:data:`~smeeco.register.COLUMNS`) is read by its kind; every bad cell
is reported with its row, its column and its value, all at once in one
:class:`~smeeco.ValidationError`, and nothing is coerced: ``299.9`` persons, ``nan``, ``5%``
for a ratio, ``yes`` for a boolean are refused, never rounded or guessed. An empty cell is
*unknown* (null), never zero.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from smeeco.encodings import decode_text
from smeeco.errors import (
    InvalidValueError,
    Problem,
    RegisterError,
    TextEncodingError,
    ValidationError,
)
from smeeco.model.enterprise import CREDIT_CODE_ALPHABET
from smeeco.register.columns import COLUMNS, MONEY_UNITS, ColumnKind
from smeeco.register.headers import read_headers
from smeeco.types import ID_PATTERN

__all__ = ["Register", "parse_tiers", "read_register"]

#: At most this many bad cells are listed per column; the rest are counted.
MAX_LISTED = 20
#: A bad cell longer than this is shown cut, with its length.
_SHOWN = 60

# ASCII digits only: polars' \d also matches full-width and other digits, which no cast reads
_NUMBER = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_WHOLE = r"^[0-9]+(?:\.0+)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# a date cell of a spreadsheet read as text: the day at midnight
_MIDNIGHT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]00:00(?::00(?:\.0+)?)?$"
#: Cells of a name or id column that mark a row of sums, not an enterprise.
TOTAL_ROWS = ("合计", "总计", "小计", "总合计", "total", "subtotal", "sum")
#: Header rows are looked for in this many rows at the top of a file (title rows above).
HEADER_SEARCH = 10
_FULL_WIDTH_DIGITS = re.compile("[０-９．，]")
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_DAY = r"(\d{4}-\d{2}-\d{2})"
_TIER_ENTRY = re.compile(rf"^([a-z0-9][a-z0-9_.\-]*)(?:@{_DAY}(?:/{_DAY})?)?$")


@attrs.frozen
class Register:
    """A register read and checked: one row per enterprise, known columns typed.

    ``frame`` is a Polars DataFrame: text columns as strings, ``registered_on`` as dates,
    persons and counts as integers, money as float yuan (whatever unit the file used),
    ratios as fractions, booleans as booleans; empty cells are null. ``first_line`` is the
    file line of the first row (2 for a CSV or XLSX with a header), ``None`` for a
    DataFrame.
    """

    frame: pl.DataFrame
    source: str
    money_unit: str = "元"
    first_line: int | None = None
    #: the register as given (its own headers and cells, before reading), to pass through
    given: pl.DataFrame | None = attrs.field(default=None, eq=False, repr=False)
    #: smeeco column -> the header the register names it with, where they differ (营业收入（万元）)
    headers: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    #: what reading the file found worth telling (an encoding detected, a unit from headers)
    notes: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)
    _ids: dict[str, int] | None = attrs.field(default=None, init=False, eq=False, repr=False)
    _lookups: int = attrs.field(default=0, init=False, eq=False, repr=False)
    _industries: tuple[str, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )
    _columns: tuple[str, ...] | None = attrs.field(default=None, init=False, eq=False, repr=False)

    def __len__(self) -> int:
        return self.frame.height

    def where(self, row: int) -> str:
        """How problems name row ``row`` (0-based): ``row 3 (line 4)``."""
        if self.first_line is None:
            return f"row {row + 1}"
        return f"row {row + 1} (line {row + self.first_line})"

    def industry_cells(self) -> tuple[str, ...]:
        """The distinct non-empty ``industry`` cells, sorted (none without the column).

        Found once: by :func:`read_register` as it reads the column, else on the first call.
        """
        if self._industries is None:
            found = (
                tuple(sorted(self.frame["industry"].cast(pl.String).drop_nulls().unique()))
                if "industry" in self.frame.columns
                else ()
            )
            object.__setattr__(self, "_industries", found)
        assert self._industries is not None
        return self._industries

    def row(self, row: int) -> dict[str, Any]:
        """Row ``row`` (0-based) as a mapping of column → value (``frame.row(row, named=True)``,
        with the column names looked up once)."""
        names = self._columns
        if names is None:
            names = tuple(self.frame.columns)
            object.__setattr__(self, "_columns", names)
        return dict(zip(names, self.frame.row(row), strict=True))

    def passed_through(self, result: pl.DataFrame, *, typed: bool = True) -> pl.DataFrame:
        """The register as given — its own headers, its cells as written, amounts in the
        unit they were written in — with the columns ``result`` (a frame of this
        register's rows, in order) adds to ``frame``.

        With ``typed`` (for XLSX and Parquet), known columns read from text (a CSV) come
        out typed, so that a spreadsheet shows numbers: amounts and ratios as the numbers
        written (whole amounts as integers), persons, counts, booleans and dates as read;
        without (for CSV), every cell is the text it was. A given column that ``result`` adds
        again (``size_class`` of an earlier run) is replaced. Without :attr:`given` (a
        register built in code), ``result`` itself.
        """
        if self.given is None:
            return result
        added = [c for c in result.columns if c not in self.frame.columns]
        columns = {header: column for column, header in self.headers.items()}
        kept = []
        for header in self.given.columns:
            if header in added:
                continue
            column = columns.get(header, header)
            kept.append(self._typed(header, column) if typed else self.given[header])
        return pl.concat([pl.DataFrame(kept), result.select(added)], how="horizontal")

    def _typed(self, header: str, column: str) -> pl.Series:
        """Column ``header`` as given, typed when it is a known column read from text."""
        assert self.given is not None
        given = self.given[header]
        spec = COLUMNS.get(column)
        if spec is None or given.dtype != pl.String or column not in self.frame.columns:
            return given
        if spec.kind in (ColumnKind.MONEY, ColumnKind.SIGNED_MONEY, ColumnKind.RATIO):
            # every cell was checked to be a plain number: read it as written, unit kept
            number = given.str.strip_chars().cast(pl.Float64, strict=False)
            whole = number.drop_nulls()
            if (
                spec.kind is not ColumnKind.RATIO
                and whole.len()
                and (
                    (whole == whole.floor()).all() and whole.abs().max() < 2**53  # type: ignore[operator]
                )
            ):
                return number.cast(pl.Int64).alias(header)
            return number.alias(header)
        if spec.kind in (ColumnKind.PERSONS, ColumnKind.COUNT, ColumnKind.BOOL, ColumnKind.DATE):
            return self.frame[column].alias(header)  # unit-free: as read
        return given

    def row_of(self, enterprise_id: str) -> int:
        """The 0-based row of the enterprise with ``id`` ``enterprise_id``.

        The first lookup scans the column; from the second on, an index of the ids
        (built once) answers in constant time.
        """
        if "id" not in self.frame.columns:
            raise RegisterError(f"{self.source} has no 'id' column; add one to name enterprises")
        index = self._ids
        if index is None:
            object.__setattr__(self, "_lookups", self._lookups + 1)
            if self._lookups < 2:
                hits = self.frame.with_row_index("__row").filter(pl.col("id") == enterprise_id)
                if hits.height == 0:
                    raise RegisterError(
                        f"{self.source} has no enterprise with id {enterprise_id!r}"
                    )
                return int(hits["__row"][0])
            index = {}
            for i, value in enumerate(self.frame["id"].cast(pl.String).to_list()):
                if value is not None:
                    index.setdefault(value, i)
            object.__setattr__(self, "_ids", index)
        found = index.get(enterprise_id)
        if found is None:
            raise RegisterError(f"{self.source} has no enterprise with id {enterprise_id!r}")
        return found


def read_register(
    source: str | Path | Any,
    *,
    money_unit: str | None = None,
    name: str | None = None,
    standard: str | None = None,
    encoding: str | None = None,
    header_row: int | None = None,
    sheet: str | None = None,
) -> Register:
    """Read and check a register.

    Parameters
    ----------
    source:
        A path to a ``.csv``, ``.xlsx`` or ``.parquet`` file, or a DataFrame (Polars,
        pandas, PyArrow or anything narwhals reads).
    money_unit:
        The unit of the money columns: ``"元"``, ``"万元"`` or ``"亿元"``. ``None``
        (default): the unit the money columns' headers state ("营业收入（万元）"), else 元.
    name:
        How errors name the source (defaults to the file name).
    encoding:
        The encoding of a CSV file; ``None`` (default): detected (UTF-8, GB18030/GBK as
        Excel saves it on a Chinese Windows, Big5; :func:`smeeco.encodings.decode_text`),
        and said in :attr:`Register.notes`. A CSV whose header line has no comma but tabs
        or semicolons is read with those, and said so too.
    header_row:
        The line of a CSV or XLSX file that holds the headers (1-based; default 1). Files
        kept by hand often have a title row ("2024年企业名单") above them: when no header of
        line 1 is a column smeeco reads but a line below is, the error says which line to
        give; the header row is never guessed.
    sheet:
        The sheet of an XLSX workbook to read (default: the first, and a workbook with
        several says so in :attr:`Register.notes`).
    standard:
        The size standard the register will be sized under (``"miit-2011"``,
        ``"nbs-2017"``; ``"eu-2003"`` reads no industry). Given, every ``industry`` cell
        must be an industry name of the standard or a GB/T 4754-2017 code, and a cell that
        is neither is reported with every other bad cell — what
        :func:`smeeco.sizing.frame.classify_register` would refuse later, one fix at a
        time. ``None`` (default): industries are read as text.

    Headers may be smeeco's column names or their Chinese names (``企业名称``, ``行业``,
    ``从业人员``, ``营业收入（万元）``…; :mod:`smeeco.register.headers`); problems name the
    header as written.

    Raises
    ------
    RegisterError
        The file cannot be read, or the money unit or the standard is unknown.
    ValidationError
        Bad cells, each a :class:`~smeeco.InvalidValueError` whose path names the row
        and column, all at once.

    Examples
    --------
    >>> import polars as pl
    >>> reg = read_register(pl.DataFrame({"id": ["a"], "employees": ["300"],
    ...                                   "revenue": ["2000"]}), money_unit="万元")
    >>> reg.frame.row(0)
    ('a', 300, 20000000.0)
    >>> from smeeco import ValidationError
    >>> try:
    ...     read_register(pl.DataFrame({"employees": ["299.9", ""], "debt_ratio": ["55%", "0.5"]}))
    ... except ValidationError as exc:
    ...     print(exc)
    2 problems in the register:
      row 1, column employees: '299.9' is not a whole, non-negative number of persons; ...
      row 1, column debt_ratio: '55%' is not a ratio (ratios are fractions: write 0.05 for 5 %); ...

    With the size standard, an industry it does not know is one more bad cell:

    >>> try:
    ...     read_register(pl.DataFrame({"industry": ["工叶"], "employees": ["-3"]}),
    ...                   standard="miit-2011")
    ... except ValidationError as exc:
    ...     print(exc)
    2 problems in the register:
      row 1, column industry: industry '工叶' is not listed in ... (did you mean '工业'?); ...
      row 1, column employees: '-3' is not a whole, non-negative number of persons; ...
    """
    if money_unit is not None and money_unit not in MONEY_UNITS:
        raise RegisterError(
            f"unknown money unit {money_unit!r}; use one of {', '.join(MONEY_UNITS)}"
        )
    _check_standard(standard)
    if header_row is not None and (
        isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1
    ):
        raise RegisterError(
            f"--header-row (header_row=) must be a line number (1, 2, …), not {header_row!r}"
        )
    given, label, first_line, notes = _load(source, name, encoding, header_row, sheet)
    found = read_headers(given.columns, money_unit=money_unit)
    if first_line is not None:
        _check_header_row(given, found.renames, label, first_line - 1)
    frame = given.rename(found.renames) if found.renames else given
    unit = money_unit or found.money_unit or "元"
    if found.money_unit is not None and money_unit is None:
        notes = (*notes, f"{label!r}: amounts read in {unit}, as the headers state")
    cells: list[str] = []
    # the EU definition sizes every industry alike: its industries are text
    industries = _read_industry(None if standard == "eu-2003" else standard, cells)
    checked, problems = _check(frame, MONEY_UNITS[unit], first_line, industries)
    headers = {column: header for header, column in found.renames.items()}
    problems = [
        *_header_problems(given.columns),
        *found.problems,
        *_as_written([*problems, *_total_rows(frame, first_line)], headers),
        *_control_cells(given, first_line),
        *_formula_cells(source, sheet, given, first_line),
    ]
    if problems:
        raise ValidationError(label, problems)
    blank = _blank_rows(given, first_line)
    if blank:
        notes = (
            *notes,
            f"{label!r}: {blank} blank; kept as rows of unknowns (delete them if"
            " they are no enterprises)",
        )
    register = Register(checked, label, unit, first_line, given, headers, notes)
    if "industry" in checked.columns:
        object.__setattr__(register, "_industries", tuple(cells))
    return register


def _check_header_row(
    given: pl.DataFrame, renames: Mapping[str, str], label: str, line: int
) -> None:
    """Refuse a file whose header row names no column smeeco reads when a row below does
    (a title row above the headers, or two rows of headers): say which line to give."""
    if renames or any(c in COLUMNS for c in given.columns):
        return
    for i, row in enumerate(given.head(HEADER_SEARCH).iter_rows()):
        cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
        known = [c for c in cells if c in COLUMNS or c in read_headers([c]).renames]
        if len(known) >= 2 or (known and len(known) == len(cells)):
            named = [c for c in given.columns if c.strip() and not c.startswith("__UNNAMED")]
            above = ", ".join(repr(c) for c in named[:3]) + (", …" if len(named) > 3 else "")
            raise RegisterError(
                f"no header of line {line} of {label!r} ({above or 'blank'}) is a"
                f" column smeeco reads, but line {line + i + 1} holds"
                f" {', '.join(repr(c) for c in known[:5])}: if that is the header row (below a"
                f" title), pass --header-row {line + i + 1} (header_row={line + i + 1} in"
                " Python)"
            )


def _header_problems(columns: list[str]) -> list[Problem]:
    """A header a reader renamed because it was written twice (blank headers, as trailing
    empty columns have, are kept as they are)."""
    problems: list[Problem] = []
    for i, column in enumerate(columns):
        match = re.fullmatch(r"(.*)_duplicated_\d+", column)
        base = match.group(1) if match else ""
        if base.strip() and not base.startswith("__UNNAMED") and base in columns:
            first = columns.index(base) + 1
            problems.append(
                Problem(
                    f"columns {first} and {i + 1} both have header {base!r}; give each column"
                    " its own header (a reader would keep only one of them)",
                    path=f"column {i + 1}",
                )
            )
    return problems


def _formula_cells(
    source: Any, sheet: str | None, given: pl.DataFrame, first_line: int | None
) -> list[Problem]:
    """Formula cells of an XLSX register with no value saved: a program wrote the file
    without computing them (Excel saves each formula's value), so they read as empty —
    unknown — though the sheet shows a number. Looked for only when a cell read is empty."""
    if not isinstance(source, str | Path) or first_line is None:
        return []
    if Path(source).suffix.lower() not in (".xlsx", ".xlsm") or given.height == 0:
        return []
    if not given.null_count().sum_horizontal().item() or not _has_formulas(Path(source)):
        return []
    import openpyxl

    book = openpyxl.load_workbook(source, read_only=True, data_only=False)
    problems: list[Problem] = []
    try:
        rows = book[sheet or book.sheetnames[0]].iter_rows(min_row=first_line, values_only=True)
        for i, cells in enumerate(rows):
            if i >= given.height:
                break
            for j, cell in enumerate(cells[: given.width]):
                if isinstance(cell, str) and cell.startswith("=") and given[i, j] is None:
                    problems.append(
                        InvalidValueError(
                            f"the formula {cell[:40]!r} has no value saved with it (a program"
                            " wrote the file without computing it); open the file in Excel"
                            " and save it, or write the values",
                            f"{_where(i, first_line)}, column {given.columns[j]}",
                        )
                    )
                    if len(problems) >= MAX_LISTED:
                        return problems
    finally:
        book.close()
    return problems


def _has_formulas(path: Path) -> bool:
    """Whether any sheet of a workbook holds a formula (an ``<f>`` element), read from
    its XML in chunks: most registers hold none, and are not read a second time."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as book:
            for name in book.namelist():
                if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                    continue
                with book.open(name) as xml:
                    tail = b""
                    while chunk := xml.read(1 << 20):
                        if re.search(rb"<(?:\w+:)?f[ >/]", tail + chunk):
                            return True
                        tail = chunk[-16:]
    except (OSError, zipfile.BadZipFile):
        return True  # cannot tell: look
    return False


def _blank_rows(given: pl.DataFrame, first_line: int | None) -> str:
    """The rows of ``given`` with no cell written (``row 3 (line 4) is``), or ``""``."""
    if given.width == 0 or given.height == 0:
        return ""
    empty = pl.all_horizontal(
        [
            pl.col(c).is_null() | (pl.col(c).cast(pl.String).str.strip_chars() == "")
            for c in given.columns
        ]
    )
    rows = given.select(empty.alias("blank"))["blank"].fill_null(False).arg_true().to_list()
    if not rows:
        return ""
    listed = ", ".join(_where(r, first_line) for r in rows[:5])
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    return f"{listed}{more} {'is' if len(rows) == 1 else 'are'}"


_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


def _control_cells(given: pl.DataFrame, first_line: int | None) -> list[Problem]:
    """Cells holding control characters (NUL, ESC…): no spreadsheet can hold them, and a
    terminal would obey them; every column is checked, since every column is written out."""
    problems: list[Problem] = []
    for column in given.columns:
        if given[column].dtype != pl.String:
            continue
        bad = given.select(pl.int_range(pl.len()).alias("row"), pl.col(column)).filter(
            pl.col(column).str.contains(_CONTROL)
        )
        for row, value in bad.head(MAX_LISTED).iter_rows():
            char = re.search(_CONTROL, value)
            assert char is not None
            code = f"U+{ord(char.group()):04X}"
            problems.append(
                InvalidValueError(
                    f"{value[:40]!r} holds the control character {code}, which no spreadsheet"
                    " can hold; remove it",
                    f"{_where(row, first_line)}, column {column}",
                )
            )
        if bad.height > MAX_LISTED:
            problems.append(
                InvalidValueError(
                    f"... and {bad.height - MAX_LISTED} more cells with control characters",
                    f"column {column}",
                )
            )
    return problems


def _total_rows(frame: pl.DataFrame, first_line: int | None) -> list[Problem]:
    """Rows of sums (合计, 总计) under the enterprises: smeeco would read them as one more."""
    problems: list[Problem] = []
    for column in ("id", "name"):
        if column not in frame.columns:
            continue
        text = frame[column].cast(pl.String).str.replace_all(r"\s", "").str.to_lowercase()
        rows = frame.select(pl.int_range(pl.len()).alias("row")).filter(
            text.is_in(list(TOTAL_ROWS))
        )
        for (row,) in rows.head(MAX_LISTED).iter_rows():
            problems.append(
                InvalidValueError(
                    f"{frame[column][row]!r} marks a row of totals, not an enterprise; delete"
                    " the row (smeeco would read it as one more enterprise)",
                    f"{_where(row, first_line)}, column {column}",
                )
            )
        if problems:
            break
    return problems


def _as_written(problems: list[Problem], headers: Mapping[str, str]) -> list[Problem]:
    """The problems with each renamed column named by its header as written."""
    if not headers:
        return problems
    for problem in problems:
        for column, header in headers.items():
            if problem.path.endswith(f"column {column}"):
                problem.path = problem.path.removesuffix(column) + f"{header} ({column})"
                break
    return problems


_SEPARATORS = {"\t": "tabs", ";": "semicolons", "|": "vertical bars"}
_UTF16_32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _read_csv(
    path: Path, separator: str, encoding: str | None, skip: int
) -> tuple[pl.DataFrame, list[str]]:
    """A CSV file as text cells, and what reading it found worth telling.

    A file not in UTF-8 (GBK from Excel, UTF-16 from Excel's "Unicode text") is decoded
    first; a header line with no comma but tabs or semicolons is read with those (and
    said). ``skip`` lines above the header row are skipped.
    """
    notes: list[str] = []
    with path.open("rb") as file:
        head = file.read(1 << 16)
    source: Path | io.BytesIO = path
    if encoding is not None or head.startswith(_UTF16_32):
        source, note = _decoded(path, encoding)
        head = source.getvalue()[: 1 << 16]
        if note:
            notes.append(note)
    header = _line(head, skip)
    if separator == "," and "," not in header:
        for candidate, label in _SEPARATORS.items():
            if candidate in header:
                separator = candidate
                notes.append(f"{path.name!r}: the columns are separated by {label}; read so")
                break
    for attempt in range(2):
        try:
            frame = pl.read_csv(source, infer_schema=False, separator=separator, skip_rows=skip)
            return frame, notes
        except pl.exceptions.NoDataError:
            if skip:
                raise RegisterError(
                    f"register {path.name!r} has nothing from line {skip + 1} on, so that line"
                    " cannot be its header row; check --header-row (header_row=)"
                ) from None
            raise RegisterError(
                f"register {path.name!r} is empty: it needs a header row naming its columns"
                " (企业名称, 从业人员…) and a row per enterprise"
            ) from None
        except pl.exceptions.ComputeError as error:
            if attempt == 0 and isinstance(source, Path) and "utf" in str(error).lower():
                source, note = _decoded(path, None)
                if note:
                    notes.append(note)
                continue
            raise RegisterError(_csv_error(path.name, source, separator, skip, error)) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _decoded(path: Path, encoding: str | None) -> tuple[io.BytesIO, str | None]:
    decoded = decode_text(path.read_bytes(), name=repr(path.name), encoding=encoding)
    note = decoded.note and f"{path.name!r}: {decoded.note}"
    return io.BytesIO(decoded.text.encode("utf-8")), note


def _line(head: bytes, skip: int) -> str:
    """Line ``skip`` (0-based) of the start of a file, a byte-order mark removed."""
    lines = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
    return lines[skip] if skip < len(lines) else ""


def _csv_error(
    name: str, source: Path | io.BytesIO, separator: str, skip: int, error: Exception
) -> str:
    """What is wrong with a CSV file polars refused: the lines whose cells do not match
    the header's (found again with the csv module, one line at a time), else polars'
    reason without its advice (which is about polars' own options)."""
    import csv

    if isinstance(source, io.BytesIO):
        start = source.getvalue()[: 1 << 20]
        handle: Any = io.TextIOWrapper(io.BytesIO(source.getvalue()), encoding="utf-8", newline="")
    else:
        with source.open("rb") as file:
            start = file.read(1 << 20)
        handle = source.open(encoding="utf-8", errors="replace", newline="")
    wrong: list[str] = []
    try:
        with handle:
            for _ in range(skip):
                handle.readline()
            reader = csv.reader(handle, delimiter=separator)
            width = None
            for row in reader:
                if width is None:
                    width = len(row)
                    continue
                if row and len(row) != width:
                    wrong.append(f"line {reader.line_num + skip} has {len(row)}")
                    if len(wrong) == 5:
                        break
    except csv.Error as exc:
        wrong.append(f"cannot be split into cells ({exc})")
    if not wrong and re.search(rb"\r(?!\n)", start):
        return (
            f"cannot read register {name!r}: its lines end in different ways (some in a lone"
            " carriage return, as old Mac files do); save it again with one kind of line end"
        )
    if wrong:
        return (
            f"cannot read register {name!r}: the header row has {width} columns, but"
            f" {'; '.join(wrong)}; a cell holding {separator!r} or a line break must be in"
            ' double quotes ("…"), and every row needs as many cells as the header'
        )
    reason = str(error).split("\n\n")[0].strip()
    if "Original error" in str(error):
        reason = str(error).split("Original error:")[-1].strip(" `\n")
    return (
        f"cannot read register {name!r}: {' '.join(reason.split())[:300]}; check the quotes"
        ' ("…") and the separators'
    )


def _read_xlsx(path: Path, sheet: str | None, label: str) -> tuple[pl.DataFrame, list[str]]:
    """One sheet of a workbook as text cells (the first unless ``sheet`` names one); a
    workbook of several sheets is said to have them."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True)
        names = list(book.sheetnames)
        book.close()
    except Exception as exc:
        with path.open("rb") as file:
            magic = file.read(8)
        if magic.startswith(b"\xd0\xcf\x11\xe0"):
            what = "it is an old Excel .xls workbook; save it as .xlsx (or .csv) in Excel"
        elif not magic.startswith(b"PK"):
            what = (
                "it is not an XLSX workbook (a CSV or other file renamed?); give it its own suffix"
            )
        else:
            what = str(exc)
        raise RegisterError(f"cannot read register {path.name!r}: {what}") from None
    notes: list[str] = []
    if sheet is None:
        sheet = names[0]
        if len(names) > 1:
            listed = ", ".join(repr(n) for n in names)
            notes.append(
                f"{label!r}: read sheet {sheet!r}, the first of {len(names)} ({listed});"
                " name another with --sheet (sheet= in Python)"
            )
    elif sheet not in names:
        raise RegisterError(
            f"register {path.name!r} has no sheet {sheet!r}; its sheets:"
            f" {', '.join(repr(n) for n in names)}"
        )
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        first = next(book[sheet].iter_rows(max_row=1, values_only=True), ())
    finally:
        book.close()
    frame = pl.read_excel(
        path,
        sheet_name=sheet,
        engine="openpyxl",
        drop_empty_rows=False,
        drop_empty_cols=False,
        infer_schema_length=0,
        raise_if_empty=False,
    )
    # a header written twice: polars renames the second ('企业名称0'); name it so that
    # the check of the headers finds it
    written = ["" if c is None else str(c).strip() for c in first]
    seen: dict[str, int] = {}
    renames = {}
    for column, header in zip(frame.columns, written, strict=False):
        if header and header in seen:
            renames[column] = f"{header}_duplicated_{seen[header]}"
        seen[header] = seen.get(header, 0) + 1
    if renames:
        frame = frame.rename(renames)
    if frame.width == 0:  # no rows under the headers, or no headers at all
        headers = [str(c).strip() for c in first if c is not None and str(c).strip()]
        if headers and len(set(headers)) == len(headers):
            return pl.DataFrame(schema=dict.fromkeys(headers, pl.String)), notes
        raise RegisterError(
            f"sheet {sheet!r} of register {path.name!r} is empty: it needs a header row"
            " naming its columns (企业名称, 从业人员…) and a row per enterprise"
        )
    return frame, notes


def _header_at(frame: pl.DataFrame, skip: int, label: str) -> pl.DataFrame:
    """``frame`` with its row ``skip - 1`` (0-based) as the header row, the rows above gone."""
    if skip > frame.height:
        raise RegisterError(
            f"{label} has {frame.height + 1} rows, so line {skip + 1} cannot be its header row;"
            " check --header-row (header_row=)"
        )
    headers = ["" if cell is None else str(cell).strip() for cell in frame.row(skip - 1)]
    body = frame.slice(skip)
    seen: dict[str, int] = {}
    names = []
    for i, header in enumerate(headers):
        name = header or f"__UNNAMED__{i}"
        if name in seen:
            name = f"{name}_duplicated_{seen[name]}"
        seen[header or f"__UNNAMED__{i}"] = seen.get(header or f"__UNNAMED__{i}", 0) + 1
        names.append(name)
    return body.rename(dict(zip(body.columns, names, strict=True)))


def _load(
    source: Any,
    name: str | None,
    encoding: str | None = None,
    header_row: int | None = None,
    sheet: str | None = None,
) -> tuple[pl.DataFrame, str, int | None, tuple[str, ...]]:
    if isinstance(source, str | Path):
        path = Path(source)
        label = name or path.name
        suffix = path.suffix.lower()
        if not path.is_file():
            raise RegisterError(f"register {str(path)!r} does not exist or is not a file")
        notes: list[str] = []
        skip = (header_row or 1) - 1
        if sheet is not None and suffix not in (".xlsx", ".xlsm"):
            raise RegisterError(
                f"--sheet (sheet=) names a sheet of a workbook; {path.name!r} is not one"
            )
        try:
            if suffix in (".csv", ".tsv", ".txt"):
                frame, notes = _read_csv(path, "\t" if suffix == ".tsv" else ",", encoding, skip)
            elif suffix in (".xlsx", ".xlsm"):
                frame, notes = _read_xlsx(path, sheet, label)
                if skip:
                    frame = _header_at(frame, skip, repr(label))
            elif suffix == ".parquet":
                if header_row is not None:
                    raise RegisterError(
                        "header_row= is for CSV and XLSX files; a Parquet file names its columns"
                    )
                frame = pl.read_parquet(path)
            else:
                raise RegisterError(
                    f"cannot read a register from {path.name!r}: use .csv, .tsv, .xlsx or .parquet"
                )
        except (RegisterError, TextEncodingError):
            raise
        except ModuleNotFoundError as exc:
            raise RegisterError(
                f"reading {path.name} needs {exc.name}: pip install 'smeeco[xlsx]'"
            ) from None
        except Exception as exc:  # the readers raise many types; say which file failed
            raise RegisterError(f"cannot read register {path.name}: {exc}") from None
        first = None if suffix == ".parquet" else skip + 2
        return frame, label, first, tuple(notes)
    if header_row is not None or sheet is not None:
        raise RegisterError("header_row= and sheet= are for CSV and XLSX files, not DataFrames")
    if isinstance(source, pl.DataFrame):
        return source, name or "the register", None, ()
    try:
        import narwhals.stable.v2 as nw

        native = nw.from_native(source)
    except TypeError:
        raise RegisterError(
            f"cannot read a register from a {type(source).__name__}: pass a file path, a"
            " DataFrame (Polars, pandas, PyArrow) or a lazy frame (a DuckDB relation, a"
            " Polars LazyFrame)"
        ) from None
    if isinstance(native, nw.LazyFrame):  # DuckDB, Polars lazy…: the rows are read here
        try:
            frame = native.collect(backend="polars").to_polars()
        except Exception as exc:  # the engine's own error: say which input failed
            raise RegisterError(
                f"cannot read the register from a {type(source).__name__}: {exc}"
            ) from None
    else:
        frame = native.to_polars()
    return frame, name or "the register", None, ()


# ---------------------------------------------------------------------- checking cells


def _check_standard(standard: str | None) -> None:
    if standard is None:
        return
    from smeeco.sizing.frame import STANDARDS

    if standard not in STANDARDS:
        raise RegisterError(
            f"unknown size standard {standard!r}; use one of {', '.join(STANDARDS)}"
        )


def _check(
    frame: pl.DataFrame,
    unit: int,
    first_line: int | None,
    industries: _Reader | None = None,
) -> tuple[pl.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    exprs: list[pl.Expr] = []
    tests: dict[str, tuple[pl.Expr, Callable[[Any], str]]] = {}
    for column in frame.columns:
        spec = COLUMNS.get(column)
        if spec is None:
            continue
        series = frame[column]
        reader = industries if column == "industry" and industries else _READERS[spec.kind]
        value, bad, why = reader(series, unit)
        exprs.append(value.alias(column))
        if bad is not None:
            tests[column] = (bad.fill_null(False), why)
    # One pass counts the bad cells of every column (and whether ids repeat); only the
    # columns with bad cells are read again, to list them.
    counts = (
        frame.select(
            *[bad.sum().alias(column) for column, (bad, _) in tests.items()],
            *([_ids_repeat().alias("__ids_repeat")] if "id" in frame.columns else []),
        ).row(0, named=True)
        if tests or "id" in frame.columns
        else {}
    )
    for column, (bad, why) in tests.items():
        count = int(counts[column])
        if count:
            mask = frame.select(bad.alias("bad"))["bad"]
            problems.extend(_report(frame, column, mask, count, why, first_line))
    if counts.get("__ids_repeat"):
        problems.extend(_duplicates(frame, first_line))
    if problems:
        return frame, problems
    return frame.with_columns(exprs), []


def _report(
    frame: pl.DataFrame,
    column: str,
    mask: pl.Series,
    count: int,
    why: Callable[[Any], str],
    first_line: int | None,
) -> list[Problem]:
    rows = frame.select(pl.int_range(pl.len()).alias("row"), pl.col(column)).filter(mask)
    out: list[Problem] = []
    for row, value in rows.head(MAX_LISTED).iter_rows():
        if isinstance(value, str) and len(value) > _SHOWN:  # a message stays readable
            value = f"{value[:_SHOWN]}… ({len(value)} characters)"
        out.append(InvalidValueError(why(value), f"{_where(row, first_line)}, column {column}"))
    if count > MAX_LISTED:
        out.append(
            InvalidValueError(
                f"... and {count - MAX_LISTED} more bad cells like these", f"column {column}"
            )
        )
    return out


def _where(row: int, first_line: int | None) -> str:
    if first_line is None:
        return f"row {row + 1}"
    return f"row {row + 1} (line {row + first_line})"


def _ids_repeat() -> pl.Expr:
    """Whether any id may repeat: a cheap count (exact duplicates are then listed).

    Distinct hashes mean distinct ids, and counting 64-bit hashes is several times faster
    than counting texts; a shared hash (a repeated id, a null or a collision) sends the
    register to the exact check.
    """
    return pl.col("id").hash().n_unique() < pl.len()


def _duplicates(frame: pl.DataFrame, first_line: int | None) -> list[Problem]:
    ids = frame.select(pl.int_range(pl.len()).alias("row"), pl.col("id").cast(pl.String))
    ids = ids.filter(pl.col("id").is_not_null() & (pl.col("id").str.strip_chars() != ""))
    dup = ids.filter(pl.col("id").is_duplicated())
    out: list[Problem] = []
    for row, value in dup.head(MAX_LISTED).iter_rows():
        out.append(
            InvalidValueError(
                f"id {value[:_SHOWN]!r} is used by more than one row; give each enterprise its"
                " own id",
                f"{_where(row, first_line)}, column id",
            )
        )
    return out


_Read = tuple[pl.Expr, pl.Expr | None, Callable[[Any], str]]
_Reader = Callable[[pl.Series, int], _Read]


def _text_of(series: pl.Series) -> pl.Expr:
    col = pl.col(series.name)
    if series.dtype != pl.String:
        col = col.cast(pl.String)
    stripped = col.str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def _read_text(series: pl.Series, unit: int) -> _Read:
    if series.dtype == pl.String and not (
        (series.str.len_bytes() == 0).any() or (series.str.strip_chars() != series).any()
    ):  # nothing to strip and no empty cell (ids, names): kept as it is, not copied
        return pl.col(series.name), None, str
    return _text_of(series), None, str


def _distinct_texts(series: pl.Series) -> list[str]:
    """The distinct non-empty cells of ``series``, spaces at the ends removed."""
    text = series if series.dtype == pl.String else series.cast(pl.String)
    stripped = text.str.strip_chars().unique().drop_nulls()
    return [cell for cell in stripped.to_list() if cell]


def _repeated_text(series: pl.Series) -> tuple[pl.Expr, dict[str, str | None]]:
    """A text column of few distinct cells, read through them: the value, and each cell read.

    The value is what :func:`_text_of` gives (spaces at the ends removed, an empty cell
    null), but the work is done once per distinct cell: when every cell is clean the
    column is kept as it is.
    """
    raw = series if series.dtype == pl.String else series.cast(pl.String)
    distinct = raw.unique().drop_nulls()
    stripped = distinct.str.strip_chars()
    read = {
        cell: clean or None
        for cell, clean in zip(distinct.to_list(), stripped.to_list(), strict=True)
    }
    col = pl.col(series.name)
    if series.dtype != pl.String:
        col = col.cast(pl.String)
    changed = {cell: clean for cell, clean in read.items() if cell != clean}
    if changed:
        old = pl.Series(list(changed), dtype=pl.String)
        col = col.replace(old, pl.Series(list(changed.values()), dtype=pl.String))
    return col, read


def _read_industry(standard: str | None, cells: list[str]) -> _Reader:
    """``industry`` cells, read through their distinct values (registers repeat a few).

    With a size standard, a cell that is neither an industry name of the standard nor a
    GB/T 4754-2017 code is bad. ``cells`` receives the distinct industries read (for
    :meth:`Register.industry_cells`).
    """

    def read(series: pl.Series, unit: int) -> _Read:
        value, read = _repeated_text(series)
        cells.extend(sorted({c for c in read.values() if c is not None}))
        if standard is None:
            return value, None, str
        from smeeco.sizing.industries import resolve_industry

        messages: dict[str, str] = {}
        for cell in cells:
            try:
                resolve_industry(cell)
            except InvalidValueError as exc:
                messages[cell] = exc.message
        bad = [raw for raw, clean in read.items() if clean in messages]

        def why(cell: Any) -> str:
            return messages.get(str(cell).strip(), f"industry {cell!r} is not known")

        text = pl.col(series.name)
        if series.dtype != pl.String:
            text = text.cast(pl.String)
        return value, text.is_in(bad) if bad else None, why

    return read


def _read_credit_code(series: pl.Series, unit: int) -> _Read:
    text = _text_of(series)
    value = {c: i for i, c in enumerate(CREDIT_CODE_ALPHABET)}
    total: pl.Expr = pl.lit(0, dtype=pl.Int64)
    for i, weight in enumerate(_WEIGHTS):
        char = text.str.slice(i, 1).replace_strict(value, default=-10_000, return_dtype=pl.Int64)
        total = total + char * weight
    check = (31 - total % 31) % 31
    last = text.str.slice(17, 1).replace_strict(value, default=-1, return_dtype=pl.Int64)
    shape = text.str.contains(r"^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$")
    good = shape & (total >= 0) & (check == last)
    bad = text.is_not_null() & ~good

    def why(cell: Any) -> str:
        from smeeco.errors import CreditCodeError
        from smeeco.model.enterprise import check_credit_code

        code = str(cell).strip()
        try:
            check_credit_code(code)
        except CreditCodeError as exc:
            if code != code.upper():
                try:
                    check_credit_code(code.upper())
                except CreditCodeError:
                    return exc.message
                return f"{exc.message}; in capitals it is valid: write {code.upper()!r}"
            return exc.message
        return f"credit code {cell!r} is not valid (GB 32100-2015)"

    return text, bad, why


def _read_date(series: pl.Series, unit: int) -> _Read:
    col = pl.col(series.name)
    if series.dtype == pl.Date:
        return col, None, str
    if isinstance(series.dtype, pl.Datetime):
        whole = col.dt.truncate("1d") == col
        return (
            col.dt.date(),
            col.is_not_null() & ~whole,
            lambda v: f"registration date {v!r} has a time of day; give the date only (2021-07-09)",
        )
    text = _text_of(series)
    day = pl.when(text.str.contains(_MIDNIGHT)).then(text.str.slice(0, 10)).otherwise(text)
    parsed = (
        pl.when(day.str.contains(_DATE))
        .then(day)
        .otherwise(None)
        .str.to_date("%Y-%m-%d", strict=False)
    )
    return (
        parsed,
        text.is_not_null() & parsed.is_null(),
        lambda v: f"{v!r} is not a date; write it as YYYY-MM-DD (2021-07-09)",
    )


def _read_whole(noun: str) -> _Reader:
    def read(series: pl.Series, unit: int) -> _Read:
        col = pl.col(series.name)
        dtype = series.dtype

        def why(cell: Any) -> str:
            return (
                f"{cell!r} is not a whole, non-negative number of {noun}{_hint(cell)};"
                " write e.g. 300 (fractions are not rounded, an empty cell means unknown)"
            )

        if dtype.is_integer():
            return col.cast(pl.Int64), col < 0, why
        if dtype.is_float():
            good = col.is_finite() & (col.floor() == col) & (col >= 0) & (col < 2**53)
            return col.cast(pl.Int64, strict=False), col.is_not_null() & ~good, why
        if dtype == pl.String or dtype == pl.Null:
            text = _text_of(series)
            ok = text.str.contains(_WHOLE) & (text.str.len_chars() <= 15)
            value = pl.when(ok).then(text.str.replace(r"\.0+$", "")).otherwise(None).cast(pl.Int64)
            return value, text.is_not_null() & ~ok, why
        return col, col.is_not_null(), lambda v: f"{v!r} ({dtype}) is not a number of {noun}"

    return read


def _hint(cell: Any) -> str:
    """What is wrong with a number cell people often write: full-width digits, a thousands
    separator, a percent sign (empty when it is none of these)."""
    text = str(cell).strip()
    if _FULL_WIDTH_DIGITS.search(text):
        return " (it has full-width digits: write ASCII digits, 123 not １２３)"
    if "," in text:
        return " (write the number without thousands separators)"
    if text.endswith(("%", "％")):
        return " (write the number alone, without a percent sign)"
    return ""


def _read_number(signed: bool, scale: int, noun: str, hint: str) -> _Reader:
    def read(series: pl.Series, unit: int) -> _Read:
        factor = unit if scale else 1
        col = pl.col(series.name)
        dtype = series.dtype

        def why(cell: Any) -> str:
            text = str(cell).strip()
            extra = ""
            if _FULL_WIDTH_DIGITS.search(text):
                extra = _hint(text)
            elif text.endswith("%"):
                extra = " (ratios are fractions: write 0.05 for 5 %)"
            elif "," in text:
                extra = " (write the number without thousands separators)"
            elif scale and text.endswith(("元", "万", "亿")):
                extra = (
                    " (write the number alone; a register in 万元 or 亿元 says so with"
                    " --money-unit, or money_unit= in Python)"
                )
            elif not signed and text.startswith("-"):
                extra = " (it cannot be negative)"
            return f"{cell!r} is not {noun}{extra}; {hint}"

        if dtype == pl.Boolean:
            return col, col.is_not_null(), why
        if dtype.is_numeric():
            number = col.cast(pl.Float64)
        elif dtype == pl.String or dtype == pl.Null:
            text = _text_of(series)
            number = pl.when(text.str.contains(_NUMBER)).then(text).otherwise(None).cast(pl.Float64)
            col = text
        else:
            return col, col.is_not_null(), lambda v: f"{v!r} ({dtype}) is not {noun}"
        good = number.is_finite()
        if not signed:
            good = good & (number >= 0)
        # 万元/亿元 to yuan: the float product can miss the decimal by an ulp
        # (0.0007 × 10000 = 7.000000000000001); the decimal is a multiple of 0.0001 yuan
        # for amounts of up to 8 decimals in 万元 (12 in 亿元), so it is rounded to that.
        value = (number * factor).round(4) if factor > 1 else number
        return value, col.is_not_null() & ~good.fill_null(False), why

    return read


def _read_bool(series: pl.Series, unit: int) -> _Read:
    col = pl.col(series.name)

    def why(cell: Any) -> str:
        return f"{cell!r} is not a boolean; write true or false (an empty cell means unknown)"

    if series.dtype == pl.Boolean:
        return col, None, why
    if series.dtype == pl.String or series.dtype == pl.Null:
        text = _text_of(series).str.to_lowercase()
        value = text.replace_strict(
            {"true": True, "false": False}, default=None, return_dtype=pl.Boolean
        )
        return value, text.is_not_null() & value.is_null(), why
    return col, col.is_not_null(), why


def _read_tiers(series: pl.Series, unit: int) -> _Read:
    text = _text_of(series)
    bad_values = []
    for cell in _distinct_texts(series):
        try:
            parse_tiers(cell)
        except InvalidValueError:
            bad_values.append(cell)

    def why(cell: Any) -> str:
        try:
            parse_tiers(str(cell))
        except InvalidValueError as exc:
            return exc.message
        return f"{cell!r} is not a list of tiers"

    return text, text.is_in(bad_values), why


def parse_tiers(cell: str | None) -> tuple[tuple[str, dt.date | None, dt.date | None], ...]:
    """Read a ``tiers`` cell: ``id``, ``id@awarded`` or ``id@awarded/expires``, ``;`` between.

    >>> parse_tiers("cn-innovative-sme@2023-05-01; cn-srdi-sme")
    (('cn-innovative-sme', datetime.date(2023, 5, 1), None), ('cn-srdi-sme', None, None))
    """
    if cell is None or not cell.strip():
        return ()
    out = []
    for part in cell.split(";"):
        entry = part.strip()
        if not entry:
            continue
        match = _TIER_ENTRY.match(entry)
        if match is None or not ID_PATTERN.match(match.group(1)):
            raise InvalidValueError(
                f"tier entry {entry!r} is not 'tier-id', 'tier-id@YYYY-MM-DD' or"
                " 'tier-id@awarded/expires' (entries separated by ';')"
            )
        try:
            awarded = dt.date.fromisoformat(match.group(2)) if match.group(2) else None
            expires = dt.date.fromisoformat(match.group(3)) if match.group(3) else None
        except ValueError:
            raise InvalidValueError(
                f"tier entry {entry!r} has a date that does not exist"
            ) from None
        if awarded and expires and expires < awarded:
            raise InvalidValueError(f"tier entry {entry!r} expires before it was awarded")
        out.append((match.group(1), awarded, expires))
    return tuple(out)


_MONEY_HINT = "write a plain number in the register's money unit"
_READERS: Mapping[ColumnKind, _Reader] = {
    ColumnKind.TEXT: _read_text,
    ColumnKind.CREDIT_CODE: _read_credit_code,
    ColumnKind.DATE: _read_date,
    ColumnKind.PERSONS: _read_whole("persons"),
    ColumnKind.COUNT: _read_whole("items"),
    ColumnKind.MONEY: _read_number(False, 1, "an amount of money", _MONEY_HINT),
    ColumnKind.SIGNED_MONEY: _read_number(True, 1, "an amount of money", _MONEY_HINT),
    ColumnKind.RATIO: _read_number(True, 0, "a ratio", "write a fraction such as 0.05"),
    ColumnKind.BOOL: _read_bool,
    ColumnKind.TIERS: _read_tiers,
}
