"""Parsers never crash on arbitrary text, and their spans always index it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco import SmeecoError
from smeeco.parse import (
    find_responsibility_clauses,
    normalize,
    parse_policy_text,
    parse_responsibility,
    strip_pinyin_glosses,
)
from strategies import TEXT_ALPHABET

#: Pieces of policy text, so that generated texts reach the parsers' every branch.
FRAGMENTS = [
    "(",
    ")",
    "（",
    "）",
    ":",
    "：",
    ";",
    "；",
    ",",
    "，",
    "、",
    "。",
    "\n",
    " ",
    "\u3000",
    "责任单位",
    "牵头单位",
    "配合单位",
    "具体实施单位",
    "牵头",
    "按职责分工负责",
    "按照职能负责",
    "此项工作由",
    "负责",
    "由",
    "会同",
    "研究制定",
    "及",
    "和",
    "与",
    "等",
    "等部门",
    "以下",
    "不再列出",
    "各",
    "县",
    "市工业和信息化局",
    "市财政局",
    "各区人民政府",
    "局",
    "委",
    "一、",
    "二、",
    "三、",
    "十、",
    "(一)",
    "(二)",
    "（三）",
    "(二十四)",
    "【相关法规】",
    "附件：",
    "業(yè)",
    "(fā)",
    "（chuàng）",
    "(2022)",
    "yè",
    "ǎ",
]
policy_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(TEXT_ALPHABET, max_size=4)), max_size=40
).map("".join)
any_text = st.one_of(policy_text, st.text(max_size=60))


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_find_spans_index_the_text(text: str) -> None:
    for clause in find_responsibility_clauses(text):
        assert 0 <= clause.span[0] < clause.span[1] <= len(text)
        assert text[clause.span[0] : clause.span[1]] == clause.text
        assert clause.units
        for unit in clause.units:
            assert clause.span[0] <= unit.span[0] < unit.span[1] <= clause.span[1]
            assert text[unit.span[0] : unit.span[1]] == unit.written


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_parse_responsibility_answers_or_raises_a_smeeco_error(text: str) -> None:
    try:
        clause = parse_responsibility(text)
    except SmeecoError:
        return
    assert text[clause.span[0] : clause.span[1]] == clause.text


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_parse_policy_text_spans_index_the_text(text: str) -> None:
    try:
        parsed = parse_policy_text(text, document_id="doc")
    except SmeecoError:
        return
    assert text[slice(*parsed.preamble_span)] == parsed.preamble
    if parsed.trailer_span is not None:
        assert text[slice(*parsed.trailer_span)] == parsed.trailer
    for section in parsed.sections:
        assert text[slice(*section.title_span)] == section.title
    for i, measure in enumerate(parsed.measures):
        assert measure.ordinal == i + 1
        assert text[slice(*measure.title_span)] == measure.title
        assert text[slice(*measure.text_span)] == measure.text
        assert measure.text.startswith(measure.title)
        assert text[measure.span[0] :].startswith(measure.number)
        if measure.clause is not None:
            assert text[slice(*measure.clause.span)] == measure.clause.text
        assert not measure.truncated or i == len(parsed.measures) - 1


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_normalize_is_idempotent_and_safe(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "\r" not in once
    assert "\u3000" not in once


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_strip_pinyin_glosses_is_idempotent(text: str) -> None:
    once = strip_pinyin_glosses(text)
    assert strip_pinyin_glosses(once) == once
    assert len(once) <= len(text)
