"""The responsibility matrix (任务分工表) of a document as CSV, Markdown, HTML or Excel.

Rows are the measures in document order, grouped by section; columns are the responsible
units in order of first appearance; a cell says 牵头 (lead) or 配合 (support) — ``L`` /
``S`` in English — with ``*`` when the text states no role and the role follows from
the listing order ("列第一位的责任单位为牵头单位"). Collective units (各区人民政府) are
marked ``†``. Totals of leads and supports close the table and a legend explains the
marks. Excel output needs the optional ``openpyxl`` (``pip install smeeco[xlsx]``).

Examples
--------
>>> import smeeco
>>> from smeeco.io.matrix import dumps_matrix_markdown
>>> print(dumps_matrix_markdown(smeeco.load("example"), "ex-2022-measures"), end="")
**示例市提升中小企业竞争力若干措施** 示中小企〔2022〕1号
<BLANKLINE>
| 序号 | 措施 | 示例市财政局 | 示例市工业和信息化局 | 各区人民政府 † | 示例银保监局 |
|---|---|---|---|---|---|
| 一 | **落实财税扶持政策** | | | | |
| (一) | 加强财政资金支持 | 牵头* | 配合* | 配合* | |
| (二) | 精准服务税务办理 | | 牵头 | | |
| 二 | **加大融资支持力度** | | | | |
| (三) | 深化银担合作 | 配合* | | | 牵头* |
| | 牵头合计 | 1 | 1 | 0 | 1 |
| | 配合合计 | 1 | 1 | 1 | 0 |
<BLANKLINE>
注：牵头＝牵头单位；配合＝配合单位；* 原文未写明角色，按“列第一位的责任单位为牵头单位”推定；...
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path
from typing import Any

import attrs

from smeeco.counting import UnitCounts
from smeeco.ecosystem import Ecosystem
from smeeco.errors import ExportError
from smeeco.files import atomic_path
from smeeco.formats import Format, format_for, register_format, suffixes
from smeeco.io._graphdata import write_text
from smeeco.io.cells import csv_row, no_formulas
from smeeco.model import PolicyDocument, Responsibility
from smeeco.queries import responsibility_matrix
from smeeco.queries._common import AsOf, record_of, view
from smeeco.style import COLLECTIVE_MARK, ROLE_CELL_COLOURS, role_mark, static_text
from smeeco.views import responsibility_view

__all__ = [
    "MATRIX_FORMATS",
    "MatrixRow",
    "MatrixTable",
    "dumps_matrix_csv",
    "dumps_matrix_html",
    "dumps_matrix_markdown",
    "matrix_table",
    "write_matrix",
    "write_matrix_xlsx",
]

#: File suffix → matrix format (from the registry, :mod:`smeeco.formats`).
MATRIX_FORMATS: dict[str, str]


def __getattr__(name: str) -> Any:
    if name == "MATRIX_FORMATS":
        return suffixes("matrix")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_WORDS: dict[str, dict[str, Any]] = {
    "zh": {
        "no": "序号",
        "measure": "措施",
        "section": "部分",
        "leads": "牵头合计",
        "supports": "配合合计",
        "all": "全部措施",
        "as_of": "截至",
        "legend": ("注：", "；", "。"),
        "marks": {
            "lead": "牵头＝牵头单位",
            "support": "配合＝配合单位",
            "executing": "实施＝具体实施单位",
            "funding": "出资＝出资单位",
            "*": "* 原文未写明角色，按“列第一位的责任单位为牵头单位”推定",
            "†": "† 集体单位，指其全部成员",
        },
    },
    "en": {
        "no": "No.",
        "measure": "Measure",
        "section": "Section",
        "leads": "Leads",
        "supports": "Supports",
        "all": "All measures",
        "as_of": "as of",
        "legend": ("", "; ", "."),
        "marks": {
            "lead": "L = lead unit (牵头)",
            "support": "S = support unit (配合)",
            "executing": "E = executing unit (实施)",
            "funding": "F = funding unit (出资)",
            "*": "* = role not stated in the text, inferred from the listing order"
            " (the first listed unit leads)",
            "†": "† = collective unit, standing for all its members",
        },
    },
}


@attrs.frozen
class MatrixRow:
    """One row: a section heading (``section=True``) or a measure with its cells.

    ``cells`` hold each unit's :class:`~smeeco.Responsibility` (``None`` where the unit
    has no part), so writers read the role, never the rendered text; :meth:`texts` gives
    what a cell shows (牵头 / 配合 / 实施 / 出资, or L / S / E / F, ``*`` when inferred).
    """

    number: str
    label: str
    cells: tuple[Responsibility | None, ...]
    section: bool = False
    measure: str = ""
    text: str = ""

    def texts(self, lang: str = "zh") -> tuple[str, ...]:
        """What each cell shows in ``lang`` (``""`` for an empty cell)."""
        return tuple(
            "" if r is None else role_mark(r.role, lang, explicit=r.explicit) for r in self.cells
        )


@attrs.frozen
class MatrixTable:
    """A responsibility matrix laid out as a table, in one language."""

    title: str
    subtitle: str
    units: tuple[str, ...]  # column headings (collective units marked †)
    unit_ids: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    leads: tuple[int, ...]
    supports: tuple[int, ...]
    legend: str
    lang: str
    #: per column, what the unit holds (:func:`smeeco.counting.count_units`)
    counts: tuple[UnitCounts, ...] = ()

    def header(self) -> list[str]:
        """The heading row."""
        words = _WORDS[self.lang]
        return [words["no"], words["measure"], *self.units]


def _lang(lang: str) -> str:
    if lang not in _WORDS:
        raise ExportError(f"unknown language {lang!r}; use 'zh' or 'en'")
    return lang


def matrix_table(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> MatrixTable:
    """The responsibility matrix of ``document`` (every measure when ``None``) as a table.

    Wraps :func:`smeeco.responsibility_matrix`, adding section headings, totals, the
    title and the legend.

    >>> import smeeco
    >>> table = matrix_table(smeeco.load("example"), "ex-2022-measures")
    >>> table.units[:2], table.rows[1].texts()[:2]
    (('示例市财政局', '示例市工业和信息化局'), ('牵头*', '配合*'))
    >>> table.rows[1].cells[0].role
    <Role.LEAD: 'lead'>
    """
    words = _WORDS[_lang(lang)]
    eco = view(eco, as_of)
    doc = record_of(eco, document, PolicyDocument) if document is not None else None
    if doc is None and len({m.document for m in eco.measures}) == 1:
        doc = eco.require(eco.measures[0].document, PolicyDocument)
    # The same refusal as the pictures': no measures, or none that names a unit.
    responsibility_view(eco, doc).require_measures("tabulate")
    matrix = responsibility_matrix(eco, doc)
    sections: dict[tuple[str, int], tuple[str, str]] = {}
    for d in eco.documents:
        for s in d.sections:
            number = s.number if s.number and lang == "zh" else str(s.ordinal)
            sections[(d.id, s.ordinal)] = (number, s.title.label(lang))
    rows: list[MatrixRow] = []
    current: tuple[str, int] | None = None
    blank: tuple[Responsibility | None, ...] = (None,) * len(matrix.units)
    several = len({m.document for m in matrix.measures}) > 1
    current_document: str | None = None
    for measure in matrix.measures:
        if several and measure.document != current_document:
            # A heading per document, so no measure sits under another document's section.
            document_record = eco.get(measure.document, PolicyDocument)
            label = document_record.label(lang) if document_record else measure.document
            rows.append(MatrixRow("", f"《{label}》", blank, section=True))
            current_document, current = measure.document, None
        key = (measure.document, measure.section) if measure.section is not None else None
        if key is not None and key != current and key in sections:
            number, title = sections[key]
            rows.append(MatrixRow(number, title, blank, section=True))
        current = key
        rows.append(
            MatrixRow(
                measure.number or str(measure.ordinal),
                measure.label(lang),
                tuple(matrix.cell(measure.id, u.id) for u in matrix.units),
                measure=measure.id,
                text=measure.text,
            )
        )
    counts = matrix.counts()
    used = {r.role.value for r in matrix.cells.values()}
    keys: list[str] = [k for k in ("lead", "support", "executing", "funding") if k in used]
    if any(not r.explicit for r in matrix.cells.values()):
        keys.append("*")
    if any(u.collective for u in matrix.units):
        keys.append("†")
    head, sep, end = words["legend"]
    legend = head + sep.join(words["marks"][k] for k in keys) + end if keys else ""
    units = tuple(
        u.label(lang) + (f" {COLLECTIVE_MARK}" if u.collective else "") for u in matrix.units
    )
    if doc is not None:
        title, subtitle = doc.name.label(lang), doc.number
    else:
        pack_title = eco.packs[-1].title if eco.packs else ""
        title, subtitle = pack_title or eco.name or words["all"], ""
    if eco.as_of_date is not None:
        subtitle = f"{subtitle} ({words['as_of']} {eco.as_of_date})".strip()
    return MatrixTable(
        title=title,
        subtitle=subtitle,
        units=units,
        unit_ids=tuple(u.id for u in matrix.units),
        rows=tuple(rows),
        leads=tuple(counts[u.id].leads for u in matrix.units),
        supports=tuple(counts[u.id].supports for u in matrix.units),
        legend=legend,
        lang=lang,
        counts=tuple(counts[u.id] for u in matrix.units),
    )


def _totals(table: MatrixTable) -> list[list[str]]:
    words = _WORDS[table.lang]
    return [
        ["", words["leads"], *map(str, table.leads)],
        ["", words["supports"], *map(str, table.supports)],
    ]


def dumps_matrix_csv(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
    legend: bool = True,
) -> str:
    """The matrix as CSV: one row per measure (section in its own column), then totals.

    With ``legend=True`` a blank row and the legend follow the totals; pass ``False``
    for a table that is only data.
    """
    table = matrix_table(eco, document, as_of=as_of, lang=lang)
    words = _WORDS[table.lang]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # every cell through csv_row: a name such as "=HYPERLINK(…)" must not run (OWASP)
    writer.writerow(csv_row([words["section"], *table.header()]))
    section = ""
    for row in table.rows:
        if row.section:
            section = f"{row.number} {row.label}"
            continue
        writer.writerow(csv_row([section, row.number, row.label, *row.texts(table.lang)]))
    for total in _totals(table):
        writer.writerow(csv_row(["", *total]))
    if legend and table.legend:
        writer.writerow([])
        writer.writerow(csv_row([table.legend]))
    return buffer.getvalue()


_MD_ESCAPES = {c: "\\" + c for c in "\\|*_`[]"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _md(text: str) -> str:
    """Text for a Markdown table cell: raw HTML and Markdown marks are shown, not obeyed."""
    return "".join(_MD_ESCAPES.get(c, c) for c in " ".join(text.split()))


def dumps_matrix_markdown(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> str:
    """The matrix as a Markdown table with the title above and the legend below."""
    table = matrix_table(eco, document, as_of=as_of, lang=lang)
    heading = f"**{_md(table.title)}**" + (f" {_md(table.subtitle)}" if table.subtitle else "")
    lines = [heading, ""]
    lines.append("| " + " | ".join(_md(h) for h in table.header()) + " |")
    lines.append("|" + "---|" * len(table.header()))
    for row in table.rows:
        label = f"**{_md(row.label)}**" if row.section else _md(row.label)
        cells = " | ".join(row.texts(table.lang)) if row.cells else ""
        lines.append(f"| {_md(row.number)} | {label} | {cells} |".replace("|  |", "| |"))
    for total in _totals(table):
        lines.append("| " + " | ".join(total) + " |")
    if table.legend:
        lines += ["", table.legend]
    text = "\n".join(lines) + "\n"
    while "|  |" in text:
        text = text.replace("|  |", "| |")
    return text


def dumps_matrix_html(
    eco: Ecosystem,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> str:
    """The matrix as a self-contained HTML page (sticky headings, coloured roles)."""
    table = matrix_table(eco, document, as_of=as_of, lang=lang)
    esc = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if table.lang == "zh" else "en"}">',
        '<head><meta charset="utf-8">',
        f"<title>{esc(table.title)}</title>",
        f"<style>{static_text('smeeco.css').strip()}</style></head>",
        '<body class="matrix">',
        f"<h1>{esc(table.title)}</h1>",
    ]
    if table.subtitle:
        out.append(f'<p class="sub">{esc(table.subtitle)}</p>')
    out.append('<div class="wrap"><table>')
    header = table.header()
    out.append(
        "<thead><tr>"
        f'<th class="no">{esc(header[0])}</th><th class="m">{esc(header[1])}</th>'
        + "".join(
            f'<th class="unit" title="{esc(uid)}">{esc(name)}</th>'
            for name, uid in zip(table.units, table.unit_ids, strict=True)
        )
        + "</tr></thead><tbody>"
    )
    for row in table.rows:
        if row.section:
            out.append(
                f'<tr class="sec"><td class="no">{esc(row.number)}</td>'
                f'<td class="m">{esc(row.label)}</td>'
                f'<td colspan="{len(table.units)}"></td></tr>'
            )
            continue
        cells = "".join(
            f'<td class="c {r.role.value}">{esc(text)}</td>'
            if r is not None
            else '<td class="c"></td>'
            for r, text in zip(row.cells, row.texts(table.lang), strict=True)
        )
        out.append(
            f'<tr id="{esc(row.measure)}"><td class="no">{esc(row.number)}</td>'
            f'<td class="m" title="{esc(row.text)}">{esc(row.label)}</td>{cells}</tr>'
        )
    for total in _totals(table):
        out.append(
            '<tr class="tot"><td class="no"></td>'
            f'<td class="m">{esc(total[1])}</td>'
            + "".join(f"<td>{esc(c)}</td>" for c in total[2:])
            + "</tr>"
        )
    out.append("</tbody></table></div>")
    out.append(f'<p class="legend">{esc(table.legend)}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write_matrix_xlsx(
    eco: Ecosystem,
    path: str | Path,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> Path:
    """Write the matrix as an Excel workbook, as agencies circulate a 任务分工表.

    Needs ``openpyxl`` (``pip install smeeco[xlsx]``); raises :class:`ExportError` saying
    so when it is missing.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ExportError(
            "writing .xlsx needs openpyxl: pip install 'smeeco[xlsx]'"
            " (or write .csv, .md or .html instead)"
        ) from exc
    table = matrix_table(eco, document, as_of=as_of, lang=lang)
    book = Workbook()
    sheet: Any = book.active
    sheet.title = "任务分工表" if table.lang == "zh" else "Responsibilities"
    width = len(table.units) + 2
    thin = Side(style="thin", color="BBBBBB")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fills = {
        **{
            role: PatternFill("solid", fgColor=fill.lstrip("#"))
            for role, (fill, _ink) in ROLE_CELL_COLOURS.items()
        },
        "section": PatternFill("solid", fgColor="EEF1F4"),
        "head": PatternFill("solid", fgColor="F4F6F8"),
    }
    sheet.cell(row=1, column=1, value=table.title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=2, column=1, value=table.subtitle)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    head_row = 3
    vertical = 255 if table.lang == "zh" else 90
    for col, text in enumerate(table.header(), start=1):
        cell = sheet.cell(row=head_row, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = fills["head"]
        cell.border = border
        cell.alignment = Alignment(
            horizontal="center",
            vertical="bottom",
            text_rotation=vertical if col > 2 else 0,
            wrap_text=False,
        )
    sheet.row_dimensions[head_row].height = 15 * min(
        max((len(u) for u in table.units), default=4), 16
    )
    r = head_row
    for row in table.rows:
        r += 1
        sheet.cell(row=r, column=1, value=row.number)
        sheet.cell(row=r, column=2, value=row.label)
        for col in range(1, width + 1):
            sheet.cell(row=r, column=col).border = border
        if row.section:
            for col in range(1, width + 1):
                sheet.cell(row=r, column=col).fill = fills["section"]
                sheet.cell(row=r, column=col).font = Font(bold=True)
            continue
        for col, (held, value) in enumerate(
            zip(row.cells, row.texts(table.lang), strict=True), start=3
        ):
            cell = sheet.cell(row=r, column=col, value=value or None)
            cell.alignment = Alignment(horizontal="center")
            if held is not None:
                role = held.role.value
                cell.fill = fills[role]
                ink = ROLE_CELL_COLOURS[role][1].lstrip("#")
                cell.font = Font(bold=role == "lead", color=ink)
    for total in _totals(table):
        r += 1
        sheet.cell(row=r, column=2, value=total[1]).font = Font(bold=True)
        for col, value in enumerate(total[2:], start=3):
            cell = sheet.cell(row=r, column=col, value=int(value))
            cell.alignment = Alignment(horizontal="center")
            cell.border = border
    r += 2
    sheet.cell(row=r, column=1, value=table.legend).alignment = Alignment(wrap_text=True)
    sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    sheet.row_dimensions[r].height = 45
    sheet.column_dimensions["A"].width = 7
    sheet.column_dimensions["B"].width = 34
    for col in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 6 if table.lang == "zh" else 8
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=3)
    no_formulas(sheet)  # a unit named "=HYPERLINK(…)" stays text
    path = Path(path)
    with atomic_path(path) as temp:
        book.save(temp)
    return path


def write_matrix(
    eco: Ecosystem,
    path: str | Path,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
    fmt: str | None = None,
) -> Path:
    """Write the responsibility matrix to ``path`` in the format of its suffix.

    Parameters
    ----------
    eco:
        The ecosystem.
    path:
        Where to write: ``.csv``, ``.md``, ``.html`` or ``.xlsx``.
    document:
        The document (id or name); every measure when ``None``.
    as_of:
        Show responsibilities in force on this date.
    lang:
        ``"zh"`` (牵头/配合) or ``"en"`` (L/S).
    fmt:
        ``"csv"``, ``"markdown"``, ``"html"`` or ``"xlsx"``, overriding the suffix.

    Raises
    ------
    ExportError
        The format is unknown (the message lists the supported ones), or ``.xlsx`` was
        asked for without openpyxl.
    """
    path = Path(path)
    chosen = format_for(path, fmt, family="matrix")
    chosen.check_available()
    written: Path = chosen.write(eco, path, document=document, as_of=as_of, lang=lang)
    return written


def _text_writer(dumps: Any) -> Any:
    def write(
        eco: Ecosystem,
        path: Path,
        *,
        document: str | PolicyDocument | None = None,
        as_of: AsOf = None,
        lang: str = "zh",
    ) -> Path:
        return write_text(dumps(eco, document, as_of=as_of, lang=lang), path)

    return write


register_format(
    Format(
        "csv",
        (".csv",),
        write=_text_writer(dumps_matrix_csv),
        family="matrix",
        description="one row per measure, section in its own column",
    )
)
register_format(
    Format(
        "markdown",
        (".md", ".markdown"),
        write=_text_writer(dumps_matrix_markdown),
        family="matrix",
        description="Markdown table, title above, legend below",
    )
)
register_format(
    Format(
        "html",
        (".html", ".htm"),
        write=_text_writer(dumps_matrix_html),
        family="matrix",
        description="one page: sticky headings, coloured roles",
    )
)
register_format(
    Format(
        "xlsx",
        (".xlsx",),
        write=lambda eco, path, *, document=None, as_of=None, lang="zh": write_matrix_xlsx(
            eco, path, document, as_of=as_of, lang=lang
        ),
        needs=("openpyxl",),
        install="xlsx",
        family="matrix",
        description="Excel workbook, as agencies circulate it",
    )
)
