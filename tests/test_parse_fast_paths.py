"""The fast paths of preparing a text, finding its tables and reading its metadata decide
as the slow paths they skip would, for every text: also where the only work to do (a
spaced-out line, a traditional character, a table header) comes late in the text.

Each fast path is checked against the straightforward reading it replaced, written out
here as the reference.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco.parse import metadata as metadata_module
from smeeco.parse import prepare as prepare_module
from smeeco.parse import table as table_module
from smeeco.parse.deadlines import find_stated_deadlines
from smeeco.parse.prepare import prepare
from smeeco.parse.table import find_tables, unread_table_headers

# ------------------------------------------------------------------ spaced-out lines

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACED_CHAR = f"[{_CJK}、。，,：:；;（）()《》“”]"
_REFERENCE_CANDIDATE = re.compile(rf"[ \t]+(?:{_SPACED_CHAR}[ \t]+){{7}}")
_REFERENCE_RUN = re.compile(rf"(?:{_SPACED_CHAR}[ \t]+){{8}}")


def _reference_spaced_lines(text: str) -> list[tuple[int, int]]:
    """The lines ``_unspace`` joins, found with the plain regexes it replaced."""
    lines = []
    position = 0
    while (candidate := _REFERENCE_CANDIDATE.search(text, position)) is not None:
        line_start = text.rfind("\n", position, candidate.start()) + 1 or position
        line_end = text.find("\n", candidate.end())
        line_end = len(text) if line_end < 0 else line_end
        position = line_end + 1
        if _REFERENCE_RUN.search(text, line_start, line_end) is None:
            continue
        line = text[line_start:line_end]
        han = len(re.findall(f"[{_CJK}]", line))
        if han >= 8 and len(re.findall(rf"[{_CJK}][ \t]", line)) * 5 >= han * 4:
            lines.append((line_start, line_end))
    return lines


def _unspaced(text: str) -> str:
    """``text`` with the reference's spaced-out lines joined."""
    out = text
    for start, end in reversed(_reference_spaced_lines(text)):
        out = out[:start] + re.sub(r"[ \t]+", "", out[start:end]) + out[end:]
    return out


SPACED = "省 财 政 厅 会 同 省 金 融 办 制 定"


def test_a_spaced_line_after_a_long_text_is_joined() -> None:
    text = "加强信贷支持。" * 3000 + "\n" + SPACED + "\n"
    assert prepare(text).text == "加强信贷支持。" * 3000 + "\n省财政厅会同省金融办制定\n"


def test_a_spaced_line_whose_run_starts_on_a_tab_after_space_runs_is_joined() -> None:
    # a run of spaces first (a table's alignment), the spaced run only after a tab
    text = "序号    任务      单位\n" * 50 + "\t".join("省财政厅会同省金融办") + "\t\n"
    assert prepare(text).text == _unspaced(text)
    assert prepare(text).text.endswith("省财政厅会同省金融办\n")


def test_a_text_with_fewer_spaces_than_a_run_is_left_alone() -> None:
    text = "省 财 政 厅 会 同 省"  # seven spaces: no run of eight
    assert prepare(text).text == text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["省", "财", "政", "、", "。", "a", "1", " ", "  ", "\t", "\n", " \t "]),
        max_size=120,
    )
)
def test_spaced_lines_are_those_the_plain_search_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    joined, _ = prepare_module._unspace(text, range(len(text) + 1))
    assert joined == _unspaced(text)


# ------------------------------------------------------------------ table headers

_REFERENCE_HEADER = re.compile(r"^[^\n]*(?:任务|工作|措施|事项|内容|举措)[^\n]*$", re.M)
_REFERENCE_UNIT = re.compile(
    r"牵头|主责|主办|主要责任|配合|参与|协同|协办|责任单位|责任部门|责任主体"
)
_REFERENCE_CELL_START = re.compile(r"^[^\S\n]*(?:序号|编号)(?:[^\S\n]*[|｜])?[^\S\n]*$", re.M)


def _reference_headers(text: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for m in _REFERENCE_HEADER.finditer(text)
        if _REFERENCE_UNIT.search(text, *m.span()) is not None
    ]


HEADER_PIECES = [
    "重点任务",
    "牵头单位",
    "配合单位",
    "工作",
    "责任单位",
    "序号",
    "编号",
    " ",
    "|",
    "｜",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*HEADER_PIECES, "\n", "\n\n", "  ", "\t", "市财政局", "1", "。"]),
        max_size=60,
    )
)
def test_header_lines_are_those_the_line_search_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert table_module._header_lines(text) == _reference_headers(text)
    assert table_module._cell_table_starts(text) == [
        m.start() for m in _REFERENCE_CELL_START.finditer(text)
    ]
    found = find_tables(text)
    # the header lines find_tables kept, or searched again: the same unread headers
    assert unread_table_headers(text, found) == unread_table_headers(text, list(found))


PROSE = "各地要加强工作统筹，牵头抓好落实。\n" * 400


def test_a_table_after_long_prose_is_read() -> None:
    text = PROSE + "序号 | 工作任务 | 牵头单位 |\n1 | 拓宽融资渠道 | 省金融办 |\n"
    (table,) = find_tables(text)
    assert [u.name for u in table.rows[0].units] == ["省金融办"]


def test_an_unread_header_after_long_prose_is_told() -> None:
    header = "重点工作任务 主要责任单位 协同配合单位 完成期限"
    text = PROSE + header + "\n新培育企业 区科技局 区经信局\n"
    (span,) = unread_table_headers(text, find_tables(text))
    assert text[span[0] : span[1]] == header


def test_a_cell_per_line_table_after_long_prose_is_read() -> None:
    text = PROSE + "序号\n工作任务\n牵头单位\n1\n拓宽融资渠道\n省金融办\n"
    (table,) = find_tables(text)
    assert table.rows[0].title == "拓宽融资渠道"


# ------------------------------------------------------------------ metadata


def _reference_outside_brackets(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and char in separators:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["各", "市", "(", ")", "（", "）", "、", "，", ",", ";", "；"])),
    st.sampled_from(["，,；;", "，,、；;", "、"]),
)
def test_addressee_parts_are_those_a_character_walk_finds(
    pieces: list[str], separators: str
) -> None:
    text = "".join(pieces)
    assert metadata_module._outside_brackets(text, separators) == _reference_outside_brackets(
        text, separators
    )


TITLE_PIECES = [
    "通知",
    "目标任务分解",
    "》",
    "(",
    ")",
    "(征求意见稿)",
    "表",
    "一",
    " ",
    "\n",
    "工作分工",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TITLE_PIECES, "关于印发", "工作方案", "a" * 12]), max_size=30))
def test_a_title_end_is_found_where_a_search_from_the_start_finds_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert metadata_module._title_end(text) == bool(metadata_module._TITLE_END.search(text))


_NESTED_TITLE_WORD = (
    r"(?:通知|意见|措施|举措|方案|办法|要点|规划|计划|决定|细则|规定|条例|函|通报|公告|答复|批复|纲要|指引"
    r"|若干政策|清单|(?:责任|目标任务)分解|(?:任务|责任|部门|工作)分工"
    r"|(?:分解|分工|任务|责任|清单|一览|情况)表)"
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["任务", "分工", "责任", "分解", "表", "通知", "目标", "一览"])))
def test_the_listed_title_words_match_as_the_nested_pattern_did(pieces: list[str]) -> None:
    text = "".join(pieces)
    for prefix in ("", "[^。]{0,6}?"):  # (as the run-on title reads it: lazily, then a word)
        nested = re.compile(prefix + _NESTED_TITLE_WORD)
        listed = re.compile(prefix + metadata_module._TITLE_WORD)
        assert [m.span() for m in listed.finditer(text)] == [
            m.span() for m in nested.finditer(text)
        ]


def test_the_longest_title_end_is_found() -> None:
    text = "关于印发某某市" + "目标任务分解》(" + "一" * 12 + ")"
    assert metadata_module._title_end(text)
    assert metadata_module._title_end(text + "\n")
    assert not metadata_module._title_end(text[:-1] + "一)")  # thirteen in the brackets


_REFERENCE_LINE = re.compile(r"^[^\S\n]*(.+?)[^\S\n]*$", re.MULTILINE)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["目标", "任务", " ", "\u3000", "\n", "\t", "分解"]), max_size=30),
    st.sampled_from(["目标任务", "目标任务分解", "任务", ""]),
)
def test_a_heading_line_is_the_one_a_line_regex_finds(pieces: list[str], name: str) -> None:
    text = "".join(pieces)
    expected = next(
        (m.span(1) for m in _REFERENCE_LINE.finditer(text) if re.sub(r"\s+", "", m[1]) == name),
        None,
    )
    assert metadata_module._line_reading(text, 0, len(text), name) == expected


# ------------------------------------------------------------------ traditional script


def _reference_looks_traditional(text: str) -> bool:
    sample = text[:20000]
    hits = len(prepare_module._TRADITIONAL_RE.findall(sample))
    if hits < 3:
        return False
    if hits * 50 >= len(sample):
        return True
    return hits * 50 >= len(re.sub("[^\u4e00-\u9fff]+", "", sample))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["發", "這", "发", "这", "一", "\u9fff", "\u4dff", "a", "😀", "\n", "。"]),
        max_size=400,
    )
)
def test_the_script_is_judged_as_by_counting_every_character(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert prepare_module.looks_traditional(text) == _reference_looks_traditional(text)


def test_traditional_characters_late_in_the_sample_count() -> None:
    simplified = "加强信贷支持" * 3000  # 18000 Han characters, none traditional
    late = simplified + "發展這個國家" * 100  # 600 traditional ones at the end of the sample
    assert prepare_module.looks_traditional(late)
    assert prepare(late, convert=False).traditional
    beyond = simplified * 2 + "發展這個國家" * 100  # past the sample: not looked at
    assert not prepare_module.looks_traditional(beyond)
    assert not prepare_module.looks_traditional(simplified + "發展這個國家" * 5)  # too few


# ------------------------------------------------------------------ run-on lines

_CN = "一二三四五六七八九十"
_REFERENCE_MID_MARKER = re.compile(
    r"(?:(?<=[。:;\]】)])|(?<=[。:;\]】)][ \u3000])|(?<=[。:;\]】)][ \u3000]{2}))"
    rf"(?:[{_CN}]{{1,3}}、|\([{_CN}]{{1,3}}\)|\d{{1,2}}[.、](?!\d)|[⑴-⒇①-⑳])"
    rf"(?=[\u4e00-\u9fff])(?![{_CN}])"
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"。:)】 \u3000一二、(1", "12", *".①⑴加强"]),
        max_size=60,
    )
)
def test_item_markers_are_those_the_look_behind_search_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = [m.span() for m in prepare_module._MID_MARKER.finditer(text)]
    assert found == [m.span() for m in _REFERENCE_MID_MARKER.finditer(text)]


def test_a_run_on_line_after_many_short_lines_is_broken() -> None:
    run_on = "。".join(f"{n}、加强信贷支持力度扩大中小企业贷款规模" * 3 for n in range(1, 9)) + "。"
    text = "短行。\n" * 2000 + run_on + "\n"
    prepared = prepare(text)
    assert prepared.breaks >= 2
    assert "\n2、加强" in prepared.text
    assert prepared.text.startswith("短行。\n" * 2000)


# ------------------------------------------------------------------ hard-wrapped texts


def test_a_hard_wrapped_text_after_a_few_long_lines_is_joined() -> None:
    # a sentence of 26 characters printed 20 to a line: the lines end inside sentences
    paragraph = "加强信贷支持力度,扩大中小企业贷款规模,降低融资成本。" * 15
    wrapped = "\n".join(paragraph[i : i + 20] for i in range(0, len(paragraph), 20))
    text = "这是一个很长的标题行" * 5 + "\n" + "(一)" + wrapped
    prepared = prepare(text)
    assert prepared.wrap_width == 20
    assert "(一)" + paragraph in prepared.text


# ------------------------------------------------------------------ pinyin glosses


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"發展(（)）【】/ a", "fā", "zhǎn", "de", "hé", "huò", "\n", "1"]),
        max_size=40,
    )
)
def test_glosses_are_those_one_search_for_every_bracket_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = [
        m.span()
        for m in prepare_module._GLOSS_SEARCH.finditer(text)
        if m.start() and prepare_module._CJK_CHAR.match(text, m.start() - 1)
    ]
    assert [m.span() for m in prepare_module._glosses(text)] == expected


def test_a_gloss_late_in_a_long_text_is_cut() -> None:
    text = "加强信贷支持。" * 3000 + "發(fā)展廣【guǎng】东"
    prepared = prepare(text, convert=False)
    assert prepared.glosses == 2
    assert prepared.text.endswith("發展廣东")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["各", "区委", " ", "  ", "\u3000", "\t", "a", "、", "\n", "(", "）"]))
)
def test_spaces_inside_a_name_are_those_the_look_behind_search_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    reference = re.compile(r"(?<=[\u4e00-\u9fff)）])\s+(?=[\u4e00-\u9fff(（])")
    assert metadata_module._CJK_SPACE.sub("", text) == reference.sub("", text)


# ------------------------------------------------------------------ offset maps


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), min_size=1, max_size=12),
    st.data(),
)
def test_a_span_maps_as_its_two_ends_do(pieces: list[tuple[int, int]], data: st.DataObject) -> None:
    offsets = prepare_module.OffsetMap.build((a, a + n) for a, n in pieces)
    if len(offsets) == 0:
        return
    start = data.draw(st.integers(0, len(offsets) - 1))
    end = data.draw(st.integers(start + 1, len(offsets)))
    assert offsets.span(start, end) == (offsets[start], offsets[end - 1] + 1)


def _reference_through(
    mapping: prepare_module.OffsetMap, pieces: list[tuple[int, int]]
) -> list[int]:
    """``mapping`` read through ``pieces`` one index at a time."""
    return [mapping[i] for a, b in pieces for i in range(max(0, a), min(b, len(mapping)))]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), min_size=1, max_size=10),
    st.lists(st.tuples(st.integers(-3, 70), st.integers(-2, 12)), max_size=12),
)
def test_composed_maps_read_as_index_by_index(
    runs: list[tuple[int, int]], cuts: list[tuple[int, int]]
) -> None:
    mapping = prepare_module.OffsetMap.build((a, a + n) for a, n in runs)
    pieces = [(a, a + n) for a, n in cuts]
    composed = prepare_module._through(mapping, pieces)
    assert list(composed) == _reference_through(mapping, pieces)
    # and as runs: each run as long as it can be (what equality and memory rely on)
    assert composed == prepare_module.OffsetMap.build((m, m + 1) for m in composed)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["發", "(", ")", "【", "】", "fā", "de", "app", "wifi", "it", "ā", " ", "/"]
        ),
        max_size=30,
    )
)
def test_glosses_cut_are_those_every_test_keeps(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = 0
    for match in prepare_module._glosses(text):
        gloss = match.group()
        inner = gloss[1:-1].strip()
        toned = prepare_module._TONE.search(inner) is not None
        if prepare_module._NOT_GLOSS.fullmatch(gloss) or not (
            toned or inner in prepare_module._TONELESS or "/" in inner
        ):
            continue
        expected += 1
    assert prepare(text, convert=False).glosses == expected


# ------------------------------------------------------------------ stated deadlines


@pytest.mark.parametrize(
    "label", ["完成时限", "时限要求", "完成期限", "完成时间", "时间要求", "时间节点"]
)
def test_every_deadline_label_is_read_late_in_a_region(label: str) -> None:
    text = "加强信贷支持。" * 500 + f"{label}:2024年底前\n"
    assert find_stated_deadlines(text, 0, len(text)) == [
        ("2024年底前", (len(text) - 8, len(text) - 1))
    ]
    assert find_stated_deadlines(text, 0, len(text) - 12) == []  # the label cut off


def test_every_character_taken_for_traditional_is_one_opencc_simplifies() -> None:
    # "政" (the same in both scripts) once stood in the list: a simplified 自治区 notice
    # with three of them read as traditional, with a 'script' warning when OpenCC was missing
    opencc = pytest.importorskip("opencc")
    to_simplified = opencc.OpenCC("t2s")
    assert [c for c in sorted(prepare_module._TRADITIONAL) if to_simplified.convert(c) == c] == []
    notice = "新疆维吾尔自治区人民政府关于措施的通知\n各州、市人民政府,自治区人民政府各部门:"
    assert notice.count("政") >= 3
    assert not prepare_module.looks_traditional(notice)
