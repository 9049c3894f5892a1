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
    zh: {resp: "责任分工", co: "共同责任", search: "搜索单位、措施或条文…", fit: "适应窗口",
      lang: "English", lead: "牵头", support: "配合", executing: "实施", funding: "出资",
      hint: "点击单位查看其负责的措施；点击措施查看责任单位。拖动平移，滚轮缩放。",
      units: "责任单位", measures: "措施", inferred: "（按列示顺序推定）",
      none: "原文未列责任单位", partners: "共同负责的单位", shared: "项共同措施",
      collective: "集体单位", legendUnit: "责任单位", legendMeasure: "措施",
      legendWidth: "线宽＝共同措施数", source: "出处", deadline: "完成时限", nunits: "个责任单位",
      nmeasures: "项措施", holds: "负责措施", leadsN: "牵头", found: "搜索",
      hits: "项结果", nothing: "没有单位或措施含有这些字词"},
    en: {resp: "Responsibilities", co: "Co-responsibility", search: "Search units, measures, texts…",
      fit: "Fit", lang: "中文", lead: "lead", support: "support", executing: "executing",
      funding: "funding",
      hint: "Click a unit to see its measures; click a measure to see its units. " +
        "Drag to pan, wheel to zoom.",
      units: "Responsible units", measures: "Measures",
      inferred: " (inferred from listing order)", none: "the text names no unit",
      partners: "Units sharing measures", shared: "shared measures",
      collective: "collective unit", legendUnit: "unit", legendMeasure: "measure",
      legendWidth: "width = shared measures", source: "Source", deadline: "Deadline", nunits: "units",
      nmeasures: "measures", holds: "measures", leadsN: "leads", found: "Search ",
      hits: "found", nothing: "no unit or measure holds these words"}
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
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
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
    if (selected) { select(selected); } else if (search.value.trim()) { doSearch(); } else {
      showHint();
    }
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
        var rowIndex = {};
        DATA.rows.forEach(function (r, i) { rowIndex[r.id] = i; });
        edges.filter(function (e) { return e.s === id; }).sort(function (a, b) {
          return rowIndex[a.t] - rowIndex[b.t];
        }).forEach(function (e) {
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
          var partner = e.s === id ? e.t : e.s, li = add(ul2, "li");
          link(li, partner, label(unitById(partner)));
          text(li, " — " + e.w + " " + W("shared"));
        });
      }
    } else if (n.kind === "measure") {
      add(panel, "h2", null, label(d));
      if (d.text) { add(panel, "p", null, d.text); }
      if (d.deadline) {
        add(panel, "p", "meta", W("deadline") + ": " + d.deadline +
          (d.deadline_date ? " (" + d.deadline_date + ")" : ""));
      }
      if (d.source) { add(panel, "p", "src", W("source") + ": " + d.source); }
      add(panel, "h3", null, W("units"));
      var ol = add(panel, "ol");
      var found = (d.units || []).slice().sort(function (a, b) { return a.order - b.order; });
      if (!found.length) { add(panel, "p", "hint", W("none")); }
      found.forEach(function (h) {
        var li = add(ol, "li");
        roleTag(li, h.role, h.explicit);
        link(li, h.id, label(unitById(h.id)));
      });
    }
  }

  function clearSelection() { selected = null; highlight(null, null); showHint(); }

  // Search: every word must appear in a unit's names, or in a measure's titles, text or
  // notes. The panel lists the hits in the order drawn, each measure with the passage of
  // its text (or notes) where the first word that is not in its title stands.
  function searchForms(n) {
    var d = n.data, names = [n.data.id, d.zh, d.en].concat(d.aliases || []);
    if (d.short) { names = names.concat([d.short.zh, d.short.en], d.short.aliases || []); }
    return {names: names.filter(function (f) { return !!f; }).join("\n").toLowerCase(),
      text: String(d.text || "").toLowerCase(), notes: String(d.notes || "").toLowerCase()};
  }

  function passage(parent, str, word) {
    var at = str.toLowerCase().indexOf(word), from = Math.max(0, at - 24);
    var to = Math.min(str.length, at + word.length + 40);
    var p = add(parent, "div", "passage");
    text(p, (from > 0 ? "…" : "") + str.slice(from, at));
    add(p, "mark", null, str.slice(at, at + word.length));
    text(p, str.slice(at + word.length, to) + (to < str.length ? "…" : ""));
  }

  function showHits(q, list, where) {
    panel.textContent = "";
    add(panel, "h2", null, W("found") + "\u201c" + q + "\u201d");
    if (!list.length) { add(panel, "p", "hint", W("nothing")); return; }
    add(panel, "p", "meta", list.length + " " + W("hits"));
    var ul = add(panel, "ul", "hits");
    list.forEach(function (id) {
      var n = nodes[id], li = add(ul, "li");
      add(li, "span", "kind", n.kind === "unit" ? W("legendUnit") : W("legendMeasure"));
      link(li, id, label(n.data));
      var w = where[id];
      if (w) {
        passage(li, w.field === "notes" ? n.data.notes : n.data.text, w.word);
        if (w.field === "notes") { li.lastChild.className += " notes"; }
      }
    });
  }

  function doSearch() {
    var raw = search.value.trim();
    var words = raw.toLowerCase().split(/\s+/).filter(function (w) { return !!w; });
    if (!words.length) {
      highlight(null, null);
      if (!selected) { showHint(); }
      status.removeAttribute("data-hits");
      return [];
    }
    var hits = {}, list = [], where = {};
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id];
      if (n.kind === "section") { return; }
      var f = searchForms(n), shown = null;
      var ok = words.every(function (w) {
        if (f.names.indexOf(w) >= 0) { return true; }
        var field = f.text.indexOf(w) >= 0 ? "text" : (f.notes.indexOf(w) >= 0 ? "notes" : "");
        if (field && !shown) { shown = {field: field, word: w}; }
        return !!field;
      });
      if (ok) { hits[id] = true; list.push(id); if (shown) { where[id] = shown; } }
    });
    var order = {};
    DATA.rows.forEach(function (r, i) { order[r.id] = i; });
    (view === "resp" ? DATA.units : DATA.co.nodes).forEach(function (u, i) { order[u.id] = i; });
    list.sort(function (a, b) {
      var ka = nodes[a].kind === "unit" ? 0 : 1, kb = nodes[b].kind === "unit" ? 0 : 1;
      return ka - kb || order[a] - order[b];
    });
    selected = null;
    highlight(list.length ? hits : null, hits);
    showHits(raw, list, where);
    status.setAttribute("data-hits", String(list.length));
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
