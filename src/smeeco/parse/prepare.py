"""Text as it arrives → text the parser reads, with a map back to the original characters.

A notice pasted from a web page may be in traditional characters, carry pinyin glosses
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

import difflib
import re
from collections.abc import Sequence
from typing import Any

import attrs

__all__ = ["Prepared", "looks_traditional", "prepare"]

_WIDTH: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20  # ideographic space
_WIDTH[0x00A0] = 0x20  # no-break space from web pages

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_LETTER = f"a-zü{_TONED}"
_SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv{_TONED}][{_LETTER}]{{0,4}}"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A gloss: one syllable, or alternatives separated by "/", in brackets after a character.
_GLOSS = re.compile(
    rf"(?<=[{_CJK}])(?:[(（][^\S\n]?{_SYLLABLE}(?:[^\S\n]?/[^\S\n]?{_SYLLABLE})*[^\S\n]?[)）]"
    rf"|【{_SYLLABLE}】)"
)
_TONE = re.compile(f"[{_TONED}]")
#: Short lower-case words in brackets that are not glosses even when they spell a syllable.
_NOT_GLOSS = re.compile(r"[(（【](?:app|pc|web|wifi|ai|it|ip)[)）】]")

#: Characters that exist only in traditional writing (their simplified forms differ).
_TRADITIONAL = set(
    "發這個們國會與對業為區縣廳機關進經濟務實產門開設學點體應將當從資術環項辦處頒規劃"
    "營貸稅費補貼獎勵創質廣東農藥醫療衛員組織領導責職協調負監審計統劃條區財政銀險證優"
    "勢場廠務議論選擇買賣價貨運輸線網絡電氣車種類歷雙價樣條鄉鎮縣鐵層質傳遞聯繫觀現"
)
_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
_HAN = re.compile("[\u4e00-\u9fff]")
_CONVERTER: Any = None


@attrs.frozen
class Prepared:
    """The text the parser reads, and how its characters map to the original.

    ``offsets[i]`` is the index in ``original`` of character ``i`` of ``text``
    (``offsets[len(text)] == len(original)``). ``converted`` says whether traditional
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

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if end <= start:
            position = self.offsets[min(max(start, 0), len(self.text))]
            return position, position
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original characters behind ``text[start:end]``."""
        s, e = self.original_span(start, end)
        return self.original[s:e]


_COMMON_WIDE = "，：；（）！？％\u3000\u00a0"
_RARE_WIDE = re.compile("[\uff01-\uff5e]")


def _half_width(text: str) -> str:
    """Full-width ASCII forms to ASCII, one character for one (offsets stay)."""
    for char in _COMMON_WIDE:
        if char in text:
            text = text.replace(char, chr(_WIDTH[ord(char)]))
    return _RARE_WIDE.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def looks_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters.

    Examples
    --------
    >>> looks_traditional("廣東省進一步加大力度支持民間投資發展"), looks_traditional("广东省")
    (True, False)
    """
    sample = text[:20000]
    hits = len(_TRADITIONAL_RE.findall(sample))
    return hits >= 3 and hits * 50 >= len(_HAN.findall(sample))


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


def _convert(text: str, offsets: Sequence[int]) -> tuple[str, list[int]]:
    """Traditional → simplified, keeping the offset map (line by line)."""
    converter = _opencc()
    out_text: list[str] = []
    out_offsets: list[int] = []
    position = 0
    for line in text.splitlines(keepends=True):
        converted = converter.convert(line)
        if len(converted) == len(line):
            out_offsets.extend(offsets[position : position + len(line)])
        else:  # a phrase of another length: align the characters that stayed
            mapped = [offsets[position]] * len(converted)
            matcher = difflib.SequenceMatcher(None, line, converted, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                for j in range(j1, j2):
                    i = i1 + (j - j1) * (i2 - i1) // max(1, j2 - j1) if tag != "insert" else i1
                    mapped[j] = offsets[position + min(i, len(line) - 1)]
            out_offsets.extend(mapped)
        out_text.append(converted)
        position += len(line)
    out_offsets.append(offsets[-1])
    return "".join(out_text), out_offsets


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
    width = _half_width(text)
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    glosses = 0
    matches = list(_GLOSS.finditer(width)) if "(" in width or "【" in width else []
    for match in matches:
        gloss = match.group()
        inner = gloss[1:-1].strip()
        toned = _TONE.search(inner) is not None
        if _NOT_GLOSS.fullmatch(gloss) or not (toned or inner in _TONELESS or "/" in inner):
            continue
        pieces.append(width[position : match.start()])
        offsets.extend(range(position, match.start()))
        position = match.end()
        glosses += 1
    stripped = width
    mapping: Sequence[int] = range(len(width) + 1)  # one character for one
    if glosses:
        pieces.append(width[position:])
        offsets.extend(range(position, len(width)))
        offsets.append(len(width))
        stripped, mapping = "".join(pieces), offsets
    traditional = looks_traditional(stripped)
    converted = False
    if convert or (convert is None and traditional and opencc_available()):
        stripped, mapping = _convert(stripped, mapping)
        converted = True
    stripped, mapping, breaks = _break_run_on(stripped, mapping)
    return Prepared(text, stripped, mapping, traditional, converted, glosses, breaks)


#: A line this long is a page run together (a database copy flattened to one line).
_RUN_ON_MIN = 300
_CN = "一二三四五六七八九十"
#: An item marker inside a run-on line where it cannot be anything else: after a stop, a
#: colon or a closing bracket (a clause), followed by a word that is not a numeral.
_MID_MARKER = re.compile(
    rf"(?<=[。:;\]】)])(?:[{_CN}]{{1,3}}、|\([{_CN}]{{1,3}}\)|\d{{1,2}}[.、](?!\d)|[⑴-⒇①-⑳])"
    rf"(?=[\u4e00-\u9fff])(?![{_CN}])"
)
#: "二、工作措施(一)降低…": a short 一、 heading with its first (一) item run on.
_HEADING_THEN_ITEM = re.compile(
    rf"[{_CN}]{{1,3}}、[\u4e00-\u9fff]{{2,15}}(?=\([{_CN}]{{1,3}}\)[\u4e00-\u9fff])"
)


def _break_run_on(text: str, offsets: Sequence[int]) -> tuple[str, Sequence[int], int]:
    """Start a line at each unambiguous item marker inside a run-on line.

    Only lines of at least ``_RUN_ON_MIN`` characters with two or more markers are
    touched. The inserted line break maps to the character before it, so spans keep
    pointing at the original text.
    """
    cuts: list[int] = []
    position = 0
    for line in text.split("\n"):
        if len(line) >= _RUN_ON_MIN:
            found = [position + m.start() for m in _MID_MARKER.finditer(line)]
            if len(found) >= 2:
                heads = [position + m.end() for m in _HEADING_THEN_ITEM.finditer(line)]
                heads = [h for h in heads if h - 1 > 0 and any(0 < h - f <= 20 for f in found)]
                cuts.extend(sorted(set(found) | set(heads)))
        position += len(line) + 1
    if not cuts:
        return text, offsets, 0
    pieces: list[str] = []
    mapped: list[int] = []
    last = 0
    for cut in cuts:
        pieces.append(text[last:cut])
        mapped.extend(offsets[last:cut])
        pieces.append("\n")
        mapped.append(offsets[cut - 1] if cut > 0 else offsets[0])
        last = cut
    pieces.append(text[last:])
    mapped.extend(offsets[last:])
    return "".join(pieces), mapped, len(cuts)


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
