"""Text helpers for policy texts: width and whitespace normalisation, pinyin glosses.

Policy texts arrive with full-width (``（责任单位：…）``) or half-width (``(责任单位:…)``)
punctuation, ideographic spaces, stray zero-width characters and Windows line ends;
:func:`normalize` makes them uniform. Some web copies (seed 001, a Qingdao news report in
traditional characters) carry pinyin glosses in brackets after characters
("中小微企業(yè)日"); :func:`strip_pinyin_glosses` removes them.

Traditional → simplified conversion is **not** done here: it needs a character (and
phrase) dictionary such as OpenCC's, which smeeco does not ship or depend on. Convert with
such a tool first when a text is in traditional characters.

The parsers in :mod:`smeeco.parse` read full- and half-width punctuation alike, so
normalising is optional; their character spans index into the text they were given.
"""

from __future__ import annotations

import re

__all__ = ["chinese_numeral", "normalize", "strip_pinyin_glosses"]

# Full-width forms of printable ASCII (U+FF01–U+FF5E) are compatibility characters of
# U+0021–U+007E (NFKC maps them the same way), so converting them loses nothing.
# CJK punctuation with no ASCII twin of the same meaning (。、「」〔〕《》“”) is kept.
_WIDTH: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20  # ideographic space
for _cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):  # zero-width, soft hyphen
    _WIDTH[_cp] = None
for _cp in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029):  # other line breaks
    _WIDTH[_cp] = 0x0A

_HSPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize(text: str) -> str:
    """Full-width ASCII to half-width, and whitespace made uniform.

    Full-width letters, digits and ASCII punctuation (``（）：；，１２３ＡＢＣ``) become
    their half-width forms; CJK punctuation with no ASCII twin (。、《》“”〔〕) is kept.
    Line ends become ``\\n``; runs of spaces, tabs and ideographic spaces become one
    space; lines are stripped; zero-width characters are dropped; more than one blank
    line in a row becomes one. The result is stripped. ``normalize`` is idempotent.

    Character offsets change, so take spans from the text you parse.

    Examples
    --------
    >>> normalize("（责任单位：市财政局，１２３６６）")
    '(责任单位:市财政局,12366)'
    >>> normalize("\\u3000\\u3000一、总体要求\\r\\n\\r\\n\\r\\n(一)加强  支持。 ")
    '一、总体要求\\n\\n(一)加强 支持。'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_WIDTH)
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# One gloss: a bracketed pinyin syllable with a tone mark, e.g. (yè) or （chuàng）.
_ONE_GLOSS = rf"[(（][a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}[)）]"
# Glosses follow a Chinese character; a run of them is removed at once so that removing
# one never makes another one appear (the function stays idempotent).
_GLOSSES = re.compile(rf"(?<=[{_CJK}])(?:{_ONE_GLOSS})+")


def strip_pinyin_glosses(text: str) -> str:
    """Remove pinyin glosses in brackets after Chinese characters.

    A gloss is a bracketed pinyin syllable with a tone mark right after a Chinese
    character: "中小微企業(yè)日" → "中小微企業日", "發(fā)展" → "發展". Real parentheses stay:
    their content is not a single toned pinyin syllable ("(责任单位:…)", "(2022)",
    "(A)", "(负面清单)"). Syllables without a tone mark (neutral tone) are left alone,
    since they cannot be told from Latin abbreviations. Idempotent.

    Examples
    --------
    >>> strip_pinyin_glosses("中小微企業(yè)日:青島推進“131工程”")
    '中小微企業日:青島推進“131工程”'
    >>> strip_pinyin_glosses("發(fā)展(2022)(责任单位:市財政局)")
    '發展(2022)(责任单位:市財政局)'
    """
    return _GLOSSES.sub("", text)


_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = re.compile(r"(?:([二三四五六七八九])?(十))?([一二三四五六七八九])?")


def chinese_numeral(text: str) -> int:
    """The value of a Chinese numeral from 一 (1) to 九十九 (99).

    Raises :class:`~smeeco.errors.InvalidValueError` for anything else.

    Examples
    --------
    >>> [chinese_numeral(n) for n in ("四", "十", "十一", "二十", "二十四", "九十九")]
    [4, 10, 11, 20, 24, 99]
    """
    from smeeco.errors import InvalidValueError

    match = _NUMERAL.fullmatch(text)
    if not text or match is None:
        raise InvalidValueError(
            f"{text!r} is not a Chinese numeral from 一 to 九十九; write e.g. 四, 十一, 二十四"
        )
    tens_digit, ten, unit = match.groups()
    tens = (_DIGITS[tens_digit] if tens_digit else 1) if ten else 0
    return tens * 10 + (_DIGITS[unit] if unit else 0)
