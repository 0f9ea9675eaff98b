/* 传播时间线 (diffusion.html#KIND:LABEL): for a target group, practice type or brand, the date each
 * place first reported it, drawn as a cumulative step line (one dot per place) with the table beside.
 * Plain SVG built with createElementNS; every label is a text node.
 */
(function () {
  "use strict";
  if (!KG.ready()) { return; }
  var I = KG.index, $ = KG.$, el = KG.el;
  var SVG = "http://www.w3.org/2000/svg";
  var LABELLED = 8;  // the first places are named on the line
  var T = null;  // the themes file

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function themesOf(kind) {
    var out = [];
    I.themes.forEach(function (t, n) { if (t.kind === kind) { out.push(n); } });
    return out;
  }
  function fillThemes(kind, chosen) {
    var sel = KG.clear($("kg-theme"));
    themesOf(kind).forEach(function (n) {
      var t = I.themes[n];
      sel.appendChild(el("option", {value: String(n), text: t.label + "（" + t.places + " 地）", selected: n === chosen}));
    });
  }
  function hashOf(n) { var t = I.themes[n]; return t.kind + ":" + encodeURIComponent(t.label); }
  function fromHash() {
    var h = location.hash.replace(/^#/, ""), at = h.indexOf(":");
    if (at < 0) { return null; }
    var kind = h.slice(0, at), label = KG.decode(h.slice(at + 1));
    for (var n = 0; n < I.themes.length; n++) {
      if (I.themes[n].kind === kind && I.themes[n].label === label) { return n; }
    }
    return null;
  }

  function days(d) { return Date.parse(d + "T00:00:00Z") / 86400000; }
  function timeline(rows) {
    var W = 760, H = 300, L = 44, R = 16, Tp = 16, B = 36;
    var box = KG.clear($("kg-timeline"));
    if (!rows.length) { box.appendChild(el("p", {text: "没有可画的报道。"})); return; }
    var d0 = days(rows[0][1]), d1 = days(rows[rows.length - 1][1]);
    if (d1 - d0 < 30) { d0 -= 15; d1 += 15; }
    var x = function (d) { return L + (days(d) - d0) / (d1 - d0) * (W - L - R); };
    var y = function (k) { return H - B - k / rows.length * (H - B - Tp); };
    var s = svg("svg", {viewBox: "0 0 " + W + " " + H, role: "img"});
    s.appendChild(svg("title", {}, "首次报道该主题的地方数，按公报日期累计"));
    s.appendChild(svg("line", {x1: L, y1: H - B, x2: W - R, y2: H - B, "class": "axis"}));
    s.appendChild(svg("line", {x1: L, y1: Tp, x2: L, y2: H - B, "class": "axis"}));
    var y0 = new Date(d0 * 86400000).getUTCFullYear(), y1 = new Date(d1 * 86400000).getUTCFullYear();
    for (var yr = y0; yr <= y1 + 1; yr++) {
      var xd = days(yr + "-01-01");
      if (xd < d0 || xd > d1) { continue; }
      var xx = L + (xd - d0) / (d1 - d0) * (W - L - R);
      s.appendChild(svg("line", {x1: xx, y1: H - B, x2: xx, y2: H - B + 5, "class": "axis"}));
      s.appendChild(svg("text", {x: xx, y: H - B + 18, "text-anchor": "middle"}, yr + "年"));
    }
    s.appendChild(svg("text", {x: L - 6, y: Tp + 4, "text-anchor": "end"}, String(rows.length)));
    s.appendChild(svg("text", {x: L - 6, y: H - B, "text-anchor": "end"}, "0"));
    var path = "M" + L + "," + (H - B);
    rows.forEach(function (r, k) { path += " H" + x(r[1]).toFixed(1) + " V" + y(k + 1).toFixed(1); });
    path += " H" + (W - R);
    s.appendChild(svg("path", {d: path, "class": "step"}));
    var labelled = 0, lastY = Infinity;
    rows.forEach(function (r, k) {
      var c = svg("circle", {cx: x(r[1]).toFixed(1), cy: y(k + 1).toFixed(1), r: rows.length > 300 ? 2.5 : 4, "data-row": k});
      c.appendChild(svg("title", {}, (k + 1) + ". " + KG.placeName(r[0]) + "：" + r[1] + " 首次报道，做法 " + r[2] + " 条"));
      c.addEventListener("click", function () { showRow(rows, k); });
      s.appendChild(c);
      // the first places are named, each where it does not cover the one before
      if (labelled < LABELLED && lastY - y(k + 1) >= 13) {
        s.appendChild(svg("text", {x: (x(r[1]) + 6).toFixed(1), y: (y(k + 1) + 4).toFixed(1)}, KG.placeName(r[0])));
        labelled += 1;
        lastY = y(k + 1);
      }
    });
    box.appendChild(s);
  }
  function table(rows) {
    var box = KG.clear($("kg-table"));
    var t = el("table", {className: "kg-table"});
    t.appendChild(el("thead", {}, [el("tr", {}, ["序", "地方", "省份", "首次报道", "做法数", "最早的做法"].map(function (h, n) {
      return el("th", {className: n === 0 || n === 4 ? "num" : "", text: h});
    }))]));
    var tb = el("tbody");
    rows.forEach(function (r, k) {
      var p = I.places[r[0]];
      var link = el("a", {href: "#", text: "原文", title: "首次报道的做法"});
      link.addEventListener("click", function (ev) { ev.preventDefault(); showRow(rows, k); });
      tb.appendChild(el("tr", {"data-row": k}, [
        el("td", {className: "num", text: String(k + 1)}),
        el("td", {}, [el("a", {href: "place.html#" + KG.placeHash(r[0]), text: p.name})]),
        el("td", {text: I.provinces[p.province].label}),
        el("td", {text: r[1]}),
        el("td", {className: "num", text: String(r[2])}),
        el("td", {}, [link])]));
    });
    t.appendChild(tb);
    box.appendChild(t);
  }
  function showRow(rows, k) {
    var r = rows[k], box = KG.clear($("kg-detail"));
    Array.prototype.forEach.call(document.querySelectorAll("#kg-timeline circle"), function (c) {
      c.setAttribute("class", +c.getAttribute("data-row") === k ? "on" : "");
    });
    box.appendChild(el("h3", {text: (k + 1) + ". " + KG.placeName(r[0]) + " 首次报道（" + r[1] + "）"}));
    return KG.practices([r[3]]).then(function (ps) {
      if (ps[r[3]]) { box.appendChild(KG.card(ps[r[3]], {full: true})); }
    });
  }
  function show(n) {
    var t = I.themes[n], rows = T.themes[n] || [];
    $("kg-kind").value = t.kind;
    fillThemes(t.kind, n);
    var head = $("kg-head") || $("kg-diffusion").parentNode.insertBefore(el("p", {id: "kg-head"}), $("kg-diffusion"));
    head.textContent = "“" + t.label + "”：" + t.places + " 个地方先后报道，做法 " + t.practices + " 条；最早 " + t.first +
      "，最晚一地首次报道于 " + t.last + "。";
    timeline(rows);
    table(rows);
    KG.clear($("kg-detail"));
    window.kgSite.theme = {n: n, kind: t.kind, label: t.label, rows: rows.length};
  }
  function route() {
    var n = fromHash();
    if (n === null) { var list = themesOf($("kg-kind").value); n = list.length ? list[0] : null; }
    if (n === null) { KG.clear($("kg-timeline")).appendChild(el("p", {text: "图谱中还没有可画传播时间线的主题。"})); return; }
    show(n);
  }
  window.kgSite = {view: "diffusion"};
  KG.load("themes").then(function (themes) {
    T = themes;
    $("kg-kind").addEventListener("change", function () {
      var list = themesOf(this.value);
      if (list.length) { location.hash = hashOf(list[0]); } else { fillThemes(this.value, null); }
    });
    $("kg-theme").addEventListener("change", function () { location.hash = hashOf(+this.value); });
    window.addEventListener("hashchange", route);
    window.kgSite.show = show;
    route();
    window.kgSite.ready = true;
  }).catch(function (e) { KG.fail(e.message); });
})();
