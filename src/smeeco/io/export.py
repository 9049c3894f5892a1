"""Write (and read back) a graph in the format its file name asks for.

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

from collections.abc import Callable
from pathlib import Path
from typing import Any

from smeeco.errors import ExportError
from smeeco.io._graphdata import AnyGraph

__all__ = ["GRAPH_FORMATS", "READABLE_FORMATS", "export_graph", "graph_format", "read_graph"]

#: File suffix → format name, for :func:`export_graph`.
GRAPH_FORMATS: dict[str, str] = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "nodelink",
    ".cyjs": "cytoscape",
    ".cytoscape.json": "cytoscape",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".md": "mermaid",
    ".csv": "csv",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".html": "html",
}

#: Formats :func:`read_graph` reads back.
READABLE_FORMATS = ("graphml", "gexf", "nodelink", "cytoscape", "csv")


def graph_format(path: str | Path, fmt: str | None = None) -> str:
    """The format name for ``path`` (or ``fmt`` when given); :class:`ExportError` if unknown.

    >>> graph_format("out/tianjin.cytoscape.json"), graph_format("a.GraphML")
    ('cytoscape', 'graphml')
    """
    names = set(GRAPH_FORMATS.values())
    if fmt is not None:
        chosen = GRAPH_FORMATS.get(fmt if fmt.startswith(".") else f".{fmt}", fmt)
        if chosen in names:
            return chosen
        raise ExportError(f"unknown graph format {fmt!r}; supported: {', '.join(sorted(names))}")
    name = Path(path).name.lower()
    for suffix in sorted(GRAPH_FORMATS, key=len, reverse=True):
        if name.endswith(suffix):
            return GRAPH_FORMATS[suffix]
    suffix = Path(path).suffix or "no suffix"
    raise ExportError(
        f"unknown graph format {suffix!r}; supported: {', '.join(sorted(GRAPH_FORMATS))}"
    )


def export_graph(
    graph: AnyGraph, path: str | Path, fmt: str | None = None, *, lang: str = "zh"
) -> Path:
    """Write ``graph`` to ``path`` in the format of its suffix (or ``fmt``).

    Parameters
    ----------
    graph:
        Any smeeco graph: ``Ecosystem.graph``, a view from :mod:`smeeco.views`, or a
        graph read back from a file.
    path:
        The file to write. ``.graphml``, ``.gexf``, ``.json`` (node-link),
        ``.cyjs``/``.cytoscape.json``, ``.dot``/``.gv``, ``.mmd``/``.md`` (Mermaid),
        ``.csv`` (edge list, with the node list as ``<stem>.nodes.csv``), and pictures:
        ``.svg``, ``.png``, ``.pdf`` (matplotlib) and ``.html`` (interactive page).
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
    chosen = graph_format(path, fmt)
    path = Path(path)
    writer = _writer(chosen)
    writer(graph, path, lang)
    return path


def _writer(name: str) -> Callable[[AnyGraph, Path, str], Any]:
    if name == "graphml":
        from smeeco.io.graphml import write_graphml

        return lambda g, p, _lang: write_graphml(g, p)
    if name == "gexf":
        from smeeco.io.gexf import write_gexf

        return lambda g, p, _lang: write_gexf(g, p)
    if name == "nodelink":
        from smeeco.io.nodelink import write_nodelink

        return lambda g, p, _lang: write_nodelink(g, p)
    if name == "cytoscape":
        from smeeco.io.cytoscape import write_cytoscape

        return lambda g, p, lang: write_cytoscape(g, p, lang=lang)
    if name == "dot":
        from smeeco.io.dot import write_dot

        return lambda g, p, lang: write_dot(g, p, lang=lang)
    if name == "mermaid":
        from smeeco.io.mermaid import write_mermaid

        return lambda g, p, lang: write_mermaid(g, p, lang=lang)
    if name == "csv":
        from smeeco.io.csvlists import write_csv_lists

        return lambda g, p, lang: write_csv_lists(g, p, lang=lang)
    if name == "html":
        from smeeco.render.html import write_html

        return lambda g, p, lang: write_html(g, p, lang=lang)
    from smeeco.render.pictures import render_graph

    return lambda g, p, lang: render_graph(g, p, lang=lang, fmt=name)


def read_graph(path: str | Path, fmt: str | None = None) -> AnyGraph:
    """Read a graph written by :func:`export_graph` in a format that can be read back.

    GraphML, GEXF, node-link JSON, Cytoscape.js JSON and CSV lists can be read; pictures,
    DOT and Mermaid cannot.
    """
    chosen = graph_format(path, fmt)
    if chosen == "graphml":
        from smeeco.io.graphml import read_graphml

        return read_graphml(path)
    if chosen == "gexf":
        from smeeco.io.gexf import read_gexf

        return read_gexf(path)
    if chosen == "nodelink":
        from smeeco.io.nodelink import read_nodelink

        return read_nodelink(path)
    if chosen == "cytoscape":
        from smeeco.io.cytoscape import read_cytoscape

        return read_cytoscape(path)
    if chosen == "csv":
        from smeeco.io.csvlists import read_csv_lists

        return read_csv_lists(path)
    raise ExportError(
        f"{chosen} files cannot be read back; readable formats: {', '.join(READABLE_FORMATS)}"
    )
