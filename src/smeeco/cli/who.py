"""``smeeco who``: the units responsible for a measure, in the order the text lists them."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from smeeco.cli._common import (
    ROLE_WORDS,
    add_common,
    add_json,
    add_pack,
    as_of,
    load_pack,
    print_json,
    table,
)
from smeeco.ecosystem import Ecosystem
from smeeco.model import Agency, Measure, PolicyDocument
from smeeco.queries import find_measure

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "who is responsible for a measure"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``who`` command to ``commands``."""
    p = commands.add_parser(
        "who",
        help=HELP,
        description="The units responsible for MEASURE, in the order the text lists them.",
        epilog='examples:\n  smeeco who example "(一)"\n  smeeco who example'
        " ex-2022-measures.m03 --as-of 2024-01-01",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_pack(p)
    p.add_argument("measure", metavar="MEASURE", help="a measure id, name, alias or number")
    add_json(p)
    add_common(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the measure's heading and one row per responsible unit."""
    eco = as_of(load_pack(args.pack), args.as_of)
    measure = find_measure(eco, args.measure, document=args.document)
    doc = eco.get(measure.document, PolicyDocument)
    if args.json:
        print_json(_document(eco, measure, doc), out)
        return 0
    head = f"{measure.number or measure.ordinal} {measure.label(args.lang)}"
    if doc is not None:
        head += f" — {doc.label(args.lang)}"
    print(head, file=out)
    if measure.deadline is not None:
        print(f"{'deadline' if args.lang == 'en' else '完成时限'}: {measure.deadline}", file=out)
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


def _document(eco: Ecosystem, measure: Measure, doc: PolicyDocument | None) -> dict[str, Any]:
    """What ``--json`` prints: the measure and its units in stated order."""
    units = []
    for i, r in enumerate(measure.responsibilities):
        agency = eco.require(r.unit, Agency)
        unit: dict[str, Any] = {
            "unit": r.unit,
            "name_zh": agency.name.zh,
            "name_en": agency.name.en,
            "role": r.role.value,
            "order": i,
            "explicit": r.explicit,
            "collective": agency.collective,
        }
        if r.named_as is not None:
            unit["named_as"] = r.named_as
        units.append(unit)
    return {
        "measure": {
            "id": measure.id,
            "number": measure.number or str(measure.ordinal),
            "title": measure.name.zh,
            "title_en": measure.name.en,
            "document": measure.document,
            "document_title": doc.name.zh if doc is not None else "",
            "responsibility_stated": measure.responsibility_stated,
            "truncated": measure.truncated,
            "deadline": None
            if measure.deadline is None
            else {
                "text": measure.deadline.text,
                "date": measure.deadline.date.isoformat() if measure.deadline.date else None,
                "reading": measure.deadline.reading.value,
            },
        },
        "as_of": eco.as_of_date.isoformat() if eco.as_of_date else None,
        "units": units,
    }
