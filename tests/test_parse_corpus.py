"""The parser on every notice of the corpus, against its hand-checked expected file.

Each ``tests/fixtures/notices/<slug>.txt`` is parsed with :func:`smeeco.parse_policy` and
compared with ``<slug>.expected.yaml``: the document's metadata, then every expected
measure (found by its number and headings) — title, units in stated order with role and
``explicit``, the 等 flag, whether the clause is shared, and the deadline's date. A unit
name matches when it is the resolved agency's Chinese name or one of its aliases.

Fixtures where the parser and the expected answer disagree on purpose are listed in
``DISAGREE`` with the reason; they are strict xfails, so a fix shows up.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import smeeco
from smeeco import Measure
from smeeco.parse import ParsedMeasure
from smeeco.parse.html import fragment_text
from smeeco.parse.policy import ParseResult

NOTICES = Path(__file__).parent / "fixtures" / "notices"
FIXTURES = sorted(p.name.removesuffix(".expected.yaml") for p in NOTICES.glob("*.expected.yaml"))

#: slug → why the parser's answer differs from the expected file.
DISAGREE: dict[str, str] = {}


#: slug → what the metadata reader does not read yet (known gaps, strict xfails).
METADATA_GAPS: dict[str, str] = {}


def _expected(slug: str) -> dict[str, Any]:
    data = yaml.safe_load((NOTICES / f"{slug}.expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _names(result: ParseResult, unit: str) -> set[str]:
    names = {name for name, agency in result.resolved.items() if agency == unit}
    for agency in result.agencies:
        if agency.id == unit:
            names |= set(agency.name.all())
    return names


def _parse(slug: str) -> ParseResult:
    text = (NOTICES / f"{slug}.txt").read_text(encoding="utf-8")
    return smeeco.parse_policy(text, document_id="notice")


def _check_metadata(slug: str) -> None:
    document = _expected(slug)["document"]
    meta = _parse(slug).metadata
    if document.get("title"):
        assert meta.title == document["title"]
    if document.get("doc_number"):
        assert meta.number == document["doc_number"]
    if document.get("issuer"):
        assert meta.issuer == document["issuer"]
    if isinstance(document.get("date"), dt.date):
        assert meta.issued == document["date"]
    if document.get("addressees"):
        assert list(meta.addressees) == document["addressees"]
        assert list(_parse(slug).document.addressees) == document["addressees"]


def _check(slug: str) -> None:
    expected = _expected(slug)
    result = _parse(slug)
    pairs = zip(result.measures, result.parsed.measures, strict=False)
    parsed: dict[tuple[str, tuple[str, ...]], tuple[Measure, ParsedMeasure | None]] = {
        (m.number, p.headings): (m, p) for m, p in pairs
    }
    for m in result.measures[len(result.parsed.measures) :]:  # rows of a 任务分工表
        parsed[(m.number, ())] = (m, None)
    found = []
    for want in expected["measures"]:
        key = (str(want["number"]), tuple(want["sections"] or ()))
        assert key in parsed, f"measure {key} not found; got {list(parsed)}"
        measure, parsed_measure = parsed[key]
        found.append(key)
        if want.get("title"):
            assert measure.name.zh == want["title"], key
        got = [(r.unit, r.role.value, r.explicit) for r in measure.responsibilities]
        units = want["units"] or []
        assert len(got) == len(units), (key, got, units)
        for (unit, role, explicit), w in zip(got, units, strict=True):
            assert w["name"] in _names(result, unit), (key, w["name"], _names(result, unit))
            assert (role, explicit) == (w["role"], w["explicit"]), (key, w["name"])
        if "deadline" in want:  # the date read from the 完成时限, never one made up
            due = measure.deadline.date if measure.deadline is not None else None
            assert due == want["deadline"], (key, measure.deadline)
        if parsed_measure is not None:
            clause = parsed_measure.clause
            assert bool(clause is not None and clause.etc) == bool(want.get("etc")), key
            assert parsed_measure.shared == bool(want.get("shared_clause")), key
    # measures the expected file does not list must at least be reported as uncertain
    extra = [k for k in parsed if k not in found]
    kinds = {u.kind for u in result.uncertainties}
    assert not extra or kinds & {"no-clause", "truncated", "clause-cut"}, extra


def _marked(known: dict[str, str]) -> list[Any]:
    return [
        pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=known[s])) if s in known else s
        for s in FIXTURES
    ]


@pytest.mark.parametrize("slug", _marked(DISAGREE))
def test_notice(slug: str) -> None:
    _check(slug)


@pytest.mark.parametrize("slug", _marked(METADATA_GAPS))
def test_notice_metadata(slug: str) -> None:
    _check_metadata(slug)


@pytest.mark.parametrize("slug", FIXTURES)
def test_notice_spans_point_at_the_original(slug: str) -> None:
    text = (NOTICES / f"{slug}.txt").read_text(encoding="utf-8")
    result = _parse(slug)
    for measure in result.measures:
        for source in measure.sources:
            assert source.span is not None
            quoted = text[source.span[0] : source.span[1]]
            if "<table" in text:  # an HTML table's quote is its cells as a browser shows them
                quoted = re.sub(r"\s+", "", fragment_text(quoted))
                assert quoted == re.sub(r"\s+", "", source.quote)
            else:
                assert quoted == source.quote
    for uncertainty in result.uncertainties:
        line = text.split("\n")[uncertainty.line - 1]
        assert uncertainty.column - 1 <= len(line)


def test_the_corpus_spans_eight_provinces() -> None:
    provinces = {_expected(slug)["source"].get("province") for slug in FIXTURES}
    assert len(FIXTURES) >= 8
    assert len(provinces - {None}) >= 6


def test_the_single_space_table_of_the_corpus_says_what_it_guessed() -> None:
    result = _parse("anhui-qiaocheng-2023-work-report-table")
    table = [(u.line, u.column, u.message) for u in result.uncertainties if u.kind == "table"]
    assert [(line, column) for line, column, _ in table] == [(19, 1), (20, 1)]
    assert "starts at 33" in table[0][2]  # rows 1-32 are not on the page
    assert "row 34" in table[1][2]  # its lead cell runs over four lines
    assert "table-unread" not in {u.kind for u in result.uncertainties}


#: Notices of places the corpus lacked (issue 12's unseen provinces), also read in the
#: traditional script a Hong Kong or Taiwan mirror serves them in.
_TRADITIONAL_FORM = [
    "chongqing-yuzhong-2023-government-report-targets-labels",
    "liaoning-2012-northeast-plan-division-circled-numbers",
    "liaoning-2023-government-report-division-leader-title",
    "liaoning-2024-government-report-division-leader-names",
    "liaoning-2025-government-report-division-cut-bracket-name",
    "shaanxi-2015-government-report-division-news",
    "shaanxi-2017-industry-growth-opinions",
    "shaanxi-2021-industry-growth-sentence-clauses",
    "sichuan-2011-government-report-division-paragraph-clauses",
    "sichuan-chengdu-2022-government-report-targets-data-provider",
]


@pytest.mark.parametrize("slug", _TRADITIONAL_FORM)
def test_a_notice_in_traditional_script_reads_as_in_simplified(slug: str) -> None:
    opencc = pytest.importorskip("opencc")
    text = (NOTICES / f"{slug}.txt").read_text(encoding="utf-8")
    simplified = _parse(slug)
    traditional = smeeco.parse_policy(opencc.OpenCC("s2t").convert(text), document_id="notice")
    assert [m.number for m in traditional.measures] == [m.number for m in simplified.measures]
    assert [[(r.role, r.explicit) for r in m.responsibilities] for m in traditional.measures] == [
        [(r.role, r.explicit) for r in m.responsibilities] for m in simplified.measures
    ]
    assert [a.name.zh for a in traditional.agencies] == [a.name.zh for a in simplified.agencies]
    assert traditional.metadata.title == simplified.metadata.title
    kinds = {u.kind for u in traditional.uncertainties} - {"script"}
    assert kinds == {u.kind for u in simplified.uncertainties}
