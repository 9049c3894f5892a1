"""What every ``smeeco`` command shares: text tables, loading a pack, warnings, output files.

>>> text_width("市工信局 ok")
11
>>> pad("单位", 6) + "|"
'单位  |'
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from smeeco._load import load
from smeeco.ecosystem import Ecosystem
from smeeco.errors import ExportError
from smeeco.model import Agency, PolicyDocument
from smeeco.style import ROLE_WORDS as STYLE_ROLE_WORDS

if TYPE_CHECKING:  # the register's reader imports Polars: only when a command reads one
    from smeeco.register import Register

__all__ = [
    "PROGRESS_ROWS",
    "ROLE_WORDS",
    "SafeOutput",
    "add_common",
    "add_debug",
    "add_filters",
    "add_json",
    "add_pack",
    "add_register_options",
    "agency_arg",
    "as_of",
    "check_not_input",
    "check_output_folder",
    "document_arg",
    "filters",
    "load_pack",
    "pad",
    "print_json",
    "progress_bar",
    "read_register_args",
    "safe_text",
    "table",
    "text_width",
    "warn",
]

#: How each role is written in the two label languages: the one table in :mod:`smeeco.style`.
ROLE_WORDS = STYLE_ROLE_WORDS


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


def warn(message: str, err: TextIO | None = None) -> None:
    """Print one warning line, ``smeeco: warning: message``, on stderr."""
    text = safe_text(" ".join(str(message).split()))
    print(f"smeeco: warning: {text}", file=err if err is not None else sys.stderr)


# ---------------------------------------------------------------------- loading


def load_pack(pack: str) -> Ecosystem:
    """The ecosystem of ``pack`` (a bundled or installed pack name, or a data-pack file)."""
    return load(pack)


def as_of(eco: Ecosystem, day: str | None) -> Ecosystem:
    """``eco`` as in force on ``day`` (``YYYY-MM-DD``), or ``eco`` itself when ``None``."""
    return eco.at(day) if day else eco


def document_arg(eco: Ecosystem, text: str) -> PolicyDocument:
    """The document a command-line argument names (id, name or alias)."""
    record = eco.resolve(text, "document")
    return eco.require(record.id, PolicyDocument)


def agency_arg(eco: Ecosystem, text: str) -> Agency:
    """The agency a command-line argument names (id, name or alias)."""
    record = eco.resolve(text, "agency")
    return eco.require(record.id, Agency)


def check_output_folder(output: str | Path) -> Path:
    """``output`` as a path, refused when its folder does not exist."""
    path = Path(output)
    if not path.parent.exists():
        raise ExportError(f"folder {str(path.parent)!r} does not exist; create it first")
    return path


def check_not_input(output: str | Path, pack: str, eco: Ecosystem) -> None:
    """Refuse to write ``output`` when it is a data-pack file the command read.

    ``smeeco graph p.json -o p.json`` would replace the pack with a graph.
    """
    path = Path(output)
    if not path.exists():
        return
    for source in _pack_files(pack, eco):
        with contextlib.suppress(OSError):
            if os.path.samefile(path, source):
                raise ExportError(
                    f"{str(path)!r} is the data pack {source.name!r} that {pack!r} reads;"
                    " write the output to another file"
                )


def check_not_read(output: str | Path, inputs: Iterable[str | Path], what: str) -> None:
    """Refuse to write ``output`` when it is one of the ``inputs`` files (``what`` they are).

    ``smeeco parse notice.json -o notice.json`` would replace the notice with a pack.
    """
    path = Path(output)
    if not path.exists():
        return
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, source):
                raise ExportError(
                    f"{str(path)!r} is {what} {str(source)!r} this command reads;"
                    " write the output to another file"
                )


def _pack_files(pack: str, eco: Ecosystem) -> list[Path]:
    """The files ``load(pack)`` read: the pack and those it requires."""
    from smeeco.datasets import pack_path
    from smeeco.errors import SmeecoError

    given = Path(pack)
    files = [given] if given.is_file() else []
    names = {info.name for info in eco.packs} | {r for i in eco.packs for r in i.requires}
    for name in sorted(names):
        if given.is_file():
            files += [given.with_name(f"{name}{s}") for s in (".yaml", ".yml", ".json")]
        with contextlib.suppress(SmeecoError):
            files.append(pack_path(name))
    return [f for f in files if f.is_file()]


# ---------------------------------------------------------------------- terminal output

#: Characters that would act on a terminal instead of being shown: C0 controls but tab and
#: line feed (ESC starts ANSI sequences, CR rewrites the line), DEL, C1 controls (CSI), and
#: the bidirectional overrides that reorder what is shown ("Trojan Source").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    r"""``text`` with terminal control characters written out as escapes.

    >>> safe_text("红\x1b[31m字\r")
    '红\\x1b[31m字\\x0d'
    """
    return _UNSAFE.sub(_escaped, text)


class SafeOutput:
    """A text stream that escapes terminal control characters in what it is given.

    Every command writes through one, so a name holding ``ESC [2J`` shows as text instead of
    clearing the screen.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(safe_text(text))

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


# ---------------------------------------------------------------------- arguments


def add_debug(p: argparse.ArgumentParser) -> None:
    """Accept ``--debug`` after the command too (hidden; the top-level flag is documented)."""
    p.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def add_pack(p: argparse.ArgumentParser) -> None:
    """The ``PACK`` positional argument."""
    p.add_argument("pack", metavar="PACK", help="a bundled pack name or a data-pack file")


def add_common(p: argparse.ArgumentParser, document: bool = True) -> None:
    """``--document``, ``--as-of``, ``--lang`` and the hidden ``--debug``."""
    if document:
        p.add_argument("--document", help="only this document (id or name)")
    p.add_argument("--as-of", metavar="DATE", help="as in force on DATE (YYYY-MM-DD)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    add_debug(p)


def add_filters(p: argparse.ArgumentParser) -> None:
    """The measure filters of ``table`` and ``search`` (see :class:`smeeco.MeasureFilter`)."""
    p.add_argument("--agency", help="only measures this unit holds (id or name)")
    p.add_argument(
        "--role", choices=("lead", "support", "executing", "funding"), help="in this role"
    )
    p.add_argument("--beneficiary", help="only measures for this group (or a broader one)")
    p.add_argument("--instrument", help="only measures using this instrument (e.g. guarantee)")


def filters(args: argparse.Namespace) -> dict[str, str | None]:
    """The filter arguments as keywords for :func:`smeeco.table` and :func:`smeeco.search`."""
    return {
        "agency": args.agency,
        "role": args.role,
        "beneficiary": args.beneficiary,
        "instrument": args.instrument,
        "document": getattr(args, "document", None),
    }


def add_register_options(p: argparse.ArgumentParser) -> None:
    """--money-unit, --encoding, --header-row and --sheet: options of the commands that read
    an enterprise register."""
    p.add_argument(
        "--money-unit",
        default=None,
        choices=("元", "万元", "亿元"),
        help="the unit of the money columns (default: the unit the headers state, such as"
        " 营业收入（万元）, else 元)",
    )
    p.add_argument(
        "--encoding",
        default=None,
        help="a CSV register's encoding (default: detected: UTF-8, GBK as Excel saves it, Big5)",
    )
    p.add_argument(
        "--header-row",
        type=int,
        default=None,
        metavar="LINE",
        help="the line of a CSV or XLSX register that holds the headers (default 1; give it"
        " when a title row sits above them)",
    )
    p.add_argument(
        "--sheet",
        default=None,
        help="the sheet of an XLSX register to read (default: the first)",
    )


def read_register_args(args: argparse.Namespace, *, standard: str | None) -> Register:
    """The register ``args.register`` names, read with the register options; what reading
    found worth telling (an encoding detected, a unit read from the headers) is warned."""
    from smeeco.register import read_register

    register = read_register(
        args.register,
        money_unit=args.money_unit,
        standard=standard,
        encoding=getattr(args, "encoding", None),
        header_row=getattr(args, "header_row", None),
        sheet=getattr(args, "sheet", None),
    )
    for note in register.notes:
        warn(note)
    return register


def add_json(p: argparse.ArgumentParser) -> None:
    """``--json``: print one JSON document on standard output instead of a text table."""
    p.add_argument("--json", action="store_true", help="print one JSON document instead of a table")


def print_json(document: object, out: TextIO) -> None:
    """Print ``document`` as JSON (Chinese as written, dates as ISO text)."""
    import datetime as dt
    import json

    def default(value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(f"{type(value).__name__} is not JSON")

    print(json.dumps(document, ensure_ascii=False, indent=2, default=default), file=out)


# ---------------------------------------------------------------------- progress

#: Registers of at least this many rows get a progress bar when standard error is a terminal.
PROGRESS_ROWS = 100_000


def progress_bar(
    command: str, total: int, err: TextIO | None = None
) -> Callable[[int, int], None] | None:
    """A ``progress(done, total)`` callback drawing a bar on stderr, or ``None``.

    Only for long runs (at least :data:`PROGRESS_ROWS` rows) and only when standard error
    is a terminal, so files and pipes never get carriage returns.
    """
    stream = err if err is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    if total < PROGRESS_ROWS or not (callable(isatty) and isatty()):
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(1, total)
        end = "\n" if done >= total else ""
        bar = "#" * filled + "." * (width - filled)
        stream.write(f"\rsmeeco {command} [{bar}] {done:,}/{total:,} rows{end}")
        stream.flush()

    return show
