"""Columns of Python values → a DataFrame of pandas, Polars or PyArrow, through narwhals.

One path for every backend: the column types become narwhals dtypes and
``narwhals.from_dict`` builds the frame. pandas has no nullable integer or date type of
its own that survives a missing value, so the pandas frame is built as Arrow columns and
handed to pandas with Arrow-backed dtypes (``int64[pyarrow]``, ``date32[day][pyarrow]``):
a missing section number stays missing instead of turning the column into floats.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from smeeco.errors import InvalidValueError, MissingDependencyError
from smeeco.tables.columns import Columns

__all__ = ["BACKENDS", "check_backend", "to_frame"]

#: The backends :func:`to_frame` builds, with the packages each needs and its extra.
BACKENDS: dict[str, tuple[tuple[str, ...], str]] = {
    "pandas": (("narwhals", "pandas", "pyarrow"), "pandas"),
    "polars": (("narwhals", "polars"), "polars"),
    "pyarrow": (("narwhals", "pyarrow"), "pyarrow"),
}


def check_backend(backend: str) -> None:
    """Raise :class:`~smeeco.MissingDependencyError`, naming the extra, unless ``backend``
    can be built."""
    try:
        packages, extra = BACKENDS[backend]
    except KeyError:
        raise InvalidValueError(
            f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}"
        ) from None
    missing = [p for p in packages if importlib.util.find_spec(p) is None]
    if missing:
        raise MissingDependencyError(
            f"a {backend} table needs {', '.join(missing)}, which is not installed;"
            f" install it with: pip install 'smeeco[{extra}]'"
        )


def _dtypes(columns: Columns) -> dict[str, Any]:
    import narwhals as nw

    kinds: dict[str, Any] = {
        "str": nw.String(),
        "int": nw.Int64(),
        "float": nw.Float64(),
        "bool": nw.Boolean(),
        "date": nw.Date(),
    }
    return {name: kinds[t] for name, t in zip(columns.names, columns.types, strict=True)}


def to_frame(columns: Columns, backend: str = "pandas") -> Any:
    """The native DataFrame (``pandas.DataFrame``, ``polars.DataFrame`` or
    ``pyarrow.Table``) holding ``columns``, with the column types they declare."""
    check_backend(backend)
    import narwhals as nw

    schema = _dtypes(columns)
    if backend == "pandas":
        import pandas as pd

        arrow = nw.from_dict(columns.data, schema=schema, backend="pyarrow").to_native()
        return arrow.to_pandas(types_mapper=pd.ArrowDtype)
    return nw.from_dict(columns.data, schema=schema, backend=backend).to_native()  # type: ignore[arg-type]
