"""Run a function over a register in row chunks, reporting progress after each.

Chunks keep memory bounded and let a long run show how far it is; each chunk is a
:class:`~smeeco.register.Register` of its own whose ``first_line`` still names the file's
lines.

>>> import polars as pl
>>> from smeeco.register import read_register
>>> reg = read_register(pl.DataFrame({"id": ["a", "b", "c"]}))
>>> seen = []
>>> out = in_chunks(reg, lambda r: r.frame, rows=2, progress=lambda d, t: seen.append((d, t)))
>>> out["id"].to_list()
['a', 'b', 'c']
>>> seen
[(2, 3), (3, 3)]
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from smeeco.register.read import Register

__all__ = ["CHUNK_ROWS", "Progress", "chunks", "in_chunks", "with_row_ids"]

#: Rows per chunk unless told otherwise.
CHUNK_ROWS = 100_000

#: ``progress(rows_done, rows_total)``.
Progress = Callable[[int, int], None]


def chunks(register: Register, rows: int = CHUNK_ROWS) -> list[Register]:
    """``register`` cut into registers of at most ``rows`` rows (at least one, maybe empty)."""
    step = max(1, rows)
    total = len(register)
    out = []
    for start in range(0, max(total, 1), step):
        first = None if register.first_line is None else register.first_line + start
        out.append(
            Register(register.frame.slice(start, step), register.source, register.money_unit, first)
        )
    return out


def in_chunks(
    register: Register,
    fn: Callable[[Register], pl.DataFrame],
    *,
    rows: int = CHUNK_ROWS,
    progress: Progress | None = None,
) -> pl.DataFrame:
    """``fn`` applied to each chunk of ``register``, the results stacked in order."""
    total = len(register)
    parts = []
    done = 0
    for part in chunks(register, rows):
        parts.append(fn(part))
        done += len(part)
        if progress is not None:
            progress(done, total)
    return pl.concat(parts, how="vertical_relaxed")


def with_row_ids(register: Register) -> Register:
    """``register`` with an ``id`` column (``row 1``, ``row 2``…) when it has none.

    Results name rows by ``id``; numbering before chunking keeps ``row N`` the register's
    row N, not the chunk's.
    """
    if "id" in register.frame.columns:
        return register
    ids = pl.format("row {}", pl.int_range(1, pl.len() + 1)).alias("id")
    frame = register.frame.with_columns(ids).select("id", *register.frame.columns)
    return Register(frame, register.source, register.money_unit, register.first_line)
