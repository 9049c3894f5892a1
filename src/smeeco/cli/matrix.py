"""``smeeco matrix``: write the responsibility matrix (任务分工表).

The formats and the list in ``--help`` come from the format registry (:mod:`smeeco.formats`,
family ``matrix``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from smeeco.cli._common import (
    add_common,
    add_pack,
    check_not_input,
    check_output_folder,
    document_arg,
    load_pack,
)
from smeeco.cli.graph import formats_help
from smeeco.errors import ExportError
from smeeco.formats import format_for, suffixes

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "write the responsibility matrix (任务分工表)"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``matrix`` command to ``commands``."""
    p = commands.add_parser(
        "matrix",
        help=HELP,
        description="Write the responsibility matrix: measures × units, 牵头/配合 (L/S), * for"
        " roles inferred from listing order. The format follows the file suffix; Markdown"
        " to the terminal without -o.",
        epilog="formats:\n"
        + formats_help("matrix")
        + "\n\n.md is a Markdown table here; `smeeco graph -o x.md` writes a Mermaid flowchart."
        + "\n\nexamples:\n  smeeco matrix tianjin-2022-measures -o 任务分工表.xlsx\n"
        "  smeeco matrix example --lang en",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_pack(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"file to write ({' '.join(sorted(suffixes('matrix')))};"
        " --form list: .csv .md .xlsx .docx)",
    )
    p.add_argument(
        "--form",
        choices=("grid", "list"),
        default="grid",
        help="grid: measures × units (default); list: 序号 | 任务 | 牵头单位 | 配合单位,"
        " as agencies circulate it (.md .csv .xlsx .docx)",
    )
    add_common(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the matrix file (or print Markdown without ``-o``)."""
    if args.form == "list":
        return _run_list(args, out)
    from smeeco.io.matrix import dumps_matrix_markdown, write_matrix

    if args.output is not None:
        format_for(args.output, family="matrix").check_available()  # fail before loading
        check_output_folder(args.output)
    eco = load_pack(args.pack)
    document = document_arg(eco, args.document).id if args.document else None
    if args.output is not None:
        check_not_input(args.output, args.pack, eco)
    if args.output is None:
        out.write(dumps_matrix_markdown(eco, document, as_of=args.as_of, lang=args.lang))
        return 0
    path = write_matrix(eco, args.output, document, as_of=args.as_of, lang=args.lang)
    print(f"wrote {path}", file=out)
    return 0


def _run_list(args: argparse.Namespace, out: TextIO) -> int:
    from smeeco.tasklist import task_lists
    from smeeco.tasklist.files import TASKLIST_SUFFIXES, dumps_markdown, write_task_lists

    if args.output is not None:
        suffix = Path(args.output).suffix.lower()
        if suffix not in TASKLIST_SUFFIXES:
            raise ExportError(
                f"unknown format {suffix or 'no suffix'!r} for --form list;"
                f" supported: {', '.join(TASKLIST_SUFFIXES)}"
            )
        check_output_folder(args.output)
    eco = load_pack(args.pack)
    if args.output is not None:
        check_not_input(args.output, args.pack, eco)
    lists = task_lists(eco, args.document, as_of=args.as_of)
    if args.output is None:
        out.write(dumps_markdown(lists))
        return 0
    path = write_task_lists(lists, args.output)
    print(f"wrote {path}", file=out)
    return 0
