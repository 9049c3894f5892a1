"""The clause-anchor search's first-character prefilter never skips an anchor.

``_ANCHOR`` looks ahead for the first character of every alternative before trying them,
for speed. An alternative added without its first character in ``_ANCHOR_FIRST`` would be
skipped without a word; these tests compare the search with and without the prefilter.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco.parse import responsibility

NOTICES = Path(__file__).parent / "fixtures" / "notices"
PREFIX = rf"(?=[{re.escape(responsibility._ANCHOR_FIRST)}\s])"


def _unfiltered() -> re.Pattern[str]:
    pattern = responsibility._ANCHOR.pattern
    assert pattern.startswith(PREFIX), "the prefilter is no longer the pattern's first part"
    return re.compile(pattern[len(PREFIX) :], responsibility._ANCHOR.flags)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def test_every_corpus_notice_gives_the_same_anchors_with_and_without_the_prefilter() -> None:
    unfiltered = _unfiltered()
    texts = sorted(NOTICES.glob("*.txt"))
    assert len(texts) >= 30
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert _spans(responsibility._ANCHOR, text) == _spans(unfiltered, text), path.name


#: One text for every kind of anchor (a named group of the pattern).
_ONE_OF_EACH = {
    "paren": "支持企业(责任单位：市财政局)",
    "bare": "支持企业。\n  牵头单位：市财政局",
    "assign": "支持企业。此项工作由市财政局负责。",
    "lead": "支持企业。市财政局牵头，市商务局配合。",
    "div": "支持企业(市财政局、市商务局按职责分工负责)",
    "joint": "市财政局会同市商务局负责",
    "duty": "支持企业(市财政局、市商务局负责)",
}


def test_every_kind_of_anchor_is_found_through_the_prefilter() -> None:
    assert set(responsibility._ANCHOR.groupindex) == set(_ONE_OF_EACH), (
        "a kind of anchor was added or removed: give it an example here"
    )
    unfiltered = _unfiltered()
    for kind, text in _ONE_OF_EACH.items():
        found = _spans(responsibility._ANCHOR, text)
        assert kind in {k for _, _, k in found}, (kind, found)
        assert found == _spans(unfiltered, text), kind


#: Pieces of every anchor form, so random texts put them side by side and at line starts.
_PIECES = [
    "(",
    "（",
    "〔",
    "[",
    ")",
    "）",
    "〕",
    " ",
    "\n",
    "：",
    ":",
    "、",
    "，",
    "责任单位",
    "牵头单位",
    "配合单位",
    "协同责任单位",
    "责任领导",
    "此项工作由",
    "以上任务均由",
    "牵头",
    "按职责分工负责",
    "按照职能负责",
    "分别负责",
    "会同",
    "负责",
    "市财政局",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_built_texts_give_the_same_anchors_with_and_without_the_prefilter(text: str) -> None:
    assert _spans(responsibility._ANCHOR, text) == _spans(_unfiltered(), text)
