"""The ``smeeco`` command: graphs, matrices and answers about who is responsible for what.

A thin layer over the library; every command runs in-process through :func:`main`::

    >>> from smeeco._cli import main
    >>> main(["who", "example", "(一)"])  # doctest: +NORMALIZE_WHITESPACE
    (一) 加强财政资金支持 — 示例市提升中小企业竞争力若干措施
    #  单位                  角色   id
    1  示例市财政局          牵头*  ex-finance
    2  示例市工业和信息化局  配合*  ex-miit
    3  各区人民政府 †        配合*  ex-districts
    roles inferred from the listing order (the first listed unit leads); † collective unit
    0
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from smeeco._load import load
from smeeco.ecosystem import Ecosystem
from smeeco.errors import ExportError, NotInForceError, SmeecoError, UnknownReferenceError
from smeeco.io._graphdata import AnyGraph
from smeeco.model import Agency, Measure, PolicyDocument, Role

__all__ = ["build_parser", "main"]

_ROLE = {
    "zh": {"lead": "牵头", "support": "配合", "executing": "实施", "funding": "出资"},
    "en": {"lead": "lead", "support": "support", "executing": "executing", "funding": "funding"},
}

_EXAMPLES = """\
examples:
  smeeco packs
  smeeco show tianjin-2022-measures
  smeeco graph tianjin-2022-measures -o tianjin.svg
  smeeco graph tianjin-2022-measures -o tianjin.html          # interactive page
  smeeco graph tianjin-2022-measures -o tianjin.graphml        # for Gephi, Cytoscape, yEd
  smeeco graph tianjin-2022-measures --view coresponsibility -o network.png
  smeeco matrix tianjin-2022-measures -o 任务分工表.xlsx
  smeeco who tianjin-2022-measures "(四)"
  smeeco what tianjin-2022-measures 市工信局 --as-of 2024-01-01
  smeeco graph my-pack.yaml -o out.gexf                        # your own data pack
"""


# ---------------------------------------------------------------------- text tables


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters count two.

    >>> text_width("市工信局 ok")
    11
    """
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        for c in text
    )


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(width - text_width(text), 0)


def table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Print ``rows`` (the first is the heading) as aligned columns."""
    if not rows:
        return
    widths = [max(text_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [pad(c, w) for c, w in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip(), file=out)


# ---------------------------------------------------------------------- helpers


def _as_of(eco: Ecosystem, as_of: str | None) -> Ecosystem:
    return eco.at(as_of) if as_of else eco


def _measure(eco: Ecosystem, text: str, document: str | None) -> Measure:
    """A measure by id, name or alias, or by its number ("(四)", "4") in the document."""
    found = [r for r in eco.find(text, "measure") if isinstance(r, Measure)]
    if len(found) == 1:
        return found[0]
    measures = eco.measures
    if document is not None:
        doc = _document(eco, document)
        measures = tuple(m for m in measures if m.document == doc.id)
    wanted = text.strip().replace("（", "(").replace("）", ")")
    if wanted and all(c in "一二三四五六七八九十百" for c in wanted):
        wanted = f"({wanted})"  # a bare numeral: 四 -> (四)
    by_number = [
        m for m in measures if m.number.replace("（", "(").replace("）", ")") == wanted
    ] or [m for m in measures if wanted.isdigit() and m.ordinal == int(wanted)]
    if len(by_number) == 1:
        return by_number[0]
    if len(by_number) > 1:
        docs = ", ".join(sorted({m.document for m in by_number}))
        raise UnknownReferenceError(
            f"measure {text!r} is in several documents ({docs}); add --document"
        )
    try:
        record = eco.resolve(text, "measure")
    except NotInForceError:
        raise
    except UnknownReferenceError as exc:
        if eco.as_of_date is not None and eco.base is not eco:
            try:
                elsewhere = _measure(eco.base, text, document)
            except SmeecoError:
                pass
            else:
                raise NotInForceError(
                    eco.base.why_not_in_force(elsewhere, eco.as_of_date)
                ) from None
        example = measures[0] if measures else None
        hint = (
            f"; name a measure by its number such as {example.number or example.ordinal!r},"
            f" its title or its id such as {example.id!r}"
            if example is not None
            else "; this pack has no measures"
        )
        raise UnknownReferenceError(str(exc).split("; add a")[0] + hint) from None
    return eco.require(record.id, Measure)


def _document(eco: Ecosystem, text: str) -> PolicyDocument:
    record = eco.resolve(text, "document")
    return eco.require(record.id, PolicyDocument)


def _agency(eco: Ecosystem, text: str) -> Agency:
    record = eco.resolve(text, "agency")
    return eco.require(record.id, Agency)


# ---------------------------------------------------------------------- commands


def _cmd_packs(args: argparse.Namespace, out: TextIO) -> int:
    from smeeco.datasets import available

    rows = [["pack", "description"]]
    rows += [[name, text] for name, text in available().items()]
    table(rows, out)
    return 0


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    eco = _as_of(load(args.pack), args.as_of)
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
    return 0


def _cmd_who(args: argparse.Namespace, out: TextIO) -> int:
    eco = _as_of(load(args.pack), args.as_of)
    measure = _measure(eco, args.measure, args.document)
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
    words = _ROLE[args.lang]
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


def _cmd_what(args: argparse.Namespace, out: TextIO) -> int:
    from smeeco.queries import measures_of

    eco = _as_of(load(args.pack), args.as_of)
    agency = _agency(eco, args.agency)
    measures = measures_of(eco, agency, document=args.document, via_collectives=args.collectives)
    print(f"{agency.label(args.lang)} ({agency.id})", file=out)
    if not measures:
        print("no measures" if args.lang == "en" else "无负责措施", file=out)
        return 0
    words = _ROLE[args.lang]
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


def _cmd_graph(args: argparse.Namespace, out: TextIO) -> int:
    from smeeco.io.export import export_graph, graph_format

    fmt = graph_format(args.output, args.format)  # fail on a bad format before loading
    eco = load(args.pack)
    document = _document(eco, args.document).id if args.document else None
    path = Path(args.output)
    if args.view == "full" and fmt in ("svg", "png", "pdf", "html"):
        raise ExportError(
            f"--view full is for graph files (graphml, gexf, json, cyjs, dot, mmd, csv);"
            f" a {fmt} shows the responsibility or coresponsibility view"
        )
    if not path.parent.exists():
        raise ExportError(f"folder {str(path.parent)!r} does not exist; create it first")
    if fmt in ("svg", "png", "pdf"):
        from smeeco.render.pictures import render_graph

        render_graph(
            eco,
            path,
            view=args.view,
            document=document,
            as_of=args.as_of,
            lang=args.lang,
            fmt=fmt,
        )
    elif fmt == "html":
        from smeeco.render.html import write_html
        from smeeco.views import coresponsibility_view

        if args.view == "coresponsibility":
            write_html(coresponsibility_view(eco, document, as_of=args.as_of), path, lang=args.lang)
        else:
            write_html(eco, path, document, as_of=args.as_of, lang=args.lang)
    else:
        from smeeco.views import coresponsibility_view, responsibility_view

        graph: AnyGraph
        if args.view == "full":
            graph = _as_of(eco, args.as_of).graph
        elif args.view == "coresponsibility":
            graph = coresponsibility_view(eco, document, as_of=args.as_of).to_networkx()
        else:
            graph = responsibility_view(eco, document, as_of=args.as_of).to_networkx()
        export_graph(graph, path, fmt, lang=args.lang)
    print(f"wrote {path}", file=out)
    return 0


def _cmd_matrix(args: argparse.Namespace, out: TextIO) -> int:
    from smeeco.io.matrix import MATRIX_FORMATS, dumps_matrix_markdown, write_matrix

    if args.output is not None:
        suffix = Path(args.output).suffix.lower()
        if suffix not in MATRIX_FORMATS:
            raise ExportError(
                f"unknown matrix format {suffix or 'no suffix'!r};"
                f" supported: {', '.join(sorted(MATRIX_FORMATS))}"
            )
    if args.output is not None and not Path(args.output).parent.exists():
        raise ExportError(
            f"folder {str(Path(args.output).parent)!r} does not exist; create it first"
        )
    eco = load(args.pack)
    document = _document(eco, args.document).id if args.document else None
    if args.output is None:
        out.write(dumps_matrix_markdown(eco, document, as_of=args.as_of, lang=args.lang))
        return 0
    path = write_matrix(eco, args.output, document, as_of=args.as_of, lang=args.lang)
    print(f"wrote {path}", file=out)
    return 0


# ---------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``smeeco`` command."""
    parser = argparse.ArgumentParser(
        prog="smeeco",
        description="Who is responsible for what in the SME support ecosystem (中小企业服务体系):"
        " graphs, responsibility matrices and answers from smeeco data packs.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    from smeeco import __version__

    parser.add_argument("--version", action="version", version=f"smeeco {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def pack_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("pack", metavar="PACK", help="a bundled pack name or a data-pack file")

    def common(p: argparse.ArgumentParser, document: bool = True) -> None:
        if document:
            p.add_argument("--document", help="only this document (id or name)")
        p.add_argument("--as-of", metavar="DATE", help="as in force on DATE (YYYY-MM-DD)")
        p.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
        p.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )

    p = commands.add_parser(
        "graph",
        help="write the responsibility graph (picture, HTML page or graph file)",
        description="Write a graph. The format follows the file suffix: .svg .png .pdf"
        " (pictures), .html (interactive page), .graphml .gexf .json (node-link)"
        " .cyjs/.cytoscape.json .dot .mmd/.md (Mermaid) .csv (edge + node lists).",
        epilog="examples:\n  smeeco graph example -o example.svg\n"
        "  smeeco graph tianjin-2022-measures --view coresponsibility -o network.gexf",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pack_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument(
        "--view",
        choices=("responsibility", "coresponsibility", "full"),
        default="responsibility",
        help="units → measures (default), units linked by shared measures, or the whole"
        " ecosystem graph (graph files only)",
    )
    p.add_argument("--format", help="format name overriding the suffix (e.g. graphml)")
    common(p)
    p.set_defaults(run=_cmd_graph)

    p = commands.add_parser(
        "matrix",
        help="write the responsibility matrix (任务分工表)",
        description="Write the responsibility matrix: measures × units, 牵头/配合 (L/S), * for"
        " roles inferred from listing order. .csv .md .html .xlsx; Markdown to the"
        " terminal without -o.",
        epilog="examples:\n  smeeco matrix tianjin-2022-measures -o 任务分工表.xlsx\n"
        "  smeeco matrix example --lang en",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pack_args(p)
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (.csv .md .html .xlsx)")
    common(p)
    p.set_defaults(run=_cmd_matrix)

    p = commands.add_parser(
        "show",
        help="what a pack holds",
        epilog="example:\n  smeeco show example",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pack_args(p)
    common(p, document=False)
    p.set_defaults(run=_cmd_show)

    p = commands.add_parser(
        "packs",
        help="list the bundled data packs",
        epilog="example:\n  smeeco packs",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    p.set_defaults(run=_cmd_packs)

    p = commands.add_parser(
        "who",
        help="who is responsible for a measure",
        description="The units responsible for MEASURE, in the order the text lists them.",
        epilog='examples:\n  smeeco who example "(一)"\n  smeeco who example'
        " ex-2022-measures.m03 --as-of 2024-01-01",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pack_args(p)
    p.add_argument("measure", metavar="MEASURE", help="a measure id, name, alias or number")
    common(p)
    p.set_defaults(run=_cmd_who)

    p = commands.add_parser(
        "what",
        help="what an agency is responsible for",
        description="The measures AGENCY leads or supports, in document order.",
        epilog="examples:\n  smeeco what example 示例市工信局\n"
        "  smeeco what example ex-north-district --collectives",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pack_args(p)
    p.add_argument("agency", metavar="AGENCY", help="an agency id, name or alias")
    p.add_argument(
        "--collectives",
        action="store_true",
        help="also measures given to collective units the agency belongs to",
    )
    common(p)
    p.set_defaults(run=_cmd_what)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``smeeco`` command with ``argv`` (``sys.argv[1:]`` when ``None``).

    Returns the exit status: 0 on success, 1 on an error (one line on stderr, or the
    list of problems of a data pack), 2 on a usage error.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args, sys.stdout)
    except SmeecoError as exc:
        if args.debug:
            raise
        print(f"smeeco: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `smeeco what … | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except (OSError, ValueError) as exc:
        if args.debug:
            raise
        print(f"smeeco: error: {exc}", file=sys.stderr)
        return 1
    return status
