"""A notice saved as a web page (HTML) → the text a browser shows, with a map back.

Users save notices from government sites with the browser's "save page" as often as they
copy the text. :func:`html_text` reads such a page the way a browser lays it out: the
``<head>``, scripts, styles and comments are not text; block elements (``<p>``, ``<div>``,
``<br>``, ``<li>``, headings…) end a line; inline tags (``<span>``, ``<font>``, ``<a>``)
vanish; entities (``&nbsp;``, ``&#12289;``) become their characters; white space in the
source collapses as a browser collapses it (a line break between two Chinese characters
is no space at all).

Tables become one line per row with the cells between ``|`` — the layout the
任务分工表 reader takes — and merged cells are read as a browser shows them: a cell with
``rowspan="3"`` (one 牵头单位 for three tasks) stands in each of its three rows, a cell
with ``colspan="2"`` fills two columns. Several lines or paragraphs inside one cell are
joined with ``、`` (a list of units), so that a row stays on one line.

:func:`html_tables` does the same for the ``<table>`` blocks of a text that is otherwise
plain (a table pasted into a notice), leaving the rest as it is.

Every character of the result maps to a character of the page (an inserted line break or
``|`` to the tag it stands for, an entity's character to the ``&``), so the spans the
parser finds point into the file the user gave.

>>> from smeeco.parse.prepare import OffsetMap
>>> page = "<html><body><p>一、总体要求</p><p>(一)加强&nbsp;支持。</p></body></html>"
>>> text, pieces, _capped = html_text(page)
>>> text
'一、总体要求\\n(一)加强\\xa0支持。\\n'
>>> offsets = OffsetMap.build(pieces)
>>> page[offsets[7]:offsets[7] + 4], page[offsets[12]:offsets[12] + 6]
('(一)加', '&nbsp;')
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from smeeco.parse.table import UNIT_END

__all__ = ["Rendered", "fragment_text", "html_tables", "html_text", "looks_like_html"]

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|head|noscript|template|title)\b[^<>]*>.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>"
    r"|<![^<>]*>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?"
    r"|[^<&]+"
    r"|[<&]",
    re.S,
)
_BLOCK = frozenset(
    (
        *("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr"),
        *("section", "article", "header", "footer", "nav", "aside", "main", "blockquote"),
        *("pre", "dl", "dt", "dd", "figure", "figcaption", "form", "address", "center"),
        *("caption", "body", "html", "table", "thead", "tbody", "tfoot"),
    )
)
_SPACE = re.compile(r"[ \t\r\n\f]+")
_SPAN = re.compile(r"""\b(rowspan|colspan)\s*=\s*["']?\s*(\d{1,4})""", re.I)
_DOCUMENT = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body|meta)\b", re.I)
_BLOCK_TAG = re.compile(r"<(?:p|div|br|td|li|h[1-6])\b", re.I)
_TABLE = re.compile(r"<table\b.*?(?:</table\s*>|\Z)", re.S | re.I)
_TABLE_START = re.compile(r"<table\b", re.I)
#: A merged cell never spans more rows or columns than this, and a row has at most this
#: many columns (a typo such as rowspan="9999" must not make a page of millions of cells).
_MAX_SPAN = 50

# A piece of output: (text, origin, aligned). Aligned pieces map character by character to
# origin, origin+1…; the others map every character to origin.
_Piece = tuple[str, int, bool]


class Rendered(NamedTuple):
    """A page's text, its map back as pieces of the page, and whether merged cells were cut.

    ``pieces`` are ``(a, b)`` spans of the page in order (see
    :meth:`smeeco.parse.prepare.OffsetMap.build`), the last one mapping the end.
    ``capped`` is True when repeating merged cells (``rowspan``) would have made more text
    than the page holds, so merged cells stopped there (the rows after lack them).
    """

    text: str
    pieces: list[tuple[int, int]]
    capped: bool = False


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is a web page rather than text: it starts as an HTML document, or
    block tags (``<p>``, ``<div>``, ``<br>``, ``<td>``) stand on most of its first lines.

    >>> looks_like_html("<!DOCTYPE html><html>…"), looks_like_html("一、总体要求\\n(一)…")
    (True, False)
    """
    if _DOCUMENT.match(text):
        return True
    head = text[:4000]
    if "<" not in head:  # no tag at all: most notices, told at once
        return False
    lines = [line for line in head.splitlines() if line.strip()]
    if len(lines) < 3:
        return len(_BLOCK_TAG.findall(head)) >= 3 and head.lstrip().startswith("<")
    tagged = sum(1 for line in lines if _BLOCK_TAG.search(line))
    return tagged * 2 >= len(lines)


def html_text(page: str) -> Rendered:
    """The text of ``page`` as a browser shows it, and its map back (:class:`Rendered`)."""
    writer = _Writer(len(page))
    _render(page, 0, len(page), writer)
    return _assemble(writer, len(page))


def html_tables(text: str) -> Rendered | None:
    """``text`` with each ``<table>…</table>`` block rendered as ``|`` rows (see above);
    None when it holds no table (``<table``, ``<TABLE``, ``<Table``…: tags are any case)."""
    if "<" not in text or _TABLE_START.search(text) is None:  # most notices: at once
        return None
    writer = _Writer(len(text))
    position = 0
    for match in _TABLE.finditer(text):
        if match.start() > position:
            writer.pieces.append((text[position : match.start()], position, True))
        writer.pieces.append(("\n", match.start(), False))
        writer.last = "\n"
        _render(text, match.start(), match.end(), writer)
        writer.pieces.append(("\n", max(match.start(), match.end() - 1), False))
        position = match.end()
    if not position:
        return None
    writer.pieces.append((text[position:], position, True))
    return _assemble(writer, len(text))


def fragment_text(fragment: str) -> str:
    """A piece of a page as a person reads it: tags out, entities in, white space collapsed.

    >>> fragment_text("省财政厅</p>\\n<p>&#12289;省金融办")
    '省财政厅\\n、省金融办'
    """
    return html_text(fragment).text.strip("\n")


def _assemble(writer: _Writer, end: int) -> Rendered:
    out: list[str] = []
    mapping: list[tuple[int, int]] = []
    for text, origin, aligned in writer.pieces:
        if not text:
            continue
        out.append(text)
        if aligned:
            mapping.append((origin, origin + len(text)))
        else:
            mapping.extend([(origin, origin + 1)] * len(text))
    mapping.append((end, end + 1))
    return Rendered("".join(out), mapping, writer.capped)


class _Writer:
    """Output pieces, with the white space and line breaks a browser would show."""

    def __init__(self, budget: int) -> None:
        self.pieces: list[_Piece] = []
        #: characters merged cells may still add by standing in later rows (the page's size)
        self.budget = budget
        self.capped = False
        self.last = "\n"  # the last character written: a new text starts on a fresh line
        self.space_at = -1  # a pending collapsed space (its origin), or -1
        self.space_breaks = False  # whether that white space holds a line break
        self.sep_at = -1  # a pending 、 between two lines of a cell (its origin), or -1

    def spend(self, cell: _Cell) -> bool:
        """Whether a merged cell's text may stand once more (False: the budget is spent)."""
        size = sum(len(text) for text, _origin, _aligned in cell.pieces)
        if size > self.budget:
            self.capped = True
            return False
        self.budget -= size
        return True

    def separate(self, origin: int) -> None:
        """A line break inside a table cell: a 、 before the next text, if any follows."""
        if self.pieces and self.sep_at < 0:
            self.sep_at = origin

    def _flush_separator(self) -> None:
        if self.sep_at >= 0:
            if self.last in UNIT_END:  # "市财政局<br>市税务局": a list of units
                self.pieces.append(("、", self.sep_at, False))
                self.last = "、"
            self.sep_at = -1
            self.space_at = -1

    def text(self, text: str, origin: int) -> None:
        """Source text: runs of white space collapse (to nothing between Chinese)."""
        position = 0
        for match in _SPACE.finditer(text):
            self._word(text[position : match.start()], origin + position)
            if self.space_at < 0:
                self.space_at = origin + match.start()
                self.space_breaks = False
            self.space_breaks = self.space_breaks or "\n" in match.group()
            position = match.end()
        self._word(text[position:], origin + position)

    def _word(self, word: str, origin: int) -> None:
        if not word:
            return
        self._flush_separator()
        if self.space_at >= 0:
            # a source line break between two Chinese characters is no space (CSS Text 3)
            joined = self.space_breaks and _is_cjk(self.last) and _is_cjk(word[0])
            if self.last not in "\n|" and not joined:
                self.pieces.append((" ", self.space_at, False))
            self.space_at = -1
        self.pieces.append((word, origin, True))
        self.last = word[-1]

    def entity(self, char: str, origin: int) -> None:
        """An entity's character: text, spaced as text is."""
        if not char:
            return
        self._word(char, origin)
        self.pieces[-1] = (char, origin, False)

    def char(self, char: str, origin: int) -> None:
        """A character standing for markup (an entity, a cell bar): never collapsed."""
        self._flush_separator()
        self.space_at = -1
        self.pieces.append((char, origin, False))
        self.last = char[-1]

    def line(self, origin: int) -> None:
        """End the line (once: empty lines of markup make no empty lines of text)."""
        self.space_at = -1
        if self.last != "\n":
            self.pieces.append(("\n", origin, False))
            self.last = "\n"


def _is_cjk(char: str) -> bool:
    return bool(char) and ("\u3000" <= char <= "\u9fff" or "\uf900" <= char <= "\uffef")


class _Cell:
    __slots__ = ("colspan", "origin", "pieces", "rowspan")

    def __init__(self, origin: int, attributes: str) -> None:
        self.origin = origin
        self.pieces: list[_Piece] = []
        self.rowspan = 1
        self.colspan = 1
        for name, value in _SPAN.findall(attributes):
            number = max(1, min(_MAX_SPAN, int(value)))
            if name.lower() == "rowspan":
                self.rowspan = number
            else:
                self.colspan = number


class _Table:
    """Rows of cells, laid out with merged cells where a browser puts them."""

    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []
        self.row_origins: list[int] = []

    def lay_out(self, writer: _Writer) -> None:
        # column -> (rows still to fill, the cell, whether its text stands in this column)
        carried: dict[int, tuple[int, _Cell, bool]] = {}
        for cells, origin in zip(self.rows, self.row_origins, strict=True):
            if not cells and not carried:
                continue
            writer.line(origin)
            writer.char("|", origin)
            column = 0
            queue = list(cells)
            queue.reverse()
            while True:
                if column in carried:
                    left, cell, first = carried[column]
                    if left <= 1:
                        del carried[column]
                    else:
                        carried[column] = (left - 1, cell, first)
                    if first and not writer.spend(cell):
                        carried.clear()  # the budget is spent: merged cells stop here
                        continue
                    self._write_cell(writer, cell, empty=not first)
                    column += 1
                elif queue:
                    cell = queue.pop()
                    for k in range(min(cell.colspan, max(1, _MAX_SPAN - column))):
                        if cell.rowspan > 1:
                            carried[column + k] = (cell.rowspan - 1, cell, k == 0)
                        self._write_cell(writer, cell, empty=k > 0)
                    column += cell.colspan
                elif column < _MAX_SPAN and any(c > column for c in carried):
                    writer.char(" |", origin)  # a column no cell of this row fills
                    column += 1
                else:
                    break
            writer.line(origin)

    @staticmethod
    def _write_cell(writer: _Writer, cell: _Cell, *, empty: bool = False) -> None:
        writer.char(" ", cell.origin)
        if not empty:
            writer.pieces.extend(cell.pieces)
        writer.char(" |", cell.origin)


def _render(page: str, start: int, end: int, writer: _Writer) -> None:
    """Write the text of ``page[start:end]``."""
    tables: list[_Table] = []
    cell: _Cell | None = None
    cell_writer: _Writer | None = None
    for match in _TOKEN.finditer(page, start, end):
        token = match.group()
        at = match.start()
        out = cell_writer if cell_writer is not None else writer
        if token.startswith("<!") or match.group(1):
            continue  # a comment, a doctype, a script, a style, the head
        tag = match.group(3)
        if tag is not None:
            name = tag.lower()
            closing = match.group(2) == "/"
            if name == "table":
                if not closing:
                    if cell is not None and cell_writer is not None:  # a table in a cell
                        cell_writer.separate(at)
                        continue
                    tables.append(_Table())
                    writer.line(at)
                elif tables and cell is None:
                    tables.pop().lay_out(writer)
                    writer.line(at)
                continue
            if tables and name == "tr":
                if not closing and cell is None:
                    tables[-1].rows.append([])
                    tables[-1].row_origins.append(at)
                elif cell is not None and cell_writer is not None:
                    cell.pieces = cell_writer.pieces
                    cell, cell_writer = None, None
                continue
            if tables and name in ("td", "th"):
                if cell is not None and cell_writer is not None:
                    cell.pieces = cell_writer.pieces
                    cell, cell_writer = None, None
                if not closing:
                    if not tables[-1].rows:
                        tables[-1].rows.append([])
                        tables[-1].row_origins.append(at)
                    cell = _Cell(at, match.group(4) or "")
                    tables[-1].rows[-1].append(cell)
                    cell_writer = _Writer(0)
                    cell_writer.last = "|"
                continue
            if name in _BLOCK:
                if cell_writer is not None:  # a line inside a cell: a list goes on
                    cell_writer.separate(at)
                elif not tables:
                    out.line(at)
            continue
        if token[0] == "&" and len(token) > 1:
            decoded = html.unescape(token)
            if decoded != token:
                out.entity(decoded, at)
                continue
        if cell_writer is None and tables:
            continue  # text between the cells of a table
        out.text(token, at)
    if cell is not None and cell_writer is not None:
        cell.pieces = cell_writer.pieces
    while tables:  # tables left open at the end of the page
        tables.pop().lay_out(writer)
