"""``smeeco parse FILE… -o PACK.yaml``: policy notices → one data pack, with a report.

The command adds no logic of its own: :func:`smeeco.parse.pack.parse_to_pack` does the
work; this module reads the files, writes the pack, prints the report and a progress bar.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from smeeco.cli._common import add_debug, check_not_read, check_output_folder, warn
from smeeco.encodings import ENCODINGS
from smeeco.errors import DataPackError
from smeeco.io.datapack import write_pack
from smeeco.io.packtext import paused_gc

__all__ = ["HELP", "add_parser", "run"]

#: The line ``smeeco --help`` shows for this command.
HELP = "read policy notices (责任单位, 牵头单位, 任务分工表…) into a data pack"

#: Inputs larger than this (characters, all files) get a progress bar on a terminal.
PROGRESS_FROM = 1_000_000


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``parse`` subcommand."""
    p = commands.add_parser(
        "parse",
        help=HELP,
        description="Read Chinese policy notices, as pasted from a web page, into one data"
        " pack: a document per file, its measures and who is responsible for each.",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="notices: text (any encoding), a saved web page (.html) or Word (.docx); - for stdin",
    )
    p.add_argument(
        "--encoding",
        default=None,
        help=f"the files' encoding ({', '.join(ENCODINGS)}…); default: detected"
        " (a byte-order mark, else UTF-8, else GB18030/GBK or Big5, said on standard error)",
    )
    p.add_argument("-o", "--output", required=True, help="the pack to write (.yaml or .json)")
    p.add_argument("--agencies", help="a pack (name or file) to resolve unit names against")
    p.add_argument("--jurisdiction", help="the issuer's jurisdiction id, e.g. tj")
    p.add_argument("--id", action="append", default=[], help="document id (one per file)")
    p.add_argument("--name", default=None, help="the pack's name (default: from -o)")
    p.add_argument("--report", action="store_true", help="print every uncertainty")
    p.add_argument("--strict", action="store_true", help="exit 1 when anything was uncertain")
    add_debug(p)
    p.set_defaults(run=run)


def _read(name: str, encoding: str | None) -> str:
    from smeeco.parse.notice_file import read_notice_file  # the parser loads for parse only

    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes underneath (a test, an IDE console)
            return sys.stdin.read()
        data = stream.read()
    else:
        path = Path(name)
        if not path.is_file():
            raise DataPackError(f"no file {name!r}; check the path")
        data = path.read_bytes()
    notice = read_notice_file(data, name=repr(name) if name != "-" else "stdin", encoding=encoding)
    for note in notice.notes:
        warn(note)
    return notice.text


def _bar(total_size: int) -> Callable[[int, int, str], None] | None:
    """A progress bar on standard error, by characters read, for large inputs on a terminal."""
    if total_size < PROGRESS_FROM or not sys.stderr.isatty():
        return None
    shown: list[tuple[int, str]] = []

    def show(done: int, total: int, name: str) -> None:
        width = 30
        filled = width * done // max(1, total)
        percent = 100 * done // max(1, total)
        if shown and shown[-1] == (percent, name) and done < total:
            return  # nothing new to draw
        shown[:] = [(percent, name)]
        end = "\n" if done >= total else ""
        sys.stderr.write(
            f"\rsmeeco parse [{'#' * filled}{'.' * (width - filled)}] {percent:3d}%"
            f" {done / 1e6:.1f}/{total / 1e6:.1f}M characters {name[-30:]:<30}{end}"
        )
        sys.stderr.flush()

    return show


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Parse the files, write the pack, print the report; 1 with --strict if uncertain."""
    from smeeco.parse.pack import parse_to_pack  # the parser loads for this command only

    output = Path(args.output)
    if output.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise DataPackError(f"-o {args.output!r}: write the pack as .yaml or .json")
    check_output_folder(output)
    check_not_read(output, [name for name in args.files if name != "-"], "a notice")
    if args.agencies:
        check_not_read(output, [args.agencies], "the agencies pack")
    texts = [(name if name != "-" else "stdin", _read(name, args.encoding)) for name in args.files]
    progress = _bar(sum(len(t) for _n, t in texts))
    with paused_gc():  # parsing and writing make no cycles: nothing for the collector
        pack = parse_to_pack(
            texts,
            agencies=args.agencies,
            jurisdiction=args.jurisdiction,
            ids=args.id,
            name=args.name or output.stem,
            progress=progress,
        )
        write_pack(pack.records, output, info=pack.info)
    measures = sum(len(r.measures) for _n, r in pack.results)
    unresolved = sum(len(r.agencies) for _n, r in pack.results)
    uncertain = sum(len(r.uncertainties) for _n, r in pack.results)
    print(
        f"wrote {output}: {len(pack.results)} document(s), {measures} measure(s),"
        f" {unresolved} new agency(ies) marked unresolved, {uncertain} uncertainty(ies)",
        file=out,
    )
    if args.report and uncertain:
        print(pack.report(), file=out)
    elif uncertain:
        warn(f"{uncertain} uncertainties; see them with --report")
    return 1 if args.strict and pack.uncertain else 0
