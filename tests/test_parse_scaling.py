"""What the speed work must keep: offset maps, shared clauses, ordinal checks, JSON packs."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smeeco
from smeeco import InvalidValueError, Name, PolicyDocument, Section
from smeeco.io.packtext import dump_json
from smeeco.parse import parse_policy_text
from smeeco.parse.prepare import OffsetMap, _through, prepare


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=12))
def test_an_offset_map_is_its_pieces_one_after_another(raw: list[tuple[int, int]]) -> None:
    pieces = [(a, a + n) for a, n in raw]
    expected = [i for a, b in pieces for i in range(a, b)]
    mapped = OffsetMap.build(pieces)
    assert len(mapped) == len(expected)
    assert list(mapped) == expected
    assert mapped == expected  # a map equals the indexes it holds
    assert mapped == OffsetMap.build(pieces)
    assert hash(mapped) == hash(OffsetMap.build(pieces))
    assert mapped[1:4] == expected[1:4]
    if expected:
        assert mapped[-1] == expected[-1]
    with pytest.raises(IndexError):
        mapped[len(expected)]
    for start in range(len(expected) + 1):
        end = min(len(expected), start + 7)
        runs = list(mapped.runs(start, end))
        assert [i for a, b in runs for i in range(a, b)] == expected[start:end]


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=12),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 25)), max_size=12),
)
def test_a_map_through_a_map_is_each_piece_looked_up(
    raw: list[tuple[int, int]], cuts: list[tuple[int, int]]
) -> None:
    """Composing a preparation step with the map so far: the same map, built in bulk."""
    first = OffsetMap.build([(a, a + n) for a, n in raw])
    pieces = [(a, a + n) for a, n in cuts]
    expected = [first[i] for a, b in pieces for i in range(a, min(b, len(first)))]
    composed = _through(first, pieces)
    assert list(composed) == expected
    assert composed == OffsetMap.build((i, i + 1) for i in expected)  # the same runs
    aligned = range(100)  # a text not changed yet: every piece maps to itself
    assert list(_through(aligned, pieces)) == [i for a, b in pieces for i in range(a, b)]


def test_glosses_are_kept_as_runs_and_point_at_the_original() -> None:
    text = "发(fā)展" * 1000 + "（责任单位：市财政局）"
    prepared = prepare(text, convert=False)
    assert prepared.text == "发展" * 1000 + "(责任单位:市财政局)"
    assert isinstance(prepared.offsets, OffsetMap)
    assert len(prepared.offsets._starts) == 1001  # one run per gloss removed, not per character
    start = prepared.text.index("市财政局")
    assert prepared.quote(start, start + 4) == "市财政局"
    assert prepared.quote(2, 4) == "发(fā)展"
    assert prepare(text, convert=False) == prepared  # equal preparations compare equal


def test_a_clause_stated_for_each_of_many_sections() -> None:
    sections = [
        f"{n}、第{n}项\n(一)甲。\n(二)乙。\n以上任务由市金融局负责。\n(三)丙。(责任单位:市财政局)\n"
        for n in "一二三四五六七八九十"
    ]
    parsed = parse_policy_text("".join(sections), document_id="doc")
    names = [(m.locator, m.clause.names if m.clause else None, m.shared) for m in parsed.measures]
    assert names[:3] == [
        ("一(一)", ("市金融局",), True),
        ("一(二)", ("市金融局",), True),
        ("一(三)", ("市财政局",), False),
    ]
    assert len(names) == 30
    assert names[27:] == [
        ("十(一)", ("市金融局",), True),
        ("十(二)", ("市金融局",), True),
        ("十(三)", ("市财政局",), False),
    ]


def test_a_second_shared_clause_with_nothing_left_is_reported() -> None:
    text = "一、甲\n(一)甲。\n以上任务由市金融局负责。以上任务由市财政局负责。\n二、乙"
    parsed = parse_policy_text(text, document_id="doc")
    assert [m.clause.names for m in parsed.measures if m.clause] == [("市金融局",)]
    assert [w.kind for w in parsed.warnings] == ["unattached"]
    assert "none is without a clause of its own" in parsed.warnings[0].message


def test_repeated_section_ordinals_are_refused_with_the_list() -> None:
    sections = [Section(i, Name(f"第{i}部分")) for i in range(1, 2001)]
    PolicyDocument(id="d", name=Name("文件"), sections=sections)  # many sections are fine
    sections.append(Section(7, Name("又一个")))
    with pytest.raises(InvalidValueError) as info:
        PolicyDocument(id="d", name=Name("文件"), sections=sections)
    assert info.value.path == "sections[2000].ordinal"
    assert "sections repeat an ordinal: [1, 2, 3," in info.value.message


_PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_PLAIN)
def test_json_packs_read_back_as_json_dumps_writes_them(data: object) -> None:
    text = dump_json(data)
    assert text.endswith("\n")
    assert json.loads(text) == json.loads(json.dumps(data))


def test_json_packs_hold_one_field_a_line(tmp_path: Path) -> None:
    eco = smeeco.load("example")
    path = smeeco.write_pack(eco, tmp_path / "example.json")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "{"
    assert '  "agencies": [' in lines
    assert '      "id": "ex-finance",' in lines
    assert (
        '      "name": {"zh": "示例市财政局", "en": "Example City Finance Bureau"},' in lines
    )
    back = smeeco.load(path)
    assert list(back.records()) == list(eco.records())
    assert smeeco.dumps_pack(back, "json") == text


def test_json_refuses_what_json_dumps_refuses() -> None:
    with pytest.raises(ValueError, match="Out of range float"):
        dump_json({"a": [math.nan]})
    with pytest.raises(ValueError, match="Out of range float"):
        dump_json({"a": math.inf})
    with pytest.raises(TypeError, match="not JSON serializable"):
        dump_json({"a": {"b": {1, 2}}})
    value: list[object] = [[1], {3}]
    with pytest.raises(TypeError, match="not JSON serializable"):
        dump_json({"a": {"b": {"c": value}}})
    value.pop()  # the failed call leaves nothing behind: the same list again is no cycle
    assert json.loads(dump_json({"a": {"b": {"c": value}}})) == {"a": {"b": {"c": [[1]]}}}
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        dump_json({"a": {"b": {"c": cycle}}})


def test_a_bracket_left_open_to_the_end_is_cut_wherever_a_bracket_closes_before() -> None:
    from smeeco.parse import find_responsibility_clauses

    closed = "(一)甲。(责任单位:市财政局)\n(二)乙。(市工业和信息化局牵头，市财政局配合"
    found = list(find_responsibility_clauses(closed))
    assert [(c.names, c.cut) for c in found] == [
        (("市财政局",), False),
        (("市工业和信息化局", "市财政局"), True),
    ]
    later = "(市工业和信息化局牵头，市财政局配合)。(二)乙。"
    assert [c.cut for c in find_responsibility_clauses(later)] == [False]


def test_a_label_line_goes_on_to_the_next_line_a_few_times_only() -> None:
    from smeeco.parse import find_responsibility_clauses

    two = "(牵头单位:\n市财政局；配合单位:\n市工信局)"
    assert [c.names for c in find_responsibility_clauses(two)] == [("市财政局", "市工信局")]
    many = "(责任单位:\n" * 5 + "市财政局)"  # no clause is laid out so
    assert [(c.names, c.unclosed) for c in find_responsibility_clauses(many)] == [
        (("市财政局",), False)  # the open brackets above name no unit (never a "(" unit)
    ]
    assert [c.names for c in find_responsibility_clauses("(责任单位:\n(责任单位:\n市财政局)")] == [
        ("市财政局",)
    ]


@given(
    st.text(alphabet="一二三四五六七八九十是。；:）)，, \t\n甲", max_size=40),
    st.integers(0, 10),
    st.integers(0, 45),
)
def test_ordinals_are_found_from_each_shi_as_the_pattern_finds_them(
    text: str, start: int, end: int
) -> None:
    """find_items looks for 一是…二是… from each 是; the same matches as its pattern."""
    from smeeco.parse.structure import _ORDINAL, _ordinals

    start, end = min(start, len(text)), min(max(start, end), len(text))
    expected = [
        (*m.span("ordinal"), m.group("n_ordinal")) for m in _ORDINAL.finditer(text, start, end)
    ]
    assert _ordinals(text, start, end) == expected


@given(st.text(alphabet="(（【】)）/ \n发展fāzhdeiuo", max_size=30))
def test_glosses_are_searched_as_their_pattern_finds_them(text: str) -> None:
    from smeeco.parse.prepare import _GLOSS, _GLOSS_SEARCH

    assert [m.span() for m in _GLOSS_SEARCH.finditer(text)] == [
        m.span() for m in _GLOSS.finditer(text)
    ]


def test_a_lead_clause_is_cut_by_the_end_only_when_the_end_is_right_after_it() -> None:
    from smeeco.parse import find_responsibility_clauses

    at_end = "(一)加强支持。部门分工:省财政厅牵头,"
    (clause,) = find_responsibility_clauses(at_end)
    assert clause.cut
    # the same clause with the text going on is whole: the look after a clause is bounded,
    # so a text of many such clauses costs time in proportion to its length
    going_on = at_end + "\n(二)优化服务。部门分工:省工信厅牵头。\n" * 2000
    clauses = list(find_responsibility_clauses(going_on))
    assert not clauses[0].cut
    assert len(clauses) == 2001
