"""Numbered items of a policy text and how they nest.

Policy texts number their parts in a handful of styles; each style is a *kind* of item:

==========  ======================  =========================================
kind        written                 example
==========  ======================  =========================================
chapter     第一章                   第二章 支持措施
part        第一节                   第一节 财税支持
article     第一条 / 第1条            第三条 本办法所称中小企业……
dun         一、                     一、落实落细财税扶持政策
paren       (一) / （一）             (一)加强财政资金支持。
arabic      1. / 1． / 1、 / 1。      1.聚焦国家重大工程……
arabic_p    (1) / （1） / ⑴           (1)完善担保体系。
arabic_r    1) / 1）                 1)新建学校2所。
circled     ① … ⑳                    ①加大信贷投放。
ordinal     一是…二是…               一是加强统筹；二是……
==========  ======================  =========================================

Items nest in the usual order of levels (第一章 → 第一节 → 一、 → 第一条 → (一) → 1. →
(1) → 1) → ① → 一是); a level may be skipped (1. right under 一、). A kind seen again is a
sibling and closes every deeper level. "十一五" is a word, not a numeral: numerals
run from 一 to 九十九 and must be followed by the item's punctuation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import attrs

from smeeco.parse.furniture import PAGE_FIELD

__all__ = ["Item", "find_items"]

_CN = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_MARKER_BODY = (
    rf"[^\S\n]*(?:"
    rf"(?P<chapter>第(?P<n_chapter>{_CN})章)"
    rf"|(?P<part>第(?P<n_part>{_CN})节)"
    rf"|(?P<article>第(?P<n_article>{_CN}|\d{{1,3}})条)"
    rf"|(?P<dun>(?P<n_dun>{_CN})、)"
    rf"|(?P<paren>[(（](?P<n_paren>{_CN})[)）])"
    r"|(?P<arabic>(?P<n_arabic>\d{1,3})(?:[.．](?![\d.．])|、|。(?=\S)))"
    r"|(?P<arabic_p>[(（](?P<n_arabic_p>\d{1,3})[)）]|[⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇])"
    r"|(?P<arabic_r>(?P<n_arabic_r>\d{1,3})[)）](?=[^\s\d]))"
    r"|(?P<circled>(?P<n_circled>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))"
    r")[^\S\n]*"
)
#: An item's number at a line start.
_MARKER = re.compile("^" + _MARKER_BODY, re.MULTILINE)
#: The same after a line break: a literal first character lets the search skip to each line
#: in C instead of trying ``^`` at every character.
_MARKER_AFTER_BREAK = re.compile("\n" + _MARKER_BODY)
_ORDINAL = re.compile(
    rf"(?:^|(?<=[。；;！!？?\n：:)），,\s]))[^\S\n]*(?P<ordinal>(?P<n_ordinal>{_CN})是)"
)
_CN_NUMERAL = re.compile(_CN)
_NUMERALS = frozenset("一二三四五六七八九十")
_NUMERAL_IS = re.compile("[一二三四五六七八九十]是")
#: What may stand before 一是: a stop, a colon, a closing bracket, a comma ("一是…，二是…";
#: a run must still start at 一是 and go on in order) or a space.
_BEFORE_ORDINAL = frozenset("。；;！!？?\n：:)），,")


def _ordinals(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, numeral)`` of each match of :data:`_ORDINAL` in ``text[start:end]``.

    The same matches, found from each 是 after a numeral (a search skips the rest at C
    speed): the numeral is the run of numeral characters before it, after a stop or a space.
    """
    found: list[tuple[int, int, str]] = []
    for numeral_is in _NUMERAL_IS.finditer(text, start, end):  # a 是 after no numeral: none
        position = numeral_is.end() - 1
        first = position
        while first > start and position - first < 4 and text[first - 1] in _NUMERALS:
            first -= 1
        if (
            first < position
            and (first == 0 or text[first - 1] in _BEFORE_ORDINAL or text[first - 1].isspace())
            and _CN_NUMERAL.fullmatch(text, first, position) is not None
        ):
            found.append((first, position + 1, text[first:position]))
    return found


_KINDS = (
    "chapter", "part", "article", "dun", "paren", "arabic", "arabic_p", "arabic_r", "circled"
)  # fmt: skip
#: The usual order of levels, outermost first: 第一章 > 第一节 > 一、 > 第一条 > (一) > 1. >
#: (1) > ① > 一是.
_RANK = {
    "chapter": 0,
    "part": 1,
    "dun": 2,
    "article": 3,
    "paren": 4,
    "arabic": 5,
    "arabic_p": 6,
    "arabic_r": 7,
    "circled": 8,
    "ordinal": 9,
}
_NEED_TEXT = frozenset({"arabic", "arabic_p", "arabic_r", "circled", "paren", "dun"})
_NUMERAL = {kind: "n_" + kind for kind in _KINDS}
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@functools.lru_cache(maxsize=1024)  # the numerals a text uses, each worked out once
def _value(kind: str, numeral: str) -> int:
    if kind == "arabic_p" and "⑴" <= numeral <= "⒇":  # one character: ⑴ … ⒇
        return ord(numeral) - ord("⑴") + 1
    if kind in ("arabic", "arabic_p", "arabic_r") or numeral.isdecimal():  # also 第3条
        return int(numeral)
    if kind == "circled":
        return ord(numeral) - ord("①") + 1
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
    return _DIGITS[numeral]


@attrs.frozen
class Item:
    """One numbered item: its kind, number as written, value, depth and spans.

    ``marker`` is the number as written ("(一)", "1、", "一是", "第二章") and ``span``
    its place; ``body`` starts after it. ``depth`` is 0 for the outermost level and
    ``parent`` the index (into the list :func:`find_items` returns) of the item it
    belongs to, or ``None``.
    """

    kind: str
    marker: str
    value: int
    span: tuple[int, int]
    body: int
    depth: int
    parent: int | None

    def with_parent(self, parent: int | None) -> Item:
        """The same item under another parent (its index in another list of items)."""
        return Item(self.kind, self.marker, self.value, self.span, self.body, self.depth, parent)


def find_items(
    text: str, start: int = 0, end: int | None = None, *, breaks: tuple[int, ...] = ()
) -> list[Item]:
    """Every numbered item in ``text[start:end]``, in order, with how they nest.

    At each position in ``breaks`` (an 附件 line) the nesting starts afresh.

    Examples
    --------
    >>> items = find_items("一、总则\\n(一)目标。\\n1.甲。\\n2.乙。\\n(二)任务。\\n二、保障")
    >>> [(i.marker, i.depth, i.parent) for i in items]
    [('一、', 0, None), ('(一)', 1, 0), ('1.', 2, 1), ('2.', 2, 1), ('(二)', 1, 0),
     ('二、', 0, None)]
    >>> [i.marker for i in find_items("（十一五）期间，加快发展。")]
    []
    """
    end = len(text) if end is None else end
    found: list[tuple[int, int, str, str, int, int]] = []
    for match in _markers(text, start, end):
        kind = match.lastgroup
        if kind not in _KINDS:
            kind = next(name for name in _KINDS if match.group(name) is not None)
        assert kind is not None
        after = match.end()
        if kind in _NEED_TEXT and (after >= end or text[after] in "\r\n"):
            continue  # "1." alone on its line numbers nothing
        if text.startswith("[", after) and PAGE_FIELD.match(text, after):
            continue  # "1. [主题分类] 综合政务": a numbered field of a page's metadata list
        s, e = match.span(kind)
        marker = match.group(kind)
        found.append(
            (s, e, kind, marker, _value(kind, match.group(_NUMERAL[kind]) or marker), after)
        )
    # 一是 … 二是 …: only runs that start at 一是 and go on in order
    expected = 0
    markers = len(found)
    for s, e, numeral in _ordinals(text, start, end):
        value = _value("ordinal", numeral)
        if value == 1 or value == expected:
            found.append((s, e, "ordinal", text[s:e], value, e))
            expected = value + 1
        else:
            expected = 0
    if len(found) > markers:  # (the markers come in order)
        found.sort()
    pending = sorted(breaks)
    items: list[Item] = []
    stack: list[int] = []  # indices into items
    stack_kinds: list[str] = []  # their kinds
    for s, e, kind, marker, value, body in found:
        if pending and s >= pending[0]:
            while pending and s >= pending[0]:
                pending.pop(0)
            stack = []
            stack_kinds = []
        if kind in stack_kinds:  # a sibling: close it and everything below it
            level = stack_kinds.index(kind)
            del stack[level:], stack_kinds[level:]
        else:  # a new level: below every level of a higher rank
            rank = _RANK[kind]
            while stack_kinds and _RANK[stack_kinds[-1]] >= rank:
                stack.pop()
                stack_kinds.pop()
        parent = stack[-1] if stack else None
        items.append(Item(kind, marker, value, (s, e), body, len(stack), parent))
        stack.append(len(items) - 1)
        stack_kinds.append(kind)
    return items


def _markers(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of :data:`_MARKER` in ``text[start:end]``, found line by line in C."""
    first = _MARKER.match(text, start, end)  # only where ``start`` is a line start
    if first is not None:
        yield first
        start = first.end()
    yield from _MARKER_AFTER_BREAK.finditer(text, start, end)
