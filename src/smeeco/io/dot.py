"""Graphviz DOT (write only): ``dot -Tsvg graph.dot -o graph.svg``.

Drawn left to right: responsible units on the left, measures on the right inside one
box per section, the document as the title. Lead edges are thick, solid and red;
support edges thin, dashed and blue-grey; roles inferred from listing order are drawn
lighter. Collective units (各区人民政府) are orange hexagons. Each node's Graphviz ``id``
is its record id, so an SVG made by Graphviz can be scripted.

Examples
--------
>>> import smeeco
>>> from smeeco.io.dot import dumps_dot
>>> from smeeco.views import responsibility_view
>>> text = dumps_dot(responsibility_view(smeeco.load("example")))
>>> print(text.splitlines()[0])
digraph "example" {
>>> for line in text.splitlines():
...     if line.startswith('  "ex-miit" ->'):
...         print(line.split(" [")[1])
color="#5D7A99B0", penwidth=0.9, style="dashed", tooltip="配合*"];
color="#C0392B", penwidth=2.4, style="solid", tooltip="牵头"];
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smeeco.formats import Format, register_format
from smeeco.io._graphdata import GraphSource, as_graph, write_text
from smeeco.io._present import DrawEdge, node_label, presentation
from smeeco.style import ROLE_STYLES, ROLE_WORDS, kind_colour

__all__ = ["dumps_dot", "quote_dot", "write_dot"]

_FONT = "Noto Sans CJK SC,WenQuanYi Micro Hei,Source Han Sans SC,Microsoft YaHei,sans-serif"


def quote_dot(text: Any) -> str:
    """``text`` as a DOT double-quoted string.

    >>> print(quote_dot('专精特新"小巨人"'))
    "专精特新\\"小巨人\\""
    """
    value = str(text).replace("\\", "\\\\").replace('"', '\\"')
    value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f'"{value}"'


def _attrs(items: dict[str, Any]) -> str:
    parts = []
    for key, value in items.items():
        text = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        parts.append(f"{key}={text if text is not None else quote_dot(value)}")
    return "[" + ", ".join(parts) + "]"


def _node(node: Any, data: dict[str, Any], lang: str) -> str:
    kind = str(data.get("kind", ""))
    collective = bool(data.get("collective"))
    attributes: dict[str, Any] = {
        "id": str(node),
        "label": node_label(data, node, lang),
        "fillcolor": kind_colour(kind, collective),
    }
    if kind == "agency":
        attributes["shape"] = "hexagon" if collective else "box"
        attributes["fontcolor"] = "black" if collective else "white"
    elif kind == "measure":
        attributes["shape"] = "note"
        attributes["fillcolor"] = "#E8F5EF"
    tooltip = f"{node} ({kind})" if kind else str(node)
    attributes["tooltip"] = tooltip
    return f"  {quote_dot(node)} {_attrs(attributes)};"


def _edge(edge: DrawEdge, directed: bool, lang: str) -> str:
    arrow = "->" if directed else "--"
    attributes: dict[str, Any]
    if edge.role is not None:
        style = ROLE_STYLES.get(edge.role, ROLE_STYLES["support"])
        colour = style.colour if edge.explicit else style.colour + "B0"
        attributes = {
            "color": colour,
            "penwidth": style.width,
            "style": style.dash,
            "tooltip": ROLE_WORDS[lang if lang in ROLE_WORDS else "zh"].get(edge.role, edge.role)
            + ("" if edge.explicit else "*"),
        }
    else:
        attributes = {"color": "#888888"}
        if edge.weight is not None:
            attributes["penwidth"] = round(min(1 + 0.6 * (edge.weight - 1), 8.0), 2)
        if edge.label:
            attributes["label"] = edge.label
    return f"  {quote_dot(edge.u)} {arrow} {quote_dot(edge.v)} {_attrs(attributes)};"


def dumps_dot(graph: GraphSource, *, lang: str = "zh") -> str:
    """The DOT text of ``graph`` with labels in ``lang`` (``"zh"`` or ``"en"``)."""
    graph = as_graph(graph)
    shown = presentation(graph, lang)
    directed = graph.is_directed()
    name = str(graph.graph.get("name") or "smeeco")
    lines = [f"{'digraph' if directed else 'graph'} {quote_dot(name)} {{"]
    graph_attrs: dict[str, Any] = {"rankdir": "LR", "fontname": _FONT, "ranksep": 1.6}
    if shown.title:
        graph_attrs.update(label=shown.title, labelloc="t", fontsize=18)
    lines.append(f"  graph {_attrs(graph_attrs)};")
    lines.append(
        f"  node {_attrs({'fontname': _FONT, 'shape': 'box', 'style': 'filled,rounded'})};"
    )
    lines.append(f"  edge {_attrs({'fontname': _FONT, 'arrowsize': 0.6})};")
    for node, data in shown.nodes:
        lines.append(_node(node, data, lang))
    for number, cluster in enumerate(shown.clusters):
        lines.append(f"  subgraph {quote_dot(f'cluster_{number}')} {{")
        lines.append(
            f"    graph {_attrs({'label': cluster.label, 'style': 'rounded', 'color': '#6B7B8C'})};"
        )
        for member in cluster.members:
            lines.append("  " + _node(member, dict(graph.nodes[member]), lang))
        lines.append("  }")
    if shown.edges and any(e.role is not None for e in shown.edges):
        lines.append(
            "  // 牵头 lead: thick solid red; 配合 support: thin dashed; lighter = inferred"
        )
    for edge in shown.edges:
        lines.append(_edge(edge, directed, lang))
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(graph: GraphSource, path: str | Path, *, lang: str = "zh") -> Path:
    """Write ``graph`` as Graphviz DOT to ``path``; return the path."""
    return write_text(dumps_dot(graph, lang=lang), path)


register_format(
    Format(
        "dot",
        (".dot", ".gv"),
        write=lambda graph, path, *, lang="zh": write_dot(graph, path, lang=lang),
        description="Graphviz DOT, one box per section",
    )
)
