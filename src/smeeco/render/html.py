"""A self-contained interactive HTML page: who is responsible for what, in one file.

The page needs no network and no library: its data (JSON), style and a small vanilla
JavaScript SVG renderer are inlined. The HTML, CSS and JavaScript are files shipped with
the package (``smeeco/static/page.html``, ``smeeco.css`` — the stylesheet the HTML matrix
shares — and ``page.js``), filled in one pass by :func:`fill_template`. It shows the
two-column responsibility picture and the co-responsibility network (two tabs), and lets
the reader

* pan (drag) and zoom (wheel, ``+``/``-`` buttons, double-click to fit);
* click a unit to light up its measures and read, beside the picture, each measure's
  role, text and source; click a measure to see its units in stated order;
* search units by any name, abbreviation or id, and measures by title, text or notes
  (every word must appear); the panel lists the hits with the passage that matched;
* switch labels between Chinese and English;
* link to what they see: the address keeps ``#view=…&lang=…&select=<id>`` (and ``q=``
  for a search), and a page opened with such an address shows it.

The element ``#smeeco-status`` reports what was drawn (``data-nodes``, ``data-edges``)
and any script error (``data-errors``), so a headless browser can check the page.

Examples
--------
>>> import smeeco
>>> from smeeco.render.html import dumps_html
>>> page = dumps_html(smeeco.load("example"))
>>> page.startswith("<!DOCTYPE html>"), "https://" in page, '"id": "ex-miit"' in page
(True, False, True)
"""

from __future__ import annotations

import html as _html
import json
import re
from pathlib import Path
from typing import Any, TypeAlias

from smeeco.ecosystem import Ecosystem
from smeeco.errors import ExportError
from smeeco.files import write_atomic
from smeeco.formats import Format, register_format
from smeeco.graphs import AnyGraph
from smeeco.model import Name, PolicyDocument
from smeeco.queries._common import AsOf
from smeeco.render.layout import coresponsibility_layout, responsibility_layout
from smeeco.style import KIND_COLOURS, ROLE_STYLES, ROLE_WORDS, static_text
from smeeco.views import (
    CoresponsibilityView,
    Holder,
    ResponsibilityView,
    ViewUnit,
    as_coresponsibility_view,
    as_responsibility_view,
)

__all__ = ["dumps_html", "fill_template", "page_data", "write_html"]


def _names(name: Name) -> dict[str, Any]:
    return {"zh": name.zh or name.en, "en": name.en or name.zh, "aliases": list(name.aliases)}


def _unit_item(u: ViewUnit) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": u.id,
        **_names(u.name),
        "collective": u.collective,
        "measures": u.measures,
        "leads": u.leads,
        "supports": u.supports,
    }
    if u.member_rule:
        item["memberRule"] = u.member_rule
    return item


def _holder_item(h: Holder) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": h.unit,
        "role": h.role.value,
        "order": h.order,
        "explicit": h.explicit,
    }
    if h.named_as:
        item["namedAs"] = h.named_as
    return item


PageSource: TypeAlias = "ResponsibilityView | CoresponsibilityView | Ecosystem | AnyGraph"


def page_data(
    source: PageSource,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> dict[str, Any]:
    """The data the page embeds: both layouts with labels in both languages.

    ``source`` is a :class:`~smeeco.views.ResponsibilityView` (an ecosystem or a directed
    graph is turned into one), or a :class:`~smeeco.views.CoresponsibilityView` (or an
    undirected graph) for a page with only the network; a source with nothing to show is
    refused (:meth:`~smeeco.views.ResponsibilityView.require_measures`). Each measure row lists its
    ``units`` in the order the text states them, the lead first, with ``role``,
    ``order`` and ``explicit``; its ``text`` and (when it has any) ``notes`` are what the
    page's search reads.
    """
    if lang not in ("zh", "en"):
        raise ExportError(f"unknown language {lang!r}; use 'zh' or 'en'")
    responsibility: ResponsibilityView | None
    if isinstance(source, CoresponsibilityView) or (
        not isinstance(source, ResponsibilityView | Ecosystem) and not source.is_directed()
    ):
        responsibility = None
        co = as_coresponsibility_view(source).require_measures("draw")
    else:
        responsibility = as_responsibility_view(source, document, as_of=as_of)
        responsibility.require_measures("draw")
        co = responsibility.coresponsibility()
    titled = responsibility if responsibility is not None else co
    data: dict[str, Any] = {
        "lang": lang,
        "title": {"zh": titled.label("zh"), "en": titled.label("en")},
        "asOf": titled.as_of.isoformat() if titled.as_of else "",
        "units": [],
        "rows": [],
        "edges": [],
    }
    if responsibility is not None:
        layout = responsibility_layout(responsibility, lang="zh")
        english = responsibility_layout(responsibility, lang="en")
        en_rows = {r.id: r.label for r in english.rows}
        by_unit = {u.id: u for u in responsibility.units}
        by_measure = {m.id: m for m in responsibility.measures}
        for laid in layout.units:
            data["units"].append({**_unit_item(by_unit[laid.id]), "y": laid.y})
        for row in layout.rows:
            entry: dict[str, Any] = {
                "kind": row.kind,
                "id": row.id,
                "zh": row.label,
                "en": en_rows.get(row.id, row.label),
                "y": row.y,
            }
            if row.kind == "measure":
                m = by_measure[row.id]
                entry["short"] = _names(m.name)
                entry["text"] = m.text
                if m.notes:
                    entry["notes"] = m.notes
                entry["source"] = m.source
                for key in ("deadline", "deadline_date"):  # 完成时限, when the text states one
                    if m.attributes.get(key):
                        entry[key] = m.attributes[key]
                entry["units"] = [_holder_item(h) for h in m.holders]
            data["rows"].append(entry)
        orders = {(h.unit, m.id): h.order for m in responsibility.measures for h in m.holders}
        # Drawing order (supports first, leads on top); each edge keeps its stated order.
        data["edges"] = [
            {
                "s": e.source,
                "t": e.target,
                "role": e.role,
                "explicit": e.explicit,
                "order": orders[(e.source, e.target)],
            }
            for e in layout.edges
        ]
    circle = coresponsibility_layout(co, lang="zh")
    by_co = {u.id: u for u in co.units}
    data["co"] = {
        "nodes": [{**_unit_item(by_co[n.id]), "x": n.x, "y": n.y} for n in circle.nodes],
        "edges": [
            {"s": e.source, "t": e.target, "w": e.weight, "m": list(e.measures)}
            for e in circle.edges
        ],
    }
    data["style"] = {
        "kinds": KIND_COLOURS,
        "roles": {
            k: {"colour": v.colour, "width": v.width, "dash": v.dash}
            for k, v in ROLE_STYLES.items()
        },
        "words": ROLE_WORDS,
    }
    return data


def _json_for_script(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # keep "</script>" and friends from closing the script element early
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def dumps_html(
    source: PageSource,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> str:
    """The interactive page as one HTML string (see the module docstring)."""
    data = page_data(source, document, as_of=as_of, lang=lang)
    title = data["title"].get(lang) or "smeeco"
    return fill_template(
        static_text("page.html"),
        {
            "TITLE": _html.escape(title),
            "LANG": "zh-CN" if lang == "zh" else "en",
            "STYLE": static_text("smeeco.css").strip(),
            "SCRIPT": static_text("page.js").strip(),
            "DATA": _json_for_script(data),
        },
    )


_SLOT = re.compile(r"__([A-Z]+)__")


def fill_template(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``__NAME__`` slot replaced by ``values[NAME]``, in one pass.

    What a value holds is never read as a slot, so a title that says ``__SCRIPT__``
    stays a title. A slot without a value is an error (a broken template).

    >>> fill_template("<h1>__TITLE__</h1>__BODY__", {"TITLE": "__BODY__", "BODY": "x"})
    '<h1>__BODY__</h1>x'
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise ExportError(f"the page template has a slot __{name}__ with no value")
        return values[name]

    return _SLOT.sub(value, template)


def write_html(
    source: PageSource,
    path: str | Path,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> Path:
    """Write the interactive page to ``path``; return the path."""
    path = Path(path)
    write_atomic(path, dumps_html(source, document, as_of=as_of, lang=lang))
    return path


register_format(
    Format(
        "html",
        (".html",),
        write=lambda graph, path, *, lang="zh": write_html(graph, path, lang=lang),
        draws=True,
        description="interactive page (one file, no network)",
    )
)
