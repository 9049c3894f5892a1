"""How smeeco shows things: colours, role words and marks, and the shared stylesheets.

The one table of role words lives here, below every writer: the CLI, the matrix writers,
the graph formats, the pictures and the page all read it, so 实施 (executing) and 出资
(funding) show as themselves everywhere. Pure data and :mod:`importlib.resources`:
importing this module imports nothing heavy.

>>> from smeeco.model import Role
>>> role_word(Role.LEAD), role_word("support", "en"), role_word("executing", explicit=False)
('牵头', 'support', '实施*')
>>> role_mark(Role.FUNDING, "en"), role_mark("lead", "zh", explicit=False)
('F', '牵头*')
"""

from __future__ import annotations

from importlib import resources

from smeeco.model import Role

__all__ = [
    "COLLECTIVE_MARK",
    "INFERRED_MARK",
    "KIND_COLOURS",
    "ROLE_CELL_COLOURS",
    "ROLE_MARKS",
    "ROLE_STYLES",
    "ROLE_WORDS",
    "RoleStyle",
    "hex_to_rgb",
    "kind_colour",
    "role_mark",
    "role_word",
    "static_text",
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
    """The fill colour of a node of ``kind`` (collective units have their own).

    >>> kind_colour("measure"), kind_colour("agency", collective=True), kind_colour("x")
    ('#009E73', '#E69F00', '#BBBBBB')
    """
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

#: Role names as a 任务分工表 writes them, and in English (the CLI, the page, the legends).
ROLE_WORDS: dict[str, dict[str, str]] = {
    "zh": {"lead": "牵头", "support": "配合", "executing": "实施", "funding": "出资"},
    "en": {"lead": "lead", "support": "support", "executing": "executing", "funding": "funding"},
}

#: What a matrix cell says for a role: the Chinese word, or one letter in English.
ROLE_MARKS: dict[str, dict[str, str]] = {
    "zh": dict(ROLE_WORDS["zh"]),
    "en": {"lead": "L", "support": "S", "executing": "E", "funding": "F"},
}

#: Appended to a role the text does not state (inferred from the listing order).
INFERRED_MARK = "*"
#: Appended to a collective unit's name (各区人民政府 †).
COLLECTIVE_MARK = "†"

#: Cell fill and text colour per role, for the HTML matrix, the page and Excel.
ROLE_CELL_COLOURS: dict[str, tuple[str, str]] = {
    "lead": ("#F6D5D1", "#7B1E13"),
    "support": ("#DFE7F0", "#2C4A6B"),
    "executing": ("#E8DDF0", "#4B1D5E"),
    "funding": ("#F3E7C4", "#5C4300"),
}


def _lang(lang: str) -> str:
    if lang not in ROLE_WORDS:
        from smeeco.errors import ExportError

        raise ExportError(f"unknown language {lang!r}; use 'zh' or 'en'")
    return lang


def role_word(role: Role | str, lang: str = "zh", *, explicit: bool = True) -> str:
    """The word for ``role`` in ``lang``, with ``*`` when the role was inferred."""
    return ROLE_WORDS[_lang(lang)][Role(role).value] + ("" if explicit else INFERRED_MARK)


def role_mark(role: Role | str, lang: str = "zh", *, explicit: bool = True) -> str:
    """What a matrix cell shows for ``role``: 牵头 / ``L``…, with ``*`` when inferred."""
    return ROLE_MARKS[_lang(lang)][Role(role).value] + ("" if explicit else INFERRED_MARK)


def static_text(name: str) -> str:
    """The text of a file shipped in ``smeeco/static`` (the page's HTML, CSS and JS).

    >>> "font-family" in static_text("smeeco.css")
    True
    """
    return resources.files("smeeco").joinpath("static", name).read_text(encoding="utf-8")
