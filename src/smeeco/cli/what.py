"""``smeeco what``: the measures an agency leads or supports, in document order."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from smeeco.cli._common import (
    ROLE_WORDS,
    add_common,
    add_json,
    add_pack,
    agency_arg,
    as_of,
    load_pack,
    print_json,
    table,
)
from smeeco.ecosystem import Ecosystem
from smeeco.model import Agency, Measure, Role

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "what an agency is responsible for"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``what`` command to ``commands``."""
    p = commands.add_parser(
        "what",
        help=HELP,
        description="The measures AGENCY leads or supports, in document order.",
        epilog="examples:\n  smeeco what example 示例市工信局\n"
        "  smeeco what example ex-north-district --collectives",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_pack(p)
    p.add_argument("agency", metavar="AGENCY", help="an agency id, name or alias")
    p.add_argument(
        "--collectives",
        action="store_true",
        help="also measures given to collective units the agency belongs to",
    )
    add_json(p)
    add_common(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print one row per measure with the agency's role in it, and a count of leads."""
    from smeeco.queries import measures_of

    eco = as_of(load_pack(args.pack), args.as_of)
    agency = agency_arg(eco, args.agency)
    measures = measures_of(eco, agency, document=args.document, via_collectives=args.collectives)
    if args.json:
        print_json(_document(eco, agency, measures), out)
        return 0
    print(f"{agency.label(args.lang)} ({agency.id})", file=out)
    if not measures:
        print("no measures" if args.lang == "en" else "无负责措施", file=out)
        return 0
    words = ROLE_WORDS[args.lang]
    zh = args.lang == "zh"
    rows = [
        [
            "措施" if zh else "measure",
            "名称" if zh else "name",
            "角色" if zh else "role",
            "文件" if zh else "document",
        ]
    ]
    leads = 0
    for m in measures:
        mine = [r for r in m.responsibilities if r.unit == agency.id]
        if mine:
            role = "、".join(words[r.role.value] + ("" if r.explicit else "*") for r in mine)
        else:
            via = [r for r in m.responsibilities if agency.id in _members(eco, r.unit)]
            role = "、".join(
                f"{words[r.role.value]}{'' if r.explicit else '*'}"
                f" (via {eco.require(r.unit, Agency).label(args.lang)})"
                for r in via
            )
        leads += any(r.role is Role.LEAD for r in mine)
        rows.append([m.number or str(m.ordinal), m.label(args.lang), role, m.document])
    table(rows, out)
    summary = (
        f"{len(measures)} 项措施，牵头 {leads} 项"
        if zh
        else f"{len(measures)} measures, leads {leads}"
    )
    print(summary, file=out)
    return 0


def _members(eco: Ecosystem, unit: str) -> tuple[str, ...]:
    agency = eco.get(unit, Agency)
    return agency.members if agency is not None else ()


def _document(eco: Ecosystem, agency: Agency, measures: tuple[Measure, ...]) -> dict[str, Any]:
    """What ``--json`` prints: the agency and each measure with its roles in it."""
    rows: list[dict[str, Any]] = []
    leads = 0
    for m in measures:
        mine = [r for r in m.responsibilities if r.unit == agency.id]
        leads += any(r.role is Role.LEAD for r in mine)
        via = [] if mine else [r for r in m.responsibilities if agency.id in _members(eco, r.unit)]
        rows.append(
            {
                "measure": m.id,
                "number": m.number or str(m.ordinal),
                "title": m.name.zh,
                "title_en": m.name.en,
                "document": m.document,
                "roles": [
                    {
                        "role": r.role.value,
                        "explicit": r.explicit,
                        "order": m.responsibilities.index(r),
                        "via": None if r.unit == agency.id else r.unit,
                        "named_as": r.named_as,
                    }
                    for r in (mine or via)
                ],
            }
        )
    return {
        "agency": {"id": agency.id, "name_zh": agency.name.zh, "name_en": agency.name.en},
        "as_of": eco.as_of_date.isoformat() if eco.as_of_date else None,
        "measures": rows,
        "leads": leads,
    }
