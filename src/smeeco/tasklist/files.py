"""The 任务分工表 list as files: Markdown, CSV, print-ready XLSX and a Word table (.docx).

XLSX pages are landscape, fit to the page width, repeat the header row on every page and
carry the title in the page header; DOCX is a Word table under the title, 文号 and date,
with the header row repeated. Both are byte-identical for the same input (fixed
timestamps and zip dates).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from smeeco.errors import ExportError, MissingDependencyError
from smeeco.tables.write import FIXED_TIME, fixed_zip
from smeeco.tasklist import TaskList

__all__ = ["TASKLIST_SUFFIXES", "dumps_markdown", "write_task_lists"]

TASKLIST_SUFFIXES = (".md", ".csv", ".xlsx", ".docx")

# Column widths (XLSX in characters, DOCX in cm), without and with a 完成时限 column.
_XLSX_WIDTHS = (8, 34, 30, 60, 24)
_XLSX_DEADLINE_WIDTHS = (8, 32, 28, 52, 16, 22)
_DOCX_WIDTHS = (1.6, 6.0, 5.5, 8.5, 4.4)
_DOCX_DEADLINE_WIDTHS = (1.6, 5.0, 5.0, 7.0, 3.8, 3.6)


def dumps_markdown(lists: Sequence[TaskList]) -> str:
    """The lists as Markdown: a heading, 文号 and date, the table and its legend."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines: list[str] = []
    for lst in lists:
        lines += [f"## {lst.title}", ""]
        if lst.subtitle():
            lines += [lst.subtitle(), ""]
        lines.append("| " + " | ".join(lst.header()) + " |")
        lines.append("|" + "---|" * len(lst.header()))
        lines += ["| " + " | ".join(cell(c) for c in cells) + " |" for cells in lst.row_cells()]
        lines.append("")
        lines += [f"{note}  " for note in lst.legend()]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def dumps_csv(lists: Sequence[TaskList]) -> str:
    """The rows as CSV (one header row, a 文件 column first; no legend).

    The 完成时限 column is there when some row of some list has a deadline.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    deadline = any(lst.has_deadlines for lst in lists)
    writer.writerow(("文件", *lists[0].header(deadline)) if lists else ("文件",))
    for lst in lists:
        for r in lst.rows:
            writer.writerow((lst.document, *r.cells(deadline)))
    return buffer.getvalue()


def _write_xlsx(lists: Sequence[TaskList], path: Path) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, Side
    except ImportError:
        raise MissingDependencyError(
            "writing .xlsx needs openpyxl; install it with: pip install 'smeeco[xlsx]'"
        ) from None
    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin", color="888888")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, lst in enumerate(lists, start=1):
        widths = _XLSX_DEADLINE_WIDTHS if lst.has_deadlines else _XLSX_WIDTHS
        columns = len(widths)
        sheet = book.create_sheet(f"{n} {lst.document}"[:31])
        sheet.append([lst.title])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
        sheet.append([lst.subtitle()])
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
        sheet.append(list(lst.header()))
        for cell in sheet[3]:
            cell.font = Font(bold=True)
            cell.border = border
            cell.alignment = Alignment(horizontal="center", vertical="center")
        for cells in lst.row_cells():
            sheet.append(list(cells))
            for cell in sheet[sheet.max_row]:
                cell.border = border
                cell.alignment = wrap
            # Excel and LibreOffice do not grow rows for wrapped text that a program wrote:
            # give each row the lines its longest cell needs (a CJK character is 2 wide)
            lines = max(
                -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) // (width - 1))
                for text, width in zip(cells, widths, strict=True)
            )
            sheet.row_dimensions[sheet.max_row].height = 15 * max(lines, 1)
        for note in lst.legend():
            sheet.append([note])
        for i, width in enumerate(widths):
            sheet.column_dimensions["ABCDEF"[i]].width = width
        # print-ready: landscape, one page wide, header row on every page, title on top
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "3:3"
        sheet.print_options.horizontalCentered = True
        sheet.oddHeader.center.text = lst.title
        sheet.oddFooter.center.text = "第 &P 页 / 共 &N 页"
        sheet.freeze_panes = "A4"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "smeeco"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue()))


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _write_docx(lists: Sequence[TaskList], path: Path) -> None:
    try:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt
    except ImportError:
        raise MissingDependencyError(
            "writing .docx needs python-docx; install it with: pip install 'smeeco[docx]'"
        ) from None
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    for n, lst in enumerate(lists):
        widths = tuple(
            Cm(w) for w in (_DOCX_DEADLINE_WIDTHS if lst.has_deadlines else _DOCX_WIDTHS)
        )
        if n:
            document.add_page_break()  # type: ignore[no-untyped-call]
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run(lst.title)
        run.bold = True
        run.font.size = Pt(16)
        if lst.subtitle():
            sub = document.add_paragraph(lst.subtitle())
            sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        table = document.add_table(rows=1, cols=len(widths))
        table.style = "Table Grid"
        table.autofit = False
        for i, width in enumerate(widths):
            table.columns[i].width = width
        for i, heading in enumerate(lst.header()):
            cell = table.rows[0].cells[i]
            cell.text = heading
            cell.paragraphs[0].runs[0].bold = True
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _repeat_header(table.rows[0])
        for row_cells in lst.row_cells():
            cells = table.add_row().cells
            for i, text in enumerate(row_cells):
                cells[i].text = text
        for row in table.rows:
            for i, width in enumerate(widths):
                row.cells[i].width = width
        for note in lst.legend():
            para = document.add_paragraph(note)
            para.runs[0].font.size = Pt(9)
    core = document.core_properties
    core.created = FIXED_TIME
    core.modified = FIXED_TIME
    core.last_printed = FIXED_TIME
    core.author = "smeeco"
    core.last_modified_by = "smeeco"
    core.revision = 1
    core.title = lists[0].title if lists else ""
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue()))


def write_task_lists(lists: Sequence[TaskList], path: str | Path) -> Path:
    """Write the lists to ``path`` as ``.md``, ``.csv``, ``.xlsx`` or ``.docx``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TASKLIST_SUFFIXES:
        raise ExportError(
            f"unknown format {suffix or 'no suffix'!r} for the list form;"
            f" supported: {', '.join(TASKLIST_SUFFIXES)}"
        )
    if not lists:
        raise ExportError("no measures to list: the pack (on that date) holds none")
    if not path.parent.exists():
        raise ExportError(f"folder {str(path.parent)!r} does not exist; create it first")
    if suffix == ".md":
        path.write_text(dumps_markdown(lists), encoding="utf-8")
    elif suffix == ".csv":
        path.write_text(dumps_csv(lists), encoding="utf-8", newline="")
    elif suffix == ".xlsx":
        _write_xlsx(lists, path)
    else:
        _write_docx(lists, path)
    return path
