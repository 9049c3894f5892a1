"""What a user meets on the edges: dates outside a record's life, typos, merged packs."""

from __future__ import annotations

import pytest

import smeeco
from smeeco import InvalidValueError, NotInForceError, UnknownReferenceError
from smeeco.cli import main
from smeeco.errors import ExportError
from smeeco.io.matrix import matrix_table


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin")


def test_a_measure_before_its_document_says_so(tianjin: smeeco.Ecosystem) -> None:
    with pytest.raises(NotInForceError, match="issued on 2022-06-18, after 2021-01-01"):
        smeeco.lead_unit(tianjin, "tj-2022-measures.m04", as_of="2021-01-01")


def test_an_abolished_unit_names_its_successor(tianjin: smeeco.Ecosystem) -> None:
    with pytest.raises(NotInForceError) as caught:
        smeeco.measures_led_by(tianjin, "天津银保监局", as_of="2024-01-01")
    message = str(caught.value)
    assert "ended on 2023-07-19" in message
    assert "'tj-nfra'" in message
    assert isinstance(caught.value, UnknownReferenceError)  # still a lookup failure


def test_bad_dates_are_smeeco_errors(tianjin: smeeco.Ecosystem) -> None:
    for bad in ("2024-13-45", "yesterday"):
        with pytest.raises(InvalidValueError, match="YYYY-MM-DD"):
            tianjin.at(bad)


def test_misspelt_names_get_close_matches(tianjin: smeeco.Ecosystem) -> None:
    with pytest.raises(UnknownReferenceError, match="did you mean 'tj-finance'"):
        tianjin.resolve("市财正局", "agency")


def test_an_empty_matrix_is_refused_with_a_reason(tianjin: smeeco.Ecosystem) -> None:
    with pytest.raises(ExportError, match="no measures in force on 2021-01-01"):
        matrix_table(smeeco.load("tianjin-2022-measures"), as_of="2021-01-01")


def test_a_merged_matrix_heads_each_document(tianjin: smeeco.Ecosystem) -> None:
    table = matrix_table(tianjin)
    headings = [r.label for r in table.rows if r.section and r.label.startswith("《")]
    assert len(headings) == 3
    # the news report's measures follow their own heading, not the reply's last section
    labels = [r.label for r in table.rows]
    conference = next(i for i, label in enumerate(labels) if "Conference" in label)
    assert not any(r.section and not r.label.startswith("《") for r in table.rows[conference:])


def test_cli_who_before_the_document_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["who", "tianjin", "(四)", "--as-of", "2021-01-01"]) != 0
    err = capsys.readouterr().err
    assert "not in force on 2021-01-01" in err
    assert "Traceback" not in err


def test_percentage_points_are_not_percent() -> None:
    eco = smeeco.load("tianjin-2021-reply")
    gap = eco.require("tj-inclusive-loan-growth-gap", smeeco.Indicator)
    assert gap.unit is smeeco.Unit.PERCENTAGE_POINTS
    assert gap.unit_zh == "个百分点"


def test_every_query_takes_as_of(example: smeeco.Ecosystem) -> None:
    day = "2024-01-01"
    assert [t.id for t in smeeco.tier_path(example, "ex-seed", as_of=day)] == [
        "ex-seed",
        "ex-srdi",
        "ex-giant",
    ]
    assert smeeco.next_tier(example, "ex-giant", as_of=day) is None
    assert [ladder.id for ladder in smeeco.ladders_of(example, "ex-srdi", as_of=day)] == [
        "ex-srdi-ladder"
    ]
    assert smeeco.jurisdictions_within(example, "ex-country", as_of=day) == (
        "ex-country",
        "ex-city",
    )
    (guaranteed,) = smeeco.indicators_for(example, "ex-guarantee-fund", as_of="2022-06-30")
    assert [o.date.isoformat() for o in guaranteed.observations] == ["2021-12-31"]


def test_full_view_is_refused_for_pages(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "example", "--view", "full", "-o", f"{tmp_path}/x.html"]) != 0
    assert "--view full is for graph files" in capsys.readouterr().err


def test_standard_spellings_and_readable_enum_errors(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    from smeeco.sizing import SizeClass, classify

    assert classify("农、林、牧、渔业", revenue="600万元").size_class is SizeClass.MEDIUM
    pack = Path(str(tmp_path)) / "p.yaml"
    pack.write_text(
        "smeeco: 1\nagencies:\n- {id: a, name: 甲, agency_kind: bureau}\n", encoding="utf-8"
    )
    with pytest.raises(smeeco.ValidationError) as caught:
        smeeco.load(pack)
    (problem,) = caught.value.problems
    assert "'bureau' is not a valid agency kind; use one of: government" in str(problem)


def test_who_takes_a_bare_numeral_and_what_keeps_the_inferred_mark(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["who", "tianjin-2022-measures", "四"]) == 0
    assert capsys.readouterr().out.startswith("(四) 加强信贷支持")
    assert main(["what", "example", "ex-north-district", "--collectives"]) == 0
    assert "配合* (via 各区人民政府)" in capsys.readouterr().out
