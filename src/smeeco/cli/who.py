"""``smeeco who``: the units responsible for a measure, in the order the text lists them."""

from __future__ import annotations

import argparse
from typing import TextIO

from smeeco.cli._common import ROLE_WORDS, add_common, add_pack, as_of, load_pack, table
from smeeco.model import Agency, PolicyDocument
from smeeco.queries import find_measure

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``who`` command to ``commands``."""
    p = commands.add_parser(
        "who",
        help="who is responsible for a measure",
        description="The units responsible for MEASURE, in the order the text lists them.",
        epilog='examples:\n  smeeco who example "(一)"\n  smeeco who example'
        " ex-2022-measures.m03 --as-of 2024-01-01",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_pack(p)
    p.add_argument("measure", metavar="MEASURE", help="a measure id, name, alias or number")
    add_common(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the measure's heading and one row per responsible unit."""
    eco = as_of(load_pack(args.pack), args.as_of)
    measure = find_measure(eco, args.measure, document=args.document)
    doc = eco.get(measure.document, PolicyDocument)
    head = f"{measure.number or measure.ordinal} {measure.label(args.lang)}"
    if doc is not None:
        head += f" — {doc.label(args.lang)}"
    print(head, file=out)
    if not measure.responsibilities:
        print(
            "the text names no responsible unit" if args.lang == "en" else "原文未列责任单位",
            file=out,
        )
        return 0
    words = ROLE_WORDS[args.lang]
    heading = [
        "#",
        "单位" if args.lang == "zh" else "unit",
        "角色" if args.lang == "zh" else "role",
        "id",
    ]
    rows = [heading]
    inferred = collective = False
    for i, r in enumerate(measure.responsibilities, start=1):
        agency = eco.require(r.unit, Agency)
        name = agency.label(args.lang) + (" †" if agency.collective else "")
        role = words[r.role.value] + ("" if r.explicit else "*")
        inferred |= not r.explicit
        collective |= agency.collective
        unit_id = r.unit if r.named_as is None else f"{r.unit} (named as {r.named_as})"
        rows.append([str(i), name, role, unit_id])
    table(rows, out)
    notes = []
    if inferred:
        notes.append(
            "roles inferred from the listing order (the first listed unit leads)"
            if all(not r.explicit for r in measure.responsibilities)
            else "* role inferred from the listing order"
        )
    if collective:
        notes.append("† collective unit")
    if notes:
        print("; ".join(notes), file=out)
    return 0
