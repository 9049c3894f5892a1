"""Control characters in a pasted notice: left out, reported, never an abort."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from smeeco.model.common import check_text
from smeeco.parse.prepare import prepare

NOTICE = """天津市关于支持中小企业的若干措施
一、加强支持
（一）加强信贷支持。鼓励银行发放贷款。（责任单位：市财政局、市工业和信息化局）
（二）优化服务。做好服务。（责任单位：市工业和信息化局）
"""


def _units(result: smeeco.ParseResult) -> list[tuple[str, list[tuple[str, str]]]]:
    names = {a.id: a.name.zh for a in result.agencies}
    return [
        (m.name.zh, [(names.get(r.unit, r.unit), r.role.value) for r in m.responsibilities])
        for m in result.measures
    ]


def test_a_control_character_inside_a_title_and_a_name_is_left_out_and_reported() -> None:
    text = NOTICE.replace("加强信贷", "加强\x07信贷").replace(
        "工业和信息化局）\n（二", "工业\x00和信息化局）\n（二"
    )
    result = smeeco.parse_policy(text)
    assert _units(result) == _units(smeeco.parse_policy(NOTICE))
    assert result.measures[0].name.zh == "加强信贷支持"
    controls = [u for u in result.uncertainties if u.kind == "control"]
    assert len(controls) == 1
    assert "2 control character(s)" in controls[0].message
    assert "U+0007" in controls[0].message
    assert (controls[0].line, controls[0].column) == (3, 6)


def test_word_and_pdf_breaks_read_as_line_breaks() -> None:
    text = NOTICE.replace("\n（二）", "\x0b（二）").replace("\n一、", "\x0c一、")
    assert _units(smeeco.parse_policy(text)) == _units(smeeco.parse_policy(NOTICE))


def test_quotes_leave_out_control_characters_and_spans_still_point_at_the_given_text() -> None:
    text = NOTICE.replace("市财政局", "市财\x1b政局")
    result = smeeco.parse_policy(text)
    for measure in result.measures:
        for source in measure.sources:
            assert source.span is not None
            given = text[source.span[0] : source.span[1]]
            assert source.quote == given.replace("\x1b", "")


_CONTROLS = st.sampled_from(
    [chr(c) for c in [*range(9), *range(11, 13), *range(14, 32), *range(127, 160)]]
    + ["\u2028", "\u2029"]
)
REAL = sorted((Path(__file__).parent / "fixtures" / "notices").glob("*.txt"))


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(REAL[:12]),
    st.lists(st.tuples(st.floats(0, 1), _CONTROLS), min_size=1, max_size=8),
)
def test_a_real_notice_with_control_characters_parses_and_its_records_load(
    path: Path, inserted: list[tuple[float, str]]
) -> None:
    text = path.read_text(encoding="utf-8")
    for where, char in inserted:
        k = int(where * len(text))
        text = text[:k] + char + text[k:]
    try:
        result = smeeco.parse_policy(text)
    except smeeco.NotAPolicyTextError:
        return
    smeeco.Ecosystem(result.records)  # every record holds only what a pack can hold


def test_the_parser_leaves_out_every_character_a_record_refuses() -> None:
    everything = "".join(chr(c) for c in range(0x110000))
    prepared = prepare(everything, convert=False)
    assert check_text(prepared.text) == prepared.text
    quote = prepared.printable_quote(0, len(prepared.text))
    assert check_text(quote) == quote
    # C0 (but tab and breaks), DEL and C1 (but NEL), surrogates, U+FFFE/U+FFFF
    assert len(prepared.controls) == 9 + 18 + 6 + 26 + 2048 + 2
