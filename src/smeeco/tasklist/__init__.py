"""The 任务分工表 as agencies circulate it: 序号 | 任务 | 牵头单位 | 配合单位, one row per measure.

The grid (measures × units) suits analysis; what a government office sends round is a
list: each task with its lead and supporting units written out, in document order, under
the document's title, 文号 and date. Marks say only what is true:

* ``*`` after a lead inferred from the listing order (the first listed unit leads) —
  and the legend explains it only when some row has one;
* a measure that names units but no lead ("按职责分工负责") says that no lead is named;
* a measure whose copy breaks off says "text breaks off", never "no unit named";
* a measure whose text names no unit at all says so.

A 完成时限 column (the deadline as written) comes before 说明 when some measure of the
list has a deadline, and not otherwise.

>>> import smeeco
>>> (lst,) = smeeco.task_lists(smeeco.load("example"))
>>> lst.header()
('序号', '任务', '牵头单位', '配合单位', '说明')
>>> lst.rows[0].cells()
('(一)', '加强财政资金支持', '示例市财政局*', '示例市工业和信息化局、各区人民政府', '')
>>> lst.legend()
('* 牵头单位系按“列第一位的为牵头单位”推定 (first listed unit leads, inferred)',)
"""

from __future__ import annotations

import datetime as dt

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.model import Agency, Measure, PolicyDocument, Role
from smeeco.queries.selection import measures_in_order

__all__ = ["TaskList", "TaskRow", "task_lists"]

_ROLE_ZH = {Role.EXECUTING: "实施", Role.FUNDING: "出资"}
_INFERRED = "* 牵头单位系按“列第一位的为牵头单位”推定 (first listed unit leads, inferred)"
_NO_LEAD = "未明确牵头单位 (the text names no lead)"
_NO_UNIT = "原文未列责任单位 (the text names no responsible unit)"
_BREAKS_OFF = "原文不完整，责任单位不详 (text breaks off)"
_SUCCESSOR = "（原{name}）表示原文所列单位已由继任单位承接 (successor of the unit the text names)"


@attrs.frozen
class TaskRow:
    """One task: its number and title, lead and supporting units as names, and a note."""

    measure: str
    number: str
    task: str
    leads: tuple[str, ...]
    supports: tuple[str, ...]
    lead_inferred: bool = False
    note: str = ""
    deadline: str = ""  # the 完成时限 as written, or empty

    def cells(self, deadline: bool = False) -> tuple[str, ...]:
        """The row as the table prints it (inferred leads marked ``*``); with ``deadline``,
        its 完成时限 before the note."""
        lead = "、".join(self.leads) + ("*" if self.lead_inferred and self.leads else "")
        supports = "、".join(self.supports)
        if deadline:
            return (self.number, self.task, lead, supports, self.deadline, self.note)
        return (self.number, self.task, lead, supports, self.note)


@attrs.frozen
class TaskList:
    """The list of one document: its title, 文号, date and rows."""

    document: str
    title: str
    number: str
    issued: dt.date | None
    rows: tuple[TaskRow, ...]
    as_of: dt.date | None = None

    @property
    def has_deadlines(self) -> bool:
        """Whether some row has a 完成时限 (then the table has a column for it)."""
        return any(r.deadline for r in self.rows)

    def header(self, deadline: bool | None = None) -> tuple[str, ...]:
        """The column headings; 完成时限 among them when ``deadline`` (by default: when
        :attr:`has_deadlines`)."""
        if deadline if deadline is not None else self.has_deadlines:
            return ("序号", "任务", "牵头单位", "配合单位", "完成时限", "说明")
        return ("序号", "任务", "牵头单位", "配合单位", "说明")

    def row_cells(self) -> list[tuple[str, ...]]:
        """Every row's cells, under :meth:`header`."""
        return [r.cells(self.has_deadlines) for r in self.rows]

    def legend(self) -> tuple[str, ...]:
        """The notes under the table: only those that some row needs."""
        notes = []
        if any(r.lead_inferred for r in self.rows):
            notes.append(_INFERRED)
        if any("（原" in name for r in self.rows for name in (*r.leads, *r.supports)):
            notes.append(_SUCCESSOR.format(name="…"))
        if self.as_of is not None:
            notes.append(f"截至 {self.as_of} 有效的措施与单位 (as in force on {self.as_of})")
        return tuple(notes)

    def __repr__(self) -> str:
        return f"<TaskList {self.document}: {len(self.rows)} tasks>"

    def _repr_html_(self) -> str:
        from smeeco.notebook import html_table

        caption = f"{self.title} {self.subtitle()}".strip()
        table = html_table(self.header(), self.row_cells(), caption=caption)
        import html

        notes = "".join(f"<p>{html.escape(n)}</p>" for n in self.legend())
        return table + notes

    def subtitle(self) -> str:
        """文号 and date, as the line under the title."""
        parts = [self.number] if self.number else []
        if self.issued is not None:
            parts.append(f"{self.issued.year}年{self.issued.month}月{self.issued.day}日")
        return "　".join(parts)


def _name(eco: Ecosystem, unit: str, named_as: str | None) -> str:
    agency = eco.get(unit, Agency)
    name = agency.label() if agency is not None else unit
    if named_as is not None:
        full = eco.base.get(named_as, Agency)
        name += f"（原{full.label() if full is not None else named_as}）"
    return name


def _row(eco: Ecosystem, m: Measure) -> TaskRow:
    leads = tuple(
        _name(eco, r.unit, r.named_as) for r in m.responsibilities if r.role is Role.LEAD
    )
    supports = tuple(
        _name(eco, r.unit, r.named_as)
        + (f"（{_ROLE_ZH[r.role]}）" if r.role in _ROLE_ZH else "")
        for r in m.responsibilities
        if r.role is not Role.LEAD
    )
    inferred = any(r.role is Role.LEAD and not r.explicit for r in m.responsibilities)
    if m.truncated and not m.responsibilities:
        note = _BREAKS_OFF
    elif not m.responsibilities:
        note = _NO_UNIT
    elif not leads:
        note = _NO_LEAD
    else:
        note = ""
    deadline = m.deadline.text if m.deadline is not None else ""
    return TaskRow(
        m.id, m.number or str(m.ordinal), m.label(), leads, supports, inferred, note, deadline
    )


def task_lists(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: dt.date | str | None = None,
) -> tuple[TaskList, ...]:
    """One :class:`TaskList` per document with measures (only ``document`` when given).

    On ``as_of``, measures in force that day, with a successor unit named in place of the
    unit the text names and "（原…）" saying which.
    """
    if as_of is not None:
        eco = eco.at(as_of)
    wanted = None
    if document is not None:
        wanted = document.id if isinstance(document, PolicyDocument) else eco.resolve(
            document, "document"
        ).id
    by_document: dict[str, list[Measure]] = {}
    for m in measures_in_order(eco):
        if wanted is None or m.document == wanted:
            by_document.setdefault(m.document, []).append(m)
    lists = []
    for doc_id, measures in by_document.items():
        doc = eco.get(doc_id, PolicyDocument)
        lists.append(
            TaskList(
                document=doc_id,
                title=doc.label() if doc is not None else doc_id,
                number=doc.number if doc is not None else "",
                issued=doc.issued if doc is not None else None,
                rows=tuple(_row(eco, m) for m in measures),
                as_of=eco.as_of_date,
            )
        )
    return tuple(lists)
