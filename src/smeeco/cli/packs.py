"""``smeeco packs``: the data packs this installation knows (bundled and from plugins)."""

from __future__ import annotations

import argparse
from typing import TextIO

from smeeco.cli._common import add_debug, add_json, print_json, table

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "list the bundled data packs"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``packs`` command to ``commands``."""
    p = commands.add_parser(
        "packs",
        help=HELP,
        epilog="example:\n  smeeco packs",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_json(p)
    add_debug(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print one row per pack: its name and description."""
    from smeeco.datasets import available

    if args.json:
        print_json({"packs": [{"name": n, "description": t} for n, t in available().items()]}, out)
        return 0
    rows = [["pack", "description"]]
    rows += [[name, text] for name, text in available().items()]
    table(rows, out)
    return 0
