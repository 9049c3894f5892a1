"""``smeeco show``: what a pack holds (packs, record counts, documents)."""

from __future__ import annotations

import argparse
from typing import TextIO

from smeeco.cli._common import add_common, add_json, add_pack, as_of, load_pack, print_json, table

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "what a pack holds"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``show`` command to ``commands``."""
    p = commands.add_parser(
        "show",
        help=HELP,
        epilog="example:\n  smeeco show example",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_pack(p)
    add_json(p)
    add_common(p, document=False)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the pack titles, the record counts by kind and the documents (with the
    addressees of those that state them)."""
    eco = as_of(load_pack(args.pack), args.as_of)
    if args.json:
        counts: dict[str, int] = {}
        for m in eco.measures:
            counts[m.document] = counts.get(m.document, 0) + 1
        print_json(
            {
                "packs": [
                    {"name": i.name, "title": i.title, "description": i.description}
                    for i in eco.packs
                ],
                "as_of": eco.as_of_date.isoformat() if eco.as_of_date else None,
                "counts": {k: n for k, n in eco.counts().items() if n},
                "documents": [
                    {
                        "document": d.id,
                        "number": d.number,
                        "issued": d.issued.isoformat() if d.issued else None,
                        "measures": counts.get(d.id, 0),
                        "title": d.name.zh,
                        "title_en": d.name.en,
                        "addressees": list(d.addressees),
                    }
                    for d in eco.documents
                ],
            },
            out,
        )
        return 0
    for info in eco.packs:
        print(f"{info.name}: {info.title}" if info.title else info.name, file=out)
        if info.description:
            print(f"  {info.description}", file=out)
    if eco.as_of_date:
        print(f"as of {eco.as_of_date}", file=out)
    print(file=out)
    table([["kind", "records"], *([k, str(n)] for k, n in eco.counts().items() if n)], out)
    documents = eco.documents
    if documents:
        print(file=out)
        rows = [["document", "number", "issued", "measures", "title"]]
        for d in documents:
            count = sum(1 for m in eco.measures if m.document == d.id)
            rows.append([d.id, d.number, str(d.issued or ""), str(count), d.name.label(args.lang)])
        table(rows, out)
        addressed = [d for d in documents if d.addressees]
        if addressed:
            print(file=out)
            word = "addressed to (主送)" if args.lang == "en" else "主送"
            for d in addressed:
                print(f"{d.id} {word}: {'，'.join(d.addressees)}", file=out)
    return 0
