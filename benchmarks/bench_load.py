"""Load and write benchmark: data packs against libyaml (and json) alone, in one run.

Run from the repository root::

    python benchmarks/bench_load.py           # bundled packs, and a 10^5-edge pack
    python benchmarks/bench_load.py --quick   # a small synthetic pack

Goals: ``smeeco.load("all")`` within 3x of libyaml alone parsing the same files (reading
the text included in both). For the large synthetic pack the table shows YAML against
JSON, each against its bare parser, and the time to write it. Times are medians over
repeats, measured with ``time.perf_counter``. ``smeeco.load`` pauses the garbage
collector while it reads; the bare parsers are timed both as usual and paused.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import smeeco
from benchmarks.synthetic import generate
from smeeco.datasets import pack_path
from smeeco.io import packtext

__all__ = ["bench_bundled", "bench_large", "main", "run"]

#: About 10^5 graph edges (the national corpus of bench_core has 1.4 x 10^5 at 1000).
LARGE = {"documents": 700, "measures_per_document": 25, "agencies": 300, "units_per_measure": 4}
QUICK = {"documents": 30, "measures_per_document": 25, "agencies": 120, "units_per_measure": 4}

_CLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _median_time(fn: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _files_of(name: str) -> list[Path]:
    """Every file ``smeeco.load(name)`` reads: the pack and all it requires."""
    eco = smeeco.load(name)
    return [pack_path(info.name) for info in eco.packs]


def bench_bundled(name: str = "all", repeats: int = 5) -> dict[str, float]:
    """``smeeco.load(name)`` against libyaml alone parsing the same files."""
    files = _files_of(name)

    def bare() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=_CLoader)

    def pure() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)

    def bare_paused() -> None:
        with packtext.paused_gc():  # as smeeco.load runs: the fairest baseline
            bare()

    load = _median_time(lambda: smeeco.load(name), repeats)
    libyaml = _median_time(bare, repeats)
    paused = _median_time(bare_paused, repeats)
    python = _median_time(pure, max(1, repeats // 2))
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "load": load,
        "libyaml": libyaml,
        "libyaml_paused": paused,
        "pure": python,
        "ratio": load / libyaml,
        "ratio_paused": load / paused,
    }


def bench_large(scale: dict[str, int], repeats: int = 3) -> dict[str, float]:
    """A synthetic pack written and read as YAML and as JSON, against the bare parsers."""
    records = generate(**scale)
    eco = smeeco.Ecosystem(records)
    out: dict[str, float] = {
        "records": len(records),
        "edges": eco.graph.number_of_edges(),
    }
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("yaml", "json"):
            path = Path(folder) / f"large.{fmt}"
            out[f"write_{fmt}"] = _median_time(lambda p=path: smeeco.write_pack(eco, p), 1)
            out[f"bytes_{fmt}"] = path.stat().st_size
            out[f"read_{fmt}"] = _median_time(lambda p=path: smeeco.read_pack(p), repeats)
            with packtext.paused_gc():  # the bare parsers with the collector paused, as smeeco
                if fmt == "yaml":
                    out["bare_yaml"] = _median_time(
                        lambda p=path: yaml.load(p.read_text(encoding="utf-8"), Loader=_CLoader),
                        repeats,
                    )
                else:
                    out["bare_json"] = _median_time(
                        lambda p=path: json.loads(p.read_text(encoding="utf-8")), repeats
                    )
    return out


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def run(scale: dict[str, int], *, repeats: int = 5) -> list[tuple[str, str, str]]:
    """Run both benchmarks; return (what, measured, goal) rows."""
    bundled = bench_bundled("all", repeats)
    large = bench_large(scale, max(1, repeats // 2))
    return [
        (
            "bundled 'all'",
            f"{bundled['files']:.0f} files, {bundled['bytes'] / 1024:,.0f} KiB",
            "",
        ),
        ("  smeeco.load('all')", _ms(bundled["load"]), ""),
        ("  libyaml alone (CSafeLoader)", _ms(bundled["libyaml"]), ""),
        ("  libyaml alone, collector paused", _ms(bundled["libyaml_paused"]), ""),
        ("  pure-Python PyYAML alone", _ms(bundled["pure"]), ""),
        ("  load / libyaml", f"{bundled['ratio']:.2f}x", "<= 3x"),
        ("  load / libyaml (both paused)", f"{bundled['ratio_paused']:.2f}x", "<= 3x"),
        (
            "synthetic pack",
            f"{large['records']:,.0f} records, {large['edges']:,.0f} edges",
            "",
        ),
        ("  write YAML", f"{_ms(large['write_yaml'])} ({large['bytes_yaml'] / 2**20:.1f} MiB)", ""),
        ("  write JSON", f"{_ms(large['write_json'])} ({large['bytes_json'] / 2**20:.1f} MiB)", ""),
        ("  read_pack YAML", _ms(large["read_yaml"]), ""),
        ("  libyaml alone (collector paused)", _ms(large["bare_yaml"]), ""),
        ("  read YAML / libyaml", f"{large['read_yaml'] / large['bare_yaml']:.2f}x", ""),
        ("  read_pack JSON", _ms(large["read_json"]), ""),
        ("  json.loads alone (collector paused)", _ms(large["bare_json"]), ""),
        ("  read JSON / json.loads", f"{large['read_json'] / large['bare_json']:.2f}x", ""),
        ("  read YAML / read JSON", f"{large['read_yaml'] / large['read_json']:.2f}x", ""),
    ]


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
    print(
        f"smeeco {smeeco.__version__}, PyYAML {yaml.__version__}"
        f" (libyaml: {packtext.HAVE_LIBYAML}), Python {sys.version.split()[0]}"
    )
    print(_table(run(QUICK if args.quick else LARGE, repeats=3 if args.quick else 5)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
