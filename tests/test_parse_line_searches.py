"""Patterns for a line start find, searched faster, what ``^`` finds.

An item's number (``structure._MARKER``), an 附件 line and a 落款 date line
(``document._ATTACHMENT``, ``document._SIGNED_DATE_LINE``) are patterns starting with ``^``,
which the search would try at every character. Item numbers are searched as the same
pattern after a literal line break (the first line apart); 附件 and date lines are read
only where the word every such line holds (附件, a 日 ending the line) stands. These tests
compare each with the ``^`` pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco.parse import document, structure

NOTICES = Path(__file__).parent / "fixtures" / "notices"

_LINES = (document._ATTACHMENT, document._SIGNED_DATE_LINE)


def _marker_matches(
    found: Iterable[re.Match[str]],
) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.end(), m.lastindex or 0, m.groupdict()) for m in found]


def _same(text: str, start: int, end: int) -> None:
    expected = _marker_matches(structure._MARKER.finditer(text, start, end))
    assert _marker_matches(structure._markers(text, start, end)) == expected
    for line in _LINES:
        expected_starts = [m.start() for m in line.finditer(text, start, end)]
        assert document._line_starts(line, text, start, end) == expected_starts, line.pattern


def test_every_corpus_notice_gives_the_same_line_matches() -> None:
    texts = sorted(NOTICES.glob("*.txt"))
    assert len(texts) >= 30
    for path in texts:
        text = path.read_text(encoding="utf-8")
        _same(text, 0, len(text))
        for line_break in re.finditer("\n", text[:2000]):  # from a line start, and just before
            _same(text, line_break.start(), len(text))
            _same(text, line_break.end(), len(text))


def test_the_first_line_and_a_start_inside_a_line_are_read_as_by_the_caret() -> None:
    text = "一、总则\n附件1\n2023年5月1日\n  (一)目标。\n1.甲。"
    _same(text, 0, len(text))
    assert [i.marker for i in structure.find_items(text)] == ["一、", "(一)", "1."]
    assert document._line_starts(document._ATTACHMENT, text, 0, len(text)) == [5]
    assert document._line_starts(document._SIGNED_DATE_LINE, text, 0, len(text)) == [9]
    for start in range(len(text)):
        _same(text, start, len(text))
        _same(text, 0, start)


_PIECES = [
    "\n",
    "\r\n",
    " ",
    "\u3000",
    "一、",
    "十二、",
    "(一)",
    "（二）",
    "第三章",
    "第一节",
    "第四条",
    "1.",
    "2、",
    "(3)",
    "⑷",
    "①",
    "附件",
    "附件2：",
    "2023年5月1日",
    "二〇二三年五月一日",
    "加强支持。",
    "[主题分类]",
    "十一五",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=20).map("".join),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_built_texts_give_the_same_line_matches(text: str, start: int, cut: int) -> None:
    start = min(start, len(text))
    _same(text, start, max(start, len(text) - cut))
