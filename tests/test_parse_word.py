"""Notices as Word documents: text, automatic numbering and tables, through `smeeco parse`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import smeeco
from smeeco.cli import main
from smeeco.errors import TextEncodingError
from smeeco.parse.notice_file import read_notice_file
from smeeco.parse.word import docx_text, number_text

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402

NOTICES = Path(__file__).parent / "fixtures" / "notices"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _summary(result: smeeco.ParseResult) -> list[tuple[str, str, list[tuple[str, str]]]]:
    names = {a.id: a.name.zh for a in result.agencies}
    return [
        (
            m.number or "",
            m.name.zh,
            [(names.get(r.unit, r.unit), r.role.value) for r in m.responsibilities],
        )
        for m in result.measures
    ]


def _save(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _numbered_document(levels: list[tuple[str, str]], abstract_id: int = 90) -> object:
    """A document whose numbering part has one list with the given (numFmt, lvlText)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(
            f'<w:num {W} w:numId="{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return document


def _numbered(document: object, text: str, level: int, num_id: int = 90) -> None:
    paragraph = document.add_paragraph(text)  # type: ignore[attr-defined]
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


NOTICE_LINES = [
    ("", "某市关于促进中小企业发展的若干措施"),
    (0, "加大财税支持"),
    (1, "落实税费优惠政策。(责任单位:市财政局、市税务局)"),
    (1, "设立专项资金。"),
    (2, "支持专精特新企业。(牵头单位:市工业和信息化局;配合单位:市财政局)"),
    (2, "支持小微企业融资。(责任单位:市金融局)"),
    (0, "优化服务"),
    (1, "建设服务平台。(责任单位:市工业和信息化局)"),
]


def test_automatic_numbers_are_written_as_word_shows_them() -> None:
    document = _numbered_document(
        [("chineseCounting", "%1、"), ("chineseCounting", "(%2)"), ("decimal", "%3.")]
    )
    for level, text in NOTICE_LINES:
        if level == "":
            document.add_paragraph(text)  # type: ignore[attr-defined]
        else:
            _numbered(document, text, int(level))
    word = docx_text(_save(document))
    assert word.notes == ()
    assert word.text.split("\n")[:8] == [
        "某市关于促进中小企业发展的若干措施",
        "一、加大财税支持",
        "(一)落实税费优惠政策。(责任单位:市财政局、市税务局)",
        "(二)设立专项资金。",
        "1.支持专精特新企业。(牵头单位:市工业和信息化局;配合单位:市财政局)",
        "2.支持小微企业融资。(责任单位:市金融局)",
        "二、优化服务",
        "(一)建设服务平台。(责任单位:市工业和信息化局)",  # restarted by the higher level
    ]
    from_word = smeeco.parse_policy(word.text, document_id="d")
    assert [(m.number, len(m.responsibilities)) for m in from_word.measures] == [
        ("(一)", 2),
        ("1.", 2),
        ("2.", 1),
        ("(一)", 1),
    ]


def test_an_unknown_number_format_is_said_not_guessed() -> None:
    document = _numbered_document([("hebrew1", "%1.")])
    _numbered(document, "加强支持。(责任单位:市财政局)", 0)
    word = docx_text(_save(document))
    assert word.text.startswith("加强支持。")
    (note,) = word.notes
    assert "hebrew1" in note
    assert "save the document as .txt from Word" in note


@pytest.mark.parametrize(
    ("level_text", "counts", "formats", "shown"),
    [
        ("%1、", [1], ["chineseCounting"], "一、"),
        ("%1、", [10], ["chineseCounting"], "十、"),
        ("%1、", [11], ["chineseCountingThousand"], "十一、"),
        ("%1、", [20], ["chineseCounting"], "二十、"),
        ("%1、", [23], ["chineseCounting"], "二十三、"),
        ("%1、", [100], ["chineseCounting"], "一百、"),
        ("%1、", [105], ["chineseCounting"], "一百零五、"),
        ("%1、", [110], ["chineseCounting"], "一百一十、"),
        ("（%1）", [3], ["chineseCounting"], "（三）"),
        ("%1", [3], ["decimalEnclosedCircle"], "③"),
        ("%1)", [4], ["ideographTraditional"], "丁)"),
        ("%1.%2.", [2, 3], ["decimal", "decimal"], "2.3."),
        ("%1", [4], ["upperRoman"], "IV"),
        ("%1", [28], ["lowerLetter"], "bb"),
        ("%1", [7], ["decimalZero"], "07"),
    ],
)
def test_number_formats(level_text: str, counts: list[int], formats: list[str], shown: str) -> None:
    assert number_text(level_text, counts, formats) == shown


@pytest.mark.parametrize(
    "name",
    [
        "hunan-2020-sme-work-points",
        "jiangxi-2010-sme-opinions-table",
        "liaoning-2012-northeast-plan-division-circled-numbers",  # ⑴ items, label lines
        "sichuan-chengdu-2022-government-report-targets-data-provider",
        "chongqing-yuzhong-2023-government-report-targets-labels",  # cut in its last label
    ],
)
def test_a_real_notice_typed_into_word_reads_as_its_text(name: str) -> None:
    text = (NOTICES / f"{name}.txt").read_text(encoding="utf-8")
    document = docx.Document()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].count("|") >= 3:  # a pipe table becomes a Word table
            rows = []
            while i < len(lines) and lines[i].count("|") >= 3:
                rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                i += 1
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    parts = value.split("、") if c >= 2 else [value]
                    cell.text = parts[0]
                    for part in parts[1:]:  # one unit a paragraph, as people type them
                        cell.add_paragraph(part)
            continue
        document.add_paragraph(lines[i])
        i += 1
    word = docx_text(_save(document))
    from_word = smeeco.parse_policy(word.text, document_id="d")
    from_text = smeeco.parse_policy(text, document_id="d")
    assert _summary(from_word) == _summary(from_text)
    assert len(from_word.measures) >= 3


def test_smeeco_parse_reads_back_the_task_list_smeeco_writes_as_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "分工.docx"
    assert main(["matrix", "tianjin-2022-measures", "--form", "list", "-o", str(out)]) == 0
    pack = tmp_path / "back.json"
    assert main(["parse", str(out), "--id", "back", "-o", str(pack)]) == 0
    capsys.readouterr()
    eco = smeeco.load("tianjin-2022-measures")
    written = json.loads(pack.read_text(encoding="utf-8"))
    agencies = {a["id"]: a["name"]["zh"] for a in written.get("agencies", [])}
    tianjin = smeeco.load("tianjin-agencies")

    def name(unit: str) -> str:
        return agencies.get(unit) or tianjin[unit].name.zh

    read = [
        [(name(r["unit"]), r.get("role", "support")) for r in m.get("responsibilities", [])]
        for m in written["measures"]
    ]
    expected = [
        [(eco[r.unit].name.zh, r.role.value) for r in m.responsibilities]
        for m in eco.measures
        if m.responsibilities
    ]
    assert read[: len(expected)] == expected
    # the "*" of an inferred lead is a footnote: read as such, the lead presumed again
    assert not written.get("agencies")
    leads = [r for m in written["measures"] for r in m.get("responsibilities", [])[:1]]
    assert leads
    assert all(r.get("explicit") is not True for r in leads)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF; smeeco reads text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old binary Word/WPS document"),
        (b"PK\x03\x04" + b"\0" * 100, "zip archive but not a Word .docx"),
    ],
)
def test_files_that_are_not_text_are_refused_with_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, says: str
) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(data)
    with pytest.raises(TextEncodingError, match=says):
        read_notice_file(path)
    assert main(["parse", str(path), "-o", str(tmp_path / "p.json")]) != 0
    err = capsys.readouterr().err
    assert says in err
    assert "Traceback" not in err
    assert not (tmp_path / "p.json").exists()


def test_a_broken_docx_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    with pytest.raises(TextEncodingError, match=r"not a Word \.docx document that can be read"):
        read_notice_file(path)
