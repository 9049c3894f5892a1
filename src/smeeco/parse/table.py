"""任务分工表 pasted as text: pipes, tabs, aligned spaces or an HTML ``<table>``.

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
from smeeco.parse.responsibility import ClauseUnit, _names, unit_like

__all__ = ["Table", "TableRow", "deadline_date", "find_tables", "unread_table_headers"]

_TASK = re.compile(r"任务|工作|措施|事项|内容|举措")
_LEAD = re.compile(r"牵头|主责|主办|主要责任")
_SUPPORT = re.compile(r"配合|参与|协同|协办")
_LISTING = re.compile(r"责任单位|责任部门|责任主体")
_NUMBER = re.compile(r"^(?:序号|编号|序)$")
_DEADLINE = re.compile(r"时限|期限|时间|进度")
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.S | re.I)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.S | re.I)
_HTML_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[^\S\n]{2,}")
_HEADER = re.compile(r"^[^\n]*(?:任务|工作|措施|事项)[^\n]*$", re.M)
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


def _row(text: str, columns: dict[str, int], cells: Cells, span: tuple[int, int]) -> TableRow:
    def cell(name: str) -> tuple[int, int] | None:
        k = columns.get(name)
        return _strip(text, *cells[k]) if k is not None and k < len(cells) else None

    def value(name: str) -> str:
        found = cell(name)
        return text[found[0] : found[1]] if found else ""

    deadline = cell("deadline")
    due = text[deadline[0] : deadline[1]] if deadline else ""
    if deadline is not None and "<" in due:  # an HTML cell: its text, without the tags
        due = re.sub(r"\s+", "", _TAG.sub("", due))
        at = text.find(due, *deadline) if due else -1
        if at >= 0:  # the span of the text alone, when the tags only surround it
            deadline = (at, at + len(due))
    due = re.sub(r"\s*\n\s*", "", due)  # a cell wrapped over lines
    if not due.strip():
        deadline, due = None, ""
    units: list[ClauseUnit] = []
    for name, role in (("lead", Role.LEAD), ("support", Role.SUPPORT), ("listing", None)):
        found = cell(name)
        if found is None:
            continue
        spans: list[tuple[int, int]] = []
        written: list[str] = []
        for line in _lines(*found, text):  # a cell wrapped over lines: one unit a line
            names = _names(text, *line, running=False)
            spans.extend(names.spans)
            written.extend(names.names)
        for i, ((s, e), unit) in enumerate(zip(spans, written, strict=True)):
            if role is None:
                the_role = Role.LEAD if i == 0 and "lead" not in columns else Role.SUPPORT
                units.append(ClauseUnit(unit, the_role, False, (s, e), text[s:e]))
            else:
                units.append(ClauseUnit(unit, role, True, (s, e), text[s:e]))
    task = re.sub(r"\s*\n\s*", "", value("task")).rstrip("。. ")
    return TableRow(value("number"), task, tuple(units), due, span, deadline)


def _lines(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """The lines of ``text[start:end]`` as spans."""
    found: list[tuple[int, int]] = []
    position = start
    while True:
        line_end = text.find("\n", position, end)
        if line_end < 0:
            found.append((position, end))
            return found
        found.append((position, line_end))
        position = line_end + 1


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
    for match in _HTML_TABLE.finditer(text):
        rows = []
        columns: dict[str, int] | None = None
        for row_match in _HTML_ROW.finditer(text, match.start(), match.end()):
            cells = [m.span(1) for m in _HTML_CELL.finditer(text, *row_match.span(1))]
            inner = [_TAG.sub("", text[s:e]) for s, e in cells]
            if columns is None:
                columns = _columns(inner)
                continue
            if any(v.strip() for v in inner):
                rows.append(_row(text, columns, cells, row_match.span()))
        if columns is not None and rows:
            tables.append(Table(match.span(), tuple(rows)))
    done = 0
    for header in _HEADER.finditer(text):
        s, e = header.span()
        if s < done or "<" in text[s:e] or _UNIT_COLUMN.search(text, s, e) is None:
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
            table_end = re_
            rs = re_ + 1
        if rows:
            tables.append(Table((s, table_end), tuple(rows)))
            done = table_end
    tables.sort(key=lambda t: t.span)
    return [_numbered(table) for table in tables]


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
    words = [m.span() for m in re.finditer(r"\S+", text[start:end])]
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


def _last_row_cut(text: str, cell: tuple[int, int]) -> bool:
    """Whether the row ending in ``cell`` is the text's last, cut: its end, or page furniture.

    At the text's end a row without a stop is cut. Before other lines (a page's footer:
    "上一篇:…", a phone number) it is cut when its last name does not read as a unit
    ("…,谯城经开" before the footer); a table's real last row ends in a whole name.
    """
    rest = text[cell[1] :]
    if not rest.strip():
        return True
    following = rest.lstrip()
    if _ROW_START.match(following) or _heading_row(following, 0):
        return False
    value = text[cell[0] : cell[1]].rstrip()
    last = re.split(r"[、，,;；\n]", value)[-1].strip()
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
    for header in _HEADER.finditer(text):
        s, e = header.span()
        if _UNIT_COLUMN.search(text, s, e) is None:
            continue
        k = bisect.bisect_right(starts, s) - 1  # inside a table: one starting before ends after
        if k >= 0 and reach[k] > s:
            continue
        words = _ONE_SPACE.split(text[s:e].strip())
        if len(words) >= 3 and all(len(w) <= 10 for w in words) and _columns(words):
            found.append((s, e))
    return found
