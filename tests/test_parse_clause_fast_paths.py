"""The unit-list reader's fast paths give what the full reading gives.

``_names`` reads a list of names and separators alone in one pass (``_plain_names``) and
skips the note, 及/和/与, 等, bracket and trimming steps for a list that holds nothing
they act on (searched for once per list), ``_items`` splits a list without
brackets at every separator, and the department and government endings are tried by
``endswith`` first; an unlabelled listing's opening bracket is looked for among the
brackets of its line only. The references below are the readings before those fast
paths, step by step: a fast path that skipped a case it must read shows as a difference.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco.parse import document
from smeeco.parse import responsibility as r

_DEPARTMENT_END = re.compile(r"(?:委员会|委|局|厅|办|办公室|中心)$")
#: The stems as the reading before wrote them (one pattern).
_DEPARTMENT = re.compile(
    r"^(?:发展(?:和)?改革|发改|经济和信息化|经信|工业和信息化|工信|财政|教育|科技|科学技术"
    r"|商务|人力资源和社会保障|人社|自然资源|规划和自然资源|生态环境|住房和城乡建设|住建"
    r"|交通运输|交通|农业农村|农业|水利|文化和旅游|文旅|卫生健康|卫健|市场监督管理|市场监管"
    r"|统计|金融|地方金融|审计|民政|司法|公安|国资|国有资产|应急管理|应急|林业|医疗保障|医保"
    r"|政务服务|数据|大数据|外事|外办|知识产权|体育|能源|粮食|城市管理|城管|信访|退役军人"
    r"|科协|工商联|中小企业|乡村振兴|行政审批|营商环境|住房城乡建设|住房和城乡建设|环保|环境保护"
    r"|国税|地税|税务|铁路|国土|建设|规划|监察|外经贸|经贸|商贸|旅游|文化|广电|质监|质量技术监督|工商"
    r"|食品药品|安监|安全生产|物价|人防|侨务|民族宗教|机关事务|编办|科委|发改|经信|工信)"
)


def _reference_items(
    text: str, start: int, end: int, separators: str = r._SEPARATORS
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at separators outside brackets."""
    items: list[tuple[int, int]] = []
    depth = 0
    begin = start
    if separators == r._SEPARATORS:  # only the separators and brackets need looking at
        for found in r._SEPARATOR_OR_BRACKET.finditer(text, start, end):
            char = found.group()
            if char in r._OPENERS:
                depth += 1
            elif char in r._CLOSERS:
                depth = max(0, depth - 1)
            elif depth == 0:
                i = found.start()
                items.append((begin, i))
                begin = i + 1
        items.append((begin, end))
        return items
    for i in range(start, end):
        char = text[i]
        if char in r._OPENERS:
            depth += 1
        elif char in r._CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and char in separators:
            items.append((begin, i))
            begin = i + 1
    items.append((begin, end))
    return items


def _reference_complete(names: list[str], head: str | None = None) -> list[str]:
    """Give a leading 省/市/县/区/自治区 of the first name to the departments without it.

    ``head`` is the first name of the list before, when this list continues it: the
    supports after "自治区财政厅牵头，" ("经济和信息化厅配合" → 自治区经济和信息化厅).
    """
    first = head if head is not None else (names[0] if names else "")
    if first.startswith("自治区") and len(first) > 4:
        prefix = "自治区"  # 广西: "自治区财政厅、工业和信息化厅"
    elif first[:1] not in r._PREFIXES or len(first) < 3:
        return names
    else:
        prefix = first[0]
    done = [] if head is not None else [names[0]]
    for name in names[len(done) :]:
        if (
            len(name) <= 12
            and _DEPARTMENT_END.search(name) is not None
            and _DEPARTMENT.match(name) is not None
        ):
            done.append(prefix + name)
        else:
            done.append(name)
    return done


def _reference_names(text: str, start: int, end: int, *, running: bool) -> tuple[object, ...]:
    """The unit names in ``text[start:end]``, with a trailing 等 and a scoping note.

    ``running`` is ``True`` for unit lists in running text (not inside a labelled
    bracket), where modal words such as 要 may follow the last unit.
    """
    items = _reference_items(text, start, end)
    note_start = note_end = -1
    kept: list[tuple[int, int]] = []
    for s, e in items:
        s, e = r._trim(text, s, e, " \t\n\r\u3000")
        if e - s > 2 and text[e - 1] in r._CLOSERS and text[s] not in r._OPENERS:
            # "市财政局(第一责任单位为牵头单位,下同)": a note in brackets after a name
            opener = max(text.rfind("(", s, e), text.rfind("（", s, e))
            if opener > s and r._NOTE_ITEM.search(text, opener + 1, e - 1):
                if note_start < 0:
                    note_start = opener + 1
                note_end = e - 1
                kept.append((s, opener))
                continue
        stop = text.find("。", s, e)
        if (
            stop > s
            and r._NOTE_ITEM.search(text, stop + 1, e)
            and not r._NOTE_ITEM.search(text, s, stop)
        ):
            # "省发改委(省能源局)。列第一位者为牵头部门": a name, then a note after a stop
            if note_start < 0:
                note_start = stop + 1
            note_end = e
            kept.append((s, stop))
            continue
        inner_s, inner_e = s, e
        if s < e and text[s] in r._OPENERS and text[e - 1] in r._CLOSERS:
            inner_s, inner_e = r._trim(text, s + 1, e - 1, " \t\u3000")
        if s < e and r._NOTE_ITEM.search(text, inner_s, inner_e):
            if note_start < 0:
                note_start = inner_s
            note_end = inner_e
            continue
        kept.append((s, e))
    note = ""
    if note_start >= 0:
        ns, ne = r._trim(text, note_start, note_end, " \t\n\r\u3000。.;；,，()（）")
        note = text[ns:ne]
    spans: list[tuple[int, int]] = []
    for s, e in kept:
        spans.extend(r._split_conjunctions(text, s, e))
    etc = False
    names: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = r._trim(text, s, e, r._TRIM_BUT_ETC)
        etc_match = r._ETC.search(text, s, e) if text.find("等", s, e) >= 0 else None
        if etc_match is not None and etc_match.start() > s:
            etc = True
            e = etc_match.start()
        elif etc_match is not None and text[s] == "等":  # "A、等有关部门": the class alone
            etc = True
            continue
        if running:
            lead_head = r._LEAD_HEAD.match(text, s, e)
            if lead_head is not None and e - lead_head.end() >= 2:
                s = lead_head.end()
            tail = r._MODAL_TAIL.search(text, s, e) if text[e - 1 : e] in r._MODAL_LAST else None
            if tail is not None and tail.start() - s >= 2:
                e = tail.start()
        verb = r._VERB_TAIL.search(text, s, e) if text[e - 1 : e] in r._VERB_LAST else None
        if verb is not None and verb.start() - s >= 2 and text[verb.start() - 1] in r._SUFFIX:
            e = verb.start()  # "园区管委会落实": the unit, not its verb
        s, e = r._trim(text, s, e)
        while e > s and text[e - 1] in r._CLOSERS and _reference_opener(text, s, e - 1) < 0:
            e = r._trim(text, s, e - 1)[1]  # "区人社局)": a bracket the name never opened
        if e > s and text[s:e].strip(r._OPENERS + r._CLOSERS):  # a lone "(" names nothing
            names.extend(r._at_line_break(text, s, e))
    # "各县、区人民政府", "各县、市、区政府", "各区、县级市": a bare 各X joins the next item;
    # "各乡镇人民政府、街道办事处": a class of units after a 各 collective shares its 各.
    merged: list[tuple[int, int]] = []
    for s, e in names:
        # both joins need a first name starting with 各 (or 相关/有关, "相关市、县政府")
        # (names are trimmed: its first char)
        if merged and text[merged[-1][0]] in "各相有" and "、" in text[merged[-1][1] : s]:
            ms, me = merged[-1]
            word = r._INNER_SPACE.sub("", text[ms:me])
            follower = r._INNER_SPACE.sub("", text[s:e])
            if (r._BARE_EACH.fullmatch(word) and follower[:1] in r._LEVELS) or (
                word.startswith("各") and r._UNIT_CLASS.fullmatch(follower)
            ):
                merged[-1] = (ms, e)
                continue
        merged.append((s, e))
    if r._INNER_SPACE.search(text, start, end) is None:  # most lists: no space to take out
        written = [text[s:e] for s, e in merged]
    else:
        written = [r._INNER_SPACE.sub("", text[s:e]) for s, e in merged]
    completed = _reference_complete(_reference_share_suffix(written))
    return (tuple(merged), tuple(completed), etc, note)


def _reference_share_suffix(names: list[str]) -> list[str]:
    """Give bare place names the government ending of the name that closes their run."""
    done = list(names)
    for i, name in enumerate(names):
        ending = r._GOVERNMENT_END.search(name)
        if ending is None or len(name) - len(ending.group()) < 2:
            continue
        k = i - 1
        while k >= 0 and r._BARE_PLACE.fullmatch(names[k]) and not r.unit_like(names[k]):
            done[k] = names[k] + ending.group()
            k -= 1
    return done


#: Pieces of unit lists: names, separators, brackets, spaces, stops, 等, 及/和/与, notes,
#: roles and verbs, 各 collectives, bare places.
_PIECES = [
    "市财政局",
    "市工业和信息化局",
    "发展改革委",
    "政务服务中心",
    "财政局",
    "经济和信息化委",
    "省",
    "自治区财政厅",
    "各区人民政府",
    "各县",
    "区政府",
    "街道办事处",
    "哈尔滨",
    "黑河市政府",
    "园区管委会",
    "、",
    "，",
    ",",
    "；",
    ";",
    "(",
    ")",
    "（",
    "）",
    "〔",
    "〕",
    " ",
    "\n",
    "\u3000",
    "。",
    ".",
    ":",
    "：",
    "等",
    "等有关部门",
    "及",
    "和",
    "与",
    "以及",
    "以下配合单位均含各载体",
    "下同",
    "排在首位的为牵头单位",
    "注：",
    "牵头",
    "配合",
    "落实",
    "负责",
    "要",
    "由",
    "请",
]
_LISTS = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(_LISTS, st.booleans(), st.integers(0, 3), st.integers(0, 3))
def test_names_give_what_the_full_reading_gives(
    text: str, running: bool, before: int, after: int
) -> None:
    text = "某" * before + text + "某" * after
    start, end = before, len(text) - after
    assert tuple(r._names(text, start, end, running=running)) == _reference_names(
        text, start, end, running=running
    )
    assert r._items(text, start, end) == _reference_items(text, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6), st.sampled_from(_PIECES))
def test_department_prefixes_are_given_as_the_full_reading_gives(
    names: list[str], head: str
) -> None:
    assert r._complete(names) == _reference_complete(names)
    assert r._complete(names, head=head) == _reference_complete(names, head=head)
    assert r._share_suffix(names) == _reference_share_suffix(names)


def test_each_fast_path_still_reads_the_cases_it_must() -> None:
    cases = [
        "市财政局、市商务局(以下简称商务局,下同)",
        "市财政局及区政府",
        "市财政局等有关部门",
        "市财政局、 市商务局",
        "市财政局(市金融局)、区政府",
        "经济和信息化委、发展改革委",
        "哈尔滨、黑河市政府",
    ]
    for text in cases:
        found = tuple(r._names(text, 0, len(text), running=False))
        assert found == _reference_names(text, 0, len(text), running=False), text
    text = "省财政厅、发展改革委"
    assert r._names(text, 0, len(text), running=False).names == ("省财政厅", "省发展改革委")
    text = "哈尔滨、黑河市政府"
    assert r._names(text, 0, len(text), running=False).names == ("哈尔滨市政府", "黑河市政府")
    text = "市财政局、市商务局等部门"
    assert r._names(text, 0, len(text), running=False).etc


def _reference_opener(text: str, low: int, closer: int) -> int:
    depth = 0
    for i in range(closer, low - 1, -1):
        char = text[i]
        if char in r._CLOSERS:
            depth += 1
        elif char in r._OPENERS:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _reference_unlabelled_listing(
    text: str, start: int, end: int
) -> tuple[tuple[int, int], tuple[str, ...]] | None:
    """``unlabelled_listing`` as it read before: the opener looked for char by char."""
    end = min(end, len(text))
    s, e = r._trim(text, max(0, start), end, " \t\r\n\u3000。.")
    if e - s < 4 or text[e - 1] not in r._CLOSERS:
        return None
    opener = _reference_opener(text, max(s, e - 200), e - 1)
    if opener < 0 or "\n" in text[opener + 1 : e - 1]:
        return None
    before = text[max(text.rfind("\n", 0, opener) + 1, opener - 400) : opener]
    if sum(c in r._OPENERS for c in before) > sum(c in r._CLOSERS for c in before):
        return None
    found = r._names(text, opener + 1, e - 1, running=False)
    if not found.names or not all(r.unit_like(n) and len(n) >= 3 for n in found.names):
        return None
    units = r._units(text, found, None, first_leads=True)
    return (opener, e), tuple(u.name for u in units)


_LISTING_PIECES = [*_PIECES, "（试行）", "(2022-2025年)", "加快发展", "〔省工信厅", "〕"]


_UNITS = ["市财政局", "市工业和信息化局", "各区人民政府", "省数据局(省营商局)", "加快发展", "试行"]
#: Text, then a bracket of names (a listing, or not), then text: around and inside it the
#: pieces that make the opener hard to find (line breaks, inner and unclosed brackets).
_LISTINGS = st.tuples(
    st.lists(st.sampled_from(_LISTING_PIECES), max_size=6).map("".join),
    st.sampled_from(["(", "（", "〔", "["]),
    st.lists(st.sampled_from(_UNITS), min_size=1, max_size=4),
    st.sampled_from(["、", "，", "\n", "、\n"]),
    st.sampled_from([")", "）", "〕", "]", ")。"]),
    st.lists(st.sampled_from(_LISTING_PIECES), max_size=3).map("".join),
).map(lambda p: p[0] + p[1] + p[3].join(p[2]) + p[4] + p[5])


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(_LISTINGS, st.lists(st.sampled_from(_LISTING_PIECES), max_size=16).map("".join)),
    st.integers(0, 5),
)
def test_unlabelled_listings_are_found_as_the_char_by_char_reading_finds_them(
    text: str, start: int
) -> None:
    start = min(start, len(text))
    expected = _reference_unlabelled_listing(text, start, len(text))
    found = r.unlabelled_listing(text, start, len(text))
    assert (None if found is None else (found.span, found.names)) == expected
    for closer in (i for i, c in enumerate(text) if c in r._CLOSERS):
        for low in (0, max(0, closer - 6)):
            assert r._opener(text, low, closer) == _reference_opener(text, low, closer)


def test_the_department_stems_match_as_the_one_pattern_did() -> None:
    for stem in r._DEPARTMENT_STEMS:
        for name in (stem, stem + "局", "市" + stem, stem[:-1]):
            expected = _DEPARTMENT.match(name) is not None
            assert (r._DEPARTMENT.match(name) is not None) == expected, name
            assert name.startswith(r._DEPARTMENT_STEMS) == expected, name


def _reference_listing_before(text: str, body: int, end: int) -> object:
    """``document._listing_before`` as it read before: each line's end trimmed by hand."""
    found = r.unlabelled_listing(text, body, end)
    if found is not None:
        return found
    limit = min(end, body + document._LISTING_REACH)
    position = limit
    for _ in range(document._LISTING_LINES):
        position = text.rfind("\n", body, position)
        if position <= body:
            return None
        line_end = len(text[body:position].rstrip(" \t\r\u3000。.")) + body
        if line_end > body and text[line_end - 1] in document._CLOSE:
            found = r.unlabelled_listing(text, body, position)
            if found is not None:
                return found
    return None


_LINES = st.lists(
    st.one_of(_LISTINGS, st.sampled_from(["上一篇：某某", "。", " ", "\u3000", "加快发展。", ""])),
    max_size=16,
).map("\n".join)


@settings(max_examples=500, deadline=None)
@given(_LINES, st.integers(0, 8), st.integers(0, 8))
def test_a_listing_on_an_earlier_line_is_found_as_the_line_by_line_reading_finds_it(
    text: str, body: int, cut: int
) -> None:
    body = min(body, len(text))
    end = max(body, len(text) - cut)
    found = document._listing_before(text, body, end)
    expected = _reference_listing_before(text, body, end)
    assert found == expected


def _reference_list_start(text: str, position: int, floor: int, *, commas: bool) -> int:
    """``_list_start`` as it read before: character by character back from ``position``."""
    i = position
    low = max(floor, position - r._BACK)
    while i > low:
        char = text[i - 1]
        if char in r._CLOSERS:
            opener = max(text.rfind("(", low, i - 1), text.rfind("（", low, i - 1))
            if (
                opener >= 0
                and i - opener <= 12
                and not any(c in r._STOP for c in text[opener + 1 : i - 1])
            ):
                i = opener
                continue
            break
        if char in r._STOP or (not commas and char in "，,"):
            break
        i -= 1
    marker = r._ITEM_MARKER.match(text, i, position)
    return marker.end() if marker else i


_RUNNING_PIECES = [*_PIECES, "各区(市)人民政府", "(市)", "〔", "〕", "]", "1.", "一、", "第三条"]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(_RUNNING_PIECES), max_size=40).map("".join),
    st.integers(0, 400),
    st.integers(0, 30),
    st.booleans(),
)
def test_a_running_list_starts_where_the_char_by_char_reading_starts_it(
    text: str, position: int, floor: int, commas: bool
) -> None:
    position = min(position, len(text))
    floor = min(floor, position)
    assert r._list_start(text, position, floor, commas=commas) == _reference_list_start(
        text, position, floor, commas=commas
    )
