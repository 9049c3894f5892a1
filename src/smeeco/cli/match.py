"""``smeeco match``: for every enterprise of a register, its size class, the tiers it meets
and the measures of a pack meant for it (政策找企业)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

from smeeco.cli._common import (
    add_debug,
    add_register_options,
    load_pack,
    progress_bar,
    read_register_args,
)
from smeeco.cli.eligible import date_arg

if TYPE_CHECKING:
    from smeeco.ecosystem import Ecosystem
    from smeeco.register import Register
    from smeeco.rules.groups import GroupRules

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "size class, tiers met and measures meant for every enterprise in a register"

_EPILOG = """\
examples:
  smeeco match register.csv --pack tianjin --as-of 2025-06-30 -o matched.csv
  smeeco match register.parquet --pack all -o matched.parquet --money-unit 万元
  smeeco match register.xlsx --pack my-pack.yaml --group-rules my-groups.yaml -o out.xlsx
  smeeco match register.csv --pack tianjin --as-of 2025-06-30 --explain e42

columns written: id, size_class, tiers_met, measures_met, measures_unknown (missing data
could make them meant for the enterprise), measures_manual (a person must decide); ids are
separated by |. See `smeeco eligible` and `smeeco explain` for one tier's reasons.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``match`` command to ``commands``."""
    p = commands.add_parser(
        "match",
        help=HELP,
        description="Match a register against a data pack's measures: per enterprise its size"
        " class, the tiers whose criteria it meets, and the measures meant for it (met),"
        " those missing data leaves open (unknown) and those to review (manual).",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("register", help="the register file (.csv, .tsv, .xlsx, .parquet)")
    p.add_argument("--pack", required=True, help="a bundled pack name or a data-pack file")
    p.add_argument("-o", "--output", help="result file (.csv, .xlsx, .parquet)")
    p.add_argument(
        "--explain",
        metavar="ID",
        help="instead of writing a file, print every measure for the enterprise with this id,"
        " with its state and why",
    )
    p.add_argument("--as-of", type=date_arg, default=None, help="evaluation day (default today)")
    add_register_options(p)
    p.add_argument("--rules", help="a tier rule-pack YAML file instead of the bundled criteria")
    p.add_argument(
        "--group-rules", help="a beneficiary-group criteria YAML file instead of the bundled one"
    )
    add_debug(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Match, write the result, print how many enterprises each kind of answer reached."""
    from pathlib import Path

    from smeeco.errors import RegisterError
    from smeeco.register import TABLE_FORMATS, write_table
    from smeeco.rules import load_rules
    from smeeco.rules.groups import load_group_rules
    from smeeco.rules.match import match_register

    if args.explain is None and not args.output:
        raise RegisterError("give -o OUT for the whole register, or --explain ID for one row")
    if args.output and Path(args.output).suffix.lower() not in TABLE_FORMATS:
        raise RegisterError(  # refused before the work, not after it
            f"cannot write {Path(args.output).name!r}: use one of {', '.join(TABLE_FORMATS)}"
        )
    eco = load_pack(args.pack)
    rules = load_rules(args.rules)
    group_rules = load_group_rules(args.group_rules)
    # every measure's group rules start from the size class: industries are checked
    register = read_register_args(args, standard="miit-2011")
    day = args.as_of or dt.date.today()
    if args.explain is not None:
        return _explain(eco, register, args.explain, day, group_rules, args.pack, out)
    result = match_register(
        eco,
        register,
        day,
        rules=rules,
        group_rules=group_rules,
        progress=progress_bar("match", len(register)),
    )
    write_table(result, args.output, source=args.register)
    counts = {
        c: int(result[c].is_not_null().sum())
        for c in ("measures_met", "measures_unknown", "measures_manual")
    }
    print(
        f"{len(register)} enterprises, {args.pack} on {day} → {args.output}:"
        f" {counts['measures_met']} with measures meant for them,"
        f" {counts['measures_unknown']} with measures left open by missing data,"
        f" {counts['measures_manual']} with measures to review",
        file=out,
    )
    return 0


def _explain(
    eco: Ecosystem,
    register: Register,
    enterprise: str,
    day: dt.date,
    group_rules: Mapping[str, GroupRules],
    pack: str,
    out: TextIO,
) -> int:
    from smeeco.model import Measure
    from smeeco.register.chunks import with_row_ids
    from smeeco.rules.measures import eligible_measures

    named = with_row_ids(register)  # without an id column, rows are "row N" as in the output
    row = named.frame.row(named.row_of(enterprise), named=True)
    found = eligible_measures(eco, row, as_of=day, rules=group_rules)
    counts = {s: sum(m.state == s for m in found) for s in ("met", "unknown", "manual", "unmet")}
    summary = ", ".join(f"{s} {n}" for s, n in counts.items())
    print(f"{enterprise}: {len(found)} measures of {pack} on {day} — {summary}", file=out)
    for m in found:
        record = eco.get(m.measure, Measure)
        title = (record.name.zh or record.name.en) if record is not None else ""
        print(f"[{m.state}] {m.measure} {title}", file=out)
        print(f"    {m.why}", file=out)
    return 0
