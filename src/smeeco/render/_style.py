"""Colours, marks and words shared by the pictures, the HTML page and the graph formats.

Pure data: importing this module imports nothing heavy.
"""

from __future__ import annotations

__all__ = [
    "KIND_COLOURS",
    "ROLE_STYLES",
    "ROLE_WORDS",
    "RoleStyle",
    "hex_to_rgb",
    "kind_colour",
]

#: Fill colour per node kind (colour-blind-safe Okabe–Ito hues where they fit).
KIND_COLOURS: dict[str, str] = {
    "agency": "#0072B2",
    "collective": "#E69F00",
    "measure": "#009E73",
    "section": "#6B7B8C",
    "document": "#3D4A57",
    "beneficiary": "#CC79A7",
    "fund": "#D55E00",
    "platform": "#56B4E9",
    "tier": "#F0E442",
    "ladder": "#B8A600",
    "jurisdiction": "#999999",
    "indicator": "#8C6BB1",
    "enterprise": "#7F4F24",
}
_OTHER = "#BBBBBB"


def kind_colour(kind: str, collective: bool = False) -> str:
    """The fill colour of a node of ``kind`` (collective units have their own)."""
    if collective:
        return KIND_COLOURS["collective"]
    return KIND_COLOURS.get(kind, _OTHER)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """``"#0072B2"`` → ``(0, 114, 178)``."""
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


class RoleStyle:
    """How an edge of one role is drawn: colour, width (points), dash pattern."""

    __slots__ = ("colour", "dash", "width")

    def __init__(self, colour: str, width: float, dash: str) -> None:
        self.colour = colour
        self.width = width
        #: ``"solid"``, ``"dashed"`` or ``"dotted"``
        self.dash = dash


#: Lead edges are thick, solid and red; support edges thin, dashed and blue-grey.
ROLE_STYLES: dict[str, RoleStyle] = {
    "lead": RoleStyle("#C0392B", 2.4, "solid"),
    "support": RoleStyle("#5D7A99", 0.9, "dashed"),
    "executing": RoleStyle("#7B3294", 1.4, "dotted"),
    "funding": RoleStyle("#B8860B", 1.4, "dotted"),
}

#: Role names as a 任务分工表 writes them, and in English.
ROLE_WORDS: dict[str, dict[str, str]] = {
    "zh": {"lead": "牵头", "support": "配合", "executing": "实施", "funding": "出资"},
    "en": {"lead": "lead", "support": "support", "executing": "executing", "funding": "funding"},
}
