"""``smeeco timeline``: what happened when, and each agency's responsibility load over time."""

from __future__ import annotations

import argparse
from typing import TextIO

from smeeco.cli._common import (
    add_debug,
    add_json,
    add_pack,
    check_not_input,
    check_output_folder,
    load_pack,
    print_json,
    table,
)

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "documents, measures in and out of force, reorganisations, indicators by date"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``timeline`` command to ``commands``."""
    p = commands.add_parser(
        "timeline",
        help=HELP,
        description="Every dated event of PACK, by date; -o draws each agency's"
        " responsibility load over time (.svg .png .pdf).",
        epilog="examples:\n  smeeco timeline tianjin\n"
        "  smeeco timeline tianjin --from 2023-01-01 --json\n"
        "  smeeco timeline tianjin -o timeline.svg",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_pack(p)
    p.add_argument("--from", dest="start", metavar="DATE", help="first day to list")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day to list")
    p.add_argument("-o", "--output", metavar="FILE", help="draw the load picture to FILE")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    add_json(p)
    add_debug(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the events, or draw the picture."""
    from smeeco.chronology import draw_load, timeline  # loaded for this command only

    path = check_output_folder(args.output) if args.output else None
    eco = load_pack(args.pack)
    if path is not None:
        check_not_input(path, args.pack, eco)
        draw_load(eco, path, lang=args.lang)
        print(f"wrote {path}", file=out)
        return 0
    events = timeline(eco, start=args.start, end=args.end)
    if args.json:
        print_json({"pack": eco.name, "events": [e.to_dict() for e in events]}, out)
        return 0
    rows = [["date", "event", "kind", "record", "what"]]
    rows += [[str(e.date), e.event, e.kind, e.record, e.text] for e in events]
    table(rows, out)
    return 0
