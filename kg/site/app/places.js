/* 地方网络 (index.html): places sized by their practices, joined by how many similarity links their
 * practices share. Positions come from the data (computed in Python); physics stays off. With many
 * places the network opens on prefecture cities (or provinces): a click opens a group's places.
 */
(function () {
  "use strict";
  if (!KG.ready()) { return; }
  var I = KG.index, $ = KG.$, el = KG.el;
  var grouped = I.mode !== "places";
  var state = {open: {}, colour: "province", top: null};
  var placeEdges = grouped ? null : I.edges;  // place level; loaded on the first opening when grouped
  var MANY = 1500;  // above this many edges each node keeps only its strongest ones

  function unitOfPlace(k) {
    var g = I.places[k].group;
    return !grouped || state.open[g] ? "p" + k : "g" + g;
  }
  function placesOfUnit(id) {
    var n = +id.slice(1);
    return id[0] === "p" ? [n] : I.groups[n].places;
  }
  function colourOf(province, level) {
    return state.colour === "province" ? KG.provinceColour(province) : (KG.LEVEL_COLOURS[level] || "#868e96");
  }
  function placeNode(k) {
    var p = I.places[k];
    var tip = p.name + "（" + KG.levelName(p.level) + (p.code ? "，" + p.code : "") + "）\n做法 " + p.practices +
      " 条，见于 " + p.issues + " 期公报\n首次报道 " + (p.first || "不详") + "，最近 " + (p.last || "不详") +
      "\n与其他地方的相似链接 " + p.links + " 条\n点击查看相似地方，双击打开地方详情";
    return {id: "p" + k, label: p.label, value: p.practices, x: p.x, y: p.y, title: tip, kind: "place",
            color: colourOf(p.province, p.level)};
  }
  function groupNode(g) {
    var x = I.groups[g];
    var tip = x.name + "：下辖 " + x.places.length + " 个有做法的地方，做法 " + x.practices + " 条\n点击展开";
    return {id: "g" + g, label: x.label + "（" + x.places.length + "）", value: x.practices, x: x.x, y: x.y,
            title: tip, kind: "group", shape: "hexagon", color: colourOf(x.province, x.level)};
  }
  function units() {
    var out = [];
    if (!grouped) { I.places.forEach(function (p, k) { out.push(placeNode(k)); }); return out; }
    I.groups.forEach(function (x, g) {
      if (state.open[g]) { x.places.forEach(function (k) { out.push(placeNode(k)); }); }
      else { out.push(groupNode(g)); }
    });
    return out;
  }
  // weighted edges between the drawn units: [u, v, links]
  function unitEdges() {
    if (!grouped) { return I.edges.map(function (e) { return ["p" + e[0], "p" + e[1], e[2]]; }); }
    if (!placeEdges) { return I.edges.map(function (e) { return ["g" + e[0], "g" + e[1], e[2]]; }); }
    var agg = {};
    placeEdges.forEach(function (e) {
      var u = unitOfPlace(e[0]), v = unitOfPlace(e[1]);
      if (u === v) { return; }
      var key = u < v ? u + "|" + v : v + "|" + u;
      agg[key] = (agg[key] || 0) + e[2];
    });
    return Object.keys(agg).map(function (key) { var uv = key.split("|"); return [uv[0], uv[1], agg[key]]; });
  }
  // each unit's `top` strongest edges (an edge stays when it is among the strongest of either end)
  function strongest(list, top) {
    if (!top) { return list; }
    var by = {};
    list.forEach(function (e, n) { [e[0], e[1]].forEach(function (u) { (by[u] = by[u] || []).push(n); }); });
    var keep = {};
    Object.keys(by).forEach(function (u) {
      by[u].sort(function (a, b) { return list[b][2] - list[a][2] || a - b; });
      by[u].slice(0, top).forEach(function (n) { keep[n] = true; });
    });
    return list.filter(function (e, n) { return keep[n]; });
  }

  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var all = [];
  function draw() {
    var us = units();
    all = unitEdges();
    if (state.top === null) { state.top = all.length > MANY ? 5 : 0; syncTop(); }
    var shown = strongest(all, state.top);
    nodes.clear();
    edges.clear();
    nodes.add(us);
    edges.add(shown.map(function (e) {
      return {id: e[0] + "|" + e[1], from: e[0], to: e[1], value: e[2], weight: e[2],
              title: nameOf(e[0]) + " — " + nameOf(e[1]) + "：相似链接 " + e[2] + " 条（点击查看）"};
    }));
    $("kg-count").textContent = "显示 " + us.length + " 个节点、" + shown.length + " 条连线" +
      (shown.length < all.length ? "（共 " + all.length + " 条，每个节点只画最强的 " + state.top + " 条）" : "");
    legend();
  }
  function nameOf(id) {
    var n = +id.slice(1);
    return id[0] === "p" ? I.places[n].name : I.groups[n].name;
  }

  var network = new vis.Network($("kg-network"), {nodes: nodes, edges: edges}, {
    physics: {enabled: false},
    layout: {randomSeed: 1, improvedLayout: false},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: true, multiselect: false},
    nodes: {shape: "dot", scaling: {min: 6, max: 42, label: {enabled: true, min: 12, max: 26, drawThreshold: 7}},
            font: {face: KG.FONT, size: 14, strokeWidth: 3, strokeColor: "#ffffff"}, borderWidth: 1},
    edges: {smooth: false, color: {color: "rgba(120,120,140,0.35)", highlight: "#c2255c", hover: "#862e9c"},
            scaling: {min: 1, max: 10}, selectionWidth: 2}
  });
  window.network = network;

  function syncTop() { $("kg-top").value = String(state.top); }
  $("kg-top").addEventListener("change", function () { state.top = +this.value; draw(); });
  $("kg-colour").addEventListener("change", function () { state.colour = this.value; draw(); });

  function loadPlaceEdges() {
    if (placeEdges) { return Promise.resolve(placeEdges); }
    return KG.load("edges").then(function (e) { placeEdges = e; return e; });
  }
  function openGroup(g) {
    return loadPlaceEdges().then(function () {
      state.open[g] = true;
      draw();
      showGroup(g);
      network.fit({nodes: I.groups[g].places.map(function (k) { return "p" + k; }), animation: false});
      if (network.getScale() > 1.5) { network.moveTo({scale: 1.5, animation: false}); }
    });
  }
  function closeGroup(g) { delete state.open[g]; draw(); }

  // ---- the panel -----------------------------------------------------------------------------------
  var panel = $("kg-detail");
  function showPlace(k) {
    var p = I.places[k];
    KG.clear(panel);
    panel.appendChild(el("h2", {text: p.name}));
    panel.appendChild(el("p", {text: KG.levelName(p.level) + (p.code ? " · 代码 " + p.code : "") + " · " +
      I.provinces[p.province].label}));
    panel.appendChild(el("p", {text: "做法 " + p.practices + " 条，见于 " + p.issues + " 期公报；首次报道 " +
      (p.first || "不详") + "，最近 " + (p.last || "不详") + "。"}));
    panel.appendChild(el("p", {}, [el("a", {href: "place.html#" + KG.placeHash(k), text: "打开地方详情：本地做法与外地类似做法 →"})]));
    var box = el("div", {text: "正在读取相似地方……"});
    panel.appendChild(box);
    loadPlaceEdges().then(function (list) {
      var mine = list.filter(function (e) { return e[0] === k || e[1] === k; })
        .sort(function (a, b) { return b[2] - a[2]; });
      KG.clear(box);
      box.appendChild(el("h3", {text: "相似做法最多的地方（" + mine.length + " 个）"}));
      var ol = el("ol");
      mine.slice(0, 15).forEach(function (e) {
        var other = e[0] === k ? e[1] : e[0];
        ol.appendChild(el("li", {}, [el("a", {href: "place.html#" + KG.placeHash(other), text: I.places[other].name}),
          "：相似链接 " + e[2] + " 条"]));
      });
      box.appendChild(ol);
    });
  }
  function showGroup(g) {
    var x = I.groups[g];
    KG.clear(panel);
    panel.appendChild(el("h2", {text: x.name}));
    panel.appendChild(el("p", {text: "下辖有做法的地方 " + x.places.length + " 个，做法 " + x.practices + " 条。"}));
    if (state.open[g]) {
      panel.appendChild(el("button", {type: "button", text: "收起为一个节点", onclick: function () { closeGroup(g); }}));
    }
    var ul = el("ul", {className: "kg-cols"});
    x.places.slice().sort(function (a, b) { return I.places[b].practices - I.places[a].practices; }).forEach(function (k) {
      ul.appendChild(el("li", {}, [el("a", {href: "place.html#" + KG.placeHash(k), text: I.places[k].name}),
        el("span", {className: "kg-n", text: " " + I.places[k].practices})]));
    });
    panel.appendChild(ul);
  }
  // the linked pairs between two drawn units, best first: [{link, from: practice, to: practice}]
  function pairs(u, v) {
    var inV = {}, mine = [];
    placesOfUnit(v).forEach(function (k) { inV[k] = true; });
    placesOfUnit(u).forEach(function (k) { for (var i = I.places[k].p0; i < I.places[k].p1; i++) { mine.push(i); } });
    var inU = {};
    mine.forEach(function (i) { inU[i] = true; });
    return KG.linksOf(mine).then(function (links) {
      return links.filter(function (l) {
        return (inU[l.a] && inV[KG.placeOf(l.b)]) || (inU[l.b] && inV[KG.placeOf(l.a)]);
      }).sort(function (x, y) { return (y.score || 0) - (x.score || 0) || x.a - y.a || x.b - y.b; });
    });
  }
  var PAIRS_SHOWN = 30;
  function showEdge(id) {
    var uv = id.split("|"), u = uv[0], v = uv[1];
    KG.clear(panel);
    panel.appendChild(el("h2", {text: nameOf(u) + " — " + nameOf(v)}));
    var status = el("p", {text: "正在读取相似做法……"});
    panel.appendChild(status);
    return pairs(u, v).then(function (list) {
      status.textContent = "两地之间的相似做法 " + list.length + " 对" +
        (list.length > PAIRS_SHOWN ? "，按相似度列出前 " + PAIRS_SHOWN + " 对" : "") + "：";
      var shown = list.slice(0, PAIRS_SHOWN), need = [];
      shown.forEach(function (l) { need.push(l.a, l.b); });
      return KG.practices(need).then(function (ps) {
        shown.forEach(function (l, n) {
          var pair = el("div", {className: "kg-pair"});
          pair.appendChild(el("div", {className: "kg-pair-head", text: (n + 1) + ". 相似度 " + KG.score(l.score) + "　" + KG.reasons(l)}));
          var a = ps[l.a], b = ps[l.b];
          if (a) { pair.appendChild(KG.card(a, {prefix: KG.placeName(a.place) + "："})); }
          if (b) { pair.appendChild(KG.card(b, {prefix: KG.placeName(b.place) + "："})); }
          panel.appendChild(pair);
        });
        window.kgSite.lastPairs = list.length;
        return list;
      });
    }).catch(function (e) { status.textContent = e.message; });
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0], n = +id.slice(1);
      if (id[0] === "g") { if (I.groups[n].places.length > 1) { openGroup(n); } else { showPlace(I.groups[n].places[0]); } }
      else { showPlace(n); }
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && params.nodes[0][0] === "p") {
      location.href = "place.html#" + KG.placeHash(+params.nodes[0].slice(1));
    }
  });

  // ---- search, legend ----------------------------------------------------------------------------------
  var pick = KG.placePicker($("kg-find"), $("kg-places"));
  $("kg-find-go").addEventListener("click", find);
  $("kg-find").addEventListener("change", find);
  function find() {
    var got = pick();
    if (!got) { return; }
    var k = got.place;
    var g = I.places[k].group;
    var opened = grouped && !state.open[g] ? openGroup(g) : Promise.resolve();
    opened.then(function () {
      network.selectNodes(["p" + k]);
      network.focus("p" + k, {scale: 1.2, animation: false});
      showPlace(k);
    });
  }
  $("kg-close-all").addEventListener("click", function () { state.open = {}; draw(); });
  $("kg-close-all").style.display = grouped ? "" : "none";

  function legend() {
    var box = KG.clear($("kg-legend"));
    if (state.colour === "province") {
      var counts = I.provinces.map(function () { return 0; });
      I.places.forEach(function (p) { counts[p.province] += p.practices; });
      var order = I.provinces.map(function (p, n) { return n; }).sort(function (a, b) { return counts[b] - counts[a]; });
      order.slice(0, 16).forEach(function (n) {
        box.appendChild(el("div", {}, [el("i", {className: "kg-dot", style: {background: KG.provinceColour(n)}}),
          I.provinces[n].label + "（" + counts[n] + "）"]));
      });
      if (order.length > 16) { box.appendChild(el("div", {text: "……共 " + order.length + " 个省级区划，颜色循环使用"})); }
    } else {
      Object.keys(KG.LEVEL_COLOURS).forEach(function (l) {
        box.appendChild(el("div", {}, [el("i", {className: "kg-dot", style: {background: KG.LEVEL_COLOURS[l]}}), KG.levelName(l)]));
      });
    }
    box.appendChild(el("div", {className: "kg-hint", text: "圆越大，做法越多；线越粗，两地相似的做法越多。" +
      (grouped ? "六边形是地级市（或省），点击展开。" : "")}));
  }

  var s = I.summary;
  $("kg-intro").textContent = s.places + " 个县级及以上地方，" + s.placeLinks + " 条相似链接连接不同地方的做法" +
    (grouped ? "；地方较多，先按" + (I.mode === "cities" ? "地级市" : "省") + "汇总显示。" : "。");
  window.kgSite = {
    view: "places", mode: I.mode, openGroup: openGroup, closeGroup: closeGroup, pairs: pairs, showEdge: showEdge,
    edgesAll: function () { return all.slice(); }, loadPlaceEdges: loadPlaceEdges, lastPairs: null
  };
  draw();
  network.fit({animation: false});
  window.kgSite.ready = true;
})();
