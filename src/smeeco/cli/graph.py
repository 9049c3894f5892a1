"""``smeeco graph``: write the responsibility graph as a picture, a page or a graph file.

The formats, ``--format``'s choices and the list in ``--help`` come from the format
registry (:mod:`smeeco.formats`).
"""

from __future__ import annotations

import argparse
import warnings
from typing import Any, TextIO

from smeeco.cli._common import (
    add_common,
    add_pack,
    as_of,
    check_not_input,
    check_output_folder,
    document_arg,
    load_pack,
    warn,
)
from smeeco.errors import ExportError
from smeeco.formats import format_for, formats

__all__ = ["HELP", "add_parser", "formats_help", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "write the responsibility graph (picture, HTML page or graph file)"


def formats_help(family: str = "graph") -> str:
    """The registered formats of ``family``, one line each, for ``--help``."""
    lines = []
    for f in formats(family):
        needs = f" (needs {', '.join(f.needs)})" if f.needs else ""
        lines.append(f"  {' '.join(f.suffixes):<22} {f.name:<10} {f.description}{needs}")
    return "\n".join(lines)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``graph`` command to ``commands``."""
    names = [f.name for f in formats("graph")]
    p = commands.add_parser(
        "graph",
        help=HELP,
        description="Write a graph. The format follows the file suffix (or --format).",
        epilog="formats:\n"
        + formats_help("graph")
        + "\n\n.md is a Mermaid flowchart here; `smeeco matrix -o x.md` writes a Markdown table."
        + "\n\nexamples:\n  smeeco graph example -o example.svg\n"
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
    aliases = [s.lstrip(".") for f in formats("graph") for s in f.suffixes]
    p.add_argument(
        "--format",
        choices=list(dict.fromkeys([*names, *aliases])),
        metavar="FORMAT",
        help=f"format overriding the suffix: {', '.join(names)} (or a suffix such as gv)",
    )
    add_common(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the graph file and print ``wrote FILE``."""
    from smeeco.io.export import export_graph
    from smeeco.views import coresponsibility_view, responsibility_view

    fmt = format_for(args.output, args.format)  # fail on a bad format before loading
    if args.view == "full" and fmt.draws:
        files = ", ".join(f.name for f in formats("graph") if not f.draws)
        raise ExportError(
            f"--view full is for graph files ({files});"
            f" a {fmt.name} shows the responsibility or coresponsibility view"
        )
    fmt.check_available()
    eco = load_pack(args.pack)
    document = document_arg(eco, args.document).id if args.document else None
    path = check_output_folder(args.output)
    check_not_input(path, args.pack, eco)
    source: Any
    if args.view == "full":
        source = as_of(eco, args.as_of).graph
    elif args.view == "coresponsibility":
        source = coresponsibility_view(eco, document, as_of=args.as_of)
    else:
        source = responsibility_view(eco, document, as_of=args.as_of)
    if fmt.draws:
        source.require_measures("draw")  # the same refusal as the matrix's
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        export_graph(source, path, fmt.name, lang=args.lang)
    for warning in dict.fromkeys(str(w.message) for w in caught):
        warn(warning)
    print(f"wrote {path}", file=out)
    return 0
