"""The format registry: every file smeeco writes or reads, by name and suffix.

Each format module registers its :class:`Format` when it is imported — the graph formats
in :mod:`smeeco.io`, the matrix writers in :mod:`smeeco.io.matrix`, the pictures and the
page in :mod:`smeeco.render` — and :func:`smeeco.io.export.export_graph`,
:func:`~smeeco.io.export.read_graph`, :func:`~smeeco.io.matrix.write_matrix`,
:func:`~smeeco.render.pictures.render_graph` and the CLI's choices and ``--help`` are all
built from this registry. It lives below both io and render and imports neither: the
built-in format modules are imported by name on first use (:data:`BUILTIN_MODULES`), like
plugins, so no package imports another to find its formats.

Formats come in two families: ``"graph"`` (what ``smeeco graph`` and ``export_graph``
write: graph files, pictures and the page) and ``"matrix"`` (what ``smeeco matrix`` and
``write_matrix`` write). A suffix names at most one format in a family, so ``.md`` is
unambiguous: **a Mermaid flowchart in the graph family, a Markdown table in the matrix
family**; ``.csv`` is the edge and node lists, or the matrix as CSV; ``.html`` the
interactive page, or the matrix as an HTML table.

>>> from smeeco.formats import format_for, formats
>>> format_for("tianjin.cytoscape.json").name, format_for("a.md").name
('cytoscape', 'mermaid')
>>> format_for("任务分工表.md", family="matrix").name
'markdown'
>>> [f.name for f in formats("graph") if f.read is not None]
['graphml', 'gexf', 'nodelink', 'cytoscape', 'csv']
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from smeeco.errors import ExportError

__all__ = [
    "BUILTIN_MODULES",
    "FAMILIES",
    "Format",
    "format_for",
    "formats",
    "get_format",
    "register_format",
    "suffixes",
]

#: The families of formats: ``graph`` (graph files, pictures, the page) and ``matrix``.
FAMILIES = ("graph", "matrix")

#: Modules that register the built-in formats, imported (in this order) on first use.
BUILTIN_MODULES = (
    "smeeco.io.graphml",
    "smeeco.io.gexf",
    "smeeco.io.nodelink",
    "smeeco.io.cytoscape",
    "smeeco.io.dot",
    "smeeco.io.mermaid",
    "smeeco.io.csvlists",
    "smeeco.render.pictures",
    "smeeco.render.html",
    "smeeco.io.matrix",
)


@attrs.frozen
class Format:
    """One file format.

    Parameters
    ----------
    name:
        The format's name (``graphml``, ``svg``, ``markdown``…), unique in its family.
    suffixes:
        File suffixes, lower case with the dot (``".cytoscape.json"`` may have two dots).
    write:
        ``write(source, path, **options) -> Path``. Graph family: ``source`` is a graph or a
        view, options ``lang``; matrix family: ``source`` is an ecosystem, options
        ``document``, ``as_of``, ``lang``.
    read:
        ``read(path) -> graph`` for formats that can be read back, else ``None``.
    needs:
        Optional packages the format imports (``("matplotlib",)``), with the extra that
        installs them in ``install``.
    family:
        ``"graph"`` or ``"matrix"``.
    draws:
        ``True`` for pictures and the page: they show a view (responsibility or
        co-responsibility), not the whole ecosystem graph.
    description:
        A few words for ``--help``.
    """

    name: str
    suffixes: tuple[str, ...]
    write: Callable[..., Any] = attrs.field(eq=False, repr=False)
    read: Callable[[str | Path], Any] | None = attrs.field(default=None, eq=False, repr=False)
    needs: tuple[str, ...] = ()
    install: str = ""
    family: str = "graph"
    draws: bool = False
    description: str = ""

    def missing(self) -> tuple[str, ...]:
        """The packages in ``needs`` that are not installed."""
        return tuple(n for n in self.needs if importlib.util.find_spec(n) is None)

    def check_available(self) -> None:
        """Raise :class:`ExportError` saying what to install when a need is missing."""
        missing = self.missing()
        if missing:
            how = f": pip install 'smeeco[{self.install}]'" if self.install else ""
            raise ExportError(f"writing {self.name} needs {', '.join(missing)}{how}")


_REGISTRY: dict[str, dict[str, Format]] = {family: {} for family in FAMILIES}
_loaded = False


def register_format(fmt: Format, *, replace: bool = False) -> Format:
    """Add ``fmt`` to the registry; return it.

    Raises :class:`ExportError` when its name or one of its suffixes is already taken in
    its family (pass ``replace=True`` to replace a format of the same name).
    """
    if fmt.family not in FAMILIES:
        raise ExportError(f"unknown format family {fmt.family!r}; use one of {FAMILIES}")
    if not fmt.suffixes or any(not s.startswith(".") or s != s.lower() for s in fmt.suffixes):
        raise ExportError(f"format {fmt.name!r}: suffixes must be lower case and start with '.'")
    family = _REGISTRY[fmt.family]
    if fmt.name in family and not replace:
        raise ExportError(f"a {fmt.family} format named {fmt.name!r} is already registered")
    for other in family.values():
        if other.name == fmt.name:
            continue
        clash = set(other.suffixes) & set(fmt.suffixes)
        if clash:
            raise ExportError(
                f"suffix {sorted(clash)[0]!r} already names the {fmt.family} format"
                f" {other.name!r}"
            )
    family[fmt.name] = fmt
    return fmt


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def formats(family: str = "graph") -> tuple[Format, ...]:
    """The registered formats of ``family``, in registration order."""
    _load()
    if family not in _REGISTRY:
        raise ExportError(f"unknown format family {family!r}; use one of {FAMILIES}")
    found = list(_REGISTRY[family].values())
    # Built-ins in the order of BUILTIN_MODULES, whoever imported them first; others after.
    rank = {module: i for i, module in enumerate(BUILTIN_MODULES)}
    found.sort(key=lambda f: rank.get(getattr(f.write, "__module__", ""), len(rank)))
    return tuple(found)


def suffixes(family: str = "graph") -> dict[str, str]:
    """Suffix → format name for ``family``.

    >>> suffixes("matrix")[".md"], suffixes("graph")[".md"]
    ('markdown', 'mermaid')
    """
    return {s: f.name for f in formats(family) for s in f.suffixes}


def get_format(name: str, family: str = "graph") -> Format:
    """The format called ``name`` (or named by a suffix such as ``".gv"``).

    Raises :class:`ExportError` listing the known names when there is none.
    """
    known = {f.name: f for f in formats(family)}
    if name in known:
        return known[name]
    by_suffix = suffixes(family)
    suffix = name.lower() if name.startswith(".") else f".{name.lower()}"
    if suffix in by_suffix:
        return known[by_suffix[suffix]]
    what = "graph" if family == "graph" else family
    raise ExportError(f"unknown {what} format {name!r}; supported: {', '.join(sorted(known))}")


def format_for(path: str | Path, fmt: str | None = None, *, family: str = "graph") -> Format:
    """The format of ``path`` from its suffix (the longest that matches), or ``fmt``.

    Raises :class:`ExportError` listing the supported suffixes when none matches.
    """
    if fmt is not None:
        return get_format(fmt, family)
    name = Path(path).name.lower()
    by_suffix = suffixes(family)
    for suffix in sorted(by_suffix, key=len, reverse=True):
        if name.endswith(suffix) and len(name) >= len(suffix):
            return get_format(by_suffix[suffix], family)
    suffix = Path(path).suffix or "no suffix"
    what = "graph" if family == "graph" else family
    raise ExportError(
        f"unknown {what} format {suffix!r}; supported: {', '.join(sorted(by_suffix))}"
    )
