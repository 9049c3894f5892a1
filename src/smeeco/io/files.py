"""Writing files whole or not at all.

Every file smeeco writes — data packs, graph files, pages, matrices — goes to a temporary
file in the target's folder first, which then replaces the target in one step
(:func:`os.replace`, atomic on POSIX and Windows). A write that fails half-way (a full disk,
an exception in a writer, Ctrl-C) leaves the old file as it was and no temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_atomic"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` (same suffix) that replaces ``path`` on success.

    For writers that want a file name (``openpyxl``'s ``save``, matplotlib's ``savefig``)::

        with atomic_path("matrix.xlsx") as temp:
            book.save(temp)
    """
    target = os.path.abspath(os.fspath(path))
    folder, name = os.path.split(target)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=Path(name).suffix, dir=folder)
    os.close(fd)
    try:
        yield Path(temp)
        _keep_mode(temp, target)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8, line ends as given) to ``path`` whole or not at all."""
    with atomic_path(path) as temp, open(temp, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def _keep_mode(temp: str, target: str) -> None:
    """Give the new file the old one's permissions, or the usual ones for a new file."""
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(temp, mode)
