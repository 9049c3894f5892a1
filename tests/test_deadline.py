"""Deadlines (完成时限) and addressees (主送): the model, data packs, the parser, outputs."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
import smeeco.cli
from smeeco import (
    Deadline,
    DeadlineReading,
    InvalidValueError,
    Measure,
    Name,
    PolicyDocument,
    ValidationError,
)
from smeeco.io.convert import record_from_data, record_to_data
from smeeco.model.deadline import unread_reason
from strategies import DEADLINE_FORMS, deadline_texts, deadlines

D = dt.date
R = DeadlineReading


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("text", "date", "reading"),
    [
        ("2023年12月底前", D(2023, 12, 31), R.MONTH),
        ("2023年底前", D(2023, 12, 31), R.YEAR),
        ("2023年年底前", D(2023, 12, 31), R.YEAR),
        ("2023年末", D(2023, 12, 31), R.YEAR),
        ("2023年内", D(2023, 12, 31), R.YEAR),
        ("2024年6月底前", D(2024, 6, 30), R.MONTH),
        ("2024年6月", D(2024, 6, 30), R.MONTH),
        ("2024年2月底前", D(2024, 2, 29), R.MONTH),  # a leap year
        ("2023年2月", D(2023, 2, 28), R.MONTH),
        ("2025年", D(2025, 12, 31), R.YEAR),
        ("2024年上半年", D(2024, 6, 30), R.HALF_YEAR),
        ("2024年下半年", D(2024, 12, 31), R.HALF_YEAR),
        ("2024年一季度", D(2024, 3, 31), R.QUARTER),
        ("2024年第三季度末", D(2024, 9, 30), R.QUARTER),
        ("2022年9月15日", D(2022, 9, 15), R.DAY),
        ("2022年9月15日前", D(2022, 9, 15), R.DAY),
        ("于2023年底前完成", D(2023, 12, 31), R.YEAR),
        ("２０２４年６月底前", D(2024, 6, 30), R.MONTH),
        (" 2024 年 6 月底前。", D(2024, 6, 30), R.MONTH),
        ("二〇二三年十二月底前", D(2023, 12, 31), R.MONTH),
        ("长期坚持", None, R.ONGOING),
        ("持续推进", None, R.ONGOING),
        ("常态化", None, R.ONGOING),
        ("常态化推进", None, R.ONGOING),
        ("长期", None, R.ONGOING),
        # never a guess
        ("6月底前", None, R.UNREAD),  # no year
        ("年底前", None, R.UNREAD),
        ("2025年6月前", None, R.UNREAD),  # before June begins, or by its end?
        ("2023年前", None, R.UNREAD),
        ("2023—2025年", None, R.UNREAD),
        ("2023年起", None, R.UNREAD),
        ("每年年底前", None, R.UNREAD),
        ("2023年底前完成，长期坚持", None, R.UNREAD),
        ("2024年2月30日", None, R.UNREAD),  # no such day
        ("2024年13月", None, R.UNREAD),
        ("尽快", None, R.UNREAD),
    ],
)
def test_deadline_readings(text: str, date: dt.date | None, reading: DeadlineReading) -> None:
    deadline = Deadline.read(text)
    assert (deadline.text, deadline.date, deadline.reading) == (text, date, reading)
    assert deadline.ongoing == (reading is R.ONGOING)
    assert deadline.unread == (reading is R.UNREAD)


def test_a_deadline_prints_its_text_and_its_reading() -> None:
    assert str(Deadline.read("2023年底前")) == "2023年底前 (by 2023-12-31)"
    assert str(Deadline.read("长期坚持")) == "长期坚持 (ongoing)"
    assert str(Deadline.read("尽快")) == "尽快 (no date read)"
    assert repr(Deadline.read("2024年上半年")) == "Deadline('2024年上半年', 2024-06-30, half_year)"


def test_why_a_deadline_has_no_date() -> None:
    assert "before June 2025 begins or by its end" in unread_reason("2025年6月前")
    assert "'2025年6月底前'" in unread_reason("2025年6月前")
    assert "names no year" in unread_reason("6月底前")
    assert "does not exist" in unread_reason("2024年2月30日")
    assert "2023年底前" in unread_reason("尽快")  # the forms it reads


def test_a_date_read_from_the_text_must_be_the_texts() -> None:
    with pytest.raises(InvalidValueError, match=r"reads as 2023-12-31 \(year\), not 2024-01-01"):
        Deadline("2023年底前", D(2024, 1, 1), "year")
    with pytest.raises(InvalidValueError, match="reads as 2023-12-31"):
        Deadline("2023年底前", None, "unread")
    # a date from elsewhere says so
    assert Deadline("年底前", D(2023, 12, 31), "given").date == D(2023, 12, 31)
    assert Deadline("年底前", "2023-12-31").reading is R.GIVEN


@pytest.mark.parametrize(
    ("args", "path", "words"),
    [
        (("年底前",), "date", "needs a date"),
        (("长期坚持", D(2023, 1, 1), "ongoing"), "date", "has no date"),
        (("尽快", D(2023, 1, 1), "unread"), "date", "has no date"),
        ((" ",), "text", "as written"),
        ((5,), "text", "must be text"),
        (("2023年\x1b底前", D(2023, 12, 31)), "text", r"U\+001B"),
        (("2023年底前", D(2023, 12, 31), "soon"), "reading", "'soon'"),
        (("2023年底前", "2023-13-01"), "", "2023-13-01"),
    ],
)
def test_bad_deadlines_are_refused_with_their_field(
    args: tuple[object, ...], path: str, words: str
) -> None:
    with pytest.raises(InvalidValueError, match=words) as caught:
        Deadline(*args)  # type: ignore[arg-type]
    assert caught.value.path == path


def test_a_measure_takes_a_deadline_or_its_text() -> None:
    m = Measure(id="d.m1", name=Name("甲"), document="d", ordinal=1, deadline="2024年6月底前")
    assert m.deadline == Deadline("2024年6月底前", D(2024, 6, 30), "month")
    assert Measure(id="d.m1", name=Name("甲"), document="d", ordinal=1).deadline is None
    with pytest.raises(InvalidValueError, match="Deadline or its text") as caught:
        Measure(id="d.m1", name=Name("甲"), document="d", ordinal=1, deadline=D(2024, 6, 30))  # type: ignore[arg-type]
    assert caught.value.path == "deadline"


def test_addressees_are_texts_in_stated_order() -> None:
    doc = PolicyDocument(
        id="d", name=Name("通知"), addressees=["各区人民政府", "市政府各委、办、局", "各有关单位"]
    )
    assert doc.addressees == ("各区人民政府", "市政府各委、办、局", "各有关单位")
    assert PolicyDocument(id="d", name=Name("通知")).addressees == ()
    for bad, path in ((("各区人民政府", " "), "addressees[1]"), (("a\x00",), "addressees[0]")):
        with pytest.raises(InvalidValueError) as caught:
            PolicyDocument(id="d", name=Name("通知"), addressees=bad)
        assert caught.value.path == path
    with pytest.raises(InvalidValueError, match="one item per addressee"):
        PolicyDocument(id="d", name=Name("通知"), addressees="各区人民政府")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- packs


def test_a_deadline_read_from_its_text_is_written_as_its_text() -> None:
    m = Measure(id="d.m1", name=Name("甲"), document="d", ordinal=1, deadline="2023年底前")
    assert record_to_data(m)["deadline"] == "2023年底前"
    given_ = Measure(
        id="d.m1",
        name=Name("甲"),
        document="d",
        ordinal=1,
        deadline=Deadline("年底前", "2023-12-31"),
    )
    assert record_to_data(given_)["deadline"] == {"text": "年底前", "date": "2023-12-31"}
    ongoing = Deadline("按季度推进", None, "ongoing")  # ongoing by the curator's reading
    data = record_to_data(attrs_evolve(m, ongoing))
    assert data["deadline"] == {"text": "按季度推进", "reading": "ongoing"}
    assert record_from_data(data, Measure).deadline == ongoing


def attrs_evolve(m: Measure, deadline: Deadline) -> Measure:
    import attrs

    return attrs.evolve(m, deadline=deadline)


@given(deadlines())
@settings(max_examples=200)
def test_deadlines_round_trip_through_plain_data(deadline: Deadline) -> None:
    m = Measure(id="d.m1", name=Name("甲"), document="d", ordinal=1, deadline=deadline)
    data = json.loads(json.dumps(record_to_data(m), ensure_ascii=False))
    assert record_from_data(data, Measure) == m


@given(deadline_texts())
@settings(max_examples=300)
def test_reading_never_fails_and_every_date_is_a_real_end(text: str) -> None:
    deadline = Deadline.read(text)
    assert deadline.text == text
    assert (deadline.date is None) == (deadline.reading in (R.ONGOING, R.UNREAD))
    if deadline.reading in (R.MONTH, R.QUARTER, R.HALF_YEAR, R.YEAR):
        assert deadline.date is not None
        assert (deadline.date + dt.timedelta(days=1)).day == 1  # the last day of a month


def test_the_strategy_forms_cover_every_reading() -> None:
    readings = {Deadline.read(f.format(y=2024, m=6, d=15, q="二")).reading for f in DEADLINE_FORMS}
    assert readings == set(DeadlineReading) - {R.GIVEN}


PACK = """smeeco: 1
pack: {name: due}
documents:
- id: due-doc
  name: 某市关于若干措施的通知
  addressees: [各区人民政府, 市政府各委、办、局, 各有关单位]
measures:
- {id: due-doc.m1, name: 甲, document: due-doc, ordinal: 1, deadline: 2023年底前}
- id: due-doc.m2
  name: 乙
  document: due-doc
  ordinal: 2
  deadline: {text: 年底前, date: 2023-12-31, reading: given}
- {id: due-doc.m3, name: 丙, document: due-doc, ordinal: 3, deadline: 长期坚持}
- {id: due-doc.m4, name: 丁, document: due-doc, ordinal: 4}
"""


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_packs_carry_deadlines_and_addressees(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "due.yaml"
    source.write_text(PACK, encoding="utf-8")
    eco = smeeco.read_pack(source)
    due = [eco.require(f"due-doc.m{i}", Measure).deadline for i in range(1, 5)]
    assert [(d.date, d.reading.value) if d else None for d in due] == [
        (D(2023, 12, 31), "year"),
        (D(2023, 12, 31), "given"),
        (None, "ongoing"),
        None,
    ]
    doc = eco.require("due-doc", PolicyDocument)
    assert doc.addressees == ("各区人民政府", "市政府各委、办、局", "各有关单位")
    out = tmp_path / f"out.{fmt}"
    smeeco.write_pack(eco, out)
    again = smeeco.read_pack(out)
    assert list(again.records()) == list(eco.records())
    text = out.read_text(encoding="utf-8")
    assert "2023年底前" in text
    assert "各有关单位" in text


def test_a_bad_deadline_in_a_pack_names_the_file_the_path_and_the_value(tmp_path: Path) -> None:
    bad = tmp_path / "due.yaml"
    bad.write_text(
        PACK.replace(
            "date: 2023-12-31, reading: given", "date: 2023-12-32, reading: given"
        ).replace(
            "deadline: 长期坚持", "deadline: {text: 长期坚持, date: 2023-01-01, reading: ongoing}"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        smeeco.read_pack(bad)
    message = str(caught.value)
    assert "due.yaml" in message
    assert "measures[1].deadline.date" in message
    assert "2023-12-32" in message
    assert "measures[2].deadline.date" in message
    assert "has no date" in message


def test_packs_without_the_fields_load_as_before() -> None:
    eco = smeeco.load("example")
    assert all(m.deadline is None for m in eco.measures)
    assert all(d.addressees == () for d in eco.documents)


def test_the_bundled_addressees_are_quoted_from_their_source() -> None:
    eco = smeeco.load("tianjin")
    stated = {d.id: d for d in eco.documents if d.addressees}
    assert set(stated) == {"tj-2022-measures", "tj-2021-reply"}
    for doc in stated.values():
        (quote,) = [s.quote for s in doc.sources if s.locator == "主送"]
        assert "、".join(doc.addressees).replace("、", "") == quote.replace("、", "").replace(
            ",", ""
        )


# --------------------------------------------------------------------------- the parser

TABLE = (
    "某省关于若干措施的通知\n各设区市人民政府，省政府各部门：\n"
    "一、融资\n(一)拓宽融资渠道。鼓励发行债券。\n\n附件：分工表\n"
    "序号 | 工作任务 | 牵头部门 | 参与部门 | 完成时限\n"
    "1 | 拓宽融资渠道 | 省金融办 | 省财政厅 | 2023年6月底前\n"
    "2 | 完善担保体系 | 省中小企业局 | 省财政厅 | 长期坚持\n"
    "3 | 建设服务平台 | 省中小企业局 | 省财政厅 | 2025年6月前\n"
    "4 | 开展培训 | 省中小企业局 | 省财政厅 |  \n"
)


def test_the_parser_reads_the_deadline_column_into_the_measure() -> None:
    result = smeeco.parse_policy(TABLE, document_id="t")
    due = [m.deadline for m in result.measures]
    assert [(d.text, d.date, d.reading.value) if d else None for d in due] == [
        ("2023年6月底前", D(2023, 6, 30), "month"),
        ("长期坚持", None, "ongoing"),
        ("2025年6月前", None, "unread"),
        None,
    ]
    assert not any("完成时限" in m.notes for m in result.measures)
    for m in result.measures[:3]:
        (source,) = [s for s in m.sources if s.locator.endswith("完成时限")]
        assert source.span is not None
        assert TABLE[source.span[0] : source.span[1]] == source.quote == m.deadline.text  # type: ignore[union-attr]


def test_a_deadline_without_a_date_is_reported_with_its_place() -> None:
    result = smeeco.parse_policy(TABLE, document_id="t")
    (warning,) = [u for u in result.uncertainties if u.kind == "deadline"]
    line = TABLE.split("\n")[warning.line - 1]
    assert line[warning.column - 1 :].startswith("2025年6月前")
    assert "before June 2025 begins or by its end" in warning.message
    assert "长期坚持" not in result.report()  # ongoing is read, not uncertain


def test_the_parser_reads_the_addressees_into_the_document() -> None:
    result = smeeco.parse_policy(TABLE, document_id="t")
    doc = result.document
    assert doc.addressees == ("各设区市人民政府", "省政府各部门")
    (source,) = [s for s in doc.sources if s.locator == "主送"]
    assert source.span is not None
    assert (
        TABLE[source.span[0] : source.span[1]] == source.quote == "各设区市人民政府，省政府各部门"
    )
    assert "主送" not in doc.notes


def test_addressees_and_deadlines_of_a_traditional_text_quote_the_original() -> None:
    pytest.importorskip("opencc")
    text = (
        "某省關於若干措施的通知\n各設區市人民政府，省政府各部門：\n"
        "附件：分工表\n序號 | 工作任務 | 牽頭部門 | 完成時限\n"
        "1 | 拓寬融資渠道 | 省財政廳 | 2023年6月底前\n"
    )
    result = smeeco.parse_policy(text, document_id="t")
    assert result.document.addressees == ("各设区市人民政府", "省政府各部门")
    (quote,) = [s for s in result.document.sources if s.locator == "主送"]
    assert quote.quote == "各設區市人民政府，省政府各部門"
    (measure,) = result.measures
    assert measure.deadline is not None
    assert measure.deadline.date == D(2023, 6, 30)
    (due,) = [s for s in measure.sources if s.locator.endswith("完成时限")]
    assert due.span is not None
    assert text[due.span[0] : due.span[1]] == "2023年6月底前"


@given(st.sampled_from(DEADLINE_FORMS), st.integers(1995, 2035), st.integers(1, 12))
@settings(max_examples=40, deadline=None)
def test_the_parsed_deadline_is_what_the_reader_reads(form: str, year: int, month: int) -> None:
    written = form.format(y=year, m=month, d=1, q="四")
    text = (
        "某省关于若干措施的通知\n附件：分工表\n序号 | 工作任务 | 牵头部门 | 完成时限\n"
        f"1 | 拓宽融资渠道 | 省财政厅 | {written}\n"
    )
    (measure,) = smeeco.parse_policy(text, document_id="t").measures
    assert measure.deadline == Deadline.read(written)


# --------------------------------------------------------------------------- outputs


@pytest.fixture(scope="module")
def parsed_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("due")
    notice = folder / "notice.txt"
    notice.write_text(TABLE, encoding="utf-8")
    pack = folder / "due.yaml"
    assert smeeco.cli.main(["parse", str(notice), "-o", str(pack), "--id", "due"]) == 0
    return pack


def test_the_measures_table_has_the_deadline_columns(parsed_pack: Path) -> None:
    cols = smeeco.table_columns(smeeco.load(str(parsed_pack)), "measures")
    assert cols.names[cols.names.index("deadline") + 1] == "deadline_date"
    assert cols.types[cols.names.index("deadline_date")] == "date"
    assert list(zip(cols.data["deadline"], cols.data["deadline_date"], strict=True)) == [
        ("2023年6月底前", D(2023, 6, 30)),
        ("长期坚持", None),
        ("2025年6月前", None),
        (None, None),
    ]
    documents = smeeco.table_columns(smeeco.load(str(parsed_pack)), "documents")
    assert documents.data["addressees"] == ["各设区市人民政府|省政府各部门"]


def test_the_list_form_has_a_deadline_column_only_when_a_measure_has_one(
    parsed_pack: Path, tmp_path: Path
) -> None:
    (lst,) = smeeco.task_lists(smeeco.load(str(parsed_pack)))
    assert lst.header() == ("序号", "任务", "牵头单位", "配合单位", "完成时限", "说明")
    assert [cells[4] for cells in lst.row_cells()] == [
        "2023年6月底前",
        "长期坚持",
        "2025年6月前",
        "",
    ]
    (plain,) = smeeco.task_lists(smeeco.load("example"))
    assert plain.header() == ("序号", "任务", "牵头单位", "配合单位", "说明")
    assert all(len(cells) == 5 for cells in plain.row_cells())
    from smeeco.tasklist.files import dumps_csv, dumps_markdown

    csv_lines = dumps_csv([lst, plain]).splitlines()
    assert csv_lines[0] == "文件,序号,任务,牵头单位,配合单位,完成时限,说明"
    assert csv_lines[1].split(",")[5] == "2023年6月底前"
    assert csv_lines[-1].split(",")[5] == ""  # a list without deadlines: an empty cell
    markdown = dumps_markdown([lst, plain])
    assert (
        "| 序号 | 任务 | 牵头单位 | 配合单位 | 完成时限 | 说明 |\n|---|---|---|---|---|---|"
        in markdown
    )
    assert "| 序号 | 任务 | 牵头单位 | 配合单位 | 说明 |\n|---|---|---|---|---|\n" in markdown


def test_the_list_form_files_show_the_deadlines(parsed_pack: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    docx = pytest.importorskip("docx")
    for suffix in ("xlsx", "docx"):
        code = smeeco.cli.main(
            ["matrix", str(parsed_pack), "--form", "list", "-o", str(tmp_path / f"l.{suffix}")]
        )
        assert code == 0
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").worksheets[0]
    assert [c.value for c in sheet[3]] == [
        "序号",
        "任务",
        "牵头单位",
        "配合单位",
        "完成时限",
        "说明",
    ]
    assert [sheet.cell(row, 5).value for row in range(4, 8)] == [
        "2023年6月底前",
        "长期坚持",
        "2025年6月前",
        None,
    ]
    (table,) = docx.Document(str(tmp_path / "l.docx")).tables
    assert [c.text for c in table.rows[0].cells][4] == "完成时限"
    assert [r.cells[4].text for r in table.rows[1:]] == [
        "2023年6月底前",
        "长期坚持",
        "2025年6月前",
        "",
    ]


def test_graph_files_carry_the_deadline_and_the_addressees(
    parsed_pack: Path, tmp_path: Path
) -> None:
    eco = smeeco.load(str(parsed_pack))
    for suffix in ("graphml", "gexf", "json"):
        path = tmp_path / f"g.{suffix}"
        smeeco.export_graph(eco.graph, path)
        graph = smeeco.read_graph(path)
        first = graph.nodes["due.m01"]
        assert (first["deadline"], first["deadline_date"], first["deadline_reading"]) == (
            "2023年6月底前",
            "2023-06-30",
            "month",
        )
        assert "deadline_date" not in graph.nodes["due.m02"]  # ongoing: no date
        assert graph.nodes["due.m02"]["deadline_reading"] == "ongoing"
        assert "deadline" not in graph.nodes["due.m04"]
        assert graph.nodes["due"]["addressees"] == "各设区市人民政府|省政府各部门"


def test_who_and_show_print_them(parsed_pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert smeeco.cli.main(["who", str(parsed_pack), "due.m01"]) == 0
    assert "完成时限: 2023年6月底前 (by 2023-06-30)" in capsys.readouterr().out.splitlines()
    assert smeeco.cli.main(["who", str(parsed_pack), "due.m03", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["measure"]["deadline"] == {
        "text": "2025年6月前",
        "date": None,
        "reading": "unread",
    }
    assert smeeco.cli.main(["show", str(parsed_pack)]) == 0
    assert "due 主送: 各设区市人民政府，省政府各部门" in capsys.readouterr().out.splitlines()
    assert smeeco.cli.main(["show", str(parsed_pack), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["documents"][0]["addressees"] == ["各设区市人民政府", "省政府各部门"]


def test_notebook_views_show_them(parsed_pack: Path) -> None:
    eco = smeeco.load(str(parsed_pack))
    assert "完成时限 2023年6月底前 (by 2023-06-30)" in eco["due.m01"]._repr_html_()
    page = re.sub(r"<td[^>]*>", "<td>", eco["due"]._repr_html_())
    assert "<td>主送</td><td>各设区市人民政府，省政府各部门</td>" in page


STATED = (
    "某市关于若干措施的通知\n一、环境\n"
    "(一)推进项目建设。规范有序推进项目。\n\n责任单位:市发改委、市财政局\n\n时限要求:持续推进\n\n"
    "(二)优化审批服务。(市建设局牵头,市财政局配合;完成时限:2024年6月底前)\n"
    "(三)减轻企业负担。2017年3月底前拨付经费。(责任单位:市财政局)\n"
    "(四)完善融资服务。(责任单位:市金融局;完成时限:尽快)\n"
)


def test_a_deadline_stated_under_an_item_is_read() -> None:
    result = smeeco.parse_policy(STATED, document_id="s")
    due = [m.deadline for m in result.measures]
    assert due == [
        Deadline("持续推进", None, "ongoing"),
        Deadline("2024年6月底前", D(2024, 6, 30), "month"),
        None,  # a date in the prose is part of the task, not its deadline
        Deadline("尽快", None, "unread"),
    ]
    for m in (result.measures[0], result.measures[1], result.measures[3]):
        (source,) = [s for s in m.sources if s.locator.endswith("完成时限")]
        assert source.span is not None
        assert STATED[source.span[0] : source.span[1]] == source.quote == m.deadline.text  # type: ignore[union-attr]
    (warning,) = [u for u in result.uncertainties if u.kind == "deadline"]
    assert (warning.line, STATED.split("\n")[warning.line - 1][warning.column - 1 :]) == (
        11,
        "尽快)",
    )
    # the responsibilities are read as before
    assert [r.unit for r in result.measures[1].responsibilities] == ["s.u03", "s.u02"]


def test_a_row_and_a_stated_deadline_that_disagree_are_reported() -> None:
    text = (
        "某省关于若干措施的通知\n一、融资\n"
        "(一)拓宽融资渠道。鼓励发行债券。(省财政厅牵头;完成时限:2024年底前)\n"
        "附件：分工表\n序号 | 工作任务 | 牵头部门 | 完成时限\n"
        "1 | 拓宽融资渠道 | 省财政厅 | 2023年底前\n"
    )
    result = smeeco.parse_policy(text, document_id="t")
    assert result.measures[0].deadline == Deadline.read("2023年底前")  # the table's
    (warning,) = [u for u in result.uncertainties if u.kind == "deadline"]
    assert "2 deadlines ('2023年底前'; '2024年底前')" in warning.message


def test_a_changed_deadline_is_a_change_between_generations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.yaml"
    first.write_text(PACK, encoding="utf-8")
    second = tmp_path / "second.yaml"
    second.write_text(PACK.replace("deadline: 2023年底前", "deadline: 2024年6月底前"), "utf-8")
    comparison = smeeco.diff(smeeco.read_pack(first), smeeco.read_pack(second))
    (changed,) = comparison.changed
    assert (changed.new.id, changed.changes) == ("due-doc.m1", ("deadline",))
    assert len(comparison.unchanged) == 3
    assert smeeco.cli.main(["diff", str(first), str(second)]) == 0
    assert "deadline 2023年底前 (by 2023-12-31) → 2024年6月底前 (by 2024-06-30)" in (
        capsys.readouterr().out
    )


def test_a_deadline_cell_with_a_control_character_is_read_without_it_and_reported() -> None:
    text = (
        "某省关于若干措施的通知\n附件：分工表\n序号 | 工作任务 | 牵头部门 | 完成时限\n"
        "1 | 拓宽融资渠道 | 省财政厅 | 2023年\x1b底前\n"
    )
    result = smeeco.parse_policy(text, document_id="t")
    deadline = result.measures[0].deadline
    assert deadline is not None
    assert (deadline.text, deadline.date) == ("2023年底前", dt.date(2023, 12, 31))
    (warning,) = [u for u in result.uncertainties if u.kind == "control"]
    assert "U+001B" in warning.message
    assert (warning.line, warning.column) == (4, 26)


def test_an_html_deadline_cell_is_read_without_its_tags() -> None:
    text = (
        "某省关于若干措施的通知\n<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td>"
        "<td>完成时限</td></tr><tr><td>1</td><td>拓宽融资渠道</td><td>省财政厅</td>"
        "<td><p>2023年<br>底前</p></td></tr><tr><td>2</td><td>完善担保体系</td>"
        "<td>省财政厅</td><td><b>长期坚持</b></td></tr></table>\n"
    )
    first, second = smeeco.parse_policy(text, document_id="t").measures
    assert first.deadline == Deadline.read("2023年底前")
    assert second.deadline == Deadline.read("长期坚持")
    # the span points at the cell in the markup; the quote is the cell as a browser shows it
    for m, markup, quote in (
        (first, "2023年<br>底前", "2023年\n底前"),
        (second, "长期坚持", "长期坚持"),
    ):
        (source,) = [s for s in m.sources if s.locator.endswith("完成时限")]
        assert source.span is not None
        assert text[source.span[0] : source.span[1]] == markup
        assert source.quote == quote


@given(st.text(st.characters(codec="utf-8", exclude_characters="|\n\r"), max_size=30))
@settings(max_examples=80, deadline=None)
def test_any_deadline_cell_is_kept_as_written_and_quoted(cell: str) -> None:
    text = (
        "某省关于若干措施的通知\n附件：分工表\n序号 | 工作任务 | 牵头部门 | 完成时限\n"
        f"1 | 拓宽融资渠道 | 省财政厅 | {cell}\n"
    )
    result = smeeco.parse_policy(text, document_id="t")  # never raises
    for m in result.measures:
        if m.deadline is None:
            continue
        (source,) = [s for s in m.sources if s.locator.endswith("完成时限")]
        assert source.span is not None
        # a quote leaves out control characters and reads VT, FF, NEL, U+2028/9 as breaks
        given = re.sub(
            "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]",
            "",
            re.sub("[\x0b\x0c\x85\u2028\u2029]", "\n", text[source.span[0] : source.span[1]]),
        )
        assert given == source.quote
        if m.deadline.unread:
            assert any(u.kind == "deadline" for u in result.uncertainties)


def test_a_deadline_is_due_by_its_date_and_an_ongoing_one_never() -> None:
    due = Deadline.read("2023年底前")
    assert [due.is_due_by(d) for d in (D(2023, 12, 30), D(2023, 12, 31), D(2024, 1, 1))] == [
        False,
        True,
        True,
    ]
    assert not Deadline.read("长期坚持").is_due_by(D(2099, 1, 1))
    assert not Deadline.read("2025年6月前").is_due_by(D(2099, 1, 1))
    # a measure past its deadline is still in force: the deadline is not its validity
    eco = smeeco.Ecosystem(
        [
            PolicyDocument(id="d", name=Name("通知")),
            Measure(id="d.m1", name=Name("甲"), document="d", ordinal=1, deadline="2023年底前"),
        ]
    )
    assert [m.id for m in eco.at("2030-01-01").measures] == ["d.m1"]
