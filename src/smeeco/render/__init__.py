"""Pictures of responsibility: SVG/PNG through matplotlib and a self-contained HTML page.

matplotlib is optional (``pip install smeeco[render]``) and imported only when a picture is
drawn; ``import smeeco`` never imports it. The HTML page needs nothing beyond smeeco.
"""

from smeeco.render.html import dumps_html, write_html
from smeeco.render.layout import (
    CoresponsibilityLayout,
    ResponsibilityLayout,
    coresponsibility_layout,
    responsibility_layout,
)
from smeeco.render.pictures import draw_coresponsibility, draw_responsibility, render_graph

__all__ = [
    "CoresponsibilityLayout",
    "ResponsibilityLayout",
    "coresponsibility_layout",
    "draw_coresponsibility",
    "draw_responsibility",
    "dumps_html",
    "render_graph",
    "responsibility_layout",
    "write_html",
]
