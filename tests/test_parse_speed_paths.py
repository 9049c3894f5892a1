"""What the parser looks up once per run, or computes in bulk, gives what each document
would get on its own: the agency chosen by the notice's date, lines and columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from smeeco.model.values import Period
from smeeco.parse.pack import parse_to_pack

NOTICES = Path(__file__).parent / "fixtures" / "notices"


def _notice(year: int) -> str:
    return (
        "某市关于若干措施的通知\n一、财税\n(一)加强资金支持。(责任单位:某市经信委)\n"
        f"某市人民政府\n{year}年3月1日\n"
    )


def _agencies() -> smeeco.Ecosystem:
    old = smeeco.Agency(
        id="old-econ", name=smeeco.Name("某市经信委"), valid=Period(None, dt.date(2018, 12, 31))
    )
    new = smeeco.Agency(
        id="new-econ", name=smeeco.Name("某市经信委"), valid=Period(dt.date(2019, 1, 1), None)
    )
    return smeeco.Ecosystem([old, new])


def _units(result: smeeco.ParseResult) -> list[str]:
    return [r.unit for m in result.measures for r in m.responsibilities]


def test_each_notice_of_a_run_resolves_a_name_by_its_own_date() -> None:
    eco = _agencies()
    for years, expected in (
        ((2018, 2020, 2018), ["old-econ", "new-econ", "old-econ"]),
        ((2020, 2018), ["new-econ", "old-econ"]),
    ):
        results = [
            smeeco.parse_policy(_notice(year), document_id=f"n{year}-{k}", agencies=eco)
            for k, year in enumerate(years)
        ]
        assert [u for r in results for u in _units(r)] == expected
        assert [r.metadata.issued.year for r in results if r.metadata.issued] == list(years)


def _line_column(text: str, position: int) -> tuple[int, int]:
    return text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1


def test_every_uncertainty_of_the_real_notices_is_placed_at_its_line_and_column() -> None:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(NOTICES.glob("*.txt"))]
    pack = parse_to_pack(texts)
    placed = 0
    for (_name, text), (_n, result) in zip(texts, pack.results, strict=True):
        for u in result.uncertainties:
            assert (u.line, u.column) == _line_column(text, u.span[0]), u
            placed += 1
    assert placed > 100


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["", "\n", "\n\n", "  \n", "\r\n", "前言。", "1."]), max_size=8),
    st.booleans(),
)
def test_lines_and_columns_hold_wherever_the_line_breaks_fall(
    around: list[str], final_break: bool
) -> None:
    body = "某市关于若干措施的通知\n一、财税\n(一)加强资金支持。(责任单位:某市未知局)"
    text = "".join(around) + body + ("\n" if final_break else "")
    result = smeeco.parse_policy(text, document_id="t")
    assert result.uncertainties
    for u in result.uncertainties:
        assert (u.line, u.column) == _line_column(text, u.span[0]), u
