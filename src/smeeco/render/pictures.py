"""Pictures of responsibility, drawn with matplotlib (``pip install smeeco[render]``).

* :func:`draw_responsibility` — units on the left, measures on the right under their
  sections; lead edges thick, solid and red, support edges thin, dashed and blue-grey;
  unit markers sized by how many measures the unit holds; collective units orange
  diamonds.
* :func:`draw_coresponsibility` — agencies on a circle, linked by the measures they share
  (line width), sized by load, with a red core sized by the measures they lead.
* :func:`render_graph` — either picture to ``.svg``, ``.png`` or ``.pdf``.

matplotlib is imported only when a picture is drawn. Chinese labels need a CJK font
(Noto Sans CJK, Source Han Sans, WenQuanYi…); without one, a warning says so and the
labels fall back to English rather than empty boxes. SVG output is byte-stable.
"""

from __future__ import annotations

import math
import unicodedata
import warnings
from pathlib import Path
from typing import Any, TypeAlias

from smeeco.ecosystem import Ecosystem
from smeeco.errors import ExportError
from smeeco.formats import Format, register_format
from smeeco.graphs import AnyGraph
from smeeco.model import PolicyDocument
from smeeco.queries._common import AsOf
from smeeco.render.layout import (
    CoresponsibilityLayout,
    ResponsibilityLayout,
    coresponsibility_layout,
    responsibility_layout,
)
from smeeco.style import KIND_COLOURS, ROLE_STYLES, ROLE_WORDS
from smeeco.views import (
    CoresponsibilityView,
    ResponsibilityView,
    as_coresponsibility_view,
    as_responsibility_view,
)

__all__ = [
    "CJK_FONTS",
    "PICTURE_FORMATS",
    "draw_coresponsibility",
    "draw_responsibility",
    "find_cjk_font",
    "fontconfig_cjk_files",
    "render_graph",
]

#: Font families tried, in order, for Chinese labels.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
)
PICTURE_FORMATS = ("svg", "png", "pdf")
_DASH: dict[str, Any] = {"solid": "-", "dashed": (0, (5, 3)), "dotted": (0, (1, 2))}
_LATIN = "DejaVu Sans"


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ExportError(
            "drawing pictures needs matplotlib: pip install 'smeeco[render]'"
            " (or export .html, .graphml, .dot… which need nothing more)"
        ) from exc
    return matplotlib


def _installed_families() -> set[str]:
    from matplotlib import font_manager

    return {f.name for f in font_manager.fontManager.ttflist}


def _pick(installed: set[str]) -> str | None:
    for family in CJK_FONTS:
        if family in installed:
            return family
    for family in sorted(installed):
        if any(word in family for word in ("CJK", "Han Sans", "WenQuanYi", "Hei", "Ming")):
            return family
    return None


def fontconfig_cjk_files() -> tuple[str, ...]:
    """Font files that fontconfig says can draw Chinese (``fc-list :lang=zh file``).

    Empty when fontconfig is not installed or answers nothing in time.
    """
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        result = subprocess.run(
            [fc_list, ":lang=zh", "file"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    files = (line.strip().rstrip(":").strip() for line in result.stdout.splitlines())
    return tuple(sorted({f for f in files if f.lower().endswith((".ttf", ".otf", ".ttc"))}))


def find_cjk_font() -> str | None:
    """The family name of an installed font that can draw Chinese, or ``None``.

    matplotlib caches the fonts it found when it was first run, so a font installed
    since is missing from its list; when none of its fonts can draw Chinese, the fonts
    fontconfig knows for Chinese (``fc-list :lang=zh``) are added to it directly.
    """
    _matplotlib()
    from matplotlib import font_manager

    found = _pick(_installed_families())
    if found is not None:
        return found
    for path in fontconfig_cjk_files():
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):  # a font matplotlib cannot read
            continue
    return _pick(_installed_families())


def _font_for(lang: str) -> tuple[str, str | None]:
    """The language to label in and the CJK family (``None`` when none is needed/found)."""
    if lang not in ("zh", "en"):
        raise ExportError(f"unknown language {lang!r}; use 'zh' or 'en'")
    family = find_cjk_font()
    if lang == "zh" and family is None:
        warnings.warn(
            "no CJK font found (install e.g. fonts-noto-cjk or fonts-wqy-microhei);"
            " labelling the picture in English instead",
            stacklevel=3,
        )
        return "en", None
    return lang, family


def _has_wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def _visible(text: str, fallback: str, family: str | None) -> str:
    """``text``, or ``fallback`` when it needs a CJK font that is missing."""
    if family is None and _has_wide(text):
        return fallback
    return text


def _width_em(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)


def _rc(family: str | None) -> dict[str, Any]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [*([family] if family else []), _LATIN],
        "svg.hashsalt": "smeeco",
        "svg.fonttype": "path",
        "axes.unicode_minus": False,
        "path.simplify": True,
    }


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, facecolor="white")


def _bezier(x0: float, y0: float, x1: float, y1: float, bend: float = 0.45) -> Any:
    from matplotlib.path import Path as MPath

    dx = (x1 - x0) * bend
    return MPath(
        [(x0, y0), (x0 + dx, y0), (x1 - dx, y1), (x1, y1)],
        [MPath.MOVETO, MPath.CURVE4, MPath.CURVE4, MPath.CURVE4],
    )


def _draw_responsibility(layout: ResponsibilityLayout, lang: str, family: str | None) -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch

    words = ROLE_WORDS[lang]
    font = 9.5
    em = font / 72
    units = {u.id: u for u in layout.units}
    rows = {r.id: r for r in layout.rows if r.kind == "measure"}
    left_labels = [_visible(u.label, u.id, family) for u in layout.units]
    right_labels = [_visible(r.label, r.id, family) for r in layout.rows]
    left_in = max((_width_em(t) for t in left_labels), default=4) * em + 0.45
    right_in = max((_width_em(t) for t in right_labels), default=4) * em * 1.02 + 0.45
    right_in += 8 * em  # room for "（未列责任单位）"
    middle_in = 4.2
    width = left_in + middle_in + right_in + 0.4
    row_in = 0.27
    top_in, bottom_in = 0.95, 0.75
    plot_h = max(layout.height, 3) * row_in
    height = plot_h + top_in + bottom_in
    fig = _figure(width, height)
    ax = fig.add_axes(
        (
            (left_in + 0.2) / width,
            bottom_in / height,
            middle_in / width,
            plot_h / height,
        )
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(max(layout.height, 3) - 0.5, -0.7)
    ax.axis("off")
    title = _visible(layout.title, "Responsibilities", family) or "Responsibilities"
    subtitle = (
        f"{len(layout.units)} 个责任单位 · {len(rows)} 项措施"
        if lang == "zh"
        else f"{len(layout.units)} responsible units · {len(rows)} measures"
    )
    fig.text(0.5, 1 - 0.32 / height, title, ha="center", va="top", fontsize=15, weight="bold")
    fig.text(0.5, 1 - 0.62 / height, subtitle, ha="center", va="top", fontsize=10, color="#555")
    # edges: support first, leads on top
    for number, edge in enumerate(layout.edges):
        unit, row = units.get(edge.source), rows.get(edge.target)
        if unit is None or row is None:
            continue
        style = ROLE_STYLES.get(edge.role or "support", ROLE_STYLES["support"])
        patch = PathPatch(
            _bezier(0.0, unit.y, 1.0, row.y),
            facecolor="none",
            edgecolor=style.colour,
            linewidth=style.width,
            linestyle=_DASH[style.dash],
            alpha=0.9 if edge.role == "lead" else 0.75,
            capstyle="round",
        )
        patch.set_gid(f"edge-{edge.role}-{number}")
        ax.add_patch(patch)
    # units
    for unit, label in zip(layout.units, left_labels, strict=True):
        size = 28 + 14 * unit.measures
        if unit.collective:
            ax.scatter(
                [0],
                [unit.y],
                s=size * 1.3,
                marker="D",
                color=KIND_COLOURS["collective"],
                edgecolors="#7a5200",
                linewidths=0.8,
                zorder=3,
                clip_on=False,
            )
        else:
            ax.scatter(
                [0],
                [unit.y],
                s=size,
                marker="o",
                color=KIND_COLOURS["agency"],
                edgecolors="white",
                linewidths=0.8,
                zorder=3,
                clip_on=False,
            )
        ax.annotate(
            label,
            (0, unit.y),
            xytext=(-9, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=font,
            annotation_clip=False,
            weight="bold" if unit.leads else "normal",
        )
    # measures and section headings
    held = {e.target for e in layout.edges}
    none_named = "（未列责任单位）" if lang == "zh" else " (no unit named)"
    for row, label in zip(layout.rows, right_labels, strict=True):
        if row.kind == "section":
            ax.annotate(
                label,
                (1, row.y),
                xytext=(-2, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=font + 0.5,
                weight="bold",
                color=KIND_COLOURS["document"],
                annotation_clip=False,
            )
            continue
        orphan = row.id not in held
        ax.scatter(
            [1],
            [row.y],
            s=30,
            marker="s",
            zorder=3,
            clip_on=False,
            color="#BBBBBB" if orphan else KIND_COLOURS["measure"],
        )
        ax.annotate(
            label + (none_named if orphan else ""),
            (1, row.y),
            xytext=(9, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=font,
            annotation_clip=False,
            color="#777777" if orphan else "black",
        )
    lead, support = ROLE_STYLES["lead"], ROLE_STYLES["support"]
    handles = [
        Line2D([], [], color=lead.colour, linewidth=lead.width, linestyle=_DASH[lead.dash]),
        Line2D(
            [],
            [],
            color=support.colour,
            linewidth=support.width * 1.3,
            linestyle=_DASH[support.dash],
        ),
        Line2D([], [], marker="o", linestyle="none", color=KIND_COLOURS["agency"], markersize=8),
        Line2D(
            [], [], marker="D", linestyle="none", color=KIND_COLOURS["collective"], markersize=7
        ),
        Line2D([], [], marker="s", linestyle="none", color=KIND_COLOURS["measure"], markersize=6),
    ]
    names = (
        [
            f"{words['lead']}单位",
            f"{words['support']}单位",
            "责任单位（大小＝措施数，粗体＝牵头）",
            "集体单位",
            "措施",
        ]
        if lang == "zh"
        else [
            "lead unit",
            "support unit",
            "unit (size = measures held; bold = leads)",
            "collective unit",
            "measure",
        ]
    )
    fig.legend(
        handles,
        names,
        loc="lower center",
        ncol=5,
        frameon=False,
        fontsize=9,
        bbox_to_anchor=(0.5, 0.12 / height),
    )
    return fig


def _draw_coresponsibility(layout: CoresponsibilityLayout, lang: str, family: str | None) -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath

    nodes = {n.id: n for n in layout.nodes}
    labels = {n.id: _visible(n.label, n.id, family) for n in layout.nodes}
    longest = max((_width_em(t) for t in labels.values()), default=4)
    font = 9.5 if len(nodes) <= 40 else 8
    label_in = longest * font / 72 + 0.3
    circle_in = max(5.0, len(nodes) * 0.22)
    side = circle_in + 2 * label_in + 0.6
    fig = _figure(side, side + 0.9)
    ax = fig.add_axes((0, 0.5 / (side + 0.9), 1, side / (side + 0.9)))
    reach = 1 + 2 * label_in / circle_in + 0.05
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-reach, reach)
    ax.set_aspect("equal")
    ax.axis("off")
    title = _visible(layout.title, "Co-responsibility", family) or "Co-responsibility"
    head = "共同责任网络" if lang == "zh" else "Co-responsibility network"
    fig.text(
        0.5,
        1 - 0.3 / (side + 0.9),
        f"{title}\n{head}",
        ha="center",
        va="top",
        fontsize=14,
        weight="bold",
        linespacing=1.5,
    )
    top = max((e.weight for e in layout.edges), default=1.0)
    for number, edge in enumerate(layout.edges):
        a, b = nodes[edge.source], nodes[edge.target]
        mid = (0.3 * (a.x + b.x) / 2, 0.3 * (a.y + b.y) / 2)
        path = MPath([(a.x, a.y), mid, (b.x, b.y)], [MPath.MOVETO, MPath.CURVE3, MPath.CURVE3])
        share = edge.weight / top
        patch = PathPatch(
            path,
            facecolor="none",
            edgecolor="#34577a",
            linewidth=0.6 + 4.4 * share,
            alpha=0.18 + 0.6 * share,
            capstyle="round",
        )
        patch.set_gid(f"link-{number}")
        ax.add_patch(patch)
    busiest = max((n.measures for n in layout.nodes), default=1) or 1
    for node in layout.nodes:
        size = 60 + 700 * node.measures / busiest
        marker, colour = (
            ("D", KIND_COLOURS["collective"]) if node.collective else ("o", KIND_COLOURS["agency"])
        )
        ax.scatter(
            [node.x],
            [node.y],
            s=size,
            marker=marker,
            color=colour,
            zorder=3,
            edgecolors="white",
            linewidths=1.0,
        )
        if node.leads:
            inner = size * node.leads / max(node.measures, 1)
            ax.scatter(
                [node.x],
                [node.y],
                s=inner,
                marker=marker,
                color=ROLE_STYLES["lead"].colour,
                zorder=4,
                linewidths=0,
            )
        angle = math.degrees(layout.angles[node.id])
        right = math.cos(layout.angles[node.id]) >= -1e-9
        radius = 1 + (math.sqrt(size) / 72 + 0.08) / (circle_in / 2)
        text = f"{labels[node.id]} ({node.measures})"
        ax.text(
            radius * node.x,
            radius * node.y,
            text,
            rotation=angle if right else angle + 180,
            rotation_mode="anchor",
            ha="left" if right else "right",
            va="center",
            fontsize=font,
        )
    handles = [
        Line2D([], [], marker="o", linestyle="none", color=KIND_COLOURS["agency"], markersize=11),
        Line2D(
            [], [], marker="o", linestyle="none", color=ROLE_STYLES["lead"].colour, markersize=6
        ),
        Line2D(
            [], [], marker="D", linestyle="none", color=KIND_COLOURS["collective"], markersize=8
        ),
        Line2D([], [], color="#34577a", linewidth=3, alpha=0.6),
    ]
    names = (
        ["单位（大小＝措施数）", "牵头的措施", "集体单位", "线宽＝共同负责的措施数"]
        if lang == "zh"
        else [
            "unit (size = measures)",
            "measures led",
            "collective unit",
            "width = measures shared",
        ]
    )
    fig.legend(
        handles,
        names,
        loc="lower center",
        ncol=4,
        frameon=False,
        fontsize=9,
        bbox_to_anchor=(0.5, 0.1 / (side + 0.9)),
    )
    return fig


#: What the pictures take: a typed view, or an ecosystem or graph turned into one.
PictureSource: TypeAlias = "ResponsibilityView | CoresponsibilityView | Ecosystem | AnyGraph"


def _responsibility(
    source: PictureSource, document: str | PolicyDocument | None, as_of: AsOf
) -> ResponsibilityView:
    return as_responsibility_view(source, document, as_of=as_of).require_measures("draw")


def _coresponsibility(
    source: PictureSource, document: str | PolicyDocument | None, as_of: AsOf
) -> CoresponsibilityView:
    return as_coresponsibility_view(source, document, as_of=as_of).require_measures("draw")


def draw_responsibility(
    source: PictureSource,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> Any:
    """The responsibility picture as a :class:`matplotlib.figure.Figure`.

    ``source`` is an ecosystem (with ``document`` and ``as_of`` choosing the measures)
    or a graph such as :func:`smeeco.views.responsibility_view`. Save the figure with
    ``fig.savefig(...)``, or use :func:`render_graph` to write a file directly.
    """
    chosen = _responsibility(source, document, as_of)
    lang, family = _font_for(lang)
    matplotlib = _matplotlib()
    with matplotlib.rc_context(_rc(family)):
        layout = responsibility_layout(chosen, lang=lang)
        return _draw_responsibility(layout, lang, family)


def draw_coresponsibility(
    source: PictureSource,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> Any:
    """The co-responsibility network as a :class:`matplotlib.figure.Figure`."""
    chosen = _coresponsibility(source, document, as_of)
    lang, family = _font_for(lang)
    matplotlib = _matplotlib()
    with matplotlib.rc_context(_rc(family)):
        layout = coresponsibility_layout(chosen, lang=lang)
        return _draw_coresponsibility(layout, lang, family)


def render_graph(
    source: PictureSource,
    path: str | Path,
    *,
    view: str | None = None,
    document: str | PolicyDocument | None = None,
    as_of: AsOf = None,
    lang: str = "zh",
    fmt: str | None = None,
    dpi: int | None = None,
) -> Path:
    """Draw a picture to ``path`` (``.svg``, ``.png`` or ``.pdf``); return the path.

    Parameters
    ----------
    source:
        An ecosystem, or a graph: a directed graph is drawn as a responsibility picture,
        an undirected one (a co-responsibility graph) as a network.
    path:
        The file to write.
    view:
        ``"responsibility"`` or ``"coresponsibility"``; chosen from ``source`` when
        omitted (an ecosystem gives the responsibility picture).
    document, as_of:
        Which measures, when ``source`` is an ecosystem.
    lang:
        ``"zh"`` or ``"en"`` labels.
    fmt:
        ``"svg"``, ``"png"`` or ``"pdf"``, overriding the suffix.
    dpi:
        Resolution of a PNG (150 when omitted).
    """
    path = Path(path)
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in PICTURE_FORMATS:
        raise ExportError(
            f"unknown picture format {chosen!r}; supported: {', '.join(PICTURE_FORMATS)}"
        )
    if view is None:
        undirected = isinstance(source, CoresponsibilityView) or (
            not isinstance(source, ResponsibilityView | Ecosystem) and not source.is_directed()
        )
        view = "coresponsibility" if undirected else "responsibility"
    if view not in ("responsibility", "coresponsibility"):
        raise ExportError(f"unknown view {view!r}; use 'responsibility' or 'coresponsibility'")
    # Refuse an empty picture before any font search or warning.
    picked: ResponsibilityView | CoresponsibilityView = (
        _responsibility(source, document, as_of)
        if view == "responsibility"
        else _coresponsibility(source, document, as_of)
    )
    lang, family = _font_for(lang)
    matplotlib = _matplotlib()
    with matplotlib.rc_context(_rc(family)):
        if isinstance(picked, ResponsibilityView):
            fig = _draw_responsibility(responsibility_layout(picked, lang=lang), lang, family)
        else:
            fig = _draw_coresponsibility(coresponsibility_layout(picked, lang=lang), lang, family)
        metadata: dict[str, Any] = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(
            chosen, {}
        )
        fig.savefig(
            path, format=chosen, metadata=metadata, dpi=(dpi or 150) if chosen == "png" else 100
        )
    return path


for _name, _what in (
    ("svg", "picture (byte-stable SVG)"),
    ("png", "picture (PNG, 150 dpi)"),
    ("pdf", "picture (PDF)"),
):
    register_format(
        Format(
            _name,
            (f".{_name}",),
            write=lambda graph, path, *, lang="zh", _fmt=_name: render_graph(
                graph, path, lang=lang, fmt=_fmt
            ),
            needs=("matplotlib",),
            install="render",
            draws=True,
            description=_what,
        )
    )
