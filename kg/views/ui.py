"""The page's own CSS and JavaScript (inlined; kept in Python so that they ship with the package).

The script runs after pyvis's, on `window.network` and its DataSets (`window.nodes`, `window.edges`).
Document text reaches the page only as JSON data (escaped by `safe_json` or Jinja's `tojson`) and is
shown through `textContent` / vis-network's text tooltips, never parsed as HTML.
"""

from __future__ import annotations

import json
from typing import Any

FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", SimHei, SimSun, sans-serif'

# kind -> (Chinese name, vis shape, colour)
NODE_STYLE = {
    "locality": ("地方", "diamond", "#d1495b"),
    "practice": ("做法", "dot", "#2e6fb7"),
    "group": ("做法汇总", "hexagon", "#7b4fb0"),
    "target": ("对象", "triangle", "#2f9e44"),
    "ptype": ("做法类型", "square", "#f08c00"),
}
# kind -> (Chinese name, colour, dashed)
EDGE_STYLE = {
    "at": ("实施地", "#9aa5b1", False),
    "in": ("上级区划", "#c3c9cf", True),
    "target": ("针对对象", "#9fd8aa", False),
    "ptype": ("做法类型", "#ffd19a", False),
    "similar": ("相似做法（线越粗越相似）", "#8e44ad", False),
}

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_json(value: Any) -> str:
    """JSON that is safe inside an HTML <script> element.

    >>> safe_json({"t": "</script><b>&\\u2028"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for ch, esc in _JSON_ESCAPES.items():
        text = text.replace(ch, esc)
    return text


CSS = """
html, body { margin: 0; padding: 0; height: 100%; font-family: FONT; color: #222; background: #fff; }
#kg-panel { position: fixed; left: 0; top: 0; bottom: 0; width: 300px; overflow-y: auto; box-sizing: border-box;
  padding: 12px 14px; border-right: 1px solid #ddd; background: #fafafa; font-size: 13px; line-height: 1.5; }
#kg-panel h1 { font-size: 17px; margin: 0 0 6px; }
#kg-panel nav a { color: #2e6fb7; margin-right: 10px; }
#kg-panel label { display: block; margin: 6px 0 2px; font-weight: bold; }
#kg-panel select, #kg-panel input { width: 100%; box-sizing: border-box; padding: 3px; font: inherit; }
#kg-panel button { margin-top: 8px; padding: 3px 12px; font: inherit; cursor: pointer; }
#kg-visible { display: block; margin-top: 6px; color: #555; }
.kg-note { color: #8a5a00; background: #fff4db; padding: 4px 6px; border-radius: 3px; }
#kg-legend { margin-top: 12px; border-top: 1px solid #ddd; padding-top: 6px; }
#kg-legend div { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
#kg-legend svg { flex: none; }
#kg-detail { margin-top: 12px; border-top: 1px solid #ddd; padding-top: 6px; white-space: pre-wrap;
  word-break: break-all; }
#mynetwork { position: fixed !important; left: 300px; top: 0; right: 0; bottom: 0; width: auto !important;
  height: auto !important; float: none !important; border: none !important; }
div.vis-tooltip { white-space: pre-wrap !important; max-width: 460px; font-family: FONT !important;
  font-size: 13px !important; line-height: 1.5; word-break: break-all; padding: 6px 8px !important; }
.kg-index { max-width: 960px; margin: 24px auto; padding: 0 16px; line-height: 1.7; }
.kg-index h1 { font-size: 22px; } .kg-index h2 { font-size: 18px; margin-top: 24px; }
.kg-index ul.cols { columns: 3; } .kg-index a { color: #2e6fb7; }
.kg-index .count { color: #777; font-size: 12px; }
""".replace("FONT", FONT)

JS = r"""
(function () {
  "use strict";
  var network = window.network, nodes = window.nodes, edges = window.edges;
  if (!network || !nodes || !edges) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var all = nodes.get(), allEdges = edges.get();
  all.forEach(function (n) { n.q = (n.q || n.tip || "").toLowerCase(); });
  // tooltips as plain text: vis-network shows a string title with innerText
  nodes.update(all.map(function (n) { return {id: n.id, title: n.tip}; }));
  // edge style per kind (kept out of the data: the same for every edge of a kind)
  var ES = (window.kgMeta && window.kgMeta.edgeStyle) || {};
  allEdges.forEach(function (e) { var s = ES[e.kind] || {}; if (!e.tip) { e.tip = s.tip || ""; } });
  edges.update(allEdges.map(function (e) {
    var s = ES[e.kind] || {};
    return {id: e.id, title: e.tip, color: s.color, dashes: !!s.dashes, arrows: s.arrows};
  }));
  network.setOptions({physics: {enabled: false}});
  var CONTEXT = {locality: "loc", target: "tg", ptype: "pt"};
  function has(list, v) { return !v || (list && list.indexOf(v) >= 0); }
  function apply() {
    var f = {loc: $("kg-f-loc").value, tg: $("kg-f-tg").value, pt: $("kg-f-pt").value, yr: $("kg-f-yr").value};
    var q = $("kg-search").value.trim().toLowerCase();
    var active = !!(f.loc || f.tg || f.pt || f.yr || q);
    var show = {}, seen = {loc: {}, tg: {}, pt: {}};
    all.forEach(function (n) {
      if (n.kind !== "practice" && n.kind !== "group") { return; }
      if (has(n.loc, f.loc) && has(n.tg, f.tg) && has(n.pt, f.pt) && has(n.yr, f.yr) &&
          (!q || n.q.indexOf(q) >= 0)) {
        show[n.id] = true;
        ["loc", "tg", "pt"].forEach(function (k) { n[k].forEach(function (v) { seen[k][v] = true; }); });
      }
    });
    all.forEach(function (n) {
      var k = CONTEXT[n.kind];
      if (k) { show[n.id] = !active || !!seen[k][n.id]; }
    });
    var nu = [], eu = [], nv = 0, ev = 0;
    all.forEach(function (n) { var h = !show[n.id]; nu.push({id: n.id, hidden: h}); if (!h) { nv++; } });
    allEdges.forEach(function (e) {
      var h = !(show[e.from] && show[e.to]); eu.push({id: e.id, hidden: h}); if (!h) { ev++; }
    });
    nodes.update(nu);
    edges.update(eu);
    $("kg-visible").textContent = "显示 " + nv + " / " + all.length + " 个节点，" + ev + " / " +
      allEdges.length + " 条连线";
    var ids = Object.keys(show).filter(function (id) { return show[id]; });
    if (ids.length) { network.fit({nodes: ids, animation: false}); }
    return {nodes: nv, edges: ev};
  }
  var timer = null;
  ["kg-f-loc", "kg-f-tg", "kg-f-pt", "kg-f-yr"].forEach(function (id) { $(id).addEventListener("change", apply); });
  $("kg-search").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 200); });
  $("kg-reset").addEventListener("click", function () {
    ["kg-f-loc", "kg-f-tg", "kg-f-pt", "kg-f-yr", "kg-search"].forEach(function (id) { $(id).value = ""; });
    apply();
  });
  network.on("click", function (params) {
    var box = $("kg-detail");
    if (params.nodes.length) { box.textContent = nodes.get(params.nodes[0]).tip; }
    else if (params.edges.length) { box.textContent = edges.get(params.edges[0]).tip; }
  });
  var page = decodeURIComponent(location.pathname.split("/").pop() || "");
  if (window.kgStale && Object.prototype.hasOwnProperty.call(window.kgStale, page)) {
    var note = document.createElement("p");
    note.className = "kg-note kg-stale";
    note.textContent = "此页生成后又新增了公报，内容尚未更新；运行 kg viz 或 kg build 重新生成。";
    var h1 = document.querySelector("#kg-panel h1");
    if (h1) { h1.parentNode.insertBefore(note, h1.nextSibling); }
  }
  window.kgView = {apply: apply, nodes: all.length, edges: allEdges.length, stale: !!document.querySelector(".kg-stale")};
  apply();
  network.fit({animation: false});
})();
"""


def _shape_svg(shape: str, color: str) -> str:
    s = {
        "dot": '<circle cx="8" cy="8" r="6"/>',
        "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
        "triangle": '<polygon points="8,2 15,14 1,14"/>',
        "square": '<rect x="2" y="2" width="12" height="12"/>',
        "hexagon": '<polygon points="4,2 12,2 15,8 12,14 4,14 1,8"/>',
    }[shape]
    return f'<svg width="16" height="16" viewBox="0 0 16 16" fill="{color}" aria-hidden="true">{s}</svg>'


def legend_html(kinds: set[str], edge_kinds: set[str]) -> str:
    rows = ['<div id="kg-legend"><b>图例</b>']
    for kind, (name, shape, color) in NODE_STYLE.items():
        if kind in kinds:
            rows.append(f"<div>{_shape_svg(shape, color)}<span>{name}</span></div>")
    for kind, (name, color, dashed) in EDGE_STYLE.items():
        if kind in edge_kinds:
            width = 4 if kind == "similar" else 2
            dash = ' stroke-dasharray="4 3"' if dashed else ""
            line = f'<line x1="0" y1="8" x2="24" y2="8" stroke="{color}" stroke-width="{width}"{dash}/>'
            rows.append(
                f'<div><svg width="24" height="16" aria-hidden="true">{line}</svg><span>{name}</span></div>'
            )
    rows.append("<div>节点越大，涉及的做法越多</div></div>")
    return "\n".join(rows)
