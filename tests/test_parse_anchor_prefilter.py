"""The fast clause-anchor search finds exactly the matches of the anchor pattern.

``_ANCHOR`` defines the places a clause can be anchored; ``_anchors`` finds them with a
pattern whose every alternative starts with a literal character (so that the search skips
at C speed), reading a bare label from the stop or line break before it. An alternative
added to one and not the other, or a stop missing from ``_BARE_AFTER``, would skip or add
an anchor without a word; these tests compare the two searches.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco.parse import responsibility

NOTICES = Path(__file__).parent / "fixtures" / "notices"


def _reference(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [
        (m.start(), m.end(), m.lastgroup or "")
        for m in responsibility._ANCHOR.finditer(text, start, end)
    ]


def _scanned(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(at, m.end(), kind) for kind, at, m in responsibility._anchors(text, start, end)]


def test_every_corpus_notice_gives_the_same_anchors_from_both_searches() -> None:
    texts = sorted(NOTICES.glob("*.txt"))
    assert len(texts) >= 30
    for path in texts:
        text = path.read_text(encoding="utf-8")
        found = _scanned(text)
        assert found == _reference(text), path.name
        # from a start just after a stop or a line break (a bare label may stand there)
        for stop in re.finditer("[。；\n]", text[:3000]):
            start = stop.end()
            assert _scanned(text, start) == _reference(text, start), (path.name, start)


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


def test_every_kind_of_anchor_is_found_by_the_fast_search() -> None:
    assert set(responsibility._ANCHOR.groupindex) == set(_ONE_OF_EACH), (
        "a kind of anchor was added or removed: give it an example here"
    )
    assert set(responsibility._ANCHOR_KINDS) - {""} == set(_ONE_OF_EACH)
    for kind, text in _ONE_OF_EACH.items():
        found = _scanned(text)
        assert kind in {k for _, _, k in found}, (kind, found)
        assert found == _reference(text), kind


def test_a_bare_label_is_found_after_every_stop_at_the_text_start_and_at_the_start() -> None:
    for before in "。；;！!？?\n":
        text = f"支持企业{before} 牵头单位：市财政局"
        assert _scanned(text) == _reference(text) == [(5, 11, "bare")], repr(before)
        assert _scanned(text, 5) == _reference(text, 5) == [(5, 11, "bare")], repr(before)
    assert _scanned("牵头单位：市财政局") == [(0, 5, "bare")]
    # no stop before the label: no bare anchor ("，牵头单位:" is read as nothing)
    comma = "支持企业，牵头单位：市财政局"
    assert _scanned(comma) == _reference(comma) == []


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
    "。",
    "；",
    ";",
    "！",
    "?",
    "责任单位",
    "牵头单位",
    "配合单位",
    "协同责任单位",
    "责任领导",
    "牵头领导",
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


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=30).map("".join),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_built_texts_give_the_same_anchors_from_both_searches(
    text: str, start: int, cut: int
) -> None:
    start = min(start, len(text))
    end = max(start, len(text) - cut)
    assert _scanned(text, start, end) == _reference(text, start, end)
