"""Readers never crash: whatever they are given, they answer or raise a SmeecoError."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smeeco
from smeeco import Money, SmeecoError
from smeeco.io.datapack import parse_pack
from smeeco.sizing import classify

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["2022-06-18", "2022-13-45", "1.2亿元", "20%", "lead", "tj-miit", "", " "]),
)
keys = st.sampled_from(
    [
        "id",
        "name",
        "zh",
        "level",
        "unit",
        "role",
        "document",
        "ordinal",
        "responsibilities",
        "sources",
        "valid",
        "start",
        "end",
        "shares",
        "share",
        "party",
        "risk_sharing",
        "type",
        "observations",
        "value",
        "date",
        "members",
        "tiers",
        "bogus",
    ]
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)
collections = st.sampled_from(
    [
        "jurisdictions",
        "agencies",
        "documents",
        "measures",
        "funds",
        "indicators",
        "tiers",
        "ladders",
        "platforms",
        "beneficiaries",
        "enterprises",
        "nonsense",
    ]
)
packs = st.fixed_dictionaries(
    {"smeeco": st.sampled_from([1, 2, "1", None])},
    optional={"pack": values},
).flatmap(
    lambda head: st.dictionaries(collections, st.lists(values, max_size=3), max_size=3).map(
        lambda body: {**head, **body}
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packs)
def test_parse_pack_reports_problems_instead_of_crashing(data: dict[str, Any]) -> None:
    try:
        _info, records, problems = parse_pack(data, where="fuzz.yaml")
    except SmeecoError:
        return
    for problem in problems:
        assert str(problem)  # every problem renders, with its path where it has one
    assert all(isinstance(r, smeeco.Record) for r in records)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packs)
def test_loading_any_pack_file_answers_or_raises_a_smeeco_error(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.json"
        path.write_text(json.dumps(data, default=str), encoding="utf-8")
        try:
            eco = smeeco.load(path)
        except SmeecoError:
            return
        assert all(isinstance(r, smeeco.Record) for r in eco)


@given(st.text(max_size=20))
def test_money_parse_never_crashes(text: str) -> None:
    try:
        amount = Money.parse(text)
    except SmeecoError:
        return
    assert Money.parse(str(amount)) == amount


@given(st.text(max_size=10), st.integers(-5, 5000) | st.none(), st.text(max_size=10))
def test_classify_never_crashes(industry: str, employees: int | None, revenue: str) -> None:
    try:
        result = classify(industry, employees=employees, revenue=revenue or None)
    except SmeecoError:
        return
    assert result.candidates


@pytest.mark.parametrize("text", ["", "[]", "smeeco: 1\nmeasures: 3\n", "a: [\n", "\x00"])
def test_odd_files_raise_a_smeeco_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SmeecoError, match=r"odd\.yaml"):
        smeeco.load(path)


def test_a_pack_with_only_a_version_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("smeeco: 1\n", encoding="utf-8")
    assert len(smeeco.load(path)) == 0
