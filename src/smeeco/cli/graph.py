"""``smeeco graph``: write the responsibility graph as a picture, a page or a graph file."""

from __future__ import annotations

import argparse
from typing import TextIO

from smeeco.cli._common import (
    add_common,
    add_pack,
    as_of,
    check_not_input,
    check_output_folder,
    document_arg,
    load_pack,
)
from smeeco.errors import ExportError
from smeeco.io._graphdata import AnyGraph

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``graph`` command to ``commands``."""
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
    add_pack(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument(
        "--view",
        choices=("responsibility", "coresponsibility", "full"),
        default="responsibility",
        help="units → measures (default), units linked by shared measures, or the whole"
        " ecosystem graph (graph files only)",
    )
    p.add_argument("--format", help="format name overriding the suffix (e.g. graphml)")
    add_common(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the graph file and print ``wrote FILE``."""
    from smeeco.io.export import export_graph, graph_format

    fmt = graph_format(args.output, args.format)  # fail on a bad format before loading
    if args.view == "full" and fmt in ("svg", "png", "pdf", "html"):
        raise ExportError(
            f"--view full is for graph files (graphml, gexf, json, cyjs, dot, mmd, csv);"
            f" a {fmt} shows the responsibility or coresponsibility view"
        )
    eco = load_pack(args.pack)
    document = document_arg(eco, args.document).id if args.document else None
    path = check_output_folder(args.output)
    check_not_input(path, args.pack, eco)
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
            graph = as_of(eco, args.as_of).graph
        elif args.view == "coresponsibility":
            graph = coresponsibility_view(eco, document, as_of=args.as_of)
        else:
            graph = responsibility_view(eco, document, as_of=args.as_of)
        export_graph(graph, path, fmt, lang=args.lang)
    print(f"wrote {path}", file=out)
    return 0
