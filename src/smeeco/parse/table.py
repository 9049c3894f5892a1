"""任务分工表 pasted as text: pipes, tabs, aligned spaces or an HTML ``<table>``.

A table is found by its header row: one column names the task (任务, 工作任务, 重点任务,
工作内容…) and another the units (牵头单位/牵头部门, 配合单位/参与部门, 责任单位).
Columns 序号 and 完成时限 are read when present. Each row gives a :class:`TableRow`:
its number, task title, units (牵头 column: stated leads; 配合/参与 column: stated
supports; a single 责任单位 column: a listing, first unit the inferred lead) and its
deadline, as written and as a date (:func:`deadline_date`).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import re

import attrs

from smeeco.model.document import Role
from smeeco.parse.responsibility import ClauseUnit, _names

__all__ = ["Table", "TableRow", "deadline_date", "find_tables", "unread_table_headers"]

_TASK = re.compile(r"任务|工作|措施|事项|内容|举措")
_LEAD = re.compile(r"牵头|主责|主办")
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
_KEY = re.compile(r"[\s。.、，,()（）]")


@attrs.frozen
class TableRow:
    """One row of a 任务分工表."""

    number: str
    title: str
    units: tuple[ClauseUnit, ...]
    deadline: str
    span: tuple[int, int]

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
    """A 任务分工表: its span in the text and its rows."""

    span: tuple[int, int]
    rows: tuple[TableRow, ...]


def deadline_date(text: str) -> dt.date | None:
    """The last day a 完成时限 allows: "2023年6月底前" → 2023-06-30, "2024年底" → 2024-12-31.

    Examples
    --------
    >>> [deadline_date(t) for t in ("2023年6月底前", "2024年底", "2022年9月15日", "长期")]
    [datetime.date(2023, 6, 30), datetime.date(2024, 12, 31), datetime.date(2022, 9, 15), None]
    """
    day = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    try:
        if day:
            return dt.date(int(day[1]), int(day[2]), int(day[3]))
        month = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月", text)
        if month:
            year, m = int(month[1]), int(month[2])
            return dt.date(year, m, calendar.monthrange(year, m)[1])
        year_only = re.search(r"(\d{4})\s*年(?:底|末|内|前)?", text)
        if year_only:
            return dt.date(int(year_only[1]), 12, 31)
    except ValueError:
        return None
    return None


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

    units: list[ClauseUnit] = []
    for name, role in (("lead", Role.LEAD), ("support", Role.SUPPORT), ("listing", None)):
        found = cell(name)
        if found is None:
            continue
        names = _names(text, *found, running=False)
        for i, ((s, e), unit) in enumerate(zip(names.spans, names.names, strict=True)):
            if role is None:
                the_role = Role.LEAD if i == 0 and "lead" not in columns else Role.SUPPORT
                units.append(ClauseUnit(unit, the_role, False, (s, e), text[s:e]))
            else:
                units.append(ClauseUnit(unit, role, True, (s, e), text[s:e]))
    return TableRow(value("number"), value("task"), tuple(units), value("deadline"), span)


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
        if s < done or "<" in text[s:e]:
            continue
        split = _split_line(text, s, e)
        columns = _columns([text[a:b] for a, b in split[1]]) if split else None
        if split is None or columns is None:
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
    return tables


_ONE_SPACE = re.compile(r"[^\S\n]+")


def unread_table_headers(text: str, tables: list[Table]) -> list[tuple[int, int]]:
    """Header lines of tables that :func:`find_tables` could not read.

    A line of three or more short words separated by single spaces, naming a task column
    and a unit column ("序号 重点工作任务 主要责任单位 协同配合单位 完成期限"), outside every
    table found: its columns cannot be told from the spaces inside cells, so its rows
    are not read. The caller warns, with the line.

    Examples
    --------
    >>> text = "序号 重点工作任务 主要责任单位 协同配合单位 完成期限\\n33 新培育企业 区科技局\\n"
    >>> unread_table_headers(text, find_tables(text))
    [(0, 28)]
    """
    found: list[tuple[int, int]] = []
    spans = sorted(t.span for t in tables)
    starts = [start for start, _end in spans]
    reach = list(itertools.accumulate((end for _start, end in spans), max))  # furthest end so far
    for header in _HEADER.finditer(text):
        s, e = header.span()
        k = bisect.bisect_right(starts, s) - 1  # inside a table: one starting before ends after
        if k >= 0 and reach[k] > s:
            continue
        words = _ONE_SPACE.split(text[s:e].strip())
        if len(words) >= 3 and all(len(w) <= 10 for w in words) and _columns(words):
            found.append((s, e))
    return found
