"""Reports made of titled sections of rows — a comparison, a timeline — and their files.

A :class:`Report` is a title and :class:`ReportSection` s, each a heading, a header row,
rows of text and notes; :func:`write_report` writes one as Markdown, HTML or XLSX (the
same bytes for the same report); the command line prints it as aligned text.

>>> import smeeco
>>> eco = smeeco.load("example")
>>> report = comparison_report(smeeco.diff(eco.at("2023-01-01"), eco.at("2024-01-01")))
>>> [s.heading for s in report.sections]
['Measures', 'Units reorganised', 'Measures changed', 'Units whose roles changed']
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from pathlib import Path

import attrs

from smeeco.compare import Comparison
from smeeco.errors import ExportError

__all__ = [
    "Report",
    "ReportSection",
    "comparison_report",
    "dumps_html",
    "dumps_markdown",
    "sections_html",
    "write_report",
]

REPORT_SUFFIXES = (".md", ".html", ".xlsx")


@attrs.frozen
class ReportSection:
    """One titled table of a report, with notes under it."""

    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


@attrs.frozen
class Report:
    """A title and its sections."""

    title: str
    sections: tuple[ReportSection, ...]


def _units(c: Comparison, pairs: Sequence[tuple[str, str]]) -> str:
    return "、".join(f"{c.display(u)} ({role})" for u, role in pairs)


def comparison_report(c: Comparison) -> Report:
    """The sections a reader of a comparison wants, in the order they want them."""
    sections = [
        ReportSection(
            "Measures",
            ("status", "count"),
            (
                ("added", str(len(c.added))),
                ("removed", str(len(c.removed))),
                ("changed", str(len(c.changed))),
                ("unchanged", str(len(c.unchanged))),
            ),
        )
    ]
    if c.reorganised:
        sections.append(
            ReportSection(
                "Units reorganised",
                ("unit", "how", "now held by", "measures"),
                tuple(
                    (
                        f"{c.display(r.old)} ({r.old})",
                        r.how,
                        "、".join(f"{c.display(s)} ({s})" for s in r.new) or "—",
                        str(r.measures),
                    )
                    for r in c.reorganised
                ),
                ("measures: how many of the old side's compared measures the unit held",),
            )
        )
    if c.changed:
        rows = []
        for m in c.changed:
            what = []
            for a, b in m.handovers:
                what.append(f"{c.display(a)} → {c.display(b)} (successor)")
            if m.gained:
                what.append("gains " + _units(c, m.gained))
            if m.lost:
                what.append("loses " + _units(c, m.lost))
            for change in m.changes:
                if change in ("title", "text", "unit order"):
                    what.append(f"{change} changed")
                elif change == "deadline":
                    before = str(m.old.deadline) if m.old.deadline else "none"
                    after = str(m.new.deadline) if m.new.deadline else "none"
                    what.append(f"deadline {before} → {after}")
            number = m.new.number or str(m.new.ordinal)
            old_number = m.old.number or str(m.old.ordinal)
            rows.append(
                (
                    number if number == old_number else f"{old_number} → {number}",
                    m.new.label(),
                    f"{m.score:.2f}",
                    "; ".join(what),
                )
            )
        sections.append(
            ReportSection(
                "Measures changed",
                ("no.", "measure", "match", "what changed"),
                tuple(rows),
                ("match: 1.00 is the same record; below, the similarity of number and title",),
            )
        )
    for heading, measures in (("Measures added", c.added), ("Measures removed", c.removed)):
        if measures:
            sections.append(
                ReportSection(
                    heading,
                    ("no.", "measure", "document", "lead"),
                    tuple(
                        (
                            m.number or str(m.ordinal),
                            m.label(),
                            m.document,
                            c.name(m.lead) if m.lead else "—",
                        )
                        for m in measures
                    ),
                )
            )
    if c.units:
        sections.append(
            ReportSection(
                "Units whose roles changed",
                ("unit", "leads", "supports"),
                tuple(
                    (
                        f"{c.display(u.unit)} ({u.unit})",
                        f"{u.leads[0]} → {u.leads[1]}",
                        f"{u.supports[0]} → {u.supports[1]}",
                    )
                    for u in c.units
                ),
                ("counted over the compared measures of each side",),
            )
        )
    if c.indicators:
        sections.append(
            ReportSection(
                "Indicators",
                (
                    "indicator",
                    "status",
                    "observed before",
                    "observed after",
                    "target before",
                    "target after",
                ),
                tuple(
                    (
                        f"{c.name(i.indicator)} ({i.indicator})",
                        i.status,
                        *(
                            f"{e[1]} on {e[0]}" if e else "—"
                            for e in (i.old_observed, i.new_observed, i.old_target, i.new_target)
                        ),
                    )
                    for i in c.indicators
                ),
            )
        )
    return Report(f"{c.old_label} → {c.new_label}", tuple(sections))


def dumps_markdown(report: Report) -> str:
    """``report`` as Markdown."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"# {report.title}", ""]
    for s in report.sections:
        lines += [f"## {s.heading}", ""]
        lines.append("| " + " | ".join(cell(h) for h in s.header) + " |")
        lines.append("|" + "|".join("---" for _ in s.header) + "|")
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in s.rows]
        lines += [""] + [f"*{cell(n)}*" for n in s.notes] + ([""] if s.notes else [])
    return "\n".join(lines).rstrip() + "\n"


def sections_html(report: Report) -> str:
    """The title and sections of ``report`` as HTML headings and tables (no page around)."""
    e = html.escape
    parts = [f"<h3>{e(report.title)}</h3>"]
    for s in report.sections:
        parts.append(f"<h4>{e(s.heading)}</h4><table><thead><tr>")
        parts += [f"<th>{e(h)}</th>" for h in s.header]
        parts.append("</tr></thead><tbody>")
        for row in s.rows:
            parts.append("<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>")
        parts.append("</tbody></table>")
        parts += [f"<p><small>{e(n)}</small></p>" for n in s.notes]
    return "".join(parts)


def dumps_html(report: Report) -> str:
    """``report`` as one self-contained HTML page."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        f"<title>{e(report.title)}</title>",
        "<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}"
        "th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}"
        "th{background:#eee}.note{color:#555;font-size:.9em}</style></head><body>",
        f"<h1>{e(report.title)}</h1>",
    ]
    for s in report.sections:
        parts.append(f"<h2>{e(s.heading)}</h2><table><thead><tr>")
        parts += [f"<th>{e(h)}</th>" for h in s.header]
        parts.append("</tr></thead><tbody>")
        for row in s.rows:
            parts.append("<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>")
        parts.append("</tbody></table>")
        parts += [f'<p class="note">{e(n)}</p>' for n in s.notes]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _write_xlsx(report: Report, path: Path) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        raise ExportError(
            "writing .xlsx needs openpyxl; install it with: pip install 'smeeco[xlsx]'"
        ) from None
    from smeeco.tables.write import FIXED_TIME, fixed_zip

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for s in report.sections:
        name = s.heading[:31]
        while name in used:
            name = name[:29] + f"{len(used)}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([report.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(s.header))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in s.rows:
            sheet.append(list(row))
        for note in s.notes:
            sheet.append([note])
        for i in range(len(s.header)):
            letter = sheet.cell(2, i + 1).column_letter
            width = max([len(s.header[i]), *(len(r[i]) for r in s.rows)], default=8)
            sheet.column_dimensions[letter].width = min(width * 1.6 + 2, 80)
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "smeeco"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue()))


def write_report(report: Report, path: str | Path) -> Path:
    """Write ``report`` as ``.md``, ``.html`` or ``.xlsx`` (by the suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ExportError(
            f"unknown report format {suffix or 'no suffix'!r} for {str(path)!r};"
            f" supported: {', '.join(REPORT_SUFFIXES)}"
        )
    if not path.parent.exists():
        raise ExportError(f"folder {str(path.parent)!r} does not exist; create it first")
    if suffix == ".md":
        path.write_text(dumps_markdown(report), encoding="utf-8")
    elif suffix == ".html":
        path.write_text(dumps_html(report), encoding="utf-8")
    else:
        _write_xlsx(report, path)
    return path
