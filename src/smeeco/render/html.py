"""A self-contained interactive HTML page: who is responsible for what, in one file.

The page needs no network and no library: its data (JSON), style and a small vanilla
JavaScript SVG renderer are inlined. It shows the two-column responsibility picture and
the co-responsibility network (two tabs), and lets the reader

* pan (drag) and zoom (wheel, ``+``/``-`` buttons, double-click to fit);
* click a unit to light up its measures and read, beside the picture, each measure's
  role, text and source; click a measure to see its units in stated order;
* search by any name, abbreviation or id;
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
from pathlib import Path
from typing import Any

from smeeco.ecosystem import Ecosystem
from smeeco.errors import ExportError
from smeeco.io._graphdata import AnyGraph, write_text
from smeeco.model import PolicyDocument
from smeeco.queries._common import AsOf
from smeeco.render._style import KIND_COLOURS, ROLE_STYLES, ROLE_WORDS
from smeeco.render.layout import coresponsibility_layout, responsibility_layout

__all__ = ["dumps_html", "page_data", "write_html"]


def _names(data: dict[str, Any], node: str) -> dict[str, Any]:
    return {
        "zh": str(data.get("name_zh") or data.get("name_en") or node),
        "en": str(data.get("name_en") or data.get("name_zh") or node),
        "aliases": list(data.get("aliases") or ()),
    }


def _coresponsibility_from(graph: AnyGraph) -> Any:
    """A co-responsibility graph built from a responsibility graph's edges."""
    import networkx as nx

    co: nx.Graph[Any] = nx.Graph()
    by_measure: dict[Any, list[tuple[Any, str]]] = {}
    for u, v, d in graph.edges(data=True):
        if d.get("relation") == "responsible":
            by_measure.setdefault(v, []).append((u, str(d.get("role", ""))))
    for measure, units in by_measure.items():
        ids = list(dict.fromkeys(u for u, _r in units))
        for u in ids:
            if u not in co:
                co.add_node(u, **{**dict(graph.nodes[u]), "measures": 0, "leads": 0})
            co.nodes[u]["measures"] += 1
        for u, role in units:
            if role == "lead":
                co.nodes[u]["leads"] += 1
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if co.has_edge(a, b):
                    co.edges[a, b]["weight"] += 1
                    co.edges[a, b]["measures"] += f"|{measure}"
                else:
                    co.add_edge(a, b, weight=1, measures=str(measure))
    co.graph.update(graph.graph)
    return co


def page_data(
    source: Ecosystem | AnyGraph,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> dict[str, Any]:
    """The data the page embeds: both layouts with labels in both languages."""
    if lang not in ("zh", "en"):
        raise ExportError(f"unknown language {lang!r}; use 'zh' or 'en'")
    if isinstance(source, Ecosystem):
        from smeeco.views import coresponsibility_view, responsibility_view

        graph: AnyGraph | None = responsibility_view(source, document, as_of=as_of)
        co: AnyGraph = coresponsibility_view(source, document, as_of=as_of)
    elif source.is_directed():
        graph, co = source, _coresponsibility_from(source)
    else:
        graph, co = None, source
    data: dict[str, Any] = {"lang": lang, "title": {}, "units": [], "rows": [], "edges": []}
    if graph is not None:
        data["title"] = {
            "zh": str(graph.graph.get("title") or graph.graph.get("name") or ""),
            "en": str(graph.graph.get("title_en") or graph.graph.get("title") or ""),
        }
        data["asOf"] = str(graph.graph.get("as_of") or "")
        layout = responsibility_layout(graph, lang="zh")
        english = responsibility_layout(graph, lang="en")
        en_rows = {r.id: r.label for r in english.rows}
        for unit in layout.units:
            item = {
                "id": unit.id,
                **_names(unit.data, unit.id),
                "y": unit.y,
                "collective": unit.collective,
                "measures": unit.measures,
                "leads": unit.leads,
            }
            if unit.data.get("member_rule"):
                item["memberRule"] = str(unit.data["member_rule"])
            data["units"].append(item)
        for row in layout.rows:
            entry: dict[str, Any] = {
                "kind": row.kind,
                "id": row.id,
                "zh": row.label,
                "en": en_rows.get(row.id, row.label),
                "y": row.y,
            }
            if row.kind == "measure":
                entry["short"] = _names(row.data, row.id)
                entry["text"] = str(row.data.get("text", ""))
                entry["source"] = str(row.data.get("source", ""))
            data["rows"].append(entry)
        data["edges"] = [
            {"s": e.source, "t": e.target, "role": e.role, "explicit": e.explicit}
            for e in layout.edges
        ]
    else:
        data["title"] = {
            "zh": str(co.graph.get("title") or co.graph.get("name") or ""),
            "en": str(co.graph.get("title_en") or co.graph.get("title") or ""),
        }
    circle = coresponsibility_layout(co, lang="zh")
    data["co"] = {
        "nodes": [
            {
                "id": n.id,
                **_names(n.data, n.id),
                "x": n.x,
                "y": n.y,
                "collective": n.collective,
                "measures": n.measures,
                "leads": n.leads,
            }
            for n in circle.nodes
        ],
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
    source: Ecosystem | AnyGraph,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> str:
    """The interactive page as one HTML string (see the module docstring)."""
    data = page_data(source, document, as_of=as_of, lang=lang)
    title = data["title"].get(lang) or "smeeco"
    return (
        _PAGE.replace("__TITLE__", _html.escape(title))
        .replace("__LANG__", "zh-CN" if lang == "zh" else "en")
        .replace("__STYLE__", _CSS.strip())
        .replace("__SCRIPT__", _JS.strip())
        .replace("__DATA__", _json_for_script(data))
    )


def write_html(
    source: Ecosystem | AnyGraph,
    path: str | Path,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
    lang: str = "zh",
) -> Path:
    """Write the interactive page to ``path``; return the path."""
    return write_text(dumps_html(source, document, as_of=as_of, lang=lang), path)


_PAGE = """<!DOCTYPE html>
<html lang="__LANG__">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="smeeco">
<title>__TITLE__</title>
<style>
__STYLE__
</style>
</head>
<body>
<header>
 <h1 id="title">__TITLE__</h1>
 <nav>
  <button type="button" class="tab on" data-view="resp" id="tab-resp"></button>
  <button type="button" class="tab" data-view="co" id="tab-co"></button>
  <input id="search" type="search" autocomplete="off">
  <button type="button" id="zoom-in" title="+">+</button>
  <button type="button" id="zoom-out" title="-">&minus;</button>
  <button type="button" id="fit"></button>
  <button type="button" id="lang"></button>
 </nav>
</header>
<main>
 <div id="stage"><svg id="svg" xmlns="http://www.w3.org/2000/svg" role="img"></svg>
  <div id="legend"></div></div>
 <aside id="panel"><p class="hint" id="hint"></p></aside>
</main>
<div id="smeeco-status" data-ready="0" data-nodes="0" data-edges="0" data-errors="0"></div>
<script type="application/json" id="smeeco-data">
__DATA__
</script>
<script>
__SCRIPT__
</script>
</body>
</html>
"""

_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif;color:#1d2733;background:#fff}
body{display:flex;flex-direction:column}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.5rem 1rem;
border-bottom:1px solid #dde2e8;background:#f7f9fb}
h1{font-size:1.1rem;margin:0;flex:1 1 20rem}
nav{display:flex;gap:.35rem;align-items:center;flex-wrap:wrap}
button{font:inherit;font-size:.85rem;padding:.25rem .6rem;border:1px solid #b8c2cc;
background:#fff;border-radius:4px;cursor:pointer}
button:hover{background:#eef3f8}button.on{background:#0072B2;color:#fff;border-color:#0072B2}
input[type=search]{font:inherit;font-size:.85rem;padding:.25rem .5rem;width:14rem;
border:1px solid #b8c2cc;border-radius:4px}
main{flex:1;display:flex;min-height:0}
#stage{flex:1;position:relative;min-width:0}
svg{width:100%;height:100%;display:block;cursor:grab;user-select:none}
svg.drag{cursor:grabbing}
#legend{position:absolute;left:.6rem;bottom:.5rem;background:rgba(255,255,255,.92);
font-size:.78rem;padding:.3rem .5rem;border:1px solid #e1e6eb;border-radius:4px}
#legend span{margin-right:.9rem;white-space:nowrap}
#legend i{display:inline-block;width:24px;height:0;vertical-align:middle;margin-right:.3rem}
#panel{width:24rem;max-width:40%;overflow:auto;border-left:1px solid #dde2e8;padding:.6rem 1rem;
font-size:.88rem;background:#fcfdfe}
#panel h2{font-size:1rem;margin:.2rem 0 .4rem}#panel h3{font-size:.92rem;margin:.8rem 0 .2rem}
#panel .meta{color:#556;font-size:.8rem}#panel .src{color:#556;font-size:.78rem;margin:.2rem 0}
#panel .role{display:inline-block;font-size:.75rem;padding:0 .35rem;border-radius:3px;
margin-right:.3rem}
.role.lead{background:#f6d5d1;color:#7b1e13}.role.support{background:#dfe7f0;color:#2c4a6b}
.role.executing,.role.funding{background:#eee;color:#333}
#panel ul{padding-left:1.1rem;margin:.3rem 0}#panel li{margin:.25rem 0}
#panel a{color:#0b5c8f;cursor:pointer;text-decoration:none}#panel a:hover{text-decoration:underline}
.hint{color:#667}
.node text{font-size:13px;fill:#1d2733}
.node{cursor:pointer}.node.lead text{font-weight:700}
.sec text{font-size:13.5px;font-weight:700;fill:#3D4A57}
.edge{fill:none}
.dim{opacity:.12}.hit text{fill:#b3261e}.sel text{fill:#0b5c8f;font-weight:700}
.none text{fill:#888}
#smeeco-status{display:none}
"""

_JS = r"""
(function () {
  "use strict";
  var status = document.getElementById("smeeco-status");
  var errors = [];
  function report(msg) {
    errors.push(String(msg));
    status.setAttribute("data-errors", String(errors.length));
    status.textContent = errors.join("\n");
  }
  window.addEventListener("error", function (e) { report(e.message || e); });
  window.addEventListener("unhandledrejection", function (e) { report(e.reason); });

  var NS = "http://www.w3.org/2000/svg";
  var DATA = JSON.parse(document.getElementById("smeeco-data").textContent);
  var WORDS = {
    zh: {resp: "责任分工", co: "共同责任", search: "搜索单位或措施…", fit: "适应窗口",
      lang: "English", lead: "牵头", support: "配合", executing: "实施", funding: "出资",
      hint: "点击单位查看其负责的措施；点击措施查看责任单位。拖动平移，滚轮缩放。",
      units: "责任单位", measures: "措施", inferred: "（按列示顺序推定）",
      none: "原文未列责任单位", partners: "共同负责的单位", shared: "项共同措施",
      collective: "集体单位", legendUnit: "责任单位", legendMeasure: "措施",
      legendWidth: "线宽＝共同措施数", source: "出处", nunits: "个责任单位",
      nmeasures: "项措施", holds: "负责措施", leadsN: "牵头"},
    en: {resp: "Responsibilities", co: "Co-responsibility", search: "Search units or measures…",
      fit: "Fit", lang: "中文", lead: "lead", support: "support", executing: "executing",
      funding: "funding",
      hint: "Click a unit to see its measures; click a measure to see its units. " +
        "Drag to pan, wheel to zoom.",
      units: "Responsible units", measures: "Measures",
      inferred: " (inferred from listing order)", none: "the text names no unit",
      partners: "Units sharing measures", shared: "shared measures",
      collective: "collective unit", legendUnit: "unit", legendMeasure: "measure",
      legendWidth: "width = shared measures", source: "Source", nunits: "units",
      nmeasures: "measures", holds: "measures", leadsN: "leads"}
  };
  var lang = DATA.lang === "en" ? "en" : "zh";
  var view = DATA.units.length ? "resp" : "co";
  var svg = document.getElementById("svg");
  var panel = document.getElementById("panel");
  var search = document.getElementById("search");
  var box = null;  // current viewBox {x, y, w, h}
  var content = null;
  var nodes = {};   // id -> {g, kind, data}
  var edges = [];   // {el, s, t}
  var selected = null;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { if (attrs.hasOwnProperty(k)) { e.setAttribute(k, attrs[k]); } }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function W(key) { return WORDS[lang][key]; }
  function label(item) { return item[lang] || item.zh || item.id; }
  function roleStyle(role) { return DATA.style.roles[role] || DATA.style.roles.support; }
  function dash(style) {
    return style.dash === "dashed" ? "6 4" : (style.dash === "dotted" ? "1.5 3" : "none");
  }
  function measureById(id) {
    for (var i = 0; i < DATA.rows.length; i++) {
      if (DATA.rows[i].id === id) { return DATA.rows[i]; }
    }
    return null;
  }
  function unitById(id) {
    var pool = DATA.units.concat(DATA.co.nodes);
    for (var i = 0; i < pool.length; i++) { if (pool[i].id === id) { return pool[i]; } }
    return null;
  }
  function text(parent, str) { parent.appendChild(document.createTextNode(str)); return parent; }
  function add(parent, tag, cls, str) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (str !== undefined) { text(e, str); }
    parent.appendChild(e);
    return e;
  }

  // ------------------------------------------------------------ drawing
  var ROW = 28, UX = 0, MX = 560;

  function drawResponsibility() {
    var g = el("g", {"class": "content"}, svg);
    var byId = {};
    DATA.units.forEach(function (u) { byId[u.id] = {x: UX, y: u.y * ROW}; });
    DATA.rows.forEach(function (r) { byId[r.id] = {x: MX, y: r.y * ROW}; });
    var held = {};
    var eg = el("g", {"class": "edges"}, g);
    DATA.edges.forEach(function (e) {
      var a = byId[e.s], b = byId[e.t];
      if (!a || !b) { return; }
      held[e.t] = true;
      var st = roleStyle(e.role), dx = (b.x - a.x) * 0.45;
      var path = el("path", {
        "class": "edge " + e.role,
        d: "M" + a.x + "," + a.y + " C" + (a.x + dx) + "," + a.y + " " + (b.x - dx) + "," +
          b.y + " " + b.x + "," + b.y,
        stroke: st.colour, "stroke-width": st.width * 1.1, "stroke-dasharray": dash(st),
        "stroke-opacity": e.role === "lead" ? 0.9 : 0.75
      }, eg);
      edges.push({el: path, s: e.s, t: e.t, role: e.role});
    });
    DATA.units.forEach(function (u) {
      var p = byId[u.id];
      var n = el("g", {"class": "node unit" + (u.leads ? " lead" : ""), tabindex: "0",
        role: "button", "data-id": u.id, transform: "translate(" + p.x + "," + p.y + ")"}, g);
      var r = 4 + Math.sqrt(u.measures) * 2.6;
      if (u.collective) {
        el("path", {d: "M0," + (-r) + " L" + r + ",0 L0," + r + " L" + (-r) + ",0Z",
          fill: DATA.style.kinds.collective, stroke: "#7a5200"}, n);
      } else {
        el("circle", {r: r, fill: DATA.style.kinds.agency, stroke: "#fff"}, n);
      }
      var t = el("text", {x: -r - 6, y: 4.5, "text-anchor": "end"}, n);
      el("title", {}, n);
      nodes[u.id] = {g: n, kind: "unit", data: u, label: t};
    });
    DATA.rows.forEach(function (r) {
      var p = byId[r.id];
      if (r.kind === "section") {
        var s = el("g", {"class": "sec", transform: "translate(" + p.x + "," + p.y + ")"}, g);
        var st = el("text", {x: -4, y: 4.5}, s);
        nodes[r.id] = {g: s, kind: "section", data: r, label: st};
        return;
      }
      var n = el("g", {"class": "node measure" + (held[r.id] ? "" : " none"), tabindex: "0",
        role: "button", "data-id": r.id, transform: "translate(" + p.x + "," + p.y + ")"}, g);
      el("rect", {x: -4.5, y: -4.5, width: 9, height: 9,
        fill: held[r.id] ? DATA.style.kinds.measure : "#bbb"}, n);
      var t = el("text", {x: 10, y: 4.5}, n);
      el("title", {}, n);
      nodes[r.id] = {g: n, kind: "measure", data: r, label: t};
    });
    return g;
  }

  function drawCoresponsibility() {
    var g = el("g", {"class": "content"}, svg);
    var R = Math.max(260, DATA.co.nodes.length * 13);
    var pos = {};
    DATA.co.nodes.forEach(function (n) { pos[n.id] = {x: n.x * R, y: -n.y * R}; });
    var top = 1;
    DATA.co.edges.forEach(function (e) { top = Math.max(top, e.w); });
    var busiest = 1;
    DATA.co.nodes.forEach(function (n) { busiest = Math.max(busiest, n.measures); });
    var eg = el("g", {"class": "edges"}, g);
    DATA.co.edges.forEach(function (e) {
      var a = pos[e.s], b = pos[e.t], share = e.w / top;
      var path = el("path", {"class": "edge link",
        d: "M" + a.x + "," + a.y + " Q" + (a.x + b.x) * 0.15 + "," + (a.y + b.y) * 0.15 + " " +
          b.x + "," + b.y,
        stroke: "#34577a", "stroke-width": 0.8 + 5 * share, "stroke-opacity": 0.2 + 0.6 * share},
        eg);
      el("title", {}, path).textContent = e.w + "";
      edges.push({el: path, s: e.s, t: e.t, w: e.w, m: e.m});
    });
    DATA.co.nodes.forEach(function (c) {
      var p = pos[c.id], r = 5 + 13 * Math.sqrt(c.measures / busiest);
      var n = el("g", {"class": "node unit" + (c.leads ? " lead" : ""), tabindex: "0",
        role: "button", "data-id": c.id, transform: "translate(" + p.x + "," + p.y + ")"}, g);
      var fill = c.collective ? DATA.style.kinds.collective : DATA.style.kinds.agency;
      if (c.collective) {
        el("path", {d: "M0," + (-r) + " L" + r + ",0 L0," + r + " L" + (-r) + ",0Z",
          fill: fill, stroke: "#fff"}, n);
      } else { el("circle", {r: r, fill: fill, stroke: "#fff"}, n); }
      if (c.leads) {
        el("circle", {r: r * Math.sqrt(c.leads / Math.max(c.measures, 1)) * 0.8,
          fill: DATA.style.roles.lead.colour}, n);
      }
      var angle = Math.atan2(-p.y, p.x) * 180 / Math.PI, right = p.x >= -1e-6;
      var t = el("text", {x: right ? r + 6 : -r - 6, y: 4.5,
        "text-anchor": right ? "start" : "end",
        transform: "rotate(" + (right ? -angle : 180 - angle) + ")"}, n);
      el("title", {}, n);
      nodes[c.id] = {g: n, kind: "unit", data: c, label: t};
    });
    return g;
  }

  function relabel() {
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id], d = n.data;
      var extra = (view === "co" && n.kind === "unit") ? " (" + d.measures + ")" : "";
      n.label.textContent = label(d) + extra;
      var t = n.g.querySelector("title");
      if (t) {
        t.textContent = n.kind === "unit"
          ? label(d) + " · " + W("holds") + " " + d.measures + " · " + W("leadsN") + " " + d.leads
          : label(d);
      }
    });
    document.getElementById("title").textContent =
      (DATA.title[lang] || DATA.title.zh || "") + (DATA.asOf ? " · " + DATA.asOf : "");
    document.title = DATA.title[lang] || "smeeco";
    document.getElementById("tab-resp").textContent = W("resp");
    document.getElementById("tab-co").textContent = W("co");
    document.getElementById("fit").textContent = W("fit");
    document.getElementById("lang").textContent = W("lang");
    search.placeholder = W("search");
    legend();
    if (selected) { select(selected); } else { showHint(); }
  }

  function legend() {
    var L = document.getElementById("legend");
    L.textContent = "";
    function item(style, str) {
      var s = add(L, "span");
      var i = add(s, "i");
      i.setAttribute("style", style);
      text(s, str);
    }
    if (view === "resp") {
      var ld = roleStyle("lead"), sp = roleStyle("support");
      item("border-top:3px solid " + ld.colour, W("lead"));
      item("border-top:2px dashed " + sp.colour, W("support"));
    } else {
      item("border-top:4px solid #34577a;opacity:.6", W("legendWidth"));
    }
    item("width:10px;height:10px;border-radius:50%;background:" + DATA.style.kinds.agency,
      W("legendUnit"));
    item("width:9px;height:9px;transform:rotate(45deg);background:" +
      DATA.style.kinds.collective, W("collective"));
    if (view === "resp") {
      item("width:9px;height:9px;background:" + DATA.style.kinds.measure, W("legendMeasure"));
    }
  }

  // ------------------------------------------------------------ selection and panel
  function showHint() {
    panel.textContent = "";
    add(panel, "p", "hint", W("hint"));
    var nU = view === "resp" ? DATA.units.length : DATA.co.nodes.length;
    var nM = DATA.rows.filter(function (r) { return r.kind === "measure"; }).length;
    add(panel, "p", "meta", nU + " " + W("nunits") + (nM ? " · " + nM + " " + W("nmeasures") : ""));
  }

  function link(parent, id, str) {
    var a = add(parent, "a", null, str);
    a.setAttribute("data-goto", id);
    a.addEventListener("click", function () { select(id); });
    return a;
  }

  function roleTag(parent, role, explicit) {
    var s = add(parent, "span", "role " + role, W(role) || role);
    if (!explicit) { s.title = W("inferred"); text(s, "*"); }
  }

  function highlight(keep, hits) {
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id];
      if (n.kind === "section") { return; }
      n.g.classList.toggle("dim", !!keep && !keep[id]);
      n.g.classList.toggle("sel", !!keep && id === selected);
      n.g.classList.toggle("hit", !!hits && !!hits[id]);
    });
    edges.forEach(function (e) {
      e.el.classList.toggle("dim", !!keep && !(keep[e.s] && keep[e.t] &&
        (e.s === selected || e.t === selected)));
    });
  }

  function remember() {
    var parts = ["view=" + view, "lang=" + lang];
    if (selected) { parts.push("select=" + encodeURIComponent(selected)); }
    try { history.replaceState(null, "", "#" + parts.join("&")); } catch (e) { /* file: */ }
  }

  function select(id) {
    var n = nodes[id];
    if (!n) { return; }
    selected = id;
    remember();
    var keep = {};
    keep[id] = true;
    edges.forEach(function (e) {
      if (e.s === id) { keep[e.t] = true; }
      if (e.t === id) { keep[e.s] = true; }
    });
    highlight(keep, null);
    panel.textContent = "";
    var d = n.data;
    if (n.kind === "unit") {
      add(panel, "h2", null, label(d));
      var other = lang === "zh" ? d.en : d.zh;
      var meta = [other].concat(d.aliases || []).filter(function (x) {
        return x && x !== label(d);
      });
      if (d.collective) { meta.push(W("collective") + (d.memberRule ? ": " + d.memberRule : "")); }
      meta.push(W("holds") + " " + d.measures + " · " + W("leadsN") + " " + d.leads);
      add(panel, "p", "meta", meta.join(" · "));
      if (view === "resp") {
        add(panel, "h3", null, W("measures"));
        var ul = add(panel, "ul");
        edges.forEach(function (e) {
          if (e.s !== id) { return; }
          var m = measureById(e.t), li = add(ul, "li");
          var src = DATA.edges.filter(function (x) { return x.s === id && x.t === e.t; })[0];
          roleTag(li, e.role, src ? src.explicit : true);
          link(li, m.id, label(m));
          if (m.text) { add(li, "div", null, m.text); }
          if (m.source) { add(li, "div", "src", W("source") + ": " + m.source); }
        });
      } else {
        add(panel, "h3", null, W("partners"));
        var list = edges.filter(function (e) { return e.s === id || e.t === id; })
          .sort(function (a, b) { return b.w - a.w; });
        var ul2 = add(panel, "ul");
        list.forEach(function (e) {
          var other = e.s === id ? e.t : e.s, li = add(ul2, "li");
          link(li, other, label(unitById(other)));
          text(li, " — " + e.w + " " + W("shared"));
        });
      }
    } else if (n.kind === "measure") {
      add(panel, "h2", null, label(d));
      if (d.text) { add(panel, "p", null, d.text); }
      if (d.source) { add(panel, "p", "src", W("source") + ": " + d.source); }
      add(panel, "h3", null, W("units"));
      var ol = add(panel, "ol");
      var found = DATA.edges.filter(function (e) { return e.t === id; });
      if (!found.length) { add(panel, "p", "hint", W("none")); }
      found.forEach(function (e) {
        var li = add(ol, "li");
        roleTag(li, e.role, e.explicit);
        link(li, e.s, label(unitById(e.s)));
      });
    }
  }

  function clearSelection() { selected = null; highlight(null, null); showHint(); }

  function doSearch() {
    var q = search.value.trim().toLowerCase();
    if (!q) { highlight(null, null); return []; }
    var hits = {}, keep = {}, list = [];
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id];
      if (n.kind === "section") { return; }
      var d = n.data, forms = [id, d.zh, d.en].concat(d.aliases || []);
      if (d.short) { forms = forms.concat([d.short.zh, d.short.en], d.short.aliases || []); }
      var ok = forms.some(function (f) { return f && String(f).toLowerCase().indexOf(q) >= 0; });
      if (ok) { hits[id] = true; keep[id] = true; list.push(id); }
    });
    selected = null;
    highlight(list.length ? keep : null, hits);
    return list;
  }

  // ------------------------------------------------------------ pan and zoom
  function setBox(b) {
    box = b;
    svg.setAttribute("viewBox", b.x + " " + b.y + " " + b.w + " " + b.h);
  }
  function fit() {
    var bb = content.getBBox(), pad = 24, legendRoom = 44;
    setBox({x: bb.x - pad, y: bb.y - pad, w: bb.width + 2 * pad,
      h: bb.height + 2 * pad + legendRoom});
  }
  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = box.x + box.w / 2; cy = box.y + box.h / 2; }
    setBox({x: cx - (cx - box.x) * factor, y: cy - (cy - box.y) * factor,
      w: box.w * factor, h: box.h * factor});
  }
  function toUser(evt) {
    var r = svg.getBoundingClientRect();
    var scale = Math.max(box.w / r.width, box.h / r.height);
    var offX = (r.width * scale - box.w) / 2, offY = (r.height * scale - box.h) / 2;
    return {x: box.x - offX + (evt.clientX - r.left) * scale,
      y: box.y - offY + (evt.clientY - r.top) * scale, scale: scale};
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toUser(evt);
    zoom(evt.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, {passive: false});
  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    drag = {x: evt.clientX, y: evt.clientY, box: box, moved: false};
    svg.classList.add("drag");
  });
  window.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    var p = toUser(evt), dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
    setBox({x: drag.box.x - dx * p.scale, y: drag.box.y - dy * p.scale,
      w: drag.box.w, h: drag.box.h});
  });
  window.addEventListener("pointerup", function (evt) {
    if (!drag) { return; }
    var moved = drag.moved;
    drag = null;
    svg.classList.remove("drag");
    if (moved) { return; }
    var target = evt.target.closest ? evt.target.closest(".node") : null;
    if (target && svg.contains(target)) { select(target.getAttribute("data-id")); }
    else if (svg.contains(evt.target)) { clearSelection(); }
  });
  svg.addEventListener("dblclick", fit);
  svg.addEventListener("keydown", function (evt) {
    var target = evt.target.closest ? evt.target.closest(".node") : null;
    if (target && (evt.key === "Enter" || evt.key === " ")) {
      evt.preventDefault();
      select(target.getAttribute("data-id"));
    }
  });

  // ------------------------------------------------------------ controls
  function render() {
    svg.textContent = "";
    nodes = {};
    edges = [];
    content = view === "resp" ? drawResponsibility() : drawCoresponsibility();
    document.getElementById("tab-resp").classList.toggle("on", view === "resp");
    document.getElementById("tab-co").classList.toggle("on", view === "co");
    relabel();
    fit();
    var count = Object.keys(nodes).filter(function (k) { return nodes[k].kind !== "section"; });
    status.setAttribute("data-view", view);
    status.setAttribute("data-nodes", String(count.length));
    status.setAttribute("data-edges", String(edges.length));
    status.setAttribute("data-ready", "1");
  }
  document.getElementById("tab-resp").addEventListener("click", function () {
    if (DATA.units.length) { view = "resp"; selected = null; render(); }
  });
  document.getElementById("tab-co").addEventListener("click", function () {
    view = "co"; selected = null; render();
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1 / 1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("fit").addEventListener("click", fit);
  document.getElementById("lang").addEventListener("click", function () {
    lang = lang === "zh" ? "en" : "zh";
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    relabel();
    fit();
  });
  search.addEventListener("input", doSearch);
  search.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter") { var list = doSearch(); if (list.length) { select(list[0]); } }
    if (evt.key === "Escape") { search.value = ""; clearSelection(); }
  });
  if (!DATA.units.length) { document.getElementById("tab-resp").disabled = true; }
  // The address may say what to show: #view=co&lang=en&select=<id>&q=<search>
  var wish = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var i = pair.indexOf("=");
    if (i > 0) { wish[pair.slice(0, i)] = decodeURIComponent(pair.slice(i + 1)); }
  });
  if (wish.lang === "en" || wish.lang === "zh") { lang = wish.lang; }
  if (wish.view === "co" || (wish.view === "resp" && DATA.units.length)) { view = wish.view; }
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  render();
  if (wish.q) { search.value = wish.q; doSearch(); }
  if (wish.select) { select(wish.select); }
  window.smeeco = {select: select, search: function (q) { search.value = q; return doSearch(); },
    setLang: function (l) { if (l !== lang) { document.getElementById("lang").click(); } },
    setView: function (v) { document.getElementById(v === "co" ? "tab-co" : "tab-resp").click(); }};
})();
"""
