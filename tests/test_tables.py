"""smeeco.table: rows, columns, order and types, for every backend."""

from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any

import pytest

import smeeco
from smeeco.tables import TABLES

BACKENDS = ["pandas", "polars", "pyarrow"]


def _rows(frame: Any) -> list[dict[str, Any]]:
    """The rows of a native frame as dicts of Python values (missing → None)."""
    import narwhals as nw

    rows = nw.from_native(frame, eager_only=True).rows(named=True)
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in rows]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _schema(frame: Any) -> dict[str, str]:
    import narwhals as nw

    return {k: str(v) for k, v in nw.from_native(frame, eager_only=True).schema.items()}


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin-2022-measures")


@pytest.fixture(scope="module")
def everything() -> smeeco.Ecosystem:
    return smeeco.load("all")


@pytest.mark.parametrize("backend", BACKENDS)
def test_responsibilities_rows_in_stated_order(
    example: smeeco.Ecosystem, backend: str
) -> None:
    frame = smeeco.table(example, "responsibilities", backend=backend)
    rows = _rows(frame)
    expected = [
        (m.id, r.unit, r.role.value, i)
        for m in sorted(example.measures, key=lambda m: m.ordinal)
        for i, r in enumerate(m.responsibilities)
    ]
    assert [(r["measure"], r["unit"], r["role"], r["order"]) for r in rows] == expected
    first = rows[0]
    assert first["number"] == "(一)"
    assert first["title"] == "加强财政资金支持"
    assert first["unit_name"] == "示例市财政局"
    assert first["explicit"] is False
    assert first["section"] == 1
    assert first["section_title"] == "落实财税扶持政策"
    assert first["named_as"] is None
    collective = [r["unit"] for r in rows if r["collective"]]
    assert "ex-districts" in collective


@pytest.mark.parametrize("backend", BACKENDS)
def test_types_are_typed(
    tianjin: smeeco.Ecosystem, everything: smeeco.Ecosystem, backend: str
) -> None:
    schema = _schema(smeeco.table(tianjin, "responsibilities", backend=backend))
    assert list(schema) == [
        "document", "measure", "number", "section", "section_title", "title", "unit",
        "unit_name", "unit_name_en", "role", "order", "explicit", "collective", "named_as",
    ]  # fmt: skip
    assert schema["section"] == "Int64"
    assert schema["order"] == "Int64"
    assert schema["explicit"] == "Boolean"
    assert schema["title"] == "String"
    docs = _schema(smeeco.table(tianjin, "documents", backend=backend))
    assert docs["issued"] == "Date"
    indicators = smeeco.table(everything, "indicators", backend=backend)
    schema = _schema(indicators)
    assert schema["date"] == "Date"
    assert schema["value"] == "Float64"


@pytest.mark.parametrize("backend", BACKENDS)
def test_named_as_on_a_later_date(tianjin: smeeco.Ecosystem, backend: str) -> None:
    rows = _rows(smeeco.table(tianjin, "responsibilities", backend=backend, as_of="2024-01-01"))
    four = [r for r in rows if r["number"] == "(四)"]
    assert (four[0]["unit"], four[0]["named_as"], four[0]["role"]) == (
        "tj-pbc-municipal-branch",
        "tj-pbc-branch",
        "lead",
    )
    assert (four[1]["unit"], four[1]["named_as"]) == ("tj-nfra", "tj-cbirc")
    before = _rows(smeeco.table(tianjin, "responsibilities", backend=backend))
    assert all(r["named_as"] is None for r in before)
    assert [r["unit"] for r in before if r["number"] == "(四)"][:2] == [
        "tj-pbc-branch",
        "tj-cbirc",
    ]


def test_a_missing_section_stays_missing_in_pandas(everything: smeeco.Ecosystem) -> None:
    frame = smeeco.table(everything, "measures", backend="pandas")
    assert str(frame["section"].dtype) == "int64[pyarrow]"
    section = frame.set_index("measure")["section"]
    assert section["tj-2022-measures.m04"] == 2
    assert section.isna()["tj-2018.m01"]
    assert not section.isna()["tj-2022-measures.m04"]
    assert str(frame["valid_from"].dtype) == "date32[day][pyarrow]"


@pytest.mark.parametrize("what", sorted(TABLES))
@pytest.mark.parametrize("backend", BACKENDS)
def test_every_table_builds_with_one_row_per_record(
    everything: smeeco.Ecosystem, backend: str, what: str
) -> None:
    eco = everything
    frame = smeeco.table(eco, what, backend=backend)
    rows = _rows(frame)
    counts = {
        "measures": len(eco.measures),
        "matrix": len(eco.measures),
        "agencies": len(eco.agencies),
        "documents": len(eco.documents),
        "funds": len(eco.funds),
        "platforms": len(eco.platforms),
        "tiers": len(eco.tiers),
        "enterprises": len(eco.enterprises),
        "responsibilities": sum(len(m.responsibilities) for m in eco.measures),
        "indicators": sum(len(i.observations) + len(i.targets) for i in eco.indicators),
        "metrics": len({u for m in eco.measures for u in m.units}),
    }
    assert len(rows) == counts[what]


def test_measures_in_document_order_and_money_in_yuan(everything: smeeco.Ecosystem) -> None:
    eco = everything
    rows = _rows(smeeco.table(eco, "measures", backend="polars"))
    order = {d.id: i for i, d in enumerate(eco.documents)}
    keys = [(order[r["document"]], r["ordinal"]) for r in rows]
    assert keys == sorted(keys)
    funds = {r["fund"]: r for r in _rows(smeeco.table(eco, "funds", backend="polars"))}
    sized = [f for f in eco.funds if f.size is not None]
    assert sized
    for f in sized:
        assert f.size is not None
        assert funds[f.id]["size"] == float(f.size.yuan)
        assert funds[f.id]["money_unit"] == "yuan"


def test_indicator_rows_are_observations_and_targets_by_date(
    everything: smeeco.Ecosystem,
) -> None:
    eco = everything
    rows = _rows(smeeco.table(eco, "indicators", backend="polars"))
    ind = next(i for i in eco.indicators if i.observations and i.targets)
    mine = [r for r in rows if r["indicator"] == ind.id]
    assert [r["entry"] for r in mine].count("observation") == len(ind.observations)
    assert [r["entry"] for r in mine].count("target") == len(ind.targets)
    assert [r["date"] for r in mine] == sorted(r["date"] for r in mine)
    assert all(isinstance(r["date"], dt.date) for r in mine)


def test_filters(tianjin: smeeco.Ecosystem) -> None:
    rows = _rows(
        smeeco.table(tianjin, "responsibilities", backend="polars", agency="市财政局")
    )
    assert rows
    assert {r["unit"] for r in rows} == {"tj-finance"}
    leads = _rows(smeeco.table(tianjin, "responsibilities", backend="polars", role="lead"))
    assert {r["role"] for r in leads} == {"lead"}
    measures = _rows(
        smeeco.table(tianjin, "measures", backend="polars", agency="tj-finance", role="lead")
    )
    assert measures
    assert all(smeeco.is_lead(tianjin, "tj-finance", r["measure"]) for r in measures)
    with pytest.raises(smeeco.InvalidValueError, match="funds table does not take agency"):
        smeeco.table(tianjin, "funds", agency="tj-finance")
    with pytest.raises(smeeco.InvalidValueError, match="unknown table 'measure'"):
        smeeco.table(tianjin, "measure")
    with pytest.raises(smeeco.UnknownReferenceError):
        smeeco.table(tianjin, "measures", agency="no such bureau")


def test_matrix_grid(example: smeeco.Ecosystem) -> None:
    rows = _rows(smeeco.table(example, "matrix", backend="polars"))
    assert [r["number"] for r in rows] == ["(一)", "(二)", "(三)"]
    assert rows[0]["ex-finance"] == "lead"
    assert rows[0]["ex-miit"] == "support"
    assert rows[2]["ex-old-regulator"] == "lead"


def test_unknown_backend(example: smeeco.Ecosystem) -> None:
    with pytest.raises(smeeco.InvalidValueError, match="unknown backend 'duckdb'"):
        smeeco.table(example, "measures", backend="duckdb")


def test_a_missing_backend_names_the_extra(
    example: smeeco.Ecosystem, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec

    def hide(name: str, *args: Any) -> Any:
        return None if name == "polars" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", hide)
    with pytest.raises(smeeco.MissingDependencyError, match=r"pip install 'smeeco\[polars\]'"):
        smeeco.table(example, "measures", backend="polars")
