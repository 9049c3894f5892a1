"""Dates of measures in enacting and reporting texts, periods, and division codes."""

from __future__ import annotations

import datetime as dt

import pytest

import smeeco
from smeeco import (
    Ecosystem,
    InvalidValueError,
    Jurisdiction,
    Measure,
    Name,
    Period,
    PolicyDocument,
    ValidationError,
)


def _doc(kind: str) -> PolicyDocument:
    return PolicyDocument(
        id="d", name=Name("文件"), document_kind=kind, issued=dt.date(2024, 7, 17)
    )


def _measure_started_in_june() -> Measure:
    return Measure(
        id="d.m01",
        name=Name("服务月"),
        document="d",
        ordinal=1,
        valid=Period(dt.date(2024, 6, 1), dt.date(2024, 6, 30)),
    )


@pytest.mark.parametrize("kind", ["interview", "reply", "news_report"])
def test_a_report_may_describe_a_measure_that_started_before_it(kind: str) -> None:
    eco = Ecosystem([_doc(kind), _measure_started_in_june()])
    assert eco["d.m01"].valid.start == dt.date(2024, 6, 1)


@pytest.mark.parametrize("kind", ["policy", "regulation", "notice", "plan"])
def test_an_enacting_text_cannot_have_a_measure_start_before_it_is_issued(kind: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Ecosystem([_doc(kind), _measure_started_in_june()])
    (problem,) = caught.value.problems
    assert problem.path == "measures[0].valid.start"
    assert "before its document was issued on 2024-07-17" in problem.message


def test_validity_accepts_a_mapping_and_rejects_strangers() -> None:
    j = Jurisdiction(id="x", name=Name("某地"), level="district", valid={"start": "2020-01-01"})
    assert j.valid == Period(dt.date(2020, 1, 1))
    with pytest.raises(InvalidValueError, match="'from'"):
        Jurisdiction(id="x", name=Name("某地"), level="district", valid={"from": "2020-01-01"})


def test_period_takes_a_datetime_by_its_date() -> None:
    p = Period(dt.date(2022, 6, 18), dt.date(2022, 6, 18))
    assert p.contains(dt.datetime(2022, 6, 18, 23, 59))
    assert not p.contains(dt.datetime(2022, 6, 19, 0, 0))


def test_division_codes_are_six_digits() -> None:
    tj = Jurisdiction(id="tj", name=Name("天津市"), level="provincial", code="120000")
    assert tj.node_attributes()["code"] == "120000"
    for bad in ("12000", "12000a", "１２００００"):
        with pytest.raises(InvalidValueError, match="GB/T 2260"):
            Jurisdiction(id="tj", name=Name("天津市"), level="provincial", code=bad)


def test_bundled_jurisdictions_carry_their_codes() -> None:
    eco = smeeco.load("china")
    assert {j.id: j.code for j in eco.jurisdictions if j.code} == {
        "tj": "120000",
        "tj-binhai": "120116",
        "sd": "370000",
        "qd": "370200",
    }


def test_coresponsibility_nodes_keep_the_graph_contract(example: Ecosystem) -> None:
    graph = smeeco.coresponsibility_graph(example)
    assert graph.nodes["ex-miit"]["aliases"] == ("示例市工信局",)
    for _, data in graph.nodes(data=True):
        assert {"kind", "name_zh", "name_en", "aliases"} <= set(data)


def test_indicator_progress_takes_an_iso_date(example: Ecosystem) -> None:
    progress = smeeco.indicator_progress(example, "ex-srdi-count", as_of="2022-01-01")
    assert progress.observed is not None
    assert progress.observed.date == dt.date(2021, 12, 31)
