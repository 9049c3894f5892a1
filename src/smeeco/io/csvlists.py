"""CSV node and edge lists, for spreadsheets, pandas and Gephi's spreadsheet import.

The edge list has columns ``Source``, ``Target``, ``Type`` (Directed/Undirected), ``Key``
(multigraphs), then every edge attribute (``relation``, ``role``, ``order``…); the node
list ``Id``, ``Label``, then every node attribute. Those capitalised names are the ones
Gephi's import wizard recognises. Booleans are ``true``/``false``, tuples ``|``-joined,
a missing attribute an empty cell. CSV has no types: read back, every value is text
except ``aliases`` (a tuple again).

Examples
--------
>>> import smeeco
>>> from smeeco.io.csvlists import dumps_edge_csv, dumps_node_csv
>>> from smeeco.views import responsibility_view
>>> view = responsibility_view(smeeco.load("example"))
>>> print(dumps_edge_csv(view).splitlines()[0])
Source,Target,Type,Key,relation,role,order,explicit,ordinal
>>> print(dumps_edge_csv(view).splitlines()[1])
ex-finance,ex-2022-measures.m01,Directed,responsible,responsible,lead,0,false,
>>> dumps_node_csv(view).splitlines()[1].split(",")[:5]
['ex-finance', '示例市财政局', 'agency', '示例市财政局', 'Example City Finance Bureau']
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from smeeco.errors import ExportError
from smeeco.formats import Format, register_format
from smeeco.io._graphdata import (
    AnyGraph,
    GraphSource,
    add_keyed_edge,
    as_graph,
    decode_list,
    edge_rows,
    empty_like,
    encode_list,
    label_of,
    write_text,
)
from smeeco.io.cells import csv_row, read_csv_cell

__all__ = [
    "dumps_edge_csv",
    "dumps_node_csv",
    "parse_csv_lists",
    "read_csv_lists",
    "write_csv_lists",
    "write_edge_csv",
    "write_node_csv",
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return encode_list(value)
    return str(value)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def _table(header: list[str], rows: list[list[str]]) -> str:
    # every cell through csv_row: a name such as "=HYPERLINK(…)" must not run in a
    # spreadsheet (OWASP CSV injection); _records takes the apostrophe off again
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_row(header))
    writer.writerows(csv_row(row) for row in rows)
    return buffer.getvalue()


def _records(text: str, what: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a CSV list as mappings; a list without its columns is refused."""
    rows = [[read_csv_cell(c) for c in row] for row in csv.reader(io.StringIO(text))]
    header = rows[0] if rows else []
    missing = [c for c in required if c not in header]
    if missing:
        shown = ", ".join(header[:6]) if header else "nothing"
        raise ExportError(
            f"not a CSV {what}: it needs the columns {', '.join(required)} (as smeeco and"
            f" Gephi write them), but its first row holds {shown}"
        )
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        if len(row) > len(header):
            raise ExportError(
                f"line {number} of the CSV {what} has {len(row)} cells for"
                f" {len(header)} columns"
            )
        records.append(dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)))
    return records


def dumps_edge_csv(graph: GraphSource) -> str:
    """The edge list of ``graph`` as CSV text."""
    graph = as_graph(graph)
    edges = list(edge_rows(graph))
    extra = _columns([d for *_e, d in edges])
    multi = graph.is_multigraph()
    kind = "Directed" if graph.is_directed() else "Undirected"
    header = ["Source", "Target", "Type", *(["Key"] if multi else []), *extra]
    rows = [
        [
            str(u),
            str(v),
            kind,
            *([_cell(key)] if multi else []),
            *(_cell(data.get(c)) for c in extra),
        ]
        for u, v, key, data in edges
    ]
    return _table(header, rows)


def dumps_node_csv(graph: GraphSource, *, lang: str = "zh") -> str:
    """The node list of ``graph`` as CSV text (``Label`` in ``lang``)."""
    graph = as_graph(graph)
    nodes = list(graph.nodes(data=True))
    extra = _columns([d for _n, d in nodes])
    header = ["Id", "Label", *extra]
    rows = [[str(n), label_of(d, n, lang), *(_cell(d.get(c)) for c in extra)] for n, d in nodes]
    return _table(header, rows)


def write_edge_csv(graph: GraphSource, path: str | Path) -> Path:
    """Write the edge list of ``graph`` to ``path``; return the path."""
    return write_text(dumps_edge_csv(graph), path)


def write_node_csv(graph: GraphSource, path: str | Path, *, lang: str = "zh") -> Path:
    """Write the node list of ``graph`` to ``path``; return the path."""
    return write_text(dumps_node_csv(graph, lang=lang), path)


def node_list_path(edges_path: str | Path) -> Path:
    """Where :func:`write_csv_lists` puts the node list: ``x.csv`` → ``x.nodes.csv``.

    >>> node_list_path("out/graph.csv").as_posix()
    'out/graph.nodes.csv'
    """
    path = Path(edges_path)
    return path.with_name(f"{path.stem}.nodes{path.suffix or '.csv'}")


def write_csv_lists(graph: GraphSource, path: str | Path, *, lang: str = "zh") -> tuple[Path, Path]:
    """Write the edge list to ``path`` and the node list beside it (``<stem>.nodes.csv``)."""
    graph = as_graph(graph)
    edges = write_edge_csv(graph, path)
    nodes = write_node_csv(graph, node_list_path(path), lang=lang)
    return edges, nodes


def parse_csv_lists(edges: str, nodes: str | None = None) -> AnyGraph:
    """A graph from CSV edge-list text and, optionally, node-list text.

    Every value is text (CSV keeps no types), ``aliases`` a tuple; empty cells are left
    out. The graph is directed and a multigraph when the edge list says so (``Type``,
    ``Key`` columns), else a ``MultiDiGraph``.
    """
    edge_rows_ = _records(edges, "edge list", ("Source", "Target"))
    fields = list(edge_rows_[0]) if edge_rows_ else _header(edges)
    directed = not edge_rows_ or edge_rows_[0].get("Type", "Directed") != "Undirected"
    multi = "Key" in fields or "Type" not in fields
    graph = empty_like(directed, multi)
    if nodes is not None:
        for row in _records(nodes, "node list", ("Id",)):
            data: dict[str, Any] = {
                k: v for k, v in row.items() if k not in ("Id", "Label") and v != ""
            }
            if "aliases" in row:
                data["aliases"] = decode_list(row["aliases"] or "")
            graph.add_node(row["Id"], **data)
    for number, row in enumerate(edge_rows_):
        data = {
            k: v for k, v in row.items() if k not in ("Source", "Target", "Type", "Key") and v != ""
        }
        if multi:
            key = row.get("Key") or f"e{number}"
            add_keyed_edge(graph, row["Source"], row["Target"], key, data)
        else:
            graph.add_edge(row["Source"], row["Target"], **data)
    return graph


def _header(text: str) -> list[str]:
    for row in csv.reader(io.StringIO(text)):
        return [read_csv_cell(c) for c in row]
    return []


def read_csv_lists(edges: str | Path, nodes: str | Path | None = None) -> AnyGraph:
    """Read CSV lists written by :func:`write_csv_lists` (see :func:`parse_csv_lists`).

    ``nodes`` defaults to the ``<stem>.nodes.csv`` beside ``edges`` when that file exists.
    """
    if nodes is None and node_list_path(edges).is_file():
        nodes = node_list_path(edges)
    node_text = Path(nodes).read_text(encoding="utf-8") if nodes is not None else None
    return parse_csv_lists(Path(edges).read_text(encoding="utf-8"), node_text)


register_format(
    Format(
        "csv",
        (".csv",),
        write=lambda graph, path, *, lang="zh": write_csv_lists(graph, path, lang=lang),
        read=read_csv_lists,
        description="edge list + node list <stem>.nodes.csv (Gephi's spreadsheet import)",
    )
)
