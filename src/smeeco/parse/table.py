"""任务分工表 pasted as text: pipes, tabs or aligned spaces.

An HTML ``<table>`` (a saved web page, or markup pasted into a text) is rendered to ``|``
rows by :mod:`smeeco.parse.html` when the text is prepared (:func:`smeeco.parse.prepare.prepare`),
before this module reads it: there is one reader of HTML tables, and it knows merged cells.

A table is found by its header row: one column names the task (任务, 工作任务, 重点任务,
工作内容…) and another the units (牵头单位/牵头部门, 配合单位/参与部门, 责任单位).
Columns 序号 and 完成时限 are read when present. Each row gives a :class:`TableRow`:
its number, task title, units (牵头 column: stated leads; 配合/参与 column: stated
supports; a single 责任单位 column: a listing, first unit the inferred lead) and its
deadline as written (read by :meth:`smeeco.Deadline.read` in :func:`smeeco.parse_policy`).

A table whose columns are separated by single spaces (an HTML table flattened to text)
is read when its first column is 序号: each row starts with its number and a space ends a
cell; where a cell runs over lines, the reader says how it split the row
(:attr:`Table.notes`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re

import attrs

from smeeco.model.deadline import Deadline
from smeeco.model.document import Role
from smeeco.parse.responsibility import _UNIT_END, ClauseUnit, cell_units, unit_like

__all__ = [
    "UNIT_END",
    "Table",
    "TableRow",
    "deadline_date",
    "find_tables",
    "join_cell_lines",
    "unread_box_table_headers",
    "unread_table_headers",
]

_TASK = re.compile(r"任务|工作|措施|事项|内容|举措")
_LEAD = re.compile(r"牵头|主责|主办|主要责任")
_SUPPORT = re.compile(r"配合|参与|协同|协办")
_LISTING = re.compile(r"责任单位|责任部门|责任主体")
_NUMBER = re.compile(r"^(?:序号|编号|序)$")
_DEADLINE = re.compile(r"时限|期限|时间|进度")
_SPACES = re.compile(r"[^\S\n]{2,}")
#: What a header needs besides a task column (see _columns): a line without it is none.
_UNIT_COLUMN = re.compile("|".join(p.pattern for p in (_LEAD, _SUPPORT, _LISTING)))
_KEY = re.compile(r"[\s。.、，,()（）]")


@attrs.frozen
class TableRow:
    """One row of a 任务分工表."""

    number: str
    title: str
    units: tuple[ClauseUnit, ...]
    deadline: str
    span: tuple[int, int]
    #: where the 完成时限 cell's text stands, when the row has one
    deadline_span: tuple[int, int] | None = None

    @property
    def key(self) -> str:
        """The title without spaces and punctuation, to match a measure's title."""
        return _KEY.sub("", self.title)

    @property
    def deadline_date(self) -> dt.date | None:
        """The deadline as the last day it allows, when it names one."""
        return deadline_date(self.deadline)


@attrs.frozen
class Table:
    """A 任务分工表: its span in the text and its rows.

    ``notes`` are what the reader was unsure about, each a span of the text and a
    message: a cell boundary read from a line break, a row whose cells cannot be told
    apart, numbering that does not start at 1 or skips.
    """

    span: tuple[int, int]
    rows: tuple[TableRow, ...]
    notes: tuple[tuple[tuple[int, int], str], ...] = ()


def deadline_date(text: str) -> dt.date | None:
    """The last day a 完成时限 allows: "2023年6月底前" → 2023-06-30, "2024年底" → 2024-12-31.

    The date of :meth:`smeeco.Deadline.read`: ``None`` for an ongoing task ("长期") and
    for what cannot be read without guessing ("2025年6月前").

    Examples
    --------
    >>> [deadline_date(t) for t in ("2023年6月底前", "2024年底", "2022年9月15日", "长期")]
    [datetime.date(2023, 6, 30), datetime.date(2024, 12, 31), datetime.date(2022, 9, 15), None]
    """
    return Deadline.read(text).date if text.strip() else None


Cells = list[tuple[int, int]]


def _split_line(text: str, start: int, end: int) -> tuple[str, Cells] | None:
    """The cells of one line as spans, and how they are separated."""
    line = text[start:end]
    if line.count("|") >= 2 or line.count("｜") >= 2:
        sep = "|" if line.count("|") >= 2 else "｜"
        cells: Cells = []
        position = start
        for part in line.split(sep):
            cells.append((position, position + len(part)))
            position += len(part) + 1
        if line.strip().startswith(sep):
            cells = cells[1:]
        if line.strip().endswith(sep):
            cells = cells[:-1]
        return "pipe", cells
    if line.count("\t") >= 2:
        cells = []
        position = start
        for part in line.split("\t"):
            cells.append((position, position + len(part)))
            position += len(part) + 1
        return "tab", cells
    pieces = [m.span() for m in _SPACES.finditer(text, start, end)]
    if len(pieces) >= 2:
        cells = []
        position = start
        for s, e in pieces:
            cells.append((position, s))
            position = e
        cells.append((position, end))
        return "spaces", cells
    return None


def _columns(headers: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, header in enumerate(headers):
        header = header.strip()
        if "number" not in columns and _NUMBER.match(header):
            columns["number"] = i
        elif "lead" not in columns and _LEAD.search(header):
            columns["lead"] = i
        elif "support" not in columns and _SUPPORT.search(header):
            columns["support"] = i
        elif "listing" not in columns and _LISTING.search(header):
            columns["listing"] = i
        elif "deadline" not in columns and _DEADLINE.search(header):
            columns["deadline"] = i
        elif "task" not in columns and _TASK.search(header):
            columns["task"] = i
    if "task" in columns and ({"lead", "support", "listing"} & columns.keys()):
        return columns
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\u3000\r":
        end -= 1
    return start, end


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a cell, stripped, as spans: "市发改委⏎市财政局" is two."""
    found: list[tuple[int, int]] = []
    position = start
    while True:
        stop = text.find("\n", position, end)
        s, e = _strip(text, position, end if stop < 0 else stop)
        if s < e:
            found.append((s, e))
        if stop < 0:
            return found
        position = stop + 1


_LINE_BREAK = re.compile(r"\s*\n\s*")


def _unwrapped(cell: str) -> str:
    """A cell's lines run together, the spaces around each line break left out."""
    return _LINE_BREAK.sub("", cell) if "\n" in cell else cell


def _row(text: str, columns: dict[str, int], cells: Cells, span: tuple[int, int]) -> TableRow:
    def cell(name: str) -> tuple[int, int] | None:
        k = columns.get(name)
        return _strip(text, *cells[k]) if k is not None and k < len(cells) else None

    def value(name: str) -> str:
        found = cell(name)
        return "\n".join(text[s:e] for s, e in _segments(text, *found)) if found else ""

    deadline = cell("deadline")
    due = text[deadline[0] : deadline[1]] if deadline else ""
    due = _unwrapped(due)  # a cell wrapped over lines
    if not due.strip():
        deadline, due = None, ""
    units: list[ClauseUnit] = []
    for name, role in (("lead", Role.LEAD), ("support", Role.SUPPORT), ("listing", None)):
        found = cell(name)
        if found is None:
            continue
        leads = role is None and "lead" not in columns
        for unit in cell_units(text, _segments(text, *found), role, first_leads=leads):
            s, e = unit.span
            name = unit.name
            while e > s + 1 and text[e - 1] in MARKS:  # "天津市财政局*": a footnote mark
                e -= 1
                name = name[:-1]
            units.append(ClauseUnit(name, unit.role, unit.explicit, (s, e), text[s:e]))
    task = _unwrapped(value("task")).rstrip("。. ")
    return TableRow(value("number"), task, tuple(units), due, span, deadline)


class _Found(list[Table]):
    """The tables :func:`find_tables` found, with the header lines it looked at.

    :func:`unread_table_headers` reads the same header lines of the same text: it takes
    them from here instead of searching the text a second time.
    """

    __slots__ = ("headers", "text")

    def __init__(self, tables: list[Table], text: str, headers: list[tuple[int, int]]) -> None:
        super().__init__(tables)
        self.text = text
        self.headers = headers


def _header_lines(text: str) -> list[tuple[int, int]]:
    """The lines (spans, without the line break) naming a unit column and a task column.

    Every header of a 任务分工表 is one of them. The search goes from one unit word
    (牵头, 配合, 责任单位…) to the next, a line at most once, so a text without one
    costs a single scan; a table is rare, a task word (工作, 任务…) is not.
    """
    found: list[tuple[int, int]] = []
    position = 0
    while (unit := _UNIT_COLUMN.search(text, position)) is not None:
        start = text.rfind("\n", 0, unit.start()) + 1  # no unit word holds a line break
        end = _line_end(text, unit.end())
        if _TASK.search(text, start, end) is not None:
            found.append((start, end))
        position = end + 1
    return found


def find_tables(text: str) -> list[Table]:
    """Every 任务分工表 in ``text``, with rows whose spans index ``text``.

    Examples
    --------
    >>> text = ("序号 | 工作任务 | 牵头部门 | 参与部门 |\\n"
    ...         "1 | 拓宽融资渠道 | 省金融办 | 省财政厅、人行南昌中心支行 |\\n")
    >>> (table,) = find_tables(text)
    >>> [(u.name, u.role.value, u.explicit) for u in table.rows[0].units]
    [('省金融办', 'lead', True), ('省财政厅', 'support', True),
     ('人行南昌中心支行', 'support', True)]
    """
    tables: list[Table] = []
    done = 0
    headers = _header_lines(text)
    for s, e in headers:
        if s < done:
            continue
        split = _split_line(text, s, e)
        columns = _columns([text[a:b] for a, b in split[1]]) if split else None
        if split is None or columns is None:
            single = _single_space_table(text, s, e)
            if single is not None:
                tables.append(single)
                done = single.span[1]
            continue
        style = split[0]
        rows = []
        last_cells: Cells = []
        table_end = e
        rs = e + 1
        while rs < len(text):
            re_ = text.find("\n", rs)
            re_ = len(text) if re_ < 0 else re_
            if not text[rs:re_].strip():
                break
            found = _split_line(text, rs, re_)
            if found is None or found[0] != style:
                break
            rule = style == "pipe" and set(text[rs:re_].replace("|", "").strip()) <= set("-: ")
            if not rule:  # (a Markdown rule under the header is skipped)
                rows.append(_row(text, columns, found[1], (rs, re_)))
                last_cells = found[1]
            table_end = re_
            rs = re_ + 1
        notes: list[tuple[tuple[int, int], str]] = []
        cut = _cut_in_name(text, columns, last_cells) if rows else None
        if cut is not None and _last_row_cut(text, last_cells[-1]):
            # "4 | 深入推进… | 市发": the text (or the page, before its footer) ends in a name
            notes.append((rows[-1].span, _cut_note(rows[-1].number, cut)))
            rows.pop()
        if rows or notes:
            tables.append(Table((s, table_end), tuple(rows), tuple(notes)))
            done = table_end
    spans = sorted(t.span for t in tables)
    starts = [start for start, _end in spans]
    reach = list(itertools.accumulate((end for _start, end in spans), max))
    for by_lines in _cell_per_line_tables(text):
        k = bisect.bisect_left(starts, by_lines.span[1]) - 1  # tables starting before its end
        if k < 0 or reach[k] <= by_lines.span[0]:  # … none reaching into it
            tables.append(by_lines)
    tables.sort(key=lambda t: t.span)
    return _Found([_marked(_numbered(table), text) for table in tables], text, headers)


#: Footnote marks a 任务分工表 puts after unit names ("天津市财政局*", "标※的为牵头单位").
MARKS = "*＊※△▲★☆"
_LEGEND = re.compile(
    r"^[^\S\n]*(?:注[:：]?[^\S\n]*)?(?:标注?|带|加)?([*＊※△▲★☆])[^\n]{0,80}$", re.M
)


def _marked(table: Table, text: str) -> Table:
    """Units written with a footnote mark: the mark is not part of the name; where a legend
    after the table says the mark names the lead ("标*的为牵头单位"), a marked unit leads.

    A legend that says the lead is only presumed ("推定") makes the marked units inferred
    leads (``explicit`` False), as smeeco's own task lists write them.
    """
    marked = [
        (row_index, unit_index)
        for row_index, row in enumerate(table.rows)
        for unit_index, unit in enumerate(row.units)
        if unit.span[1] < len(text) and text[unit.span[1]] in MARKS
    ]
    if not marked:
        return table
    first_row, first_unit = marked[0]
    first = table.rows[first_row].units[first_unit]
    mark = text[first.span[1]]
    window = (table.span[1], min(len(text), table.span[1] + 2000))
    legend = next((f for f in _LEGEND.finditer(text, *window) if f.group(1) == mark), None)
    says_lead = legend is not None and "牵头" in legend.group()
    presumed = legend is not None and "推定" in legend.group()
    rows = list(table.rows)
    if says_lead:
        by_row: dict[int, set[int]] = {}
        for row_index, unit_index in marked:
            by_row.setdefault(row_index, set()).add(unit_index)
        for row_index, indexes in by_row.items():
            units = []
            for i, unit in enumerate(rows[row_index].units):
                if i in indexes:
                    unit = attrs.evolve(unit, role=Role.LEAD, explicit=not presumed)
                elif not presumed and unit.role is Role.LEAD and not unit.explicit:
                    unit = attrs.evolve(unit, role=Role.SUPPORT)  # a listing's first: no more
                units.append(unit)
            rows[row_index] = attrs.evolve(rows[row_index], units=tuple(units))
    if legend is None:
        what = "no legend after the table says what it means: check it"
    else:
        what = f"the legend says {legend.group().strip()!r}"
        if says_lead:
            what += ", so the marked units lead" + (" (presumed, not stated)" if presumed else "")
    note = (
        first.span,
        f"{len(marked)} unit(s) of the table carry the mark {mark!r} (the first:"
        f" {first.written + mark!r}), read as a footnote, not part of the name; {what}",
    )
    return attrs.evolve(table, rows=tuple(rows), notes=(*table.notes, note))


#: A column name on a line of its own ("序号", "内容与要求", "责任单位"): short, no spaces;
#: a cell's border may follow ("序号 |", "叶林 |": a copy that keeps the page's cell borders).
_CELL_BORDER = r"(?:[^\S\n]*[|｜])?"
_CELL_HEADER = re.compile(rf"[^\S\n]*(?P<name>[^\s|｜<>]{{2,10}}){_CELL_BORDER}[^\S\n]*$")
_CELL_NUMBER = re.compile(rf"[^\S\n]*(?P<n>\d{{1,4}}){_CELL_BORDER}[^\S\n]*$")


class _Lines:
    """The non-blank lines of a text from a position, as stripped spans, read as needed.

    Reading on demand keeps a header that is not a table's (a "序号" line in prose) from
    costing a pass over the rest of the text.
    """

    def __init__(self, text: str, position: int) -> None:
        self.text = text
        self.position = position
        self.found: list[tuple[int, int]] = []

    def __getitem__(self, k: int) -> tuple[int, int] | None:
        while len(self.found) <= k and self.position < len(self.text):
            end = _line_end(self.text, self.position)
            s, e = _strip(self.text, self.position, end)
            if s < e:
                self.found.append((s, e))
            self.position = end + 1
        return self.found[k] if k < len(self.found) else None


_NUMBER_LINE = re.compile(rf"[^\S\n]*(?:序号|编号){_CELL_BORDER}[^\S\n]*")


def _cell_table_starts(text: str) -> list[int]:
    """Where the lines that are only "序号" or "编号" start (a cell-per-line header)."""
    words = sorted(
        at for word in ("序号", "编号") if word in text for at in _occurrences(text, word)
    )
    starts: list[int] = []
    for at in words:
        start = text.rfind("\n", 0, at) + 1
        if (not starts or starts[-1] != start) and _NUMBER_LINE.fullmatch(
            text, start, _line_end(text, at)
        ):
            starts.append(start)
    return starts


def _occurrences(text: str, word: str) -> list[int]:
    found: list[int] = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + len(word))
    return found


def _cell_per_line_tables(text: str) -> list[Table]:
    """Tables copied from a web page with every cell on a line of its own.

    "序号 ⏎⏎ 内容与要求 ⏎⏎ 进展情况 ⏎⏎ 责任单位 ⏎⏎ 1 ⏎⏎ 坚持…。 ⏎⏎ … ⏎⏎ 市发改委": the header is a
    run of short lines naming the columns, the first 序号; each row starts with a line
    holding its number (the previous one plus one) and has one line a cell. A row with
    fewer lines than columns before the next number, or cut off by the end of the text
    inside a unit's name, is not read, with a note.
    """
    tables: list[Table] = []
    for start in _cell_table_starts(text):
        lines = _Lines(text, start)
        width = 0
        while width < 12 and (line := lines[width]) is not None:
            if _CELL_NUMBER.fullmatch(text, *line) or not _CELL_HEADER.fullmatch(text, *line):
                break
            width += 1
        headers = [text[slice(*line)].rstrip("|｜ \t") for line in lines.found[:width]]
        columns = _columns(headers) if width >= 3 else None
        if columns is None or columns.get("number") != 0:
            continue
        rows: list[TableRow] = []
        notes: list[tuple[tuple[int, int], str]] = []
        k = width
        expected: int | None = None
        table_end = lines.found[width - 1][1]
        while (line := lines[k]) is not None:
            number = _CELL_NUMBER.fullmatch(text, *line)
            if number is None or (expected is not None and int(number["n"]) != expected):
                break
            cells = [_unbordered(text, line)]
            k += 1
            while len(cells) < width and (cell := lines[k]) is not None:
                following = _CELL_NUMBER.fullmatch(text, *cell)
                if following is not None and int(following["n"]) == int(number["n"]) + 1:
                    break
                cells.append(_unbordered(text, cell))
                k += 1
            span = (cells[0][0], cells[-1][1])
            table_end = span[1]
            expected = int(number["n"]) + 1
            after = lines[k]
            final = after is None or not _CELL_NUMBER.fullmatch(text, *after)
            cut = _cut_in_name(text, columns, cells) if final else None
            if len(cells) < width:
                notes.append(
                    (
                        span,
                        f"row {number['n']} of the table has {len(cells)} cells (a line each)"
                        f" for {width} columns: it is not read",
                    )
                )
            elif cut is not None and _last_row_cut(text, cells[-1]):
                notes.append((span, _cut_note(number["n"], cut)))
            else:
                rows.append(_row(text, columns, cells, span))
        if rows or notes:
            tables.append(Table((lines.found[0][0], table_end), tuple(rows), tuple(notes)))
    return tables


def _unbordered(text: str, cell: tuple[int, int]) -> tuple[int, int]:
    """``cell`` without the border a copy kept after it ("招商工作部、安商工作部 |")."""
    s, e = cell
    while e > s and text[e - 1] in "|｜ \t":
        e -= 1
    return (s, e) if e > s else cell


def _cut_note(number: str, name: str) -> str:
    return (
        f"row {number} of the table breaks off inside {name!r} (the end of the text, or"
        " the page's footer, follows): it is not read"
    )


def _cut_in_name(text: str, columns: dict[str, int], cells: Cells) -> str | None:
    """The broken-off name ending the text's last row, when its last cell is a unit cell.

    "市发" in "… | 市发" at the end of the text is no unit (never a fragment); a whole
    name ("市发改委") or a last cell of another column (a 完成时限) is not cut.
    """
    units = {columns[c] for c in ("lead", "support", "listing") if c in columns}
    if not cells or len(cells) - 1 not in units:
        return None
    pieces = _segments(text, *cells[-1])
    if not pieces:
        return None
    last = re.split(r"[、，,;；]", text[slice(*pieces[-1])])[-1].strip()
    bare = last.rstrip(MARKS)  # "市政务服务办*": a footnote mark after a whole name
    return last if bare and not unit_like(bare) else None


def _numbered(table: Table) -> Table:
    """The table with a note where its 序号 numbers do not start at 1, skip or repeat."""
    notes = list(table.notes)
    previous: int | None = None
    for row in table.rows:
        if not row.number.isdigit():
            continue
        number = int(row.number)
        if previous is None and number != 1:
            what = f"starts at {number}: rows 1 to {number - 1} are not in the text"
        elif previous is not None and number != previous + 1:
            what = f"goes from {previous} to {number}"
        else:
            what = ""
        if what:
            notes.append((row.span, f"the table's numbering (序号) {what}"))
        previous = number
    return attrs.evolve(table, notes=tuple(notes)) if len(notes) > len(table.notes) else table


_WORD = re.compile(r"\S+")
#: A cell is wrapped over at most this many lines (a unit a line); the rest are not the row's.
_WRAPPED_LINES = 30
_ROW_START = re.compile(r"[^\S\n]*\d{1,4}[^\S\n]+\S")


def _single_space_table(text: str, start: int, end: int) -> Table | None:
    """A table whose columns are separated by single spaces (a flattened HTML table).

    Read only when the header's words are its columns, the first a 序号 column: each row
    starts on a line with its number, and a space ends a cell. A cell wrapped over lines
    (a unit a line) joins the lines until the row has a cell for each column; when the
    spaces give fewer cells than columns, the last line breaks of the row are read as
    cell boundaries, with a note. A row with more cells than columns (a cell holding a
    space) is left out, with a note.
    """
    first = _WORD.search(text, start, end)
    if first is None or first.group() not in ("序号", "编号", "序"):
        return None  # (what _columns needs of a first column of numbers)
    words = [m.span() for m in _WORD.finditer(text[start:end])]
    headers = [text[start + a : start + b] for a, b in words]
    columns = _columns(headers) if len(headers) >= 3 else None
    if columns is None or columns.get("number") != 0 or any(len(h) > 10 for h in headers):
        return None
    width = len(headers)
    rows: list[TableRow] = []
    notes: list[tuple[tuple[int, int], str]] = []
    position = end + 1
    table_end = end
    while position < len(text):
        if _heading_row(text, position):  # "一、主要预期目标": a heading inside the table
            position = _line_end(text, position) + 1
            continue
        if not _ROW_START.match(text, position):
            break
        row_start = position
        row_end = _line_end(text, position)
        hard = len(_cells(text, row_start, row_end))
        for _ in range(_WRAPPED_LINES):  # continuation lines, while the spaces give too few cells
            following = row_end + 1
            if (
                hard >= width
                or following >= len(text)
                or not text[following : _line_end(text, following)].strip()
                or _ROW_START.match(text, following)
                or _heading_row(text, following)
            ):
                break
            row_end = _line_end(text, following)
            hard += len(_cells(text, following, row_end)) - 1  # a line break ends no cell
        cells = _cells(text, row_start, row_end)
        span = (row_start, row_end)
        number = text[cells[0][0] : cells[0][1]]
        if len(cells) < width and _cut(text, cells[-1]) and _last_row_cut(text, cells[-1]):
            notes.append(
                (
                    span,
                    f"row {number} of the table breaks off at the end of the text with"
                    f" {len(cells)} cells for {width} columns: it is not read",
                )
            )
        elif (
            len(cells) == width
            and (cut := _cut_in_name(text, columns, cells)) is not None
            and _last_row_cut(text, cells[-1])
        ):
            notes.append((span, _cut_note(number, cut)))  # "4 深入推进… 市发" before the footer
        elif len(cells) > width:
            notes.append(
                (
                    span,
                    f"row {number} of the table has {len(cells)} cells separated by spaces"
                    f" for {width} columns (a cell holds a space): it is not read",
                )
            )
        elif len(cells) + text.count("\n", row_start, row_end) < width:
            notes.append(
                (
                    span,
                    f"row {number} of the table has {len(cells)} cells for {width} columns,"
                    " and not enough line breaks to tell the missing ones: it is not read",
                )
            )
        else:
            if len(cells) < width:
                notes.append(
                    (
                        span,
                        f"row {number} of the table runs over lines and its spaces give"
                        f" {len(cells)} cells for {width} columns: the last line break(s) of"
                        " the row were read as cell boundaries; check the units of each column",
                    )
                )
                cells = _split_at_breaks(text, cells, width - len(cells))
            rows.append(_row(text, columns, cells, span))
        table_end = row_end
        position = row_end + 1
    if not rows and not notes:
        return None
    return Table((start, table_end), tuple(rows), tuple(notes))


_CN = "一二三四五六七八九十"
_HEADING_ROW = re.compile(rf"[^\S\n]*(?:[{_CN}]{{1,3}}、|[(（][{_CN}]{{1,3}}[)）])\S*$")


def _cut(text: str, cell: tuple[int, int]) -> bool:
    """Whether a row's last cell looks broken off: no stop and no date at its end."""
    value = text[cell[0] : cell[1]].rstrip()
    return not value.endswith(("。", ".", ")", "）")) and deadline_date(value) is None


_BLANK = re.compile(r"\s*")


def _last_row_cut(text: str, cell: tuple[int, int]) -> bool:
    """Whether the row ending in ``cell`` is the text's last, cut: its end, or page furniture.

    At the text's end a row without a stop is cut. Before other lines (a page's footer:
    "上一篇:…", a phone number) it is cut when its last name does not read as a unit
    ("…,谯城经开" before the footer); a table's real last row ends in a whole name.
    """
    blank = _BLANK.match(text, cell[1])  # (no slice of the rest: this runs once a row)
    after = blank.end() if blank else cell[1]
    if after == len(text):
        return True
    if _ROW_START.match(text, after) or _heading_row(text, after):
        return False
    value = text[cell[0] : cell[1]].rstrip()
    last = re.split(r"[、，,;；\n]", value)[-1].strip()
    last = last.rstrip(MARKS)  # "谯城经开区管委会*": a footnote mark, not a cut
    return bool(last) and not unit_like(last)


def _heading_row(text: str, position: int) -> bool:
    """Whether the line at ``position`` is a heading of the table's rows, one cell alone."""
    return _HEADING_ROW.match(text[position : _line_end(text, position)]) is not None


def _line_end(text: str, position: int) -> int:
    found = text.find("\n", position)
    return len(text) if found < 0 else found


_CELL = re.compile(r"[^ \t\u3000]+")


def _cells(text: str, start: int, end: int) -> Cells:
    """The cells of ``text[start:end]`` separated by spaces (a line break stays inside)."""
    cells: Cells = []
    for found in _CELL.finditer(text, start, end):
        s, e = found.span()
        while s < e and text[s] == "\n":
            s += 1
        while e > s and text[e - 1] in "\n\r":
            e -= 1
        if s < e:
            cells.append((s, e))
    return cells


def _split_at_breaks(text: str, cells: Cells, missing: int) -> Cells:
    """``cells`` with the last ``missing`` line breaks inside them made cell boundaries."""
    breaks = [i for s, e in cells for i in range(s, e) if text[i] == "\n"][-missing:]
    out: Cells = []
    for s, e in cells:
        begin = s
        for i in breaks:
            if s <= i < e:
                out.append((begin, i))
                begin = i + 1
        out.append((begin, e))
    return out


_ONE_SPACE = re.compile(r"[^\S\n]+")


def unread_table_headers(text: str, tables: list[Table]) -> list[tuple[int, int]]:
    """Header lines of tables that :func:`find_tables` could not read.

    A line of three or more short words separated by single spaces, naming a task column
    and a unit column ("序号 重点工作任务 主要责任单位 协同配合单位 完成期限"), outside every
    table found: its columns cannot be told from the spaces inside cells, so its rows
    are not read. The caller warns, with the line.

    Examples
    --------
    >>> text = "重点工作任务 主要责任单位 协同配合单位 完成期限\\n新培育企业 区科技局 区经信局\\n"
    >>> unread_table_headers(text, find_tables(text))
    [(0, 25)]
    """
    found: list[tuple[int, int]] = []
    spans = sorted(t.span for t in tables)
    starts = [start for start, _end in spans]
    reach = list(itertools.accumulate((end for _start, end in spans), max))  # furthest end so far
    known = isinstance(tables, _Found) and tables.text is text  # then its header lines
    for s, e in tables.headers if isinstance(tables, _Found) and known else _header_lines(text):
        k = bisect.bisect_right(starts, s) - 1  # inside a table: one starting before ends after
        if k >= 0 and reach[k] > s:
            continue
        words = _ONE_SPACE.split(text[s:e].strip())
        if len(words) >= 3 and all(len(w) <= 10 for w in words) and _columns(words):
            found.append((s, e))
    return found


_BOX_LINE = re.compile(r"^[^\n]*[│┃║][^\n]*$", re.M)
_BOX_VERTICAL = re.compile(r"[│┃║]")


def unread_box_table_headers(text: str, tables: list[Table]) -> list[tuple[int, int]]:
    """Header lines of tables drawn with box characters that nothing read.

    "│ 工 作 任 务 │分管领│牵头组织实施单位│完成时限│": a header whose cells, their spaces left
    out, name a task column and a unit column, outside every table found and not a
    single-space header (:func:`unread_table_headers` reports those). Such a table wraps
    its cells over lines and merges a unit cell across the rows of several tasks, so its
    rows are not read; the caller warns, with the line.

    Examples
    --------
    >>> text = ("│ 工 作 任 务 │分管领│牵头组织实施单位│完成时限│\\n"
    ...         "│抓好财税工作 │梁志强│市财政局│年内│\\n")
    >>> unread_box_table_headers(text, find_tables(text))
    [(0, 29)]
    """
    if _BOX_VERTICAL.search(text) is None:
        return []
    spans = [t.span for t in tables]
    single = set(unread_table_headers(text, tables))
    found: list[tuple[int, int]] = []
    for line in _BOX_LINE.finditer(text):
        s, e = line.span()
        if (s, e) in single or any(a <= s < b for a, b in spans):
            continue
        cells = [re.sub(r"\s+", "", c) for c in _BOX_VERTICAL.split(line.group())]
        cells = [c for c in cells if c]
        columns = _columns(cells) if 2 <= len(cells) <= 12 else None
        if columns and "task" in columns and {"lead", "support", "listing"} & set(columns):
            found.append((s, e))
    return found


#: Last characters of unit names (局, 厅, 委, 办, 人民政府, 管委会, 支行, 有关单位…, as the
#: clause reader knows them): inside a table cell, a line break after one separates two
#: units ("市财政局⏎市税务局"); after anything else ("2023年⏎底前") it only wraps the text.
UNIT_END = frozenset(_UNIT_END)


def join_cell_lines(lines: list[str]) -> str:
    """The lines of one table cell (a Word cell's paragraphs, an HTML cell's ``<br>``) as
    one line: joined with 、 after a unit name, run together after anything else.

    >>> join_cell_lines(["市财政局", "市税务局"]), join_cell_lines(["2023年", "底前"])
    ('市财政局、市税务局', '2023年底前')
    """
    out = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if out and out[-1] in UNIT_END:
            out += "、"
        out += line
    return out
