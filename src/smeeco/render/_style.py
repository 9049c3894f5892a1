"""Moved to :mod:`smeeco.style` (below both the graph formats and the drawing code)."""

from smeeco.style import (
    KIND_COLOURS,
    ROLE_STYLES,
    ROLE_WORDS,
    RoleStyle,
    hex_to_rgb,
    kind_colour,
)

__all__ = ["KIND_COLOURS", "ROLE_STYLES", "ROLE_WORDS", "RoleStyle", "hex_to_rgb", "kind_colour"]
