"""``smeeco.parse_policy`` and ``smeeco parse``: forms, layouts, text as it arrives, tables,
agencies, the report, and the pack end to end."""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from smeeco import NotAPolicyTextError, Role, SmeecoError
from smeeco.cli import parse as cli_parse
from smeeco.parse import find_responsibility_clauses, parse_policy_text
from smeeco.parse import prepare as prepare_module
from smeeco.parse.html import html_tables
from smeeco.parse.prepare import prepare
from smeeco.parse.table import find_tables

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
NOTICES = Path(__file__).parent / "fixtures" / "notices"
L, S = Role.LEAD, Role.SUPPORT


def _units(text: str) -> list[list[tuple[str, Role, bool]]]:
    return [
        [(u.name, u.role, u.explicit) for u in c.units] for c in find_responsibility_clauses(text)
    ]


# --------------------------------------------------------------------------- clause forms


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "(省财政厅,各设区市人民政府按职责分工负责)",
            [("省财政厅", S, False), ("各设区市人民政府", S, False)],
        ),
        (
            "(省发展改革委、省财政厅，各地级以上市人民政府按职责分工负责)",
            [
                ("省发展改革委", S, False),
                ("省财政厅", S, False),
                ("各地级以上市人民政府", S, False),
            ],
        ),
        ("(省发展改革委牵头负责)", [("省发展改革委", L, True)]),
        ("(市科委牵头,各区县市配合)", [("市科委", L, True), ("各区县市", S, True)]),
        ("市财政局牵头、市税务局参与", [("市财政局", L, True), ("市税务局", S, True)]),
        ("市财政局、市税务局分别负责", [("市财政局", S, False), ("市税务局", S, False)]),
        (
            "(由市经贸局牵头,会市建设局、国土资源局等办理)",
            [("市经贸局", L, True), ("市建设局", S, True), ("市国土资源局", S, True)],
        ),
        (
            "省经济和信息化主管部门应当会同有关部门建立制度",
            [("省经济和信息化主管部门", L, True), ("有关部门", S, True)],
        ),
    ],
)
def test_clause_forms(text: str, units: list[tuple[str, Role, bool]]) -> None:
    assert _units("加强支持。" + text) == [units]


def test_first_listed_leads_by_a_rule_note_here_and_below() -> None:
    text = (
        "(一)甲。(责任单位:市工信局、市财政局,排在首位的为牵头单位,下同)\n"
        "(二)乙。(责任单位:市科技局、市财政局)"
    )
    first, second = find_responsibility_clauses(text)
    assert first.names == ("市工信局", "市财政局")
    assert first.note == "排在首位的为牵头单位,下同"
    # the text's own rule states every role it governs: the others are stated support
    assert [(u.role, u.explicit) for u in first.units] == [(L, True), (S, True)]
    assert [(u.role, u.explicit) for u in second.units] == [(L, True), (S, True)]


def test_without_a_rule_note_a_listing_stays_inferred() -> None:
    (clause,) = find_responsibility_clauses("(责任单位:市科技局、市财政局)")
    assert [(u.role, u.explicit) for u in clause.units] == [(L, False), (S, False)]


def test_a_responsibility_label_after_a_lead_label_is_stated_support() -> None:
    (clause,) = find_responsibility_clauses("(牵头单位:区发改局;责任单位:区财政局、区商务局)")
    assert [(u.name, u.role, u.explicit) for u in clause.units] == [
        ("区发改局", L, True),
        ("区财政局", S, True),
        ("区商务局", S, True),
    ]
    on_lines = "1.加强支持。\n牵头单位:区发改局\n责任单位:区财政局\n"
    (measure,) = smeeco.parse_policy(on_lines, document_id="d").measures
    assert [(r.role, r.explicit) for r in measure.responsibilities] == [(L, True), (S, True)]


def test_no_lead_word_names_no_lead_also_inside_a_label() -> None:
    (clause,) = find_responsibility_clauses(
        "〔责任单位:省发展改革委、商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,"
        "不再做分工,下同。〕"
    )
    assert clause.form.value == "division"
    assert not clause.lead_named
    assert [(u.name, u.role, u.explicit) for u in clause.units] == [
        ("省发展改革委", S, False),
        ("省商务厅", S, False),
    ]
    assert clause.note == "具体任务均涉及相关市(州)人民政府,不再做分工,下同"


def test_etc_before_a_class_of_units_inside_a_list() -> None:
    (clause,) = find_responsibility_clauses("(省财政厅等省民营经济领导小组成员单位按职责分工负责)")
    assert clause.etc
    assert [(u.name, u.role, u.explicit) for u in clause.units] == [("省财政厅", S, False)]
    (prefixed,) = find_responsibility_clauses("(自治区财政厅、工业和信息化厅按职责分工负责)")
    assert prefixed.names == ("自治区财政厅", "自治区工业和信息化厅")


def test_a_scope_note_is_never_a_unit_and_etc_is_marked() -> None:
    (clause,) = find_responsibility_clauses(
        "(牵头单位:省科技厅;配合单位:各地级以上市人民政府,以下配合单位均含各载体,不再列出)"
    )
    assert clause.names == ("省科技厅", "各地级以上市人民政府")
    (etc,) = find_responsibility_clauses("(责任单位:省工信厅、省财政厅等省有关部门)")
    assert etc.names == ("省工信厅", "省财政厅")
    assert etc.etc


def test_a_prefix_written_once_is_given_only_to_departments() -> None:
    (clause,) = find_responsibility_clauses(
        "(责任单位:市经济和信息化委、发展改革委、人民银行天津分行、各区、县级市)"
    )
    assert clause.names == ("市经济和信息化委", "市发展改革委", "人民银行天津分行", "各区、县级市")
    assert [u.written for u in clause.units][1] == "发展改革委"


def test_a_clause_cut_inside_a_name_gives_no_fragment() -> None:
    parsed = parse_policy_text(
        "一、甲\n(一)加强支持。(责任单位:市财政局、市工业和信息", document_id="doc"
    )
    (measure,) = parsed.measures
    assert measure.clause is not None
    assert measure.clause.names == ("市财政局",)
    assert measure.truncated
    assert {"clause-cut", "truncated"} <= {w.kind for w in parsed.warnings}


# --------------------------------------------------------------------------- structure


def test_the_item_with_the_clause_is_the_measure_and_the_levels_above_its_sections() -> None:
    text = (
        "一、总体要求\n(一)支持重大项目。\n"
        "1.聚焦重大工程。(省发展改革委牵头负责)\n"
        "2.推介项目。(省交通运输厅、省水利厅按职责分工负责)\n"
        "(二)优化服务。\n（1）完善平台。(责任单位:省工信厅)\n"
        "①建立清单。② 发布目录。\n"
    )
    parsed = parse_policy_text(text, document_id="doc")
    assert [(m.number, m.headings) for m in parsed.measures] == [
        ("1.", ("一、", "(一)")),
        ("2.", ("一、", "(一)")),
        ("（1）", ("一、", "(二)")),
    ]
    # sub-items stay in the measure's text; the clause before them stays too
    assert parsed.measures[2].text == "完善平台。(责任单位:省工信厅)\n①建立清单。② 发布目录。"
    assert [s.marker for s in parsed.sections] == ["一、", "(一)", "(二)"]
    assert [m.locator for m in parsed.measures] == ["一(一)1.", "一(一)2.", "一(二)（1）"]


def test_chapters_articles_and_yi_shi() -> None:
    text = (
        "第一章 总则\n第一条 为了促进发展，制定本条例。\n"
        "第二章 措施\n第一节 财税\n第二条 省财政部门应当会同省税务部门落实政策。\n"
        "第三条 一是加强统筹。(责任单位:省工信厅)二是优化服务。(责任单位:省商务厅)\n"
    )
    parsed = parse_policy_text(text, document_id="doc")
    assert [(m.number, m.headings) for m in parsed.measures] == [
        ("第一条", ("第一章",)),
        ("第二条", ("第二章", "第一节")),
        ("一是", ("第二章", "第一节", "第三条")),
        ("二是", ("第二章", "第一节", "第三条")),
    ]
    assert parsed.measures[0].clause is None
    assert [u.name for u in parsed.measures[3].clause.units] == ["省商务厅"]


def test_a_clause_stated_for_the_section_is_given_to_each_measure() -> None:
    text = "一、融资\n(一)扩大信贷。\n(二)发展担保。\n以上任务由市金融局、市财政局负责。\n二、其他"
    parsed = parse_policy_text(text, document_id="doc")
    assert [m.shared for m in parsed.measures] == [True, True]
    assert all(
        m.clause is not None and m.clause.names == ("市金融局", "市财政局") for m in parsed.measures
    )
    # the section's sentence is no part of its last measure's text
    assert [m.text for m in parsed.measures] == ["扩大信贷。", "发展担保。"]
    inline = parse_policy_text(text.replace("。\n以上", "。以上"), document_id="doc")
    assert [m.text for m in inline.measures] == ["扩大信贷。", "发展担保。"]


def test_numbering_problems_are_warnings_with_places() -> None:
    text = "一、甲\n(一)甲。(责任单位:市工信局)\n(一)乙。(责任单位:市工信局)\n"
    parsed = parse_policy_text(text, document_id="doc")
    (warning,) = [w for w in parsed.warnings if w.kind == "numbering"]
    assert "repeats (一)" in warning.message
    assert text[slice(*warning.span)] == "(一)"


# --------------------------------------------------------------------------- text as it arrives


def test_glosses_and_width_are_removed_and_spans_point_at_the_original() -> None:
    original = "（責任單位：省發(fā)展改革委、和(hé / huò)的(de)財政廳）"
    prepared = prepare(original, convert=False)
    assert prepared.text == "(責任單位:省發展改革委、和的財政廳)"
    assert prepared.glosses == 3
    start = prepared.text.index("財政廳")
    assert prepared.quote(start, start + 3) == "財政廳"
    start = prepared.text.index("發展改革委")
    assert prepared.quote(start, start + 5) == "發(fā)展改革委"


def test_traditional_text_is_converted_and_quoted_as_given() -> None:
    text = (NOTICES / "guangdong-2023-private-investment-trad.txt").read_text(encoding="utf-8")
    result = smeeco.parse_policy(text, document_id="gd")
    assert result.prepared.converted
    first = result.measures[0]
    assert [result.agencies[0].name.zh] == ["省发展改革委"]
    for source in first.sources:
        assert text[slice(*source.span)] == source.quote
    assert first.sources[1].quote == "(省發(fā)展改革委牽頭負(fù)責(zé))"


def test_opencc_converts_a_whole_text_as_it_converts_each_line() -> None:
    """prepare converts a text once and reads its lines from that; the same as per line."""
    converter = prepare_module._opencc()
    for path in sorted(NOTICES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if not prepare_module.looks_traditional(text):
            continue
        lines = text.splitlines(keepends=True)
        assert converter.convert(text).splitlines(keepends=True) == [
            converter.convert(line) for line in lines
        ], path.name


def test_without_opencc_a_traditional_text_is_warned_about(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepare_module, "opencc_available", lambda: False)
    result = smeeco.parse_policy(
        "廣東省人民政府辦公廳關於印發實施方案的通知\n一、總則\n(一)發展。", document_id="x"
    )
    script = [u for u in result.uncertainties if u.kind == "script"]
    assert script
    assert "smeeco[zh]" in script[0].message


@pytest.mark.parametrize("junk", ["", "   \n\t", "hello world 123", "\x00\x01\x02"])
def test_empty_or_junk_input_is_a_clear_error(junk: str) -> None:
    with pytest.raises(NotAPolicyTextError):
        smeeco.parse_policy(junk)


@settings(max_examples=300)
@given(
    st.text(
        st.sampled_from(["甲", "乙", " ", "\u3000", "\n", "a", "<", "\u4e00", "\u9fff", "\u3400"]),
        max_size=12,
    )
)
def test_a_text_is_refused_exactly_when_it_is_blank_or_has_under_four_han(text: str) -> None:
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    if not text.strip():
        with pytest.raises(NotAPolicyTextError, match="the input is empty"):
            smeeco.parse_policy(text)
    elif han < 4:
        with pytest.raises(NotAPolicyTextError, match=f"holds {han or 'no'} Chinese characters"):
            smeeco.parse_policy(text)
    else:
        smeeco.parse_policy(text, document_id="d")


@settings(max_examples=300)
@given(st.text(st.sampled_from(["a", ".", "/", "_", " ", "甲", "\\"]), max_size=10))
def test_a_document_id_is_made_from_the_file_name_as_path_stem_reads_it(name: str) -> None:
    from smeeco.parse.pack import _stem

    assert _stem(name) == Path(name).stem


def test_a_control_character_is_reported_and_never_reaches_a_record(tmp_path: Path) -> None:
    notice = (
        "示例市关于若干措施的通知\n一、财税\n(一)加强\x00资金支持。(责任单位:示例市财政局)\x0c\n"
    )
    result = smeeco.parse_policy(notice, document_id="ex-pdf")
    (measure,) = result.measures
    assert measure.name.zh == "加强资金支持"
    (control,) = [u for u in result.uncertainties if u.kind == "control"]
    assert (control.line, control.column) == (3, 6)
    assert "U+0000" in control.message
    for source in measure.sources:  # the spans point at the given text; quotes leave it out
        assert source.span is not None
        assert notice[slice(*source.span)].replace("\x00", "") == source.quote
    path = smeeco.write_pack(result.records, tmp_path / "p.yaml")
    assert {r.id for r in smeeco.read_pack(path).records()} >= {"ex-pdf", "ex-pdf.m01"}


# --------------------------------------------------------------------------- tables


TABLE_BODY = [
    ("序号", "工作任务", "牵头部门", "参与部门", "完成时限"),
    ("1", "拓宽融资渠道", "省金融办", "省财政厅、人行南昌中心支行", "2023年6月底前"),
    ("2", "完善担保体系", "省中小企业局", "省财政厅", "长期坚持"),
]


@pytest.mark.parametrize("style", ["pipes", "tabs", "spaces", "html"])
def test_task_tables_in_every_pasted_form(style: str) -> None:
    if style == "pipes":
        text = "\n".join("| " + " | ".join(row) + " |" for row in TABLE_BODY)
    elif style == "tabs":
        text = "\n".join("\t".join(row) for row in TABLE_BODY)
    elif style == "spaces":
        text = "\n".join("   ".join(row) for row in TABLE_BODY)
    else:
        cells = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE_BODY
        )
        rendered = html_tables(f"<table>{cells}</table>")  # as prepare renders it
        assert rendered is not None
        text = rendered.text
    (table,) = find_tables("附件：任务分工表\n" + text + "\n")
    assert [row.title for row in table.rows] == ["拓宽融资渠道", "完善担保体系"]
    assert [(u.name, u.role, u.explicit) for u in table.rows[0].units] == [
        ("省金融办", L, True),
        ("省财政厅", S, True),
        ("人行南昌中心支行", S, True),
    ]
    assert str(table.rows[0].deadline_date) == "2023-06-30"
    assert table.rows[1].deadline_date is None


def test_table_rows_attach_to_the_measure_of_the_same_title() -> None:
    text = (
        "某省关于若干措施的通知\n一、融资\n(一)拓宽融资渠道。鼓励发行债券。\n(二)其他工作。\n\n附件：分工表\n"
        + "\n".join(" | ".join(row) for row in TABLE_BODY)
        + "\n"
    )
    result = smeeco.parse_policy(text, document_id="t")
    first, second, third = result.measures
    assert first.name.zh == "拓宽融资渠道"
    assert [r.role for r in first.responsibilities] == [L, S, S]
    assert first.sources[1].locator.endswith("任务分工表")
    assert first.deadline == smeeco.Deadline("2023年6月底前", dt.date(2023, 6, 30), "month")
    assert "完成时限" not in first.notes
    due = first.sources[2]
    assert (due.locator, due.quote) == ("一(一) 完成时限", "2023年6月底前")
    assert not second.responsibility_stated  # 其他工作: no clause, no row
    assert third.name.zh == "完善担保体系"  # a row that matches nothing is a measure


# --------------------------------------------------------------------------- agencies, report


def test_names_resolve_through_the_registry_with_the_jurisdiction_as_context() -> None:
    text = (SEEDS / "004.txt").read_text(encoding="utf-8")
    eco = smeeco.load("tianjin-agencies")
    result = smeeco.parse_policy(text, document_id="tj-parsed", agencies=eco, jurisdiction="tj")
    curated = smeeco.load("tianjin-2022-measures")
    for measure in result.measures:
        pack = curated.require(f"tj-2022-measures.m{measure.ordinal:02d}", smeeco.Measure)
        assert measure.responsibilities == pack.responsibilities, measure.number
    assert result.agencies == ()
    doc = result.document
    assert (doc.number, doc.issued.isoformat()) == ("津中小企组〔2022〕2号", "2022-06-18")
    assert doc.addressees == curated.require("tj-2022-measures", smeeco.PolicyDocument).addressees
    assert doc.addressees == ("市领导小组各成员单位", "各相关部门", "各区领导小组办公室")
    assert "主送" not in doc.notes


def test_an_unknown_name_is_one_new_agency_marked_unresolved_and_reported() -> None:
    text = (
        "某市关于若干措施的通知\n一、甲\n(一)甲。(责任单位:市火星局、各区人民政府)\n"
        "(二)乙。(牵头单位:市火星局)\n"
    )
    result = smeeco.parse_policy(text, document_id="mars")
    mars, districts = result.agencies
    assert mars.name.zh == "市火星局"
    assert "unresolved" in mars.notes
    assert districts.collective
    assert result.measures[1].responsibilities[0].unit == mars.id  # one name, one agency
    unresolved = [u for u in result.uncertainties if u.kind == "unresolved"]
    assert [(u.line, u.column) for u in unresolved] == [(3, 12), (3, 17)]
    assert text.split("\n")[2][11:15] == "市火星局"


# --------------------------------------------------------------------------- the command


def _run(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="smeeco")
    cli_parse.add_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    out = io.StringIO()
    return args.run(args, out), out.getvalue()


def test_the_command_writes_a_pack_that_loads_graphs_and_matrices(tmp_path: Path) -> None:
    pack = tmp_path / "parsed.yaml"
    seed = str(SEEDS / "004.txt")
    other = str(NOTICES / "hunan-2020-sme-work-points.txt")
    status, printed = _run(["parse", seed, other, "-o", str(pack), "--id", "tj-a", "--id", "hn-a"])
    assert status == 0
    assert printed.startswith(f"wrote {pack}: 2 document(s), 29 measure(s)")
    eco = smeeco.load(pack)
    assert {d.id for d in eco.documents} >= {"tj-a", "hn-a"}
    assert eco.packs[-1].requires == ("tianjin-agencies",)
    assert smeeco.lead_unit(eco, "tj-a.m04") == "tj-pbc-branch"
    from smeeco.cli import main

    assert main(["graph", str(pack), "-o", str(tmp_path / "g.graphml")]) == 0
    assert main(["matrix", str(pack), "-o", str(tmp_path / "m.csv")]) == 0
    assert "省工业和信息化厅" in (tmp_path / "m.csv").read_text(encoding="utf-8")


def test_strict_and_report(tmp_path: Path) -> None:
    pack = tmp_path / "p.json"
    status, printed = _run(
        ["parse", str(SEEDS / "004.txt"), "-o", str(pack), "--report", "--strict"]
    )
    assert status == 1  # the copy breaks off inside (二十四)
    assert "004.txt:" in printed
    assert ": truncated: the text breaks off inside measure (二十四)" in printed
    assert smeeco.load(pack).counts()["measure"] == 24


def test_a_bad_output_is_refused_before_parsing(tmp_path: Path) -> None:
    with pytest.raises(SmeecoError, match=r"\.yaml or \.json"):
        _run(["parse", str(SEEDS / "004.txt"), "-o", str(tmp_path / "p.txt")])


# --------------------------------------------------------------------------- never crash

REAL = [
    (SEEDS / "004.txt").read_text(encoding="utf-8"),
    *(p.read_text(encoding="utf-8") for p in sorted(NOTICES.glob("*.txt"))[:6]),
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(REAL),
    st.lists(
        st.tuples(
            st.floats(0, 1),
            st.integers(0, 40),
            st.sampled_from(
                ["", "(", ")", "、", "牵头，", "(责任单位:", "\n", "一、", "1.", "(ā)", "由"]
            ),
        ),
        max_size=8,
    ),
)
def test_parse_never_crashes_on_mutated_notices(
    text: str, cuts: list[tuple[float, int, str]]
) -> None:
    for where, length, insert in cuts:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + length :]
    try:
        result = smeeco.parse_policy(text, document_id="fuzz")
    except NotAPolicyTextError:
        return
    for measure in result.measures:
        for source in measure.sources:
            assert source.span is not None
            assert text[slice(*source.span)] == source.quote


def test_seed_003_a_reply_invents_no_responsibilities() -> None:
    text = (SEEDS / "003.txt").read_text(encoding="utf-8")
    result = smeeco.parse_policy(text, document_id="tj-2021-reply")
    assert all(not m.responsibilities for m in result.measures)
    assert result.agencies == ()
    assert "no-measures" in {u.kind for u in result.uncertainties}


def test_smeeco_parse_through_the_dispatcher(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from smeeco import cli
    from smeeco.cli import main

    assert cli_parse in cli.COMMANDS

    pack = tmp_path / "hn.yaml"
    status = main(["parse", str(NOTICES / "hunan-2020-sme-work-points.txt"), "-o", str(pack)])
    assert status == 0
    captured = capsys.readouterr()
    assert "5 measure(s)" in captured.out
    assert "smeeco: warning: 1 uncertainties; see them with --report" in captured.err
    assert main(["parse", str(tmp_path / "missing.txt"), "-o", str(pack)]) == 1
    assert "no file" in capsys.readouterr().err
    assert main(["who", str(pack), "1、"]) == 0
    assert "省工业和信息化厅" in capsys.readouterr().out


def test_one_unresolved_name_is_one_agency_across_the_pack() -> None:
    from smeeco.parse.pack import parse_to_pack

    hunan = (NOTICES / "hunan-2020-sme-work-points.txt").read_text(encoding="utf-8")
    other = "湖南省关于若干措施的通知\n一、甲\n(一)加强服务。(责任单位:省工业和信息化厅、省财政厅)"
    # the work points say only 全省: whose 省工业和信息化厅 it is, --jurisdiction tells
    pack = parse_to_pack([("hunan.txt", hunan), ("other.txt", other)], jurisdiction="hn")
    agencies = [r for r in pack.records if r.kind == "agency"]
    assert [a.name.zh for a in agencies] == ["省工业和信息化厅", "省财政厅"]
    assert [a.id for a in agencies] == ["hunan.u01", "other.u01"]
    second = pack.results[1][1]
    assert [r.unit for r in second.measures[0].responsibilities] == ["hunan.u01", "other.u01"]
    assert [u.kind for u in second.uncertainties].count("unresolved") == 2
    smeeco.Ecosystem(pack.records)  # the records hold together
    # without it, a document of no known place shares no 省… unit with another
    alone = parse_to_pack([("hunan.txt", hunan), ("other.txt", other)])
    names = [a.name.zh for a in alone.records if a.kind == "agency"]
    assert names == ["省工业和信息化厅", "省工业和信息化厅", "省财政厅"]


def test_a_relative_name_is_one_agency_per_place_only() -> None:
    from smeeco.parse.pack import parse_to_pack

    def notice(city: str, unit: str) -> str:
        head = f"{city}人民政府办公室关于印发若干措施的通知\n一、财税\n"
        return head + f"(一)加强支持。(责任单位:{unit})\n"

    pack = parse_to_pack(
        [
            ("a.txt", notice("甲市", "市财政局、国网某供电公司")),
            ("b.txt", notice("乙市", "市财政局、国网某供电公司")),
            ("c.txt", notice("甲市", "市财政局")),
        ]
    )
    units = [[r.unit for r in res.measures[0].responsibilities] for _n, res in pack.results]
    # 甲市's 市财政局 is not 乙市's; a name of its own place is one agency for all
    assert units == [["a.u01", "a.u02"], ["b.u01", "a.u02"], ["a.u01"]]
    # a title that names no place before its 关于 ("关于推进城市…") gives none: not shared
    untold = "关于推进城市更新的通知\n一、财税\n(一)加强支持。(责任单位:市财政局)\n"
    pack = parse_to_pack([("x.txt", untold), ("y.txt", untold)])
    units = [[r.unit for r in res.measures[0].responsibilities] for _n, res in pack.results]
    assert units == [["x.u01"], ["y.u01"]]


def test_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (NOTICES / "hunan-2020-sme-work-points.txt").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    status, printed = _run(["parse", "-", "-o", str(tmp_path / "p.yaml"), "--id", "hn"])
    assert status == 0
    assert "5 measure(s)" in printed
    assert smeeco.load(tmp_path / "p.yaml").counts()["measure"] == 5


def test_a_verb_after_the_last_name_is_not_part_of_it() -> None:
    (clause,) = find_responsibility_clauses("(责任单位:市商务局、园区管委会落实)")
    assert clause.names == ("市商务局", "园区管委会")


def test_an_unlabelled_bracket_of_names_is_a_listing_with_a_warning() -> None:
    text = "一、甲\n1.支持技改。给予贴息。(省工信厅、省财政厅)\n2.制定方案(试行)。\n"
    parsed = parse_policy_text(text, document_id="doc")
    first, second = parsed.measures
    assert first.clause is not None
    assert [(u.name, u.role, u.explicit) for u in first.clause.units] == [
        ("省工信厅", L, False),
        ("省财政厅", S, False),
    ]
    assert first.text == "支持技改。给予贴息。"  # the trailing clause is not text
    assert second.clause is None
    assert [w.kind for w in parsed.warnings] == ["unlabelled", "no-clause"]


# --------------------------------------------------------------------------- run-on copies


_FILLER = "加强政策宣传解读,推动各项政策落地见效,切实减轻企业负担。" * 6


def test_items_numbered_inside_a_run_on_line_are_read_with_a_warning() -> None:
    text = (
        "为促进发展,制定方案如下:一、工作目标全面落实各项政策。二、工作措施(一)降低企业税收负担。"
        f"1.执行税额标准{_FILLER}[责任单位:市财政局、市税务局,排在首位为牵头单位,下同]"
        f"2.执行印花税核定办法{_FILLER}(责任单位:市税务局)"
    )
    result = smeeco.parse_policy(text, document_id="d")
    got = [
        (m.number, p.headings, [(r.role, r.explicit) for r in m.responsibilities])
        for m, p in zip(result.measures, result.parsed.measures, strict=True)
    ]
    assert got == [
        ("1.", ("二、", "(一)"), [(L, True), (S, True)]),
        ("2.", ("二、", "(一)"), [(L, True)]),
    ]
    (run_on,) = [u for u in result.uncertainties if u.kind == "run-on"]
    assert "5 item numbers" in run_on.message
    for measure in result.measures:
        for source in measure.sources:
            assert source.span is not None
            assert text[source.span[0] : source.span[1]] == source.quote


def test_short_lines_and_numerals_in_words_are_not_cut() -> None:
    from smeeco.parse.prepare import prepare

    assert prepare("支持发展。1.加大支持。2.优化服务。").breaks == 0  # a short line
    long = f"{_FILLER}一、二级企业给予奖励。{_FILLER}1.5亿元用于支持。{_FILLER}"
    assert prepare(long).breaks == 0  # "一、二级", "1.5亿" are not item numbers


def test_a_table_with_single_space_columns_is_read_by_its_numbers_or_reported() -> None:
    text = (
        "谯城区2023年重点工作任务分解表\n"
        "序号 重点工作任务 主要责任单位 协同配合单位 完成期限\n"
        "1 新培育科技型中小企业50家以上。 区科技局 区经信局、区商务局 2023年12月底\n"
    )
    result = smeeco.parse_policy(text, document_id="d")
    (measure,) = result.measures
    assert (measure.number, measure.name.zh) == ("1", "新培育科技型中小企业50家以上")
    assert {u.kind for u in result.uncertainties} == {"unresolved"}
    # without a 序号 column the rows cannot be told apart: the header is reported
    unnumbered = text.replace("序号 ", "").replace("\n1 ", "\n")
    result = smeeco.parse_policy(unnumbered, document_id="d")
    assert result.measures == ()
    (unread,) = [u for u in result.uncertainties if u.kind == "table-unread"]
    assert (unread.line, unread.column) == (2, 1)
    assert "'重点工作任务 主要责任单位 协同配合单位 完成期限'" in unread.message
    # a cell holding a space: more cells than columns, the row is not read
    spaced = text.replace("区经信局、区商务局", "区经信局 区商务局")
    result = smeeco.parse_policy(spaced, document_id="d")
    assert result.measures == ()
    (row,) = [u for u in result.uncertainties if u.kind == "table"]
    assert row.line == 3
    assert "row 1 of the table has 6 cells separated by spaces for 5 columns" in row.message


def test_smeeco_parse_names_every_file_that_is_not_a_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from smeeco.cli import main

    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "junk.txt").write_text("abc 123", encoding="utf-8")
    status = main(
        [
            "parse",
            str(tmp_path / "empty.txt"),
            str(tmp_path / "junk.txt"),
            "-o",
            str(tmp_path / "x.yaml"),
        ]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert "empty.txt: the input is empty" in err
    assert "junk.txt: the input holds no Chinese characters" in err
    assert not (tmp_path / "x.yaml").exists()
