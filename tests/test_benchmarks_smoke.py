"""The benchmark and its corpus generator run (at a tiny scale; no timing is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import smeeco

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root

from benchmarks import bench_core
from benchmarks.synthetic import generate

TINY = {"documents": 4, "measures_per_document": 5, "agencies": 45, "units_per_measure": 3}


def test_the_synthetic_corpus_is_valid_and_deterministic() -> None:
    records = generate(**TINY)
    assert records == generate(**TINY)
    eco = smeeco.Ecosystem(records)
    assert eco.counts()["measure"] == 20
    assert eco.counts()["document"] == 4
    assert eco.counts()["agency"] == 45
    assert all(m.responsibilities for m in eco.measures)
    assert any(a.collective for a in eco.agencies)
    assert any(a.successors for a in eco.agencies)
    assert eco.validate() == ()
    assert generate(**TINY, seed=1) != records


def test_the_benchmark_functions_run() -> None:
    records = generate(**TINY)
    build = bench_core.bench_build(records, repeats=1)
    assert build["nodes"] == len(records)
    assert build["edges"] > 0
    assert build["ratio"] > 0
    queries = bench_core.bench_queries(records, calls=5)
    assert set(queries) == {"responsible_units", "lead_unit", "measures_led_by", "is_lead"}
    assert bench_core.bench_matrix(records, repeats=1)["rows"] == 5
    assert bench_core.bench_memory(records)["per_measure"] > 0
    export = bench_core.bench_export(records, repeats=1)
    assert export["edges"] == build["edges"]
    assert export["graphml_ratio"] > 0
    assert export["gexf_ratio"] > 0


@pytest.mark.skipif(sys.platform == "win32", reason="subprocess timing only")
def test_the_table_prints() -> None:
    rows = bench_core.run(TINY, repeats=1, calls=5, import_repeats=1)
    table = bench_core._table(rows)
    assert "build ratio" in table
    assert "GraphML ratio" in table
    assert "import smeeco" in table


def test_the_tables_benchmark_runs() -> None:
    from benchmarks import bench_tables

    eco = smeeco.Ecosystem(generate(**TINY))
    result = bench_tables.bench_backend(eco, "polars", repeats=1)
    assert result["rows"] == sum(len(m.responsibilities) for m in eco.measures)
    assert result["ratio"] > 0
    # the benchmark's plain-lists baseline holds exactly what smeeco's table holds
    columns = smeeco.table_columns(eco, "responsibilities")
    assert bench_tables.by_hand_lists(eco) == columns.data
