"""The load and import benchmarks run (at a tiny scale; no timing is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root

from benchmarks import bench_import, bench_load

TINY = {"documents": 2, "measures_per_document": 3, "agencies": 20, "units_per_measure": 2}


def test_the_load_benchmark_runs() -> None:
    bundled = bench_load.bench_bundled("tianjin", repeats=1)
    assert bundled["files"] == 7  # tianjin, its five packs and china
    assert bundled["ratio"] > 0
    large = bench_load.bench_large(TINY, repeats=1)
    assert large["records"] > 0
    assert large["edges"] > 0
    assert {"read_yaml", "read_json", "bare_yaml", "bare_json", "write_yaml"} <= set(large)


def test_the_import_benchmark_runs() -> None:
    result = bench_import.bench_import(repeats=1)
    assert result["ratio"] > 0  # type: ignore[operator]
    assert result["eager"] == "[]"
