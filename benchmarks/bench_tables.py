"""Tables benchmark: ``smeeco.table(eco, "responsibilities")`` at national scale, per backend.

Run from the repository root::

    python benchmarks/bench_tables.py           # 1,000 documents x 25 measures (~100k rows)
    python benchmarks/bench_tables.py --quick   # a small run

For each backend (pandas, Polars, PyArrow) three times are measured in the same run:

* ``table`` — ``smeeco.table(eco, "responsibilities", backend=…)``;
* ``by hand`` — what an analyst would otherwise write: a loop over the measures that
  appends the same 14 columns to plain Python lists, then the library's own constructor
  (``pl.DataFrame``, ``pa.table``, ``pd.DataFrame`` with the same Arrow types);
* ``constructor`` — the constructor alone, given the lists (the floor).

Goal: ``table`` within 1.5x of ``by hand``. Times are medians over repeats.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import smeeco
from benchmarks.synthetic import generate

__all__ = ["bench_backend", "by_hand_lists", "main"]

GOAL = 1.5


def _median(fn: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def by_hand_lists(eco: smeeco.Ecosystem) -> dict[str, list[Any]]:
    """The responsibilities columns, built the plain way (no filters, no checks)."""
    sections = {(d.id, s.ordinal): s.title.zh for d in eco.documents for s in d.sections}
    agencies = {a.id: a for a in eco.agencies}
    order = {d.id: i for i, d in enumerate(eco.documents)}
    cols: dict[str, list[Any]] = {
        k: []
        for k in (
            "document", "measure", "number", "section", "section_title", "title", "unit",
            "unit_name", "unit_name_en", "role", "order", "explicit", "collective", "named_as",
        )
    }  # fmt: skip
    for m in sorted(eco.measures, key=lambda m: (order[m.document], m.ordinal)):
        for i, r in enumerate(m.responsibilities):
            a = agencies[r.unit]
            cols["document"].append(m.document)
            cols["measure"].append(m.id)
            cols["number"].append(m.number or str(m.ordinal))
            cols["section"].append(m.section)
            cols["section_title"].append(sections.get((m.document, m.section or 0)))
            cols["title"].append(m.name.zh or m.name.en)
            cols["unit"].append(r.unit)
            cols["unit_name"].append(a.name.zh or a.name.en)
            cols["unit_name_en"].append(a.name.en or None)
            cols["role"].append(r.role.value)
            cols["order"].append(i)
            cols["explicit"].append(r.explicit)
            cols["collective"].append(a.collective)
            cols["named_as"].append(r.named_as)
    return cols


def _constructor(backend: str) -> Callable[[dict[str, list[Any]]], Any]:
    if backend == "polars":
        import polars as pl

        return lambda cols: pl.DataFrame(cols)
    import pyarrow as pa

    if backend == "pyarrow":
        return lambda cols: pa.table(cols)
    import pandas as pd

    # the same Arrow-backed dtypes smeeco gives (nullable ints, dates)
    return lambda cols: pa.table(cols).to_pandas(types_mapper=pd.ArrowDtype)


def bench_backend(eco: smeeco.Ecosystem, backend: str, repeats: int) -> dict[str, float]:
    """Median seconds of ``table``, ``by hand`` and ``constructor``, and the ratio."""
    build = _constructor(backend)
    lists = by_hand_lists(eco)
    rows = len(lists["unit"])
    table = _median(lambda: smeeco.table(eco, "responsibilities", backend=backend), repeats)
    hand = _median(lambda: build(by_hand_lists(eco)), repeats)
    floor = _median(lambda: build(lists), repeats)
    return {
        "rows": rows,
        "table": table,
        "by_hand": hand,
        "constructor": floor,
        "ratio": table / hand,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small run")
    args = parser.parse_args(argv)
    scale = (
        {"documents": 40, "measures_per_document": 10, "agencies": 80}
        if args.quick
        else {"documents": 1000, "measures_per_document": 25, "agencies": 300}
    )
    repeats = 3 if args.quick else 5
    eco = smeeco.Ecosystem(generate(**scale))
    smeeco.table(eco, "responsibilities", backend="pyarrow")  # warm the imports
    print(f"responsibilities table, {len(eco.measures):,} measures")
    print(f"{'backend':8}  {'rows':>8}  {'table':>8}  {'by hand':>8}  {'ctor':>8}  ratio")
    worst = 0.0
    for backend in ("pandas", "polars", "pyarrow"):
        r = bench_backend(eco, backend, repeats)
        worst = max(worst, r["ratio"])
        print(
            f"{backend:8}  {int(r['rows']):>8,}  {r['table'] * 1e3:>6.0f}ms"
            f"  {r['by_hand'] * 1e3:>6.0f}ms  {r['constructor'] * 1e3:>6.0f}ms"
            f"  {r['ratio']:.2f}x"
        )
    print(f"worst ratio {worst:.2f}x (goal <= {GOAL}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
