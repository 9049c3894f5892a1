"""``smeeco search``: measures whose title, text or notes contain every word, ranked."""

from __future__ import annotations

import argparse
from typing import TextIO

from smeeco.cli._common import (
    add_common,
    add_filters,
    add_json,
    add_pack,
    filters,
    load_pack,
    print_json,
    table,
    warn,
)
from smeeco.model import Agency

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "measures whose title, text or notes contain all the words"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``search`` command to ``commands``."""
    p = commands.add_parser(
        "search",
        help=HELP,
        description="Find measures by keywords (Chinese or English; traditional characters"
        " need the smeeco[zh] extra). Every word must occur; title matches rank first.",
        epilog="examples:\n  smeeco search tianjin-2022-measures 金融\n"
        "  smeeco search all 融资 担保 --agency 市财政局\n"
        "  smeeco search tianjin-2022-measures credit --lang en --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_pack(p)
    p.add_argument("words", metavar="WORD", nargs="+", help="words that must all occur")
    add_json(p)
    add_filters(p)
    add_common(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print one row per matching measure, best first."""
    from smeeco.keywords import search  # loaded for this command only

    eco = load_pack(args.pack)
    if args.as_of:
        eco = eco.at(args.as_of)
    result = search(eco, args.words, **filters(args))
    zh = args.lang == "zh"

    def unit_names(units: tuple[str, ...]) -> list[str]:
        return [eco.require(u, Agency).label(args.lang) for u in units]

    if args.json:
        print_json(
            {
                "words": list(result.words),
                "converted": result.converted,
                "note": result.note,
                "hits": [
                    {
                        "measure": h.measure.id,
                        "number": h.measure.number or str(h.measure.ordinal),
                        "title": h.measure.label(args.lang),
                        "document": h.measure.document,
                        "score": h.score,
                        "fields": list(h.fields),
                        "units": [
                            {"unit": r.unit, "role": r.role.value, "explicit": r.explicit}
                            for r in h.measure.responsibilities
                        ],
                    }
                    for h in result
                ],
            },
            out,
        )
        return 0
    if result.note:
        warn(result.note)
    if not result.hits:
        print("no measure matched" if not zh else "无匹配措施", file=out)
        return 0
    rows = [
        ["序号", "措施", "文件", "得分", "命中", "责任单位"]
        if zh
        else ["no.", "measure", "document", "score", "found in", "units"]
    ]
    for h in result:
        rows.append(
            [
                h.measure.number or str(h.measure.ordinal),
                h.measure.label(args.lang),
                h.measure.document,
                str(h.score),
                ",".join(h.fields),
                "、".join(unit_names(h.measure.units))
                if zh
                else ", ".join(unit_names(h.measure.units)),
            ]
        )
    table(rows, out)
    print(f"{len(result)} 项措施" if zh else f"{len(result)} measures", file=out)
    return 0
