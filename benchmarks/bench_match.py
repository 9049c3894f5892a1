"""政策找企业 at population scale: `smeeco match` against its baselines, in one run.

Run ``python benchmarks/bench_match.py [--rows 200000] [--pack all]``. Prints:

- Polars reading and writing the register as Parquet (the floor);
- match end to end (read, check, size, tiers met, every measure of the pack, write) and
  its ratio to the floor;
- the row-by-row baseline (``match_rows``, what a naive user writes) on a sample, per row
  and extrapolated, and how much faster the column-wise form is;
- ``eligible_measures`` for one enterprise (median).

The register is ``bench_enterprise.synthetic_register`` plus a ``region`` (mostly Tianjin
districts, some Qingdao, some missing) and a ``tiers`` column (mostly empty).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import smeeco
from benchmarks.bench_enterprise import DAY, synthetic_register, timed
from smeeco.register import read_register, write_table
from smeeco.rules.match import match_register, match_rows

REGIONS = ["120101", "120104", "120116", "120000", "370202", "110105", None]
REGION_WEIGHTS = [0.2, 0.25, 0.25, 0.05, 0.1, 0.05, 0.1]
TIERS = ["", "cn-innovative-sme@2024-05-01", "cn-srdi-sme@2023-07-01", "cn-little-giant", None]
TIER_WEIGHTS = [0.6, 0.1, 0.04, 0.01, 0.25]


def register(rows: int, seed: int = 7) -> pl.DataFrame:
    """The synthetic register with ``region`` and ``tiers``."""
    rng = np.random.default_rng(seed + 1)
    regions = rng.choice(len(REGIONS), rows, p=REGION_WEIGHTS).tolist()
    tiers = rng.choice(len(TIERS), rows, p=TIER_WEIGHTS).tolist()
    return synthetic_register(rows, seed).with_columns(
        pl.Series("region", [REGIONS[i] for i in regions], dtype=pl.String),
        pl.Series("tiers", [TIERS[i] for i in tiers], dtype=pl.String),
    )


def bench(rows: int, sample: int, pack: str) -> dict[str, float]:
    """Times, in seconds (per row for the baselines)."""
    eco = smeeco.load(pack)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "register.parquet"
        register(rows).write_parquet(src)

        def polars_io() -> None:
            pl.read_parquet(src).write_parquet(Path(tmp) / "copy.parquet")

        def match() -> None:
            result = match_register(eco, read_register(src), DAY)
            write_table(result, Path(tmp) / "matched.parquet")

        base = timed(polars_io, 3)
        t_match = timed(match)
        small = read_register(pl.read_parquet(src).head(sample))
        t_rows = timed(lambda: match_rows(eco, small, DAY))
        one = small.frame.row(0, named=True)
        times = []
        for _ in range(20):
            start = time.perf_counter()
            smeeco.eligible_measures(eco, one, as_of=DAY)
            times.append(time.perf_counter() - start)
    return {
        "polars_io": base,
        "match": t_match,
        "ratio": t_match / base,
        "row_per_row": t_rows / sample,
        "one_enterprise": statistics.median(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--sample", type=int, default=500, help="rows for the naive baseline")
    parser.add_argument("--pack", default="all")
    args = parser.parse_args()
    r = bench(args.rows, args.sample, args.pack)
    n = args.rows
    print(f"rows: {n:,}, pack: {args.pack}")
    print(f"polars read+write parquet      {r['polars_io']:8.3f} s")
    print(f"match end to end               {r['match']:8.3f} s   {r['ratio']:6.1f}x the floor")
    print(
        f"row-by-row baseline            {r['row_per_row'] * 1e6:8.1f} µs/row (extrapolated"
        f" {r['row_per_row'] * n:8.1f} s; column-wise is"
        f" {r['row_per_row'] * n / r['match']:6.1f}x faster)"
    )
    print(f"eligible_measures, one firm    {r['one_enterprise'] * 1e3:8.2f} ms (median)")


if __name__ == "__main__":
    main()
