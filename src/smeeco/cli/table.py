"""``smeeco table``: any part of a pack as a clean table (CSV, XLSX, Parquet, JSON, Markdown)."""

from __future__ import annotations

import argparse
from typing import TextIO

from smeeco.cli._common import (
    add_common,
    add_filters,
    add_json,
    add_pack,
    check_not_input,
    check_output_folder,
    filters,
    load_pack,
    print_json,
    table,
)
from smeeco.tables import TABLES, table_columns
from smeeco.tables.write import TABLE_FORMATS, records, write_table

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "a table of responsibilities, measures, agencies… (CSV, XLSX, Parquet, JSON)"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``table`` command to ``commands``."""
    p = commands.add_parser(
        "table",
        help=HELP,
        description="Write one table of a pack. WHAT is one of: "
        + ", ".join(TABLES)
        + ". The format follows the suffix of -o: "
        + " ".join(TABLE_FORMATS)
        + "; without -o the table is printed. CSV has one header row and nothing else.",
        epilog="examples:\n  smeeco table tianjin-2022-measures responsibilities -o resp.csv\n"
        "  smeeco table tianjin-2022-measures responsibilities --as-of 2024-01-01 --json\n"
        "  smeeco table all measures --agency 市财政局 --role lead -o led.xlsx\n"
        "  smeeco table tianjin indicators -o indicators.csv --excel",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_pack(p)
    p.add_argument("what", metavar="WHAT", choices=tuple(TABLES), help="which table")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write")
    p.add_argument(
        "--excel", action="store_true", help="CSV with a UTF-8 byte-order mark (Excel on Windows)"
    )
    add_json(p)
    add_filters(p)
    add_common(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write or print the table."""
    path = check_output_folder(args.output) if args.output else None
    eco = load_pack(args.pack)
    if path is not None:
        check_not_input(path, args.pack, eco)
    columns = table_columns(eco, args.what, as_of=args.as_of, **filters(args))
    if path is not None:
        write_table(columns, path, excel=args.excel, title=args.what)
        print(f"wrote {path} ({len(columns)} rows)", file=out)
        return 0
    if args.json:
        print_json(
            {
                "table": args.what,
                "columns": [
                    {"name": n, "type": t}
                    for n, t in zip(columns.names, columns.types, strict=True)
                ],
                "rows": records(columns),
            },
            out,
        )
        return 0
    rows = [list(columns.names)]
    rows += [["" if v is None else str(v) for v in row.values()] for row in records(columns)]
    table(rows, out)
    return 0
