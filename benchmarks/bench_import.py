"""Import benchmark: ``import smeeco`` against importing its core dependencies alone.

Run from the repository root::

    python benchmarks/bench_import.py            # 9 fresh interpreters each, interleaved
    python benchmarks/bench_import.py --repeats 3

Goal: ``import smeeco`` within 2x of ``import attrs, cattrs, yaml`` (the libraries every
load needs), each timed inside a fresh interpreter (``python -c``), median of the runs.
Runs alternate between the two so that a busy machine slows both alike. The slowest
smeeco modules (their own time, from ``python -X importtime``) are listed to show what to
make lazy next.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from collections.abc import Sequence

__all__ = ["bench_import", "main"]

DEPS = "import attrs, cattrs, yaml"
SMEECO = "import smeeco"


def _time(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _own_modules() -> list[tuple[str, float]]:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", SMEECO],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, _cumulative, name = (p.strip() for p in line[len("import time:") :].split("|"))
        if name.startswith("smeeco"):
            rows.append((name, int(own) / 1e6))
    return sorted(rows, key=lambda r: -r[1])


def bench_import(repeats: int = 9) -> dict[str, object]:
    """Median seconds of each import in fresh interpreters, their ratio, smeeco's modules."""
    deps: list[float] = []
    ours: list[float] = []
    for _ in range(repeats):
        deps.append(_time(DEPS))
        ours.append(_time(SMEECO))
    modules = _own_modules()
    lazy_check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, smeeco; print(sorted(m for m in ('smeeco.parse', 'smeeco.render',"
            " 'smeeco.io.matrix', 'smeeco.sizing', 'smeeco.io.export', 'networkx',"
            " 'matplotlib') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return {
        "deps": statistics.median(deps),
        "smeeco": statistics.median(ours),
        "ratio": statistics.median(ours) / statistics.median(deps),
        "modules": modules,
        "eager": lazy_check,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args(argv)
    result = bench_import(args.repeats)
    print(f"Python {sys.version.split()[0]}, {args.repeats} fresh interpreters each")
    print(f"  {DEPS:<28} {result['deps'] * 1e3:8.1f} ms (median)")  # type: ignore[operator]
    print(f"  {SMEECO:<28} {result['smeeco'] * 1e3:8.1f} ms (median)")  # type: ignore[operator]
    print(f"  ratio                        {result['ratio']:8.2f}x   (goal <= 2x)")
    print(f"  heavy parts imported eagerly: {result['eager']}")
    print("  slowest smeeco modules (own time, one run):")
    for name, seconds in result["modules"][:8]:  # type: ignore[index]
        print(f"    {name:<40} {seconds * 1e3:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
