"""``smeeco explain``: one enterprise's full evaluation against a tier."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from smeeco.cli.eligible import add_register_args, read_tier_register

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "explain one enterprise's evaluation against a tier, criterion by criterion"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``explain`` command to ``commands``."""
    p = commands.add_parser(
        "explain",
        help=HELP,
        epilog="example:\n"
        "  smeeco explain register.csv e42 --tier cn-innovative-sme --as-of 2025-06-30",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_register_args(p)
    p.add_argument("id", help="the enterprise's id in the register")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print every criterion with its state and values; exit 0."""
    from smeeco.rules import load_rules
    from smeeco.rules.register import explain_enterprise, tier_rules

    day = args.as_of or dt.date.today()
    rules = load_rules(args.rules)
    register = read_tier_register(args, rules, day)
    found = tier_rules(args.tier, rules)
    version = found.on(day)
    outcome = explain_enterprise(register, args.id, args.tier, day, rules=rules)
    print(f"{args.id}: {found.name} ({found.tier}) on {day}", file=out)
    print(f"criteria: {version.citation} [{version.mark}]", file=out)
    print(outcome.explain(), file=out)
    return 0
