"""``smeeco classify``: size classes for every row of a register."""

from __future__ import annotations

import argparse
from typing import TextIO

from smeeco.cli._common import add_debug, add_register_options, progress_bar, read_register_args

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "size class (large/medium/small/micro) of every enterprise in a register"

_EPILOG = """\
examples:
  smeeco classify register.csv -o sized.csv
  smeeco classify register.parquet -o sized.parquet --standard nbs-2017 --money-unit 万元
  smeeco classify register.xlsx -o sized.xlsx --standard eu-2003 --yuan-per-euro 7.8 \\
      --holdings holdings.csv
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``classify`` command to ``commands``."""
    p = commands.add_parser(
        "classify",
        help=HELP,
        description="Read a register (CSV, XLSX, Parquet), check every cell and write it back"
        " with size_class, size_candidates, size_missing, size_industry and size_note.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("register", help="the register file (.csv, .tsv, .xlsx, .parquet)")
    p.add_argument("-o", "--output", required=True, help="result file (.csv, .xlsx, .parquet)")
    p.add_argument("--standard", default="miit-2011", choices=("miit-2011", "nbs-2017", "eu-2003"))
    add_register_options(p)
    p.add_argument("--holdings", help="EU only: a table of holdings (holder, held, share)")
    p.add_argument("--yuan-per-euro", help="EU only: the exchange rate to apply")
    add_debug(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Classify, write the result, print a one-line count per class."""
    import polars as pl

    from smeeco.register import Register, write_table
    from smeeco.register.chunks import in_chunks
    from smeeco.sizing.frame import classify_register

    register = read_register_args(args, standard=args.standard)
    bar = progress_bar("classify", len(register))

    def size(part: Register) -> pl.DataFrame:
        return classify_register(
            part, standard=args.standard, holdings=args.holdings, yuan_per_euro=args.yuan_per_euro
        )

    if bar is None or args.holdings:  # holdings link rows across the register: one piece
        result = size(register)
        if bar is not None:
            bar(len(register), len(register))
    else:
        result = in_chunks(register, size, progress=bar)
    typed = not str(args.output).lower().endswith((".csv", ".tsv"))  # CSV: cells as written
    write_table(register.passed_through(result, typed=typed), args.output, source=args.register)
    counts = result["size_class"].value_counts(sort=True)
    summary = ", ".join(f"{c} {n}" for c, n in counts.sort("size_class").iter_rows())
    print(f"{len(register)} enterprises → {args.output}: {summary}", file=out)
    return 0
