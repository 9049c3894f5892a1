"""The ``smeeco`` command: graphs, matrices and answers about who is responsible for what.

A thin layer over the library; every command runs in-process through :func:`main`::

    >>> from smeeco.cli import main
    >>> main(["who", "example", "(一)"])  # doctest: +NORMALIZE_WHITESPACE
    (一) 加强财政资金支持 — 示例市提升中小企业竞争力若干措施
    #  单位                  角色   id
    1  示例市财政局          牵头*  ex-finance
    2  示例市工业和信息化局  配合*  ex-miit
    3  各区人民政府 †        配合*  ex-districts
    roles inferred from the listing order (the first listed unit leads); † collective unit
    0

Each command is one module of this package with ``add_parser(commands)`` (which creates
its sub-parser and sets ``run``) and ``run(args, out) -> int``; :data:`COMMANDS` lists
them in the order ``smeeco --help`` shows them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from smeeco.cli import (
    classify,
    diff,
    eligible,
    explain,
    graph,
    match,
    matrix,
    packs,
    parse,
    search,
    show,
    table,
    timeline,
    what,
    who,
)
from smeeco.cli._common import SafeOutput, safe_text, text_width
from smeeco.errors import SmeecoError

__all__ = ["COMMANDS", "build_parser", "main", "text_width"]

#: The command modules, in the order ``smeeco --help`` lists them.
COMMANDS: tuple[ModuleType, ...] = (
    parse,
    graph,
    matrix,
    show,
    packs,
    who,
    what,
    table,
    search,
    diff,
    timeline,
    classify,
    eligible,
    explain,
    match,
)

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
  smeeco search tianjin-2022-measures 金融
  smeeco diff tianjin-2022-measures@2023-01-01 tianjin-2022-measures@2024-01-01
  smeeco table tianjin-2022-measures responsibilities -o responsibilities.csv
  smeeco graph my-pack.yaml -o out.gexf                        # your own data pack
  smeeco classify register.csv -o sized.csv --money-unit 万元   # size classes of a register
  smeeco eligible register.csv --tier cn-innovative-sme --as-of 2025-06-30 -o eligible.csv
  smeeco explain register.csv e42 --tier cn-innovative-sme --as-of 2025-06-30
  smeeco match register.csv --pack tianjin --as-of 2025-06-30 -o matched.csv
"""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``smeeco`` command.

    With ``command``, only that command's sub-parser is built in full; the others are
    listed by name and help line alone, so that ``smeeco parse`` does not load the graph
    formats (networkx, the renderers) that ``smeeco graph``'s options name. An unknown
    ``command`` builds none in full (argparse then says which commands there are).

    >>> build_parser().parse_args(["who", "example", "(一)"]).measure
    '(一)'
    >>> build_parser("who").parse_args(["who", "example", "(一)"]).measure
    '(一)'
    """
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
    for module in COMMANDS:
        name = module.__name__.rsplit(".", 1)[1]
        if command is None or name == command:
            module.add_parser(commands)
        else:
            commands.add_parser(name, help=module.HELP, add_help=False)
    return parser


def _command_in(argv: Sequence[str]) -> str:
    """The command ``argv`` names: its first word that is not an option ("" if none).

    The ``smeeco`` options before the command (``--debug``, ``--version``, ``-h``) take
    no value, so the first other word is the command.

    >>> _command_in(["--debug", "parse", "a.txt", "-o", "a.json"])
    'parse'
    >>> _command_in(["--version"])
    ''
    """
    for word in argv:
        if not word.startswith("-"):
            return word
    return ""


def main(argv: list[str] | None = None) -> int:
    """Run the ``smeeco`` command with ``argv`` (``sys.argv[1:]`` when ``None``).

    Returns the exit status: 0 on success, 1 on an error (one line on stderr, or the
    list of problems of a data pack), 2 on a usage error.
    """
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command_in(words))
    args = parser.parse_args(words)
    try:
        status: int = args.run(args, SafeOutput(sys.stdout))
    except SmeecoError as exc:
        if args.debug:
            raise
        print(f"smeeco: error: {safe_text(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `smeeco what … | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except (OSError, ValueError) as exc:
        if args.debug:
            raise
        print(f"smeeco: error: {safe_text(str(exc))}", file=sys.stderr)
        return 1
    return status
