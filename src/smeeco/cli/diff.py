"""``smeeco diff``: what changed between two generations — packs, documents or dates."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from smeeco.cli._common import (
    add_debug,
    add_json,
    check_output_folder,
    load_pack,
    print_json,
    table,
)
from smeeco.ecosystem import Ecosystem
from smeeco.errors import UnknownPackError, UnknownReferenceError
from smeeco.model import PolicyDocument

if TYPE_CHECKING:
    from smeeco.reports import Report

__all__ = ["HELP", "add_parser", "parse_side", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "compare two generations: packs, documents, or a pack on two dates"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``diff`` command to ``commands``."""
    p = commands.add_parser(
        "diff",
        help=HELP,
        description="Compare OLD with NEW. Each is PACK, PACK@DATE (what was in force that"
        " day), PACK:DOCUMENT (one document of a pack, @DATE allowed after it) or a"
        " document id or title of the bundled 'all' pack. Measures are matched by id, else"
        " by number and title similarity (the score is shown).",
        epilog="examples:\n  smeeco diff tianjin-2022-measures@2023-01-01"
        " tianjin-2022-measures@2024-01-01\n"
        "  smeeco diff tj-2018-conference tj-2022-measures -o diff.html\n"
        "  smeeco diff old.yaml new.yaml --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("old", metavar="OLD", help="PACK, PACK@DATE, PACK:DOCUMENT or DOCUMENT")
    p.add_argument("new", metavar="NEW", help="the same forms")
    p.add_argument("-o", "--output", metavar="FILE", help="write .md, .html or .xlsx")
    add_json(p)
    add_debug(p)
    p.set_defaults(run=run)


def parse_side(text: str) -> tuple[Ecosystem, PolicyDocument | None]:
    """The ecosystem (on its date) and document that one side of a diff names."""
    spec, _, day = text.rpartition("@") if "@" in text else (text, "", "")
    pack, _, document = spec.partition(":") if ":" in spec else (spec, "", "")
    try:
        eco = load_pack(pack)
    except UnknownPackError:
        if document:
            raise
        eco = load_pack("all")
        try:
            eco.resolve(pack, "document")
        except UnknownReferenceError:
            raise UnknownPackError(pack, tuple(_known_packs())) from None
        document = pack
    if day:
        eco = eco.at(day)
    doc = None
    if document:
        record = eco.resolve(document, "document")
        doc = eco.require(record.id, PolicyDocument)
    return eco, doc


def _known_packs() -> list[str]:
    from smeeco.datasets import available

    return list(available())


def print_report(report: Report, out: TextIO) -> None:
    """Print ``report`` as headed, aligned text tables."""
    print(report.title, file=out)
    for section in report.sections:
        print(file=out)
        print(f"{section.heading}:", file=out)
        table([list(section.header), *(list(r) for r in section.rows)], out)
        for note in section.notes:
            print(f"  ({note})", file=out)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print, or write, the comparison."""
    from smeeco.compare import diff as compare  # loaded for this command only
    from smeeco.reports import comparison_report, write_report

    path = check_output_folder(args.output) if args.output else None
    old, old_doc = parse_side(args.old)
    new, new_doc = parse_side(args.new)
    result = compare(
        old,
        new,
        old_document=old_doc,
        new_document=new_doc,
        old_label=args.old,
        new_label=args.new,
    )
    if args.json:
        print_json(result.to_dict(), out)
        return 0
    report = comparison_report(result)
    if path is not None:
        write_report(report, path)
        print(f"wrote {path}", file=out)
        return 0
    print_report(report, out)
    return 0
