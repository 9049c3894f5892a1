"""A notice saved as a Word document (``.docx``) → its text, numbers and tables included.

Government notices are published as Word attachments as often as web pages, and their 附件
任务分工表 is a Word table. :func:`docx_text` gives the text :func:`smeeco.parse_policy`
reads, in document order:

- each paragraph is a line; a heading's or item's **automatic numbering** (Word's own
  list numbers, which are not in the paragraph's text) is written in front of it as Word
  shows it — "一、", "（一）", "1.", "①" — from the document's numbering definitions
  (``numbering.xml``: the level's format and text, its start, restarts by higher levels);
  a format smeeco does not know is reported, never guessed;
- each table row is a line with its cells between ``|`` (the layout the 任务分工表 reader
  takes): a cell merged over rows stands in each of them, one merged over columns fills
  the first, and the paragraphs of a cell are joined as one line
  (:func:`smeeco.parse.table.join_cell_lines`).

The spans of a parse index this text (``docx_text(path).text`` gives it again), since a
``.docx`` is a zip of XML, not text a span could point into. Reading needs the
``smeeco[docx]`` extra (python-docx).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from smeeco.errors import MissingDependencyError, TextEncodingError
from smeeco.parse.table import join_cell_lines

__all__ = ["WordText", "docx_text", "number_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_LEVEL_REF = re.compile(r"%([1-9])")


class WordText(NamedTuple):
    """The text of a ``.docx``, and what could not be read faithfully (each a sentence)."""

    text: str
    notes: tuple[str, ...] = ()


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 10000:
        high, rest = divmod(n, 100) if n < 1000 else divmod(n, 1000)
        unit = "百" if n < 1000 else "千"
        if not rest:
            return _DIGITS[high] + unit
        small = _chinese(rest)
        if (n < 1000 and rest < 10) or (n >= 1000 and rest < 100):
            small = "零" + small
        elif rest < 20:
            small = "一" + small  # 一百一十
        return _DIGITS[high] + unit + small
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


#: Word's list number formats (``w:numFmt``) smeeco writes, each a function of the count.
_FORMATS: dict[str, Any] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({48 + i: 0xFF10 + i for i in range(10)}),
    "decimalHalfWidth": str,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "ideographTraditional": lambda n: _STEMS[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
    "none": lambda n: "",
}


def number_text(level_text: str, counts: list[int], formats: list[str]) -> str | None:
    """The number Word shows for a list level: ``level_text`` ("%1、", "（%2）") with each
    ``%k`` the count of level k in its format; None when a format is not known.

    >>> number_text("（%2）", [1, 3], ["chineseCounting", "chineseCounting"])
    '（三）'
    >>> number_text("%1.%2", [2, 11], ["decimal", "decimal"]), number_text("%1", [1], ["x"])
    ('2.11', None)
    """
    unknown = False

    def one(match: re.Match[str]) -> str:
        nonlocal unknown
        k = int(match.group(1)) - 1
        if k >= len(counts):
            return ""
        fmt = formats[k] if k < len(formats) else "decimal"
        writer = _FORMATS.get(fmt)
        if writer is None:
            unknown = True
            return ""
        return str(writer(counts[k]))

    out = _LEVEL_REF.sub(one, level_text)
    return None if unknown else out


class _Level(NamedTuple):
    start: int
    fmt: str
    text: str


class _Numbering:
    """Word's list numbering of one document: definitions, and the counts so far."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}  # abstractNumId -> ilvl -> level
        self.abstract: dict[str, str] = {}  # numId -> abstractNumId
        self.overrides: dict[tuple[str, int], int] = {}  # (numId, ilvl) -> start
        self.counts: dict[str, list[int]] = {}  # abstractNumId -> count per level
        self.unknown: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering part: nothing is numbered
        for abstract in root.iter(f"{_W}abstractNum"):
            key = abstract.get(f"{_W}abstractNumId", "")
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                levels[ilvl] = _Level(
                    int(_val(lvl, "start") or 1),
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                )
            self.levels[key] = levels
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            self.abstract[num_id] = _val(num, "abstractNumId") or ""
            for override in num.iter(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    self.overrides[(num_id, int(override.get(f"{_W}ilvl", "0")))] = int(start)

    def number(self, num_id: str, ilvl: int) -> str:
        """The number of the next paragraph of list ``num_id`` at level ``ilvl``."""
        key = self.abstract.get(num_id)
        levels = self.levels.get(key or "")
        if not levels or ilvl not in levels:
            return ""
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""  # a bullet is no number
        counts = self.counts.setdefault(key or "", [])
        while len(counts) <= ilvl:
            depth = len(counts)
            counts.append(self._start(num_id, levels, depth) - 1)
        if (num_id, ilvl) in self.overrides and counts[ilvl] < 0:
            counts[ilvl] = self.overrides[(num_id, ilvl)] - 1
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):  # a higher level restarts the lower
            counts[deeper] = self._start(num_id, levels, deeper) - 1
        shown = counts[: ilvl + 1]
        for depth in range(ilvl):  # a level not yet used counts from its start
            shown[depth] = max(shown[depth], self._start(num_id, levels, depth))
        formats = [levels[d].fmt if d in levels else "decimal" for d in range(ilvl + 1)]
        text = number_text(level.text, shown, formats)
        if text is None:
            self.unknown.update(f for f in formats if f not in _FORMATS)
            return ""
        return text

    def _start(self, num_id: str, levels: dict[int, _Level], depth: int) -> int:
        if (num_id, depth) in self.overrides:
            return self.overrides[(num_id, depth)]
        return levels[depth].start if depth in levels else 1


def _val(element: Any, tag: str) -> str | None:
    found = element.find(f"{_W}{tag}")
    return None if found is None else found.get(f"{_W}val")


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """The list (numId, ilvl) a paragraph is numbered in, directly or by its style."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_pr = style.element.pPr
        num_pr = style_pr.numPr if style_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    num_id = str(num_pr.numId.val)
    if num_id == "0":
        return None  # numbering switched off
    ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
    return num_id, ilvl


def _blocks(document: Any) -> Iterator[Any]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield Table(child, document)


def _table_lines(table: Any) -> Iterator[str]:
    # python-docx gives a cell merged over rows in each row it covers (its text stands in
    # each, as Word shows it), and one merged over columns once per column (the first holds
    # the text)
    for row in table.rows:
        texts: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                texts.append("")
                continue
            previous = cell._tc
            texts.append(join_cell_lines([p.text for p in cell.paragraphs]))
        yield "| " + " | ".join(t.replace("|", "｜") for t in texts) + " |"


def docx_text(source: str | Path | bytes) -> WordText:
    """The text of a ``.docx`` (a path or its bytes), with automatic numbers written out.

    Raises :class:`~smeeco.MissingDependencyError` without python-docx, and
    :class:`~smeeco.TextEncodingError` for a file that is not a Word document.
    """
    try:
        import docx
    except ImportError:
        raise MissingDependencyError(
            "reading .docx needs python-docx; install it with: pip install 'smeeco[docx]'"
        ) from None
    name = str(source) if not isinstance(source, bytes) else "the document"
    try:
        document = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    except Exception as error:  # python-docx raises zip, XML and key errors alike
        raise TextEncodingError(
            f"{name} is not a Word .docx document that can be read ({error}); save it again"
            " from Word as .docx, or as plain text (.txt)"
        ) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in _blocks(document):
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block))
            continue
        text = block.text
        found = _num_pr(block)
        if found is not None:
            number = numbering.number(*found)
            if number:
                text = number + text
        lines.append(text)
    notes = []
    if numbering.unknown:
        notes.append(
            f"{name}: Word numbers some paragraphs in a format smeeco does not write"
            f" ({', '.join(sorted(numbering.unknown))}); those numbers are left out, so"
            " check the items around them (or save the document as .txt from Word, which"
            " writes the numbers as text)"
        )
    return WordText("\n".join(lines) + "\n", tuple(notes))
