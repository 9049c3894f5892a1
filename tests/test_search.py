"""smeeco.search: every word, ranked, filtered; simplified or traditional, zh or en."""

from __future__ import annotations

import importlib.util

import pytest

import smeeco


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin-2022-measures")


def test_jinrong_finds_measure_four(tianjin: smeeco.Ecosystem) -> None:
    result = smeeco.search(tianjin, "金融")
    numbers = [h.measure.number for h in result]
    assert "(四)" in numbers
    four = next(h for h in result if h.measure.number == "(四)")
    assert four.document is not None
    assert four.document.id == "tj-2022-measures"
    assert four.units()[0] == "tj-pbc-branch"
    # every hit really contains the word somewhere
    for hit in result:
        m = hit.measure
        assert "金融" in m.name.zh + m.text + m.notes


def test_all_words_must_match(tianjin: smeeco.Ecosystem) -> None:
    both = {h.measure.id for h in smeeco.search(tianjin, "金融 知识产权")}
    one = {h.measure.id for h in smeeco.search(tianjin, "金融")}
    other = {h.measure.id for h in smeeco.search(tianjin, ["知识产权"])}
    assert both == one & other
    assert both


def test_title_hits_rank_first(tianjin: smeeco.Ecosystem) -> None:
    result = smeeco.search(tianjin, "金融")
    assert result[0].fields[0] == "title"
    scores = [h.score for h in result]
    assert scores == sorted(scores, reverse=True)


def test_english_ignores_case(example: smeeco.Ecosystem) -> None:
    lower = [h.measure.id for h in smeeco.search(example, "guarantee")]
    upper = [h.measure.id for h in smeeco.search(example, "GUARANTEE")]
    assert lower == upper


def test_filters_and_as_of(tianjin: smeeco.Ecosystem) -> None:
    led = smeeco.search(tianjin, "金融", agency="人民银行天津分行", role="lead")
    assert {h.measure.lead for h in led} == {"tj-pbc-branch"}
    later = smeeco.search(tianjin, "金融", as_of="2024-01-01")
    four = next(h for h in later if h.measure.number == "(四)")
    assert four.units()[0] == "tj-pbc-municipal-branch"
    assert not smeeco.search(tianjin, "金融", document="tj-2022-measures", instrument="nothing")


def test_no_words_is_refused(tianjin: smeeco.Ecosystem) -> None:
    with pytest.raises(smeeco.InvalidValueError, match="at least one word"):
        smeeco.search(tianjin, "  ")


@pytest.mark.skipif(importlib.util.find_spec("opencc") is not None, reason="OpenCC installed")
def test_traditional_without_opencc_says_so(tianjin: smeeco.Ecosystem) -> None:
    result = smeeco.search(tianjin, "金融機構")
    assert not result.hits
    assert "smeeco[zh]" in result.note


@pytest.mark.skipif(importlib.util.find_spec("opencc") is None, reason="needs smeeco[zh]")
def test_traditional_with_opencc(tianjin: smeeco.Ecosystem) -> None:
    result = smeeco.search(tianjin, "金融機構")
    assert result.converted
    assert "(四)" in [h.measure.number for h in result]
