"""Small HTML tables for notebooks: what ``_repr_html_`` methods across smeeco return.

One helper for every kind of object (records, the ecosystem, the matrix, tables, search
results, task lists, comparisons), so they look alike in Jupyter. It imports nothing from
smeeco, so any layer may use it.

Jupyter right-aligns every cell, which suits numbers but not names: text cells and the
headings are aligned left, and short text (a role, a number such as ``(十一)``, a short
title) does not wrap, so a narrow column does not break ``牵头*`` over two lines.

>>> html_table(["id", "n"], [["ex-miit", 3]]).split("<tbody>")[0]
'<table><thead><tr><th style="text-align:left">id</th><th>n</th></tr></thead>'
>>> for row in html_table(["name"], [["<工信局>"], [None], [2]]).split("<tr>")[2:]:
...     print(row.removesuffix("</tbody></table>"))
<td style="text-align:left;white-space:nowrap">&lt;工信局&gt;</td></tr>
<td></td></tr>
<td>2</td></tr>
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

__all__ = ["html_table"]

#: text up to this many characters is kept on one line
SHORT = 16

_LEFT = ' style="text-align:left"'
_LEFT_NOWRAP = ' style="text-align:left;white-space:nowrap"'


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _cell(tag: str, value: Any) -> str:
    if value is None:
        return f"<{tag}></{tag}>"
    if _number(value):
        return f"<{tag}>{value}</{tag}>"
    text = str(value)
    style = _LEFT_NOWRAP if len(text) <= SHORT and tag == "td" else _LEFT
    return f"<{tag}{style}>{html.escape(text)}</{tag}>"


def _heading(value: str, numbers: bool) -> str:
    """A column heading, aligned as its column is (right over numbers)."""
    return f"<th>{html.escape(str(value))}</th>" if numbers else _cell("th", value)


def html_table(header: Iterable[str], rows: Iterable[Iterable[Any]], *, caption: str = "") -> str:
    """A small HTML table (for notebooks): cells escaped, missing values empty.

    Numbers keep Jupyter's right alignment (and so do the headings of columns of
    numbers); text is aligned left, and text of up to :data:`SHORT` characters does not
    wrap.
    """
    body = [list(row) for row in rows]
    names = list(header)
    numeric = [
        bool(body) and all(i < len(r) and (r[i] is None or _number(r[i])) for r in body)
        for i in range(len(names))
    ]
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    headings = "".join(_heading(h, n) for h, n in zip(names, numeric, strict=True))
    parts.append("<thead><tr>" + headings + "</tr></thead>")
    parts.append("<tbody>")
    parts += ["<tr>" + "".join(_cell("td", v) for v in row) + "</tr>" for row in body]
    parts.append("</tbody></table>")
    return "".join(parts)
