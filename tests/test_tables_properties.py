"""Properties: every table row is a record fact; search finds what a title contains."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco

ECO = smeeco.load("tianjin")
MEASURES = sorted(ECO.measures, key=lambda m: m.id)


@settings(max_examples=30, deadline=None)
@given(day=st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_responsibility_rows_match_the_view_on_any_day(day: dt.date) -> None:
    columns = smeeco.table_columns(ECO, "responsibilities", as_of=day)
    view = ECO.at(day)
    expected = sorted(
        (m.id, r.unit, r.role.value) for m in view.measures for r in m.responsibilities
    )
    got = sorted(
        zip(columns.data["measure"], columns.data["unit"], columns.data["role"], strict=True)
    )
    assert got == expected
    # named_as only where the view handed a responsibility to a successor
    for unit, named_as in zip(columns.data["unit"], columns.data["named_as"], strict=True):
        assert named_as is None or named_as != unit


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_search_finds_a_measure_by_any_piece_of_its_title(data: st.DataObject) -> None:
    measure = data.draw(st.sampled_from([m for m in MEASURES if len(m.name.zh) >= 2]))
    title = measure.name.zh
    start = data.draw(st.integers(0, len(title) - 2))
    end = data.draw(st.integers(start + 2, len(title)))
    piece = title[start:end]
    hits = smeeco.search(ECO, piece)
    assert measure.id in [h.measure.id for h in hits]
    for h in hits:
        assert piece in " ".join(h.measure.name.all()) + h.measure.text + h.measure.notes
