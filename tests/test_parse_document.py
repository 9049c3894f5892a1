"""Policy texts split into sections and measures; seed 004 checked against the data pack."""

from __future__ import annotations

from pathlib import Path

import pytest

import smeeco
from smeeco import InvalidValueError, Measure, PolicyDocument, Source, ValidationError
from smeeco.parse import ParsedDocument, parse_policy_text, resolve_clause, to_records
from smeeco.parse.structure import find_items
from smeeco.types import DocumentId

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
DOC = "tj-2022-measures"


@pytest.fixture(scope="module")
def text() -> str:
    return (SEEDS / "004.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(text: str) -> ParsedDocument:
    return parse_policy_text(text, document_id=DOC)


@pytest.fixture(scope="module")
def eco() -> smeeco.Ecosystem:
    return smeeco.load("tianjin-2022-measures")


def _pack_measure(eco: smeeco.Ecosystem, ordinal: int) -> Measure:
    return eco.require(f"{DOC}.m{ordinal:02d}", Measure)


# --------------------------------------------------------------------------- seed 004


def test_seed_004_shape(parsed: ParsedDocument) -> None:
    assert len(parsed.sections) == 8
    assert len(parsed.measures) == 24
    assert [m.ordinal for m in parsed.measures] == list(range(1, 25))
    assert [m.value for m in parsed.measures] == list(range(1, 25))  # continuous numbering
    # the copy breaks off inside (二十四), before its clause: both are said
    assert [w.kind for w in parsed.warnings] == ["no-clause", "truncated"]
    last = parsed.measures[-1]
    assert last.number == "(二十四)"
    assert last.clause is None
    assert last.truncated
    assert parsed.truncated
    assert last.text.endswith("绿色制造工")
    assert parsed.trailer == "【政府扶持政策】相关法规"
    assert not any(m.truncated for m in parsed.measures[:-1])
    assert all(m.clause is not None for m in parsed.measures[:-1])


def test_seed_004_preamble_is_the_page_and_the_notice(parsed: ParsedDocument) -> None:
    assert parsed.preamble.startswith("加盟电话")
    assert "津中小企组〔2022〕2号" in parsed.preamble
    assert parsed.preamble.endswith("天津市提升中小企业竞争力若干措施")
    assert parsed.text[slice(*parsed.preamble_span)] == parsed.preamble


def test_seed_004_sections_equal_the_pack(parsed: ParsedDocument, eco: smeeco.Ecosystem) -> None:
    document = eco.require(DOC, PolicyDocument)
    assert parsed.section_records() == tuple(
        smeeco.Section(s.ordinal, smeeco.Name(s.title.zh), s.number) for s in document.sections
    )


def test_seed_004_measures_equal_the_pack(parsed: ParsedDocument, eco: smeeco.Ecosystem) -> None:
    for measure in parsed.measures:
        curated = _pack_measure(eco, measure.ordinal)
        assert measure.title == curated.name.zh, measure.number
        assert measure.text == curated.text, measure.number
        assert measure.number == curated.number
        assert measure.section == curated.section
        assert measure.truncated == curated.truncated
        assert measure.locator == curated.sources[0].locator


def test_seed_004_responsibilities_equal_the_pack(
    parsed: ParsedDocument, eco: smeeco.Ecosystem
) -> None:
    checked = 0
    for measure in parsed.measures:
        curated = _pack_measure(eco, measure.ordinal)
        if measure.clause is None:
            assert not curated.responsibility_stated
            assert curated.responsibilities == ()
            continue
        resolved = resolve_clause(eco, measure.clause)
        # units in order, roles and explicit flags
        assert resolved == curated.responsibilities, measure.number
        # and the clause is the one the pack quotes
        assert measure.clause.text == curated.sources[1].quote, measure.number
        checked += 1
    assert checked == 23


def test_seed_004_spans_index_the_text(text: str, parsed: ParsedDocument) -> None:
    for measure in parsed.measures:
        assert text[slice(*measure.title_span)] == measure.title
        assert text[slice(*measure.text_span)] == measure.text
        assert text[measure.span[0] :].startswith(measure.number)
        if measure.clause is not None:
            assert text[slice(*measure.clause.span)] == measure.clause.text
            assert measure.span[1] == measure.clause.span[1]
    for section in parsed.sections:
        assert text[slice(*section.title_span)] == section.title


def test_seed_004_records(parsed: ParsedDocument, eco: smeeco.Ecosystem) -> None:
    records = to_records(parsed, eco, document=eco.require(DOC, PolicyDocument))
    assert len(records) == 24
    m04 = records[3]
    assert m04.id == f"{DOC}.m04"
    assert m04.lead == "tj-pbc-branch"
    assert m04.responsibilities == _pack_measure(eco, 4).responsibilities
    title, clause = m04.sources
    assert title == Source(DocumentId(DOC), "二(四)", "加强信贷支持", parsed.measures[3].title_span)
    assert clause.locator == "二(四) 责任单位"
    assert clause.quote == _pack_measure(eco, 4).sources[1].quote
    m24 = records[23]
    assert m24.truncated
    assert not m24.responsibility_stated
    assert m24.responsibilities == ()
    # ready to add: into an ecosystem that has the document and the agencies
    kept = {"jurisdiction", "agency", "document"}
    fresh = smeeco.Ecosystem([r for r in eco if r.kind in kept])
    fresh.add(*records)
    assert smeeco.lead_unit(fresh, f"{DOC}.m06") == "tj-fin-office"


# --------------------------------------------------------------------------- shapes


def test_full_width_numbers_and_restarting_numbering() -> None:
    text = (
        "某某市关于印发若干措施的通知\n"
        "一、财税支持\n"
        "（一）加强资金支持。推动安排资金。\n"
        "（责任单位：市财政局、各区人民政府）\n"
        "（二） 落实税收政策。落实减免。（牵头单位：市税务局；配合单位：市财政局）\n"
        "二、融资支持\n"
        "（一）加强信贷支持。市金融局牵头，各区人民政府按职责分工负责。\n"
    )
    parsed = parse_policy_text(text, document_id="doc")
    assert parsed.preamble == "某某市关于印发若干措施的通知"
    assert [m.locator for m in parsed.measures] == ["一（一）", "一（二）", "二（一）"]
    assert [m.ordinal for m in parsed.measures] == [1, 2, 3]
    assert [m.title for m in parsed.measures] == ["加强资金支持", "落实税收政策", "加强信贷支持"]
    assert parsed.measures[1].text == "落实税收政策。落实减免。"
    assert parsed.measures[2].clause is not None
    assert parsed.measures[2].clause.leads == ("市金融局",)
    assert parsed.measures[2].text == "加强信贷支持。"
    assert parsed.warnings == ()
    assert not parsed.truncated


def test_assigned_line_after_the_measure() -> None:
    text = "一、总则\n(一)做好服务。开展培训。\n此项工作由市工信局、市人社局负责。\n"
    (measure,) = parse_policy_text(text, document_id="doc").measures
    assert measure.text == "做好服务。开展培训。"
    assert measure.clause is not None
    assert measure.clause.names == ("市工信局", "市人社局")


def test_joint_sentence_stays_in_the_text() -> None:
    text = "一、总则\n(一)完善制度。由市工信局会同市财政局制定实施细则。\n"
    (measure,) = parse_policy_text(text, document_id="doc").measures
    assert measure.clause is not None
    assert measure.clause.leads == ("市工信局",)
    assert measure.text == "完善制度。由市工信局会同市财政局制定实施细则。"


def test_a_clause_ending_a_paragraph_of_inline_items_is_the_paragraph_s() -> None:
    # "一是…，二是…。(clause)" run on after "(五)": the clause is stated for the whole item
    text = (
        "一、要素\n(五)加强用工保障。一是开展招聘活动，二是加强技能培训。"
        "(市人社局牵头，市教育局配合)\n(六)加强用地保障。(市自然资源局负责)\n"
    )
    parsed = parse_policy_text(text, document_id="doc")
    assert [(m.locator, m.clause.names if m.clause else None) for m in parsed.measures] == [
        ("一(五)", ("市人社局", "市教育局")),
        ("一(六)", ("市自然资源局",)),
    ]
    assert parsed.measures[0].text == "加强用工保障。一是开展招聘活动，二是加强技能培训。"
    # after a comma, 二是 goes on a run that 一是 started; a comma alone starts none
    assert [i.marker for i in find_items(text, 0, len(text))] == [
        "一、",
        "(五)",
        "一是",
        "二是",
        "(六)",
    ]
    assert [i.marker for i in find_items("甲，二是乙。", 0, 6)] == []
    # inline items each with a clause of their own stay the measures
    own = text.replace("活动，二是", "活动(市人社局负责)；二是")
    assert [m.locator for m in parse_policy_text(own, document_id="doc").measures] == [
        "一(五)一是",
        "一(五)二是",
        "一(六)",
    ]


def test_two_clauses_in_one_paragraph_lose_no_unit_and_are_warned() -> None:
    # "①…(A、B分别负责)②…(A负责)": ① inside the paragraph is no numbered item here
    text = (
        "一、要素\n(四)降低用能成本。①推进电力交易。(市发展改革委、国网某市供电公司分别负责)"
        "②降低用气价格。(市发展改革委负责)\n"
    )
    parsed = parse_policy_text(text, document_id="doc")
    (measure,) = parsed.measures
    assert measure.clause is not None
    assert measure.clause.names == ("市发展改革委", "国网某市供电公司")
    (warning,) = [w for w in parsed.warnings if w.kind == "clauses"]
    assert "states 2 clauses in one paragraph" in warning.message
    assert text[slice(*warning.span)] == "(市发展改革委、国网某市供电公司分别负责)"


def test_measure_without_clause_and_complete_is_not_truncated() -> None:
    text = "一、总则\n(一)完善制度。健全机制。\n(二)加强宣传。"
    parsed = parse_policy_text(text, document_id="doc")
    assert [m.clause for m in parsed.measures] == [None, None]
    assert not parsed.truncated


def test_text_after_the_last_clause_is_the_trailer() -> None:
    text = "一、总则\n(一)完善制度。(责任单位:市工信局)\n\n附件：分工表\n某某市工信局\n"
    parsed = parse_policy_text(text, document_id="doc")
    assert parsed.measures[0].clause is not None
    assert parsed.trailer == "附件：分工表\n某某市工信局"


def test_measures_without_sections() -> None:
    parsed = parse_policy_text("通知\n(一)甲。(责任单位:市工信局)\n(二)乙。", document_id="doc")
    assert parsed.sections == ()
    assert parsed.preamble == "通知"
    assert [(m.section, m.locator) for m in parsed.measures] == [(None, "(一)"), (None, "(二)")]


def test_out_of_order_numbers_are_warned_about() -> None:
    text = "一、甲\n(一)甲。\n(三)丙。\n三、丙\n(四)丁。"
    parsed = parse_policy_text(text, document_id="doc")
    # a skip is a warning with its place, never an abort: 三、 is still a heading
    assert [s.title for s in parsed.sections] == ["甲", "丙"]
    numbering = [w for w in parsed.warnings if w.kind == "numbering"]
    assert [w.message for w in numbering] == [
        "numbering skips to (三) after 1: '(三)丙。'",
        "numbering skips to 三、 after 1: '三、丙'",
    ]
    assert [text[slice(*w.span)] for w in numbering] == ["(三)", "三、"]


def test_numbering_going_on_across_levels_is_no_warning() -> None:
    # 一、二、 under 第一章's 第一节, then 三、 right under 第二章: numbered on, not skipped
    # (江西 2010: (二十二), then 六、, then (二十三); 咸安 2023: 11., then 二、, then 12.)
    text = (
        "第一章 任务\n第一节 创新\n一、甲。(责任单位:省科技厅)\n二、乙。(责任单位:省科技厅)\n"
        "第二章 保障\n三、丙。(责任单位:省财政厅)\n五、戊。(责任单位:省财政厅)\n"
    )
    parsed = parse_policy_text(text, document_id="doc")
    assert [m.number for m in parsed.measures] == ["一、", "二、", "三、", "五、"]
    assert [w.message for w in parsed.warnings if w.kind == "numbering"] == [
        "numbering skips to 五、 after 3: '五、戊。(责任单位:省财政厅)'"
    ]


def test_shi_yi_wu_is_a_word_not_a_numeral() -> None:
    text = "一、甲\n（十一五）期间，加快发展。(责任单位:市工信局)"
    parsed = parse_policy_text(text, document_id="doc")
    assert [m.number for m in parsed.measures] == ["一、"]
    assert parsed.measures[0].clause is not None


def test_text_without_structure() -> None:
    parsed = parse_policy_text("只是一段话。", document_id="doc")
    assert parsed.sections == ()
    assert parsed.measures == ()
    assert parsed.preamble == "只是一段话。"


def test_the_reply_has_sections_and_no_measures() -> None:
    text = (SEEDS / "003.txt").read_text(encoding="utf-8")
    parsed = parse_policy_text(text, document_id="tj-2021-reply")
    assert [s.title for s in parsed.sections] == ["工作开展情况", "下一步工作举措"]
    assert parsed.measures == ()


def test_to_records_reports_every_unknown_unit(eco: smeeco.Ecosystem) -> None:
    text = "一、甲\n(一)甲。(责任单位:市火星局)\n(二)乙。(责任单位:市工信局、市月球局)"
    parsed = parse_policy_text(text, document_id=DOC)
    with pytest.raises(ValidationError) as info:
        to_records(parsed, eco, document=DOC)
    assert [p.path for p in info.value.problems] == ["measures[0].units[0]", "measures[1].units[1]"]


def test_to_records_wants_the_document_it_was_parsed_for(eco: smeeco.Ecosystem) -> None:
    parsed = parse_policy_text("一、甲\n(一)甲。", document_id=DOC)
    with pytest.raises(InvalidValueError, match="document_id='other'"):
        to_records(parsed, eco, document="other")


def test_a_paragraph_the_end_cuts_after_the_last_clause_is_truncated() -> None:
    # 川府发〔2011〕8号: "…(财政厅牵头)" ⏎ "加强银政、银企合作,…。支持企业扩" (the copy stops)
    text = (
        "一、努力扩大内需\n强化政府性债务管理。(财政厅牵头)\n"
        "加强银政、银企合作,引导商业银行优化信贷结构。支持企业扩"
    )
    parsed = parse_policy_text(text, document_id="d")
    (cut,) = [w for w in parsed.warnings if w.kind == "truncated"]
    assert text[slice(*cut.span)].startswith("加强银政")
    assert parsed.measures[0].clause is not None
    paged = parse_policy_text(text + "\n上一篇:无\n版权所有 © 四川省人民政府", document_id="d")
    assert [w.span for w in paged.warnings if w.kind == "truncated"] == [cut.span]
    signed = text.replace(
        "加强银政、银企合作,引导商业银行优化信贷结构。支持企业扩", "四川省人民政府\n2011年3月17日"
    )
    assert "truncated" not in {w.kind for w in parse_policy_text(signed, document_id="d").warnings}


def test_a_page_s_numbered_metadata_list_is_no_item() -> None:
    # beijing.gov.cn numbers its page fields "1. [主题分类] …", "3. [联合发文单位]"
    text = (
        "政务公开 > 政策文件\n  1. [主题分类] 综合政务/电子政务\n"
        "  2. [发文机构] 北京市政务公开领导小组\n  3. [联合发文单位]\n"
        "  5. [成文日期] 2016-06-08\n\n北京市政务公开工作重点任务分工(2016-2020年)\n"
        "  一、推进行政权力运行全流程公开\n  1.加大行政决策过程的公开力度。\n\n"
        "  牵头单位:市政府办公厅、市政府法制办\n\n  责任单位:各区政府、市政府各部门\n"
    )
    assert [i.marker for i in find_items(text, 0, len(text))] == ["一、", "1."]
    result = smeeco.parse_policy(text, document_id="bj")
    assert result.metadata.title == "北京市政务公开工作重点任务分工(2016-2020年)"
    names = {a.id: a.name.zh for a in result.agencies}
    (measure,) = result.measures
    assert [(names[r.unit], r.role.value, r.explicit) for r in measure.responsibilities] == [
        ("市政府办公厅", "lead", True),
        ("市政府法制办", "lead", True),
        ("各区政府", "support", True),
        ("市政府各部门", "support", True),
    ]
    assert "no-clause" not in {u.kind for u in result.uncertainties}
    # the label lines and the 完成时限 under the item are its fields, not its text
    dated = text + "\n  完成时限:2018年底\n"
    (measure,) = smeeco.parse_policy(dated, document_id="bj").measures
    assert measure.text == "加大行政决策过程的公开力度。"
    assert measure.deadline is not None
    assert str(measure.deadline.date) == "2018-12-31"
    # a measure that starts with a bracketed word is still an item
    assert [i.marker for i in find_items("1.[重点]加强支持,推动各区安排资金。\n", 0, 21)] == ["1."]
