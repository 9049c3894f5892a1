"""Progress says why it has no ratio (issue 11, item 8)."""

from __future__ import annotations

import datetime as dt

from smeeco import Indicator, Name, Observation, Target

DAY = dt.date(2021, 3, 22)


def _indicator(**fields: object) -> Indicator:
    return Indicator(id="x-count", name=Name("在库企业数"), unit="count", **fields)  # type: ignore[arg-type]


def test_a_full_progress_has_no_note() -> None:
    ind = _indicator(
        observations=[Observation(dt.date(2020, 12, 31), 268)],
        targets=[Target(dt.date(2025, 12, 31), 1000)],
        notes="never shown when there is a ratio",
    )
    progress = ind.progress(DAY)
    assert progress.ratio is not None
    assert progress.note == ""


def test_no_observation_and_no_target_are_both_named() -> None:
    assert _indicator().progress(DAY).note == (
        "x-count has no observation dated on or before 2021-03-22 and no target in view on"
        " 2021-03-22."
    )
    assert _indicator().progress().note == "x-count has no observation and no target."


def test_a_target_set_later_is_not_in_view_and_the_notes_follow() -> None:
    ind = _indicator(
        observations=[Observation(dt.date(2020, 12, 31), 268)],
        targets=[Target(dt.date(2025, 12, 31), 1000, set_on=dt.date(2022, 1, 1))],
        notes="See the library count.",
    )
    assert ind.progress(DAY).note == (
        "x-count has no target in view on 2021-03-22. See the library count."
    )
    assert ind.progress(dt.date(2022, 1, 1)).note == ""


def test_a_target_of_zero_gives_no_ratio_and_says_so() -> None:
    ind = _indicator(
        observations=[Observation(dt.date(2020, 12, 31), 3)],
        targets=[Target(dt.date(2025, 12, 31), 0)],
    )
    progress = ind.progress(DAY)
    assert progress.ratio is None
    assert progress.note == "x-count has a target of 0."
