"""Mermaid flowcharts (write only) that render in GitHub, GitLab and many Markdown tools.

Units on the left, measures on the right in one ``subgraph`` per section; lead edges are
thick (``==>``) and red, support edges dotted (``-.->``), each labelled 牵头/配合 (``*``
when the role is inferred from listing order). Collective units are hexagons. Node ids
are ``n0``, ``n1``… (Mermaid ids cannot hold ``.``); labels are quoted, with ``"``, ``#``,
``<``, ``>`` and ``&`` written as Mermaid entity codes, so any Chinese title is safe.

Examples
--------
>>> import smeeco
>>> from smeeco.io.mermaid import dumps_mermaid
>>> from smeeco.views import responsibility_view
>>> text = dumps_mermaid(responsibility_view(smeeco.load("example")))
>>> print(text.splitlines()[4])
flowchart LR
>>> '  n0 ==>|"牵头*"| n7' in text
True
>>> escape_mermaid('专精特新"小巨人"#1')
'专精特新#quot;小巨人#quot;#35;1'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smeeco.formats import Format, register_format
from smeeco.io._graphdata import GraphSource, as_graph, write_text
from smeeco.io._present import node_label, presentation
from smeeco.style import KIND_COLOURS, ROLE_STYLES, ROLE_WORDS

__all__ = ["dumps_mermaid", "escape_mermaid", "write_mermaid"]

_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",  # three of them would end a Markdown code fence
}


def escape_mermaid(text: str) -> str:
    """``text`` made safe inside a quoted Mermaid label."""
    flat = " ".join(str(text).split())
    return "".join(_ENTITIES.get(char, char) for char in flat)


def _css(kind: str, collective: bool) -> str:
    if kind == "agency" and collective:
        return "collective"
    return kind if kind in KIND_COLOURS else "other"


def _shape(node_id: str, label: str, css: str) -> str:
    text = f'"{escape_mermaid(label)}"'
    if css == "collective":
        return f"{node_id}{{{{{text}}}}}:::collective"
    if css == "measure":
        return f"{node_id}([{text}]):::measure"
    return f"{node_id}[{text}]:::{css}"


def dumps_mermaid(graph: GraphSource, *, lang: str = "zh", markdown: bool = False) -> str:
    """The Mermaid flowchart of ``graph``; fenced as a Markdown block when ``markdown``."""
    graph = as_graph(graph)
    shown = presentation(graph, lang)
    ids: dict[Any, str] = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    words = ROLE_WORDS.get(lang, ROLE_WORDS["zh"])
    # one line, quoted: a title holding "\n---\n" must not end the front matter
    title = " ".join(shown.title.split()).replace("\\", "\\\\").replace('"', '\\"')
    title = title.replace("`", "'")
    lines = ["---", f'title: "{title}"', "---"] if shown.title else []
    lines += ["%% made by smeeco; edit the data, not this file", "flowchart LR"]

    used: set[str] = set()

    def node_line(node: Any, data: dict[str, Any], indent: str) -> str:
        css = _css(str(data.get("kind", "")), bool(data.get("collective")))
        used.add(css)
        return indent + _shape(ids[node], node_label(data, node, lang), css)

    for node, data in shown.nodes:
        lines.append(node_line(node, data, "  "))
    for number, cluster in enumerate(shown.clusters):
        lines.append(f'  subgraph s{number}["{escape_mermaid(cluster.label)}"]')
        for member in cluster.members:
            lines.append(node_line(member, dict(graph.nodes[member]), "    "))
        lines.append("  end")
    by_style: dict[str, list[int]] = {}
    for index, edge in enumerate(shown.edges):
        u, v = ids[edge.u], ids[edge.v]
        if edge.role is not None:
            word = words.get(edge.role, edge.role) + ("" if edge.explicit else "*")
            arrow = "==>" if edge.role == "lead" else "-.->"
            lines.append(f'  {u} {arrow}|"{escape_mermaid(word)}"| {v}')
            by_style.setdefault(edge.role, []).append(index)
        else:
            arrow = "-->" if graph.is_directed() else "---"
            label = f'|"{escape_mermaid(edge.label)}"|' if edge.label else ""
            lines.append(f"  {u} {arrow}{label} {v}")
    for kind, colour in (*KIND_COLOURS.items(), ("other", "#BBBBBB")):
        if kind not in used:
            continue
        text = "#000" if kind in ("collective", "tier", "ladder", "platform", "other") else "#fff"
        if kind == "measure":
            lines.append(f"  classDef measure fill:#E8F5EF,stroke:{colour},color:#000")
        else:
            lines.append(f"  classDef {kind} fill:{colour},stroke:#333,color:{text}")
    for role, indices in by_style.items():
        style = ROLE_STYLES.get(role, ROLE_STYLES["support"])
        width = f"{style.width + 0.6:g}px"
        dash = ",stroke-dasharray:4 3" if style.dash != "solid" else ""
        lines.append(
            f"  linkStyle {','.join(map(str, indices))}"
            f" stroke:{style.colour},stroke-width:{width}{dash}"
        )
    text = "\n".join(lines) + "\n"
    return f"```mermaid\n{text}```\n" if markdown else text


def write_mermaid(graph: GraphSource, path: str | Path, *, lang: str = "zh") -> Path:
    """Write a Mermaid flowchart to ``path``: fenced Markdown for ``.md``, plain otherwise."""
    markdown = Path(path).suffix.lower() in (".md", ".markdown")
    return write_text(dumps_mermaid(graph, lang=lang, markdown=markdown), path)


register_format(
    Format(
        "mermaid",
        (".mmd", ".md"),
        write=lambda graph, path, *, lang="zh": write_mermaid(graph, path, lang=lang),
        description="Mermaid flowchart (.md: fenced for GitHub/GitLab)",
    )
)
