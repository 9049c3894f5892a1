"""``smeeco eligible``: which enterprises of a register meet a tier's criteria, and why not."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

from smeeco.cli._common import add_debug, add_register_options, progress_bar, read_register_args

if TYPE_CHECKING:
    from smeeco.register import Register
    from smeeco.rules import TierRules

__all__ = ["HELP", "add_parser", "add_register_args", "date_arg", "read_tier_register", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "evaluate a tier's criteria for every enterprise in a register"

_EPILOG = """\
examples:
  smeeco eligible register.csv --tier cn-innovative-sme --as-of 2025-06-30 -o eligible.csv
  smeeco eligible register.parquet --tier 专精特新中小企业 --as-of 2026-05-01 -o out.parquet
"""


def date_arg(text: str) -> dt.date:
    """An ISO date for argparse, refused with a readable message."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_register_args(p: argparse.ArgumentParser) -> None:
    """The options every register command shares."""
    p.add_argument("register", help="the register file (.csv, .tsv, .xlsx, .parquet)")
    p.add_argument("--tier", required=True, help="tier id (cn-innovative-sme) or Chinese name")
    p.add_argument("--as-of", type=date_arg, default=None, help="evaluation day (default today)")
    add_register_options(p)
    p.add_argument("--rules", help="a rule-pack YAML file instead of the bundled criteria")
    add_debug(p)


def read_tier_register(
    args: argparse.Namespace, rules: Mapping[str, TierRules], day: dt.date
) -> Register:
    """The register ``args`` names, read for ``args.tier``'s criteria on ``day``.

    When the criteria read the industry (a size class), unknown industries are reported
    with every other bad cell, in one error.
    """
    from smeeco.rules.criteria import reads_industry
    from smeeco.rules.register import tier_rules

    criterion = tier_rules(args.tier, rules).on(day).criterion
    standard = "miit-2011" if reads_industry(criterion) else None
    return read_register_args(args, standard=standard)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``eligible`` command to ``commands``."""
    p = commands.add_parser(
        "eligible",
        help=HELP,
        description="Write one row per enterprise: id, status (met/unmet/unknown/manual),"
        " score (where scored and decided) and why.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_register_args(p)
    p.add_argument("-o", "--output", required=True, help="result file (.csv, .xlsx, .parquet)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Evaluate, write the result, print the count per status."""
    from smeeco.register import write_table
    from smeeco.register.chunks import in_chunks, with_row_ids
    from smeeco.rules import load_rules
    from smeeco.rules.compile import eligible

    day = args.as_of or dt.date.today()
    rules = load_rules(args.rules)
    register = read_tier_register(args, rules, day)
    bar = progress_bar("eligible", len(register))
    if bar is None:
        result = eligible(register, args.tier, day, rules=rules)
    else:
        result = in_chunks(
            with_row_ids(register),
            lambda part: eligible(part, args.tier, day, rules=rules),
            progress=bar,
        )
    write_table(result, args.output, source=args.register)
    counts = dict(result["status"].value_counts().iter_rows())
    summary = ", ".join(
        f"{s} {counts[s]}" for s in ("met", "unknown", "manual", "unmet") if s in counts
    )
    print(f"{len(register)} enterprises, {args.tier} on {day} → {args.output}: {summary}", file=out)
    return 0
