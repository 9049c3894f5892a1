"""Core benchmark: build, query latency, matrix, memory and import time at national scale.

Run from the repository root::

    python benchmarks/bench_core.py           # 1,000 documents x 25 measures, ~300 agencies
    python benchmarks/bench_core.py --quick   # a small run, for a quick look

Goals: building ``Ecosystem(records)`` and its graph within 2x of networkx alone adding the
same nodes and edges; a query in 50 us or less once its index is built; ``import smeeco``
in 0.3 s or less. Times are medians over repeats, measured with ``time.perf_counter``; the
build is timed in CPU time in rounds that alternate both sides (see :func:`bench_build`).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import smeeco
from benchmarks.synthetic import generate
from smeeco import Ecosystem, Record

__all__ = [
    "bench_build",
    "bench_export",
    "bench_import",
    "bench_matrix",
    "bench_memory",
    "bench_queries",
    "main",
    "run",
]

FULL = {"documents": 1000, "measures_per_document": 25, "agencies": 300, "units_per_measure": 4}
QUICK = {"documents": 60, "measures_per_document": 25, "agencies": 120, "units_per_measure": 4}


def _median_time(fn: Callable[[], Any], repeats: int) -> float:
    """Median seconds of ``fn()``; the garbage collector is paused while it runs (as in
    ``timeit``), so that a collection triggered by one side does not bill the other."""
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return statistics.median(times)


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one ``fn()`` with the garbage collector paused."""
    gc.collect()
    gc.disable()
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        fn()
        return time.process_time() - cpu, time.perf_counter() - wall
    finally:
        gc.enable()


def _ratio(ours: float, baseline: float) -> float:
    """``ours / baseline``; a baseline below the clock's resolution counts as 1 us."""
    return ours / max(baseline, 1e-6)


def bench_build(records: Sequence[Record], repeats: int = 3) -> dict[str, float]:
    """Seconds to build ``Ecosystem(records)``, its ``.graph``, and networkx alone.

    The four builds run in turn in each of ``repeats`` rounds, so that a busy spell of a
    shared machine slows both sides of a round; the ratio is the median of the rounds'
    ratios. Times are CPU time (``time.process_time``: what the build costs, not what
    other processes take); the wall-clock ratio is given beside it.
    """

    def build() -> Ecosystem:
        return Ecosystem(records)

    def build_and_graph() -> None:
        build().graph  # noqa: B018 - the graph is built on access

    eco = build()
    graph = eco.graph
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))

    def networkx_bulk() -> None:
        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)

    def networkx_loop() -> None:
        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        g.add_nodes_from(nodes)
        add_edge = g.add_edge
        for u, v, key, data in edges:
            add_edge(u, v, key, **data)

    rounds = []
    for _ in range(repeats):
        bulk, loop = _timed(networkx_bulk), _timed(networkx_loop)
        ecosystem, total = _timed(build), _timed(build_and_graph)
        # networkx alone: the faster of its two ways of adding the same edges
        alone = (min(bulk[0], loop[0]), min(bulk[1], loop[1]))
        ratio, wall = _ratio(total[0], alone[0]), _ratio(total[1], alone[1])
        rounds.append((ecosystem[0], total[0], alone[0], ratio, wall))
    ecosystem_s, total_s, alone_s, ratio, wall_ratio = (
        statistics.median(column) for column in zip(*rounds, strict=True)
    )
    return {
        "ecosystem": ecosystem_s,
        "graph": total_s - ecosystem_s,
        "total": total_s,
        "networkx": alone_s,
        "ratio": ratio,
        "wall_ratio": wall_ratio,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
    }


def _latency(fn: Callable[[Any], Any], args: Sequence[Any]) -> float:
    """Median seconds per call over ``args``."""
    times = []
    clock = time.perf_counter
    for arg in args:
        start = clock()
        fn(arg)
        times.append(clock() - start)
    return statistics.median(times)


def bench_queries(records: Sequence[Record], calls: int = 2000, seed: int = 1) -> dict[str, Any]:
    """Median latency of the responsibility queries; the first call of each separately."""
    eco = Ecosystem(records)
    rng = random.Random(seed)
    measures = [m.id for m in eco.measures]
    agencies = [a.id for a in eco.agencies]
    pairs = []
    for _ in range(calls):
        m = eco.require(rng.choice(measures), smeeco.Measure)
        pairs.append(
            (m.responsibilities[0].unit, m.id)
            if rng.random() < 0.5
            else (rng.choice(agencies), m.id)
        )
    queries: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
        "responsible_units": (
            lambda m: smeeco.responsible_units(eco, m),
            [rng.choice(measures) for _ in range(calls)],
        ),
        "lead_unit": (
            lambda m: smeeco.lead_unit(eco, m),
            [rng.choice(measures) for _ in range(calls)],
        ),
        "measures_led_by": (
            lambda a: smeeco.measures_led_by(eco, a),
            [rng.choice(agencies) for _ in range(calls)],
        ),
        "is_lead": (lambda p: smeeco.is_lead(eco, p[0], p[1]), pairs),
    }
    result: dict[str, Any] = {}
    for name, (fn, args) in queries.items():
        start = time.perf_counter()
        fn(args[0])
        first = time.perf_counter() - start
        result[name] = {"first": first, "median": _latency(fn, args)}
    return result


def bench_matrix(records: Sequence[Record], repeats: int = 5) -> dict[str, float]:
    """Seconds for the responsibility matrix of one document (first call, then median)."""
    eco = Ecosystem(records)
    document = eco.documents[len(eco.documents) // 2].id
    start = time.perf_counter()
    matrix = smeeco.responsibility_matrix(eco, document)
    first = time.perf_counter() - start
    median = _median_time(lambda: smeeco.responsibility_matrix(eco, document), repeats)
    return {
        "first": first,
        "median": median,
        "rows": len(matrix.measures),
        "units": len(matrix.units),
    }


def bench_export(records: Sequence[Record], repeats: int = 5) -> dict[str, float]:
    """CPU seconds to write the graph as GraphML and GEXF, against networkx's writers.

    networkx's writers get a copy of the graph made beforehand, holding what smeeco's
    writers encode on the fly (tuples ``|``-joined under a marked name, each edge's key
    as the attribute ``key``), so both sides write the same document. Rounds alternate
    the sides, as in :func:`bench_build`.
    """
    import io

    from smeeco.io._graphdata import encode_list
    from smeeco.io.gexf import dumps_gexf
    from smeeco.io.graphml import dumps_graphml

    graph = Ecosystem(records).graph

    def encoded(data: dict[str, Any]) -> dict[str, Any]:
        return {
            (f"{k} []" if isinstance(v, tuple) else k): (
                encode_list(v) if isinstance(v, tuple) else v
            )
            for k, v in data.items()
        }

    copy: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    copy.add_nodes_from((n, encoded(d)) for n, d in graph.nodes(data=True))
    edges: list[Any] = [
        (u, v, k, {"key": k, **encoded(d)}) for u, v, k, d in graph.edges(keys=True, data=True)
    ]
    copy.add_edges_from(edges)
    rounds = []
    for _ in range(repeats):
        nx_graphml = _timed(lambda: nx.write_graphml_xml(copy, io.BytesIO()))[0]
        graphml = _timed(lambda: dumps_graphml(graph))[0]
        nx_gexf = _timed(lambda: nx.write_gexf(copy, io.BytesIO()))[0]
        gexf = _timed(lambda: dumps_gexf(graph))[0]
        rounds.append(
            (graphml, nx_graphml, _ratio(graphml, nx_graphml), gexf, nx_gexf, _ratio(gexf, nx_gexf))
        )
    names = ("graphml", "nx_graphml", "graphml_ratio", "gexf", "nx_gexf", "gexf_ratio")
    result = {
        name: statistics.median(column)
        for name, column in zip(names, zip(*rounds, strict=True), strict=True)
    }
    result["edges"] = graph.number_of_edges()
    return result


def bench_memory(records: Sequence[Record]) -> dict[str, float]:
    """Peak bytes (tracemalloc) to build the ecosystem and its graph from ready records."""
    gc.collect()
    tracemalloc.start()
    eco = Ecosystem(records)
    eco.graph  # noqa: B018
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    measures = len(eco.measures) or 1
    return {"peak": peak, "per_measure": peak / measures}


def bench_import(repeats: int = 5) -> dict[str, Any]:
    """Seconds for ``import smeeco`` in a fresh interpreter, and the slowest imports."""
    code = "import time; t = time.perf_counter(); import smeeco; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.strip()))
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import smeeco"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = (p.strip() for p in line[len("import time:") :].split("|"))
        rows.append((int(cumulative), name))
    top = [(name.strip(), micro / 1e6) for micro, name in sorted(rows, reverse=True)[:8]]
    return {"median": statistics.median(times), "top": top}


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} us"


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def run(
    scale: dict[str, int], *, repeats: int = 3, calls: int = 2000, import_repeats: int = 5
) -> list[tuple[str, str, str]]:
    """Run every benchmark at ``scale``; return (what, measured, goal) rows."""
    t0 = time.perf_counter()
    records = generate(**scale)
    generated = time.perf_counter() - t0
    build = bench_build(records, repeats)
    queries = bench_queries(records, calls)
    matrix = bench_matrix(records)
    memory = bench_memory(records)
    # writing XML takes seconds per 10^5 edges: the export is timed on the quick corpus
    small = scale["documents"] <= QUICK["documents"]
    export = bench_export(records if small else generate(**QUICK), repeats)
    imported = bench_import(import_repeats)
    measures = scale["documents"] * scale["measures_per_document"]
    rows = [
        (
            "corpus",
            f"{len(records):,} records, {measures:,} measures, "
            f"{build['nodes']:,} nodes, {build['edges']:,} edges (generated in {generated:.2f} s)",
            "",
        ),
        ("Ecosystem(records) (CPU)", _ms(build["ecosystem"]), ""),
        ("  + .graph", _ms(build["graph"]), ""),
        ("  = total", _ms(build["total"]), ""),
        ("networkx alone", _ms(build["networkx"]), ""),
        ("build ratio (CPU time, median of rounds)", f"{build['ratio']:.2f}x", "<= 2x"),
        ("build ratio (wall clock)", f"{build['wall_ratio']:.2f}x", ""),
    ]
    for name, q in queries.items():
        rows.append((f"{name} (median)", _us(q["median"]), "<= 50 us"))
        rows.append((f"{name} (first call)", _us(q["first"]), ""))
    rows += [
        (
            f"responsibility_matrix ({matrix['rows']:.0f}x{matrix['units']:.0f}, first)",
            _ms(matrix["first"]),
            "",
        ),
        ("responsibility_matrix (median)", _ms(matrix["median"]), ""),
        (f"GraphML ({export['edges']:,.0f} edges, CPU)", _ms(export["graphml"]), ""),
        ("  networkx's GraphML writer", _ms(export["nx_graphml"]), ""),
        ("  GraphML ratio", f"{export['graphml_ratio']:.2f}x", "~1x"),
        (f"GEXF ({export['edges']:,.0f} edges, CPU)", _ms(export["gexf"]), ""),
        ("  networkx's GEXF writer", _ms(export["nx_gexf"]), ""),
        ("  GEXF ratio", f"{export['gexf_ratio']:.2f}x", "~1x"),
        ("memory peak (tracemalloc)", f"{memory['peak'] / 2**20:,.1f} MiB", ""),
        ("memory per measure", f"{memory['per_measure']:,.0f} B", ""),
        ("import smeeco (fresh process)", _ms(imported["median"]), "<= 300 ms"),
    ]
    rows += [(f"  importtime: {name}", _ms(sec), "") for name, sec in imported["top"]]
    return rows


def _table(rows: Sequence[tuple[str, str, str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    head = ("what", "measured", "goal")
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small run")
    args = parser.parse_args(argv)
    scale = QUICK if args.quick else FULL
    print(
        f"smeeco {smeeco.__version__}, networkx {nx.__version__}, Python {sys.version.split()[0]}"
    )
    print(_table(run(scale, repeats=3 if args.quick else 5)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
