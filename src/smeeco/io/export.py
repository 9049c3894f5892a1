"""Write (and read back) a graph in the format its file name asks for.

The formats come from the registry in :mod:`smeeco.formats`, where each format module
registers itself; this module only looks them up.

>>> import smeeco, tempfile, pathlib
>>> from smeeco.io.export import export_graph, read_graph
>>> graph = smeeco.load("example").graph
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = export_graph(graph, pathlib.Path(tmp) / "example.graphml")
...     read_graph(path).number_of_edges() == graph.number_of_edges()
True
>>> export_graph(graph, "example.docx")
Traceback (most recent call last):
...
smeeco.errors.ExportError: unknown graph format '.docx'; supported: .csv, .cyjs, ..., .svg
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smeeco.errors import ExportError
from smeeco.formats import format_for, formats, suffixes
from smeeco.graphs import AnyGraph, GraphSource

__all__ = ["GRAPH_FORMATS", "READABLE_FORMATS", "export_graph", "graph_format", "read_graph"]


def __getattr__(name: str) -> Any:
    # Built from the registry on first use, so importing this module loads no format.
    if name == "GRAPH_FORMATS":
        return suffixes("graph")
    if name == "READABLE_FORMATS":
        return tuple(f.name for f in formats("graph") if f.read is not None)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: File suffix → format name, for :func:`export_graph` (from the registry).
GRAPH_FORMATS: dict[str, str]
#: Formats :func:`read_graph` reads back (from the registry).
READABLE_FORMATS: tuple[str, ...]


def graph_format(path: str | Path, fmt: str | None = None) -> str:
    """The format name for ``path`` (or ``fmt`` when given); :class:`ExportError` if unknown.

    >>> graph_format("out/tianjin.cytoscape.json"), graph_format("a.GraphML")
    ('cytoscape', 'graphml')
    """
    return format_for(path, fmt).name


def export_graph(
    graph: GraphSource, path: str | Path, fmt: str | None = None, *, lang: str = "zh"
) -> Path:
    """Write ``graph`` to ``path`` in the format of its suffix (or ``fmt``).

    Parameters
    ----------
    graph:
        Any smeeco graph: ``Ecosystem.graph``, a view from :mod:`smeeco.views` (or its
        ``to_networkx()``), or a graph read back from a file.
    path:
        The file to write; the suffix picks a registered format (``smeeco formats`` lists
        them): ``.graphml``, ``.gexf``, ``.json`` (node-link), ``.cyjs``/``.cytoscape.json``,
        ``.dot``/``.gv``, ``.mmd``/``.md`` (Mermaid), ``.csv`` (edge list, with the node
        list as ``<stem>.nodes.csv``), and pictures: ``.svg``, ``.png``, ``.pdf``
        (matplotlib) and ``.html`` (interactive page).
    fmt:
        A format name or suffix overriding the suffix of ``path``.
    lang:
        Label language for formats that draw (``"zh"`` or ``"en"``).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ExportError
        The format is unknown (the message lists the supported ones) or cannot hold a
        value of the graph.
    """
    chosen = format_for(path, fmt)
    path = Path(path)
    chosen.write(graph, path, lang=lang)
    return path


def read_graph(path: str | Path, fmt: str | None = None) -> AnyGraph:
    """Read a graph written by :func:`export_graph` in a format that can be read back.

    GraphML, GEXF, node-link JSON, Cytoscape.js JSON and CSV lists can be read; pictures,
    DOT and Mermaid cannot.
    """
    chosen = format_for(path, fmt)
    if chosen.read is None:
        readable = ", ".join(f.name for f in formats("graph") if f.read is not None)
        raise ExportError(f"{chosen.name} files cannot be read back; readable formats: {readable}")
    graph: AnyGraph = chosen.read(path)
    return graph
