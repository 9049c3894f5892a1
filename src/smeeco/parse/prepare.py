"""Text as it arrives → text the parser reads, with a map back to the original characters.

A notice saved as a web page is read as a browser shows it (:mod:`smeeco.parse.html`). A
notice pasted from a web page may be in traditional characters, carry pinyin glosses
after characters ("發(fā)展", "的(de)", "和(hé / huò)", "廣【guǎng】") and mix full- and
half-width punctuation. :func:`prepare` makes one text of it for the parser and keeps an
offset map, so that every span found in the prepared text points at the characters of the
text the user gave (:meth:`Prepared.original_span`).

Traditional → simplified is done by OpenCC's phrase converter (``t2s``), from the
``smeeco[zh]`` extra (the ``opencc`` package); the script is detected from characters
that exist only in traditional writing. Without the extra a traditional text is parsed as
it is, with a ``script`` warning saying how to install it.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import attrs

from smeeco.parse.deadlines import DEADLINE_LABELS
from smeeco.parse.furniture import PAGE_NUMBER
from smeeco.parse.html import fragment_text, html_tables, html_text, looks_like_html
from smeeco.parse.structure import _CN, _MARKER_BODY

__all__ = ["OffsetMap", "Prepared", "looks_traditional", "prepare"]

_WIDTH: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20  # ideographic space
_WIDTH[0x00A0] = 0x20  # no-break space from web pages

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_LETTER = f"a-zü{_TONED}"
_SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv{_TONED}][{_LETTER}]{{0,4}}"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A gloss: one syllable, or alternatives separated by "/", in brackets after a character
#: (the character before is checked apart: a leading look-behind makes the search slow).
_GLOSS = re.compile(
    rf"[(（][^\S\n]?{_SYLLABLE}(?:[^\S\n]?/[^\S\n]?{_SYLLABLE})*[^\S\n]?[)）]"
    rf"|【{_SYLLABLE}】"
)
#: The same matches as _GLOSS, searched faster: one class of opening brackets comes first
#: (the search skips other characters at C speed), then the form that bracket opens.
_GLOSS_SEARCH = re.compile(
    rf"[(（【](?:(?<=[(（])[^\S\n]?{_SYLLABLE}(?:[^\S\n]?/[^\S\n]?{_SYLLABLE})*[^\S\n]?[)）]"
    rf"|(?<=【){_SYLLABLE}】)"
)
#: The glosses of a text without full-width brackets (the prepared text: they are made
#: half-width first), searched apart from a literal bracket, each after a character.
_PAREN_GLOSS = re.compile(
    rf"\((?<=[{_CJK}]\()[^\S\n]?{_SYLLABLE}(?:[^\S\n]?/[^\S\n]?{_SYLLABLE})*[^\S\n]?[)）]"
)
_BRACKET_GLOSS = re.compile(rf"【(?<=[{_CJK}]【){_SYLLABLE}】")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_TONE = re.compile(f"[{_TONED}]")
#: Short lower-case words in brackets that are not glosses even when they spell a syllable.
_NOT_GLOSS = re.compile(r"[(（【](?:app|pc|web|wifi|ai|it|ip)[)）】]")

#: Characters that exist only in traditional writing (their simplified forms differ).
_TRADITIONAL = set(
    "發這個們國會與對業為區縣廳機關進經濟務實產門開設學點體應將當從資術環項辦處頒規劃"
    "營貸稅費補貼獎勵創質廣東農藥醫療衛員組織領導責職協調負監審計統劃條區財銀險證優"
    "勢場廠務議論選擇買賣價貨運輸線網絡電氣車種類歷雙價樣條鄉鎮縣鐵層質傳遞聯繫觀現"
)
_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
_HAN_HIGH_BYTES = bytes(range(0x4E, 0xA0))
_CONVERTER: Any = None


class OffsetMap(Sequence[int]):
    """Indexes into an original text, stored as runs: ``map[i]`` for each ``i``.

    A prepared text is mostly the original with a few pieces cut out (glosses), inserted
    (line breaks) or changed in length (phrases converted), so its map back to the
    original is a few runs of consecutive indexes: ``starts[k]`` (where a run starts in
    the prepared text) and ``origins[k]`` (where it starts in the original). Looking up
    is a binary search; memory grows with the runs, not with the text.

    >>> m = OffsetMap.build([(0, 3), (6, 9)])  # original[0:3] + original[6:9], then the end
    >>> list(m), len(m)
    ([0, 1, 2, 6, 7, 8], 6)
    """

    __slots__ = ("_length", "_origins", "_starts")

    def __init__(self, starts: list[int], origins: list[int], length: int) -> None:
        self._starts = starts
        self._origins = origins
        self._length = length

    @classmethod
    def build(cls, pieces: Iterable[tuple[int, int]]) -> OffsetMap:
        """The map of a text made of ``original[a:b]`` for each ``(a, b)`` in order."""
        starts: list[int] = []
        origins: list[int] = []
        length = 0
        for a, b in pieces:
            if b <= a:
                continue
            if not starts or origins[-1] + (length - starts[-1]) != a:
                starts.append(length)
                origins.append(a)
            length += b - a
        return cls(starts, origins, length)

    def runs(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """``(a, b)`` pairs of original indexes that ``self[start:end]`` is made of."""
        starts, origins = self._starts, self._origins
        k = max(0, bisect.bisect_right(starts, start) - 1)
        while k < len(starts) and starts[k] < end:
            run_end = starts[k + 1] if k + 1 < len(starts) else self._length
            s, e = max(start, starts[k]), min(end, run_end)
            if s < e:
                yield origins[k] + s - starts[k], origins[k] + e - starts[k]
            k += 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``(self[start], self[end - 1] + 1)`` for ``0 <= start < end <= len(self)``,
        with one look-up when both ends fall in one run (most spans)."""
        starts, origins = self._starts, self._origins
        k = bisect.bisect_right(starts, start) - 1
        last = end - 1
        if k + 1 < len(starts) and starts[k + 1] <= last:
            j = bisect.bisect_right(starts, last, k + 1) - 1
            return origins[k] + start - starts[k], origins[j] + last - starts[j] + 1
        return origins[k] + start - starts[k], origins[k] + last - starts[k] + 1

    def __len__(self) -> int:
        return self._length

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return (self._length, self._starts, self._origins) == (
                other._length,
                other._starts,
                other._origins,
            )
        if isinstance(other, Sequence) and not isinstance(other, str):
            if len(other) != self._length:
                return False
            return all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._length, tuple(self._starts), tuple(self._origins)))

    def __repr__(self) -> str:
        return f"OffsetMap({len(self._starts)} runs over {self._length} characters)"

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        k = bisect.bisect_right(self._starts, index) - 1
        return self._origins[k] + index - self._starts[k]


def _through(mapping: Sequence[int], pieces: Iterable[tuple[int, int]]) -> OffsetMap:
    """The map of a text made of ``text[a:b]`` for each ``(a, b)``, ``mapping`` being
    ``text``'s map to the original: both steps composed into one map.

    The runs ``mapping`` holds between the ends of a piece are copied as they are (one list
    operation), so composing costs per piece, not per character.

    >>> m = OffsetMap.build([(0, 3), (6, 9)])
    >>> list(_through(m, [(1, 5), (5, 6)]))
    [1, 2, 6, 7, 8]
    """
    if isinstance(mapping, range) and mapping.step == 1:
        first = mapping.start
        return OffsetMap.build((first + a, first + b) for a, b in pieces)
    if not isinstance(mapping, OffsetMap):
        mapping = OffsetMap.build((m, m + 1) for m in mapping)
    starts, origins, total = mapping._starts, mapping._origins, mapping._length
    new_starts: list[int] = []
    new_origins: list[int] = []
    length = 0
    runs = len(starts)
    right, left = bisect.bisect_right, bisect.bisect_left
    following: int | None = None  # the origin a character after the last one would have
    for a, b in pieces:
        if a < 0:
            a = 0
        if b > total:
            b = total
        if b <= a:
            continue
        first = right(starts, a) - 1
        origin = origins[first] + a - starts[first]
        if origin != following:
            new_starts.append(length)
            new_origins.append(origin)
        if first + 1 < runs and starts[first + 1] < b:
            # whole runs of the mapping: never contiguous with each other
            last = left(starts, b, first + 1) - 1  # the run holding b - 1
            shift = length - a
            new_starts.extend([s + shift for s in starts[first + 1 : last + 1]])
            new_origins.extend(origins[first + 1 : last + 1])
            following = origins[last] + b - starts[last]
        else:
            following = origin + b - a
        length += b - a
    return OffsetMap(new_starts, new_origins, length)


@attrs.frozen
class Prepared:
    """The text the parser reads, and how its characters map to the original.

    ``offsets[i]`` is the index in ``original`` of character ``i`` of ``text``
    (``offsets[len(text)] == len(original)``): a ``range`` when the two are aligned,
    else an :class:`OffsetMap`. ``converted`` says whether traditional
    characters were converted, ``traditional`` whether the original looked traditional,
    and ``glosses`` how many pinyin glosses were removed.
    """

    original: str = attrs.field(repr=False)
    text: str = attrs.field(repr=False)
    offsets: Sequence[int] = attrs.field(repr=False)
    traditional: bool = False
    converted: bool = False
    glosses: int = 0
    #: line breaks inserted before item markers inside run-on lines
    breaks: int = 0
    #: control characters removed (``(position in original, code point)`` of each)
    controls: tuple[tuple[int, int], ...] = ()
    #: whether the original holds a break read as a line break (VT, FF, NEL, U+2028/9)
    odd_breaks: bool = False
    #: whether the original is a web page, or holds ``<table>`` blocks, read as a browser
    #: shows them (:mod:`smeeco.parse.html`)
    html: bool = False
    #: whether merged cells of an HTML table stopped standing in later rows, where repeating
    #: them would have made more text than the page holds (a hostile or broken page)
    html_capped: bool = False
    #: the width (display columns, a Chinese character two) a hard-wrapped text is wrapped
    #: at, a copy from a PDF keeping each printed line a line (0: not hard-wrapped)
    wrap_width: int = 0
    #: line breaks inside its paragraphs joined in a hard-wrapped text
    joined: int = 0

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if end <= start:
            position = self.offsets[min(max(start, 0), len(self.text))]
            return position, position
        offsets = self.offsets
        if type(offsets) is OffsetMap and start >= 0 and end <= len(offsets):
            return offsets.span(start, end)
        return offsets[start], offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original characters behind ``text[start:end]``."""
        s, e = self.original_span(start, end)
        return self.original[s:e]

    def printable_quote(self, start: int, end: int) -> str:
        """:meth:`quote` as a record can hold it: control characters left out.

        The breaks read as line breaks (VT, FF, NEL, U+2028/9) are ``"\\n"``; the other
        control characters are dropped. The same as :meth:`quote` for any text without
        them.

        >>> prepare("加强\\x07信贷\\x0c支持").printable_quote(0, 7)
        '加强信贷\\n支持'
        """
        return self.quoted(start, end)[0]

    def quoted(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        """:meth:`printable_quote` and :meth:`original_span` of ``text[start:end]`` at once."""
        span = self.original_span(start, end)
        quote = self.original[span[0] : span[1]]
        if self.html and ("<" in quote or "&" in quote):
            quote = fragment_text(quote)  # the page's text, as a browser shows it
        if not self.controls and not self.odd_breaks:
            return quote, span  # most texts: nothing to leave out
        return _CONTROL.sub("", quote.translate(_BREAKS)), span

    def prepared_position(self, original: int) -> int:
        """Where the parser's text stands at index ``original`` of the given text.

        A character cut out (a gloss, a control character) maps to the next one kept.
        """
        return bisect.bisect_left(self.offsets, original)


_COMMON_WIDE = "，：；（）！？％\u3000\u00a0"
_RARE_WIDE = re.compile("[\uff01-\uff5e]")


def _half_width(text: str) -> str:
    """Full-width ASCII forms to ASCII, one character for one (offsets stay)."""
    for char in _COMMON_WIDE:
        if char in text:
            text = text.replace(char, chr(_WIDTH[ord(char)]))
    return _RARE_WIDE.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


#: Breaks that are not "\n": Word's manual line break (VT), a PDF's page break (FF), NEL
#: and the Unicode line and paragraph separators. Each is read as a line break.
_BREAKS = str.maketrans(dict.fromkeys("\x0b\x0c\x85\u2028\u2029", "\n"))
_ODD_BREAK = re.compile("[\x0b\x0c\x85\u2028\u2029]")
#: Other control characters (C0 but tab, line feed and carriage return; DEL; C1), lone
#: surrogates and the non-characters U+FFFE/U+FFFF: no text holds them on purpose, no
#: record or export can (``smeeco.model.common.check_text``); they are cut out, reported.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def looks_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters.

    Examples
    --------
    >>> looks_traditional("廣東省進一步加大力度支持民間投資發展"), looks_traditional("广东省")
    (True, False)
    """
    sample = text[:20000]
    # at least three traditional characters, and one in fifty of the Han characters: the
    # traditional ones are read only until there are one in fifty of all the characters
    # (then they are one in fifty of the Han ones too); only when there are fewer, and at
    # least three, are the Han characters counted, from the high bytes of the UTF-16 code
    # units (U+4E00 to U+9FFF: 4E to 9F)
    enough = max(3, -(-len(sample) // 50))
    hits = len(list(itertools.islice(_TRADITIONAL_RE.finditer(sample), enough)))
    if hits < 3 or hits == enough:
        return hits >= 3
    high = sample.encode("utf-16-le", "surrogatepass")[1::2]  # (every hit was read)
    return hits * 50 >= len(high) - len(high.translate(None, _HAN_HIGH_BYTES))


def _opencc() -> Any:
    global _CONVERTER
    if _CONVERTER is None:
        import opencc  # the smeeco[zh] extra

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


def opencc_available() -> bool:
    """Whether the ``opencc`` module (``pip install smeeco[zh]``) can be imported."""
    try:
        _opencc()
    except ImportError:
        return False
    return True


def _convert(text: str, offsets: Sequence[int]) -> tuple[str, Sequence[int]]:
    """Traditional → simplified, keeping the offset map (line by line)."""
    converter = _opencc()
    converted = converter.convert(text)
    lines = text.splitlines(keepends=True)
    out_lines = converted.splitlines(keepends=True)
    # OpenCC's phrases never hold a line break, so the text converts line by line; where
    # every line keeps its length, every character stays where it was
    if len(converted) == len(text) and list(map(len, lines)) == list(map(len, out_lines)):
        return converted, offsets
    pieces: list[tuple[int, int]] = []
    out_text: list[str] = []
    position = 0
    line_by_line = len(out_lines) == len(lines)  # then out_lines[k] is line k converted
    for k, line in enumerate(lines):
        done = out_lines[k] if line_by_line else converter.convert(line)
        if len(done) == len(line):
            pieces.append((position, position + len(line)))
        else:  # a phrase of another length: align the characters that stayed
            mapped = [position] * len(done)
            matcher = difflib.SequenceMatcher(None, line, done, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                for j in range(j1, j2):
                    i = i1 + (j - j1) * (i2 - i1) // max(1, j2 - j1) if tag != "insert" else i1
                    mapped[j] = position + min(i, len(line) - 1)
            pieces.extend((m, m + 1) for m in mapped)
        out_text.append(done)
        position += len(line)
    pieces.append((len(text), len(text) + 1))
    return "".join(out_text), _through(offsets, pieces)


def _glosses(text: str) -> list[re.Match[str]]:
    """The bracketed syllables after a character in ``text``, in order (glosses or not).

    No match holds the opening bracket of another, so the round and the square ones
    can be searched apart, each from its literal bracket (a skip at C speed).
    """
    if "（" in text:  # (never in a prepared text: its brackets are made half-width first)
        return [
            m
            for m in _GLOSS_SEARCH.finditer(text)
            if m.start() and _CJK_CHAR.match(text, m.start() - 1) is not None
        ]
    found = list(_PAREN_GLOSS.finditer(text)) if "(" in text else []
    if "【" in text:
        found = sorted([*found, *_BRACKET_GLOSS.finditer(text)], key=lambda m: m.start())
    return found


def prepare(text: str, *, convert: bool | None = None) -> Prepared:
    """Make ``text`` ready to parse: half-width ASCII, glosses removed, simplified script.

    ``convert`` forces (``True``) or forbids (``False``) traditional → simplified
    conversion; by default it is done when the text looks traditional and OpenCC is
    installed. Raises :class:`ImportError` only when ``convert=True`` and OpenCC is
    missing.

    Examples
    --------
    >>> p = prepare("（責任單位：省發(fā)展改革委）和(hé / huò)的(de)", convert=False)
    >>> p.text
    '(責任單位:省發展改革委)和的'
    >>> p.quote(7, 12)
    '發(fā)展改革委'
    """
    base: OffsetMap | None = None  # a web page's text → the page
    rendered = text
    capped = False
    found = html_text(text) if looks_like_html(text) else html_tables(text)
    if found is not None:
        rendered, base, capped = found.text, OffsetMap.build(found.pieces), found.capped
    width = _half_width(rendered)
    odd_breaks = _ODD_BREAK.search(width) is not None
    if odd_breaks:
        width = width.translate(_BREAKS)
    cuts: list[tuple[int, int]] = []
    glosses = 0
    for match in _glosses(width):
        gloss = match.group()
        if _TONE.search(gloss) is None:  # (a toned syllable is a gloss, never a word)
            inner = gloss[1:-1].strip()
            if _NOT_GLOSS.fullmatch(gloss) or not (inner in _TONELESS or "/" in inner):
                continue
        cuts.append(match.span())
        glosses += 1
    controls = tuple((m.start(), ord(m.group())) for m in _CONTROL.finditer(width))
    if controls:  # a gloss holds no control character: the cuts never overlap
        cuts = sorted([*cuts, *((p, p + 1) for p, _ in controls)])
        if base is not None:
            controls = tuple((base[p], code) for p, code in controls)
    pieces: list[str] = []
    kept: list[tuple[int, int]] = []
    position = 0
    for start, end in cuts:
        pieces.append(width[position:start])
        kept.append((position, start))
        position = end
    stripped = width
    mapping: Sequence[int] = range(len(width) + 1) if base is None else base
    if cuts:
        pieces.append(width[position:])
        kept.append((position, len(width) + 1))  # and the end
        stripped, mapping = "".join(pieces), _through(mapping, kept)
    traditional = looks_traditional(stripped)
    converted = False
    if convert or (convert is None and traditional and opencc_available()):
        stripped, mapping = _convert(stripped, mapping)
        converted = True
    stripped, mapping = _unspace(stripped, mapping)
    stripped, mapping, wrap_width, joined = _reflow(
        stripped, mapping, text if base is None else None
    )
    stripped, mapping, breaks = _break_run_on(stripped, mapping)
    return Prepared(
        text,
        stripped,
        mapping,
        traditional,
        converted,
        glosses,
        breaks,
        controls,
        odd_breaks,
        base is not None,
        capped,
        wrap_width,
        joined,
    )


#: A hard-wrapped text has at least this many full lines, ...
_WRAP_MIN_FULL = 6
#: ... full lines hold at least 20 characters (40 columns: a Chinese character or a
#: full-width sign two, a digit, Latin letter or half-width sign one — a printed line's
#: cells), ...
_WRAP_MIN_WIDTH = 20
#: ... a full line is at most this many characters (or columns) narrower, and at most this
#: many wider, than the commonest width (a paragraph's first line is indented, a line may
#: end a character early rather than start the next with a stop; counted in characters,
#: digits take less room), ...
_WRAP_SLACK = (3, 3)
_WRAP_SLACK_COLUMNS = (6, 3)
#: ... at least three in ten of the lines wider than half the width are full, and at most
#: one in ten is wider than a full one: in a pasted web page, paragraphs run to any length.
_WRAP_SHARE = 0.3
_WRAP_WIDER = 0.1
#: A text with more than this share of its lines of 20 characters or more over 1.6 times
#: as long as the middle one is a web page's (a printed line with digits is at most 1.3).
_WRAP_RAGGED = 0.15
#: A text is no printed page's when more than this share of its full lines end a sentence
#: (a stop or a closing bracket): in running text a width cuts most lines inside one.
_WRAP_ENDED = 0.5
_SENTENCE_ENDS = frozenset("。；;！!？?)）〕】」』]")
#: A text is double-spaced when at least this share of its lines is followed by an empty one.
_WRAP_DOUBLE = 0.8
#: A line that starts a paragraph of its own: indented, or an item's number after a line
#: that ended a sentence.
_INDENT = re.compile(r"[ \t\u3000]{2}|\u3000")
_ITEM_START = re.compile(
    rf"{_MARKER_BODY}|\s*(?:{_CN}是"  # an item's number, as structure reads it, or 一是
    # a label line under an item: "牵头单位:…", "完成时限:…"
    r"|(?:责任|牵头|配合|协办|协同|参与|主办|主责)(?:责任)?(?:单位|部门)\s*[:：]"
    rf"|(?:{'|'.join(DEADLINE_LABELS)})\s*[:：])"
)
#: A bracket still open at the end of a line.
_OPEN_BRACKET = re.compile(r"[(（〔\[][^()（）〔〕\[\]]*$")
#: A line of unit names alone, no punctuation, as a signature block sets them ("宁夏回族自治区
#: 财政厅 宁夏回族自治区工业和信息化厅"): never joined, each line one issuer or more.
_SIGNATURE = re.compile(
    r"[ \t\u3000]*[^，,。;；:：、()（）\n]{2,}"
    r"(?:厅|局|委|委员会|政府|办公室|办公厅|办|中心|公司)[ \t\u3000]*$"
)
#: A line of a table laid out with tabs, bars or runs of spaces: never joined.
_CELL_GAP = re.compile(r"\t|\||[ \u3000]{2}\S")


def _columns(line: str) -> int:
    """The printed width of ``line``: two columns a character of three UTF-8 bytes."""
    return (len(line.encode("utf-8", "surrogatepass")) + len(line)) // 2


def _reflow(
    text: str, offsets: Sequence[int], original: str | None
) -> tuple[str, Sequence[int], int, int]:
    """Join the lines of a hard-wrapped text back into its paragraphs.

    A copy from a PDF keeps each printed line a line, so a paragraph, a unit list, even
    a unit's name ("省财⏎政厅") breaks at the page's width. Such a text is told by its
    lines' printed widths, measured on ``original`` (the given text ``offsets`` maps
    into, where a full-width sign is still full-width; ``None`` for a web page, whose
    lines are measured as read): at least :data:`_WRAP_MIN_FULL`
    lines are *full* — within :data:`_WRAP_SLACK` characters (or
    :data:`_WRAP_SLACK_COLUMNS` columns) of the commonest width, at least
    :data:`_WRAP_MIN_WIDTH` characters —, enough of the wider lines are full, and almost
    none is wider. Both measures are tried; the one that finds more full lines is the
    copy's. A web page's paragraphs, each a line of its own length, are not so.

    A full line then joins the next unless it ends in a colon outside a bracket (the
    addressees' line), the next is empty, indented, starts an item or a label line
    ("牵头单位:…"), or either is a table's row (a tab, a bar, a run of spaces) or a signature's line
    of unit names. A page's number between the two ("— 3 —") is left out of the joined
    paragraph, and so is the empty line after each line of a double-spaced copy. Returns
    the text, its map, the width in characters (0 when not hard-wrapped) and the number
    of line breaks joined; a removed line break maps nowhere.

    >>> paragraph = "加强信贷支持力度,扩大中小企业贷款规模,降低成本。" * 6 + "(责任单位:市财政局)"
    >>> text = "(一)" + "\\n".join(paragraph[i : i + 20] for i in range(0, len(paragraph), 20))
    >>> joined, _, width, breaks = _reflow(text, range(len(text) + 1), text)
    >>> width, breaks, joined == "(一)" + paragraph
    (20, 8, True)
    """
    lines = text.split("\n")
    if len(lines) < _WRAP_MIN_FULL:
        return text, offsets, 0, 0
    trimmed = [len(line.rstrip(" \t\r\u3000")) for line in lines]
    # A first look at the lengths alone: a web page's paragraphs (a few lines over half as
    # long again as the middle one) are never a printed page's lines, whatever their signs.
    longer = sorted(w for w in trimmed if w >= _WRAP_MIN_WIDTH)
    if len(longer) < _WRAP_MIN_FULL or sum(
        1 for w in longer if w > 1.6 * longer[len(longer) // 2]
    ) > _WRAP_RAGGED * len(longer):
        return text, offsets, 0, 0
    if original is None:
        printed = lines
    elif isinstance(offsets, range) and offsets.start == 0 and len(original) == len(text):
        printed = original.split("\n")  # aligned: each line its original
    else:
        printed = []
        position = 0
        for line, kept_length in zip(lines, trimmed, strict=True):
            printed.append(
                original[offsets[position] : offsets[position + kept_length - 1] + 1]
                if kept_length
                else ""
            )
            position += len(line) + 1
    columns = [_columns(line.rstrip(" \t\r\u3000")) for line in printed]
    # Measured in characters (a copy whose signs were made half-width, "," for "，") or in
    # columns (a copy with digits among the characters): the measure that finds more full
    # lines is the copy's.
    best: tuple[int, int, list[int]] | None = None  # (full lines, lowest full width, widths)
    for widths, (below, above), least in (
        (trimmed, _WRAP_SLACK, _WRAP_MIN_WIDTH),
        (columns, _WRAP_SLACK_COLUMNS, 2 * _WRAP_MIN_WIDTH),
    ):
        every = Counter(widths)  # lines of each width
        counts = {w: n for w, n in every.items() if w >= least}
        if sum(counts.values()) < _WRAP_MIN_FULL:
            continue
        band = max(counts, key=lambda w: (counts[w], w))  # the commonest (widest on a tie)
        low, high = band - below, band + above
        long = sum(n for w, n in every.items() if w > band // 2)  # (a step a width, not a line)
        full = sum(n for w, n in counts.items() if low <= w <= high)
        wider = sum(n for w, n in counts.items() if w > high)
        enough = full >= max(_WRAP_MIN_FULL, _WRAP_SHARE * long)
        if enough and wider <= _WRAP_WIDER * long and (best is None or full > best[0]):
            best = (full, low, widths)
    if best is None:
        return text, offsets, 0, 0
    _full, low, widths = best
    # A printed line ends where the width ends it, mostly inside a sentence; a list of short
    # items of one length (each a sentence, "1.推进项目建设。(责任单位:县发改局)") ends its
    # lines at stops and brackets.
    ends = [
        line.rstrip(" \t\r\u3000")[-1:] for line, w in zip(lines, widths, strict=True) if w >= low
    ]
    if sum(1 for end in ends if end in _SENTENCE_ENDS) > _WRAP_ENDED * len(ends):
        return text, offsets, 0, 0
    # the width in characters, for the report
    band = low + _WRAP_SLACK[0] if widths is trimmed else (low + _WRAP_SLACK_COLUMNS[0]) // 2
    kept: list[tuple[int, int]] = []
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    # a copy that puts an empty line after every printed line ("double-spaced"): there an
    # empty line is a line end, not a paragraph's
    filled = [k for k, w in enumerate(widths) if w]
    spaced = sum(1 for k in filled if k + 1 < len(lines) and not widths[k + 1])
    double = spaced >= _WRAP_DOUBLE * len(filled)
    start = 0  # where the current piece starts
    k = 0
    while k < len(lines) - 1:
        line = lines[k]
        stripped = line.rstrip(" \t\r\u3000")
        after = k + 1
        if double and after + 1 < len(lines) and not widths[after]:
            after += 1
        if after + 1 < len(lines) and PAGE_NUMBER.match(lines[after].strip()):
            after += 1  # "…加大支持力⏎— 3 —⏎度,…": a page's number inside a paragraph
        following = lines[after]
        if (
            widths[k] >= low
            and following.strip()
            and _INDENT.match(following) is None
            # "各市、县(区)财政局…:": the addressees' line ("(牵头单位:A;责任单位:" goes on)
            and (stripped[-1:] not in ":：" or _OPEN_BRACKET.search(stripped) is not None)
            and (_ITEM_START.match(following) is None or stripped[-1:] in "(（〔[")
            and _CELL_GAP.search(stripped.lstrip()) is None
            and _CELL_GAP.search(following) is None
            and _SIGNATURE.match(stripped) is None
            and _SIGNATURE.match(following) is None
        ):
            kept.append((start, starts[k] + len(stripped)))  # trailing spaces go too
            start = starts[after]
            k = after
            continue
        k += 1
    if not kept:
        return text, offsets, band, 0
    kept.append((start, len(text) + 1))  # and the end
    joined = "".join(text[a:b] for a, b in kept[:-1]) + text[start:]
    return joined, _through(offsets, kept), band, len(kept) - 1


#: Characters a PDF transcription spaces apart ("青 海 省 人 民 政 府 关 于 …").
_SPACED_CHAR = f"[{_CJK}、。，,：:；;（）()《》“”]"
_SPACED_MIN = 8  # Chinese characters a line needs before it is judged spaced out
#: (Possessive spaces: a spaced character is never a space, so giving spaces back could
#: never make a match, and trying it made the search quadratic in a run of spaces.)
_SPACED_RUN = re.compile(rf"(?:{_SPACED_CHAR}[ \t]++){{{_SPACED_MIN}}}")
#: What every run above holds after its first character: a quicker search (it starts on
#: a space), then the run itself is looked for only in the lines it finds. It is searched
#: as two, one starting on a space and one on a tab: a literal first character is skipped
#: to at C speed, a class of two is tried character by character.
_SPACE_THEN_RUN = re.compile(rf" [ \t]*+(?:{_SPACED_CHAR}[ \t]++){{{_SPACED_MIN - 1}}}")
_TAB_THEN_RUN = re.compile(rf"\t[ \t]*+(?:{_SPACED_CHAR}[ \t]++){{{_SPACED_MIN - 1}}}")
_HAN_SPACE = re.compile(rf"[{_CJK}][ \t]")
_SPACED_HAN = re.compile(f"[{_CJK}]")
_NOT_SPACE = re.compile(r"[^ \t]+")


def _unspace(text: str, offsets: Sequence[int]) -> tuple[str, Sequence[int]]:
    """Join the characters of lines a PDF transcription spaced apart, one by one.

    A line is spaced out when at least four in five of its Chinese characters are
    followed by a space ("省 财 政 厅 会 同 省 金 融 办"); there every space is removed.
    A line with a few spaces ("宁 夏 回族 自治 区…", "各 区委") is left as it is. The
    offsets of the kept characters are kept, so spans still point at the original text.
    Only lines holding a run of eight spaced characters are looked at, so a text without
    one costs a single scan.
    """
    lines: list[tuple[int, int]] = []
    if text.count(" ") + text.count("\t") < _SPACED_MIN:  # a run has a space a character
        return text, offsets
    tabs = "\t" in text
    tab: re.Match[str] | None = None
    position = 0
    while True:
        # the first run from position: the earlier of the one starting on a space and the
        # one starting on a tab (the same match the class [ \t] would find first)
        candidate = _SPACE_THEN_RUN.search(text, position)
        if tabs:
            if tab is None or tab.start() < position:
                tab = _TAB_THEN_RUN.search(text, position)
                tabs = tab is not None
            if tab is not None and (candidate is None or tab.start() < candidate.start()):
                candidate = tab
        if candidate is None:
            break
        line_start = text.rfind("\n", position, candidate.start()) + 1 or position
        line_end = text.find("\n", candidate.end())
        line_end = len(text) if line_end < 0 else line_end
        position = line_end + 1  # the next line: each line is looked at once
        if _SPACED_RUN.search(text, line_start, line_end) is None:
            continue
        line = text[line_start:line_end]
        han = len(_SPACED_HAN.findall(line))
        if han >= _SPACED_MIN and len(_HAN_SPACE.findall(line)) * 5 >= han * 4:
            lines.append((line_start, line_end))
    if not lines:
        return text, offsets
    pieces: list[str] = []
    mapped: list[tuple[int, int]] = []
    last = 0
    for line_start, line_end in lines:
        pieces.append(text[last:line_start])
        mapped.append((last, line_start))
        for kept in _NOT_SPACE.finditer(text, line_start, line_end):
            pieces.append(kept.group())
            mapped.append(kept.span())
        last = line_end
    pieces.append(text[last:])
    mapped.append((last, len(offsets)))  # and the end
    return "".join(pieces), _through(offsets, mapped)


#: A line this long is a page run together (a database copy flattened to one line).
_RUN_ON_MIN = 300
_CN = "一二三四五六七八九十"
#: An item marker inside a run-on line where it cannot be anything else: after a stop, a
#: colon or a closing bracket (a clause) — or one or two spaces after them, where a copy
#: flattened its line breaks to spaces (豫政〔2023〕5号) — followed by a word that is not a
#: numeral.
#: (Written from the marker's first character, so that the search skips to one at C
#: speed: the stop before it is looked behind for, the rest of the marker after it.)
_MID_MARKER = re.compile(
    rf"[{_CN}(\d⑴-⒇①-⑳]"
    r"(?:(?<=[。:;\]】)].)|(?<=[。:;\]】)][ \u3000].)|(?<=[。:;\]】)][ \u3000]{2}.))"
    rf"(?:(?<=[{_CN}])[{_CN}]{{0,2}}、|(?<=\()[{_CN}]{{1,3}}\)|(?<=\d)\d?[.、](?!\d)"
    r"|(?<=[⑴-⒇①-⑳]))"
    rf"(?=[\u4e00-\u9fff])(?![{_CN}])"
)
#: "二、工作措施(一)降低…": a short 一、 heading with its first (一) item run on.
_HEADING_THEN_ITEM = re.compile(
    rf"[{_CN}]{{1,3}}、[\u4e00-\u9fff]{{2,15}}[ \u3000]{{0,2}}(?=\([{_CN}]{{1,3}}\)[\u4e00-\u9fff])"
)


def _break_run_on(text: str, offsets: Sequence[int]) -> tuple[str, Sequence[int], int]:
    """Start a line at each unambiguous item marker inside a run-on line.

    Only lines of at least ``_RUN_ON_MIN`` characters with two or more markers are
    touched. The inserted line break maps to the character before it, so spans keep
    pointing at the original text.
    """
    cuts: list[int] = []
    lines = text.split("\n")
    lengths = list(map(len, lines))
    if max(lengths) < _RUN_ON_MIN:  # most texts: no run-on line
        return text, offsets, 0
    before_line = list(itertools.accumulate(lengths, initial=0))  # (line breaks aside)
    for k in itertools.compress(range(len(lines)), map(_RUN_ON_MIN.__le__, lengths)):
        line, position = lines[k], before_line[k] + k
        found = [position + m.start() for m in _MID_MARKER.finditer(line)]
        if len(found) >= 2:
            heads = [position + m.end() for m in _HEADING_THEN_ITEM.finditer(line)]
            heads = [h for h in heads if h - 1 > 0 and any(0 < h - f <= 20 for f in found)]
            cuts.extend(sorted(set(found) | set(heads)))
    if not cuts:
        return text, offsets, 0
    pieces: list[str] = []
    mapped: list[tuple[int, int]] = []
    last = 0
    for cut in cuts:
        pieces.append(text[last:cut])
        mapped.append((last, cut))
        pieces.append("\n")
        before = cut - 1 if cut > 0 else 0  # the break maps to the character before it
        mapped.append((before, before + 1))
        last = cut
    pieces.append(text[last:])
    mapped.append((last, len(offsets)))
    return "".join(pieces), _through(offsets, mapped), len(cuts)


#: Toneless syllables that glosses use (neutral tone); anything else without a tone mark
#: is left alone, since it may be a Latin word.
_TONELESS = frozenset(
    [
        "de",
        "le",
        "me",
        "ne",
        "ma",
        "ba",
        "zi",
        "zhe",
        "men",
        "ge",
        "guo",
        "li",
        "shang",
        "xia",
        "men",
        "er",
        "wo",
        "ni",
        "ta",
    ]
)
