/* 做法网络 (practices.html): every practice a point, similar ones joined; filters by place, target
 * group, practice type, year, brand and words run over one shared data file. A practice is drawn
 * beside its place's position in the places network (computed in Python), so nothing moves unless
 * "重新排布" runs a short physics stabilisation; at most CAP practices are drawn at once.
 */
(function () {
  "use strict";
  if (!KG.ready()) { return; }
  var I = KG.index, $ = KG.$, el = KG.el;
  var CAP = 300;
  var F = null;  // the facets file
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var network = null;

  // concept -> itself and everything narrower (a filter on 年轻干部 takes in 选调生)
  var under = I.concepts.map(function () { return {}; });
  I.concepts.forEach(function (c, n) {
    var todo = [n], seen = {};
    while (todo.length) {
      var x = todo.pop();
      if (seen[x]) { continue; }
      seen[x] = true;
      under[x][n] = true;  // n is narrower than (or equal to) x
      todo.push.apply(todo, I.concepts[x].broader);
    }
  });
  function fillConcepts(select, kind) {
    function depth(n) { var d = 0, c = I.concepts[n]; while (c.broader.length && d < 6) { c = I.concepts[c.broader[0]]; d++; } return d; }
    I.concepts.forEach(function (c, n) {
      if (c.kind === kind) { select.appendChild(el("option", {value: String(n), text: "\u3000".repeat(depth(n)) + c.label})); }
    });
  }
  fillConcepts($("kg-f-tg"), "target");
  fillConcepts($("kg-f-pt"), "type");
  I.provinces.forEach(function (p, n) { $("kg-f-prov").appendChild(el("option", {value: String(n), text: p.label})); });
  I.brands.forEach(function (b) { $("kg-f-brand").appendChild(el("option", {value: b})); });
  var pick = KG.placePicker($("kg-f-place"), $("kg-places"), true);

  function filters() {
    return {prov: $("kg-f-prov").value, place: pick(), placeText: $("kg-f-place").value.trim(),
            tg: $("kg-f-tg").value, pt: $("kg-f-pt").value, yr: $("kg-f-yr").value,
            brand: $("kg-f-brand").value.trim(), q: $("kg-f-q").value.trim().toLowerCase()};
  }
  function matcher(f) {
    var inPlace = null;
    if (f.place) {
      inPlace = {};
      (f.place.area !== undefined ? I.areas[f.place.area].places : [f.place.place]).forEach(function (k) { inPlace[k] = true; });
    } else if (f.placeText) {
      inPlace = {};  // a name that is no place: nothing matches
    }
    var brand = f.brand ? I.brands.indexOf(f.brand) : null;
    return function (r) {
      var place = r[1];
      if (f.prov !== "" && (place === null || I.places[place].province !== +f.prov)) { return false; }
      if (inPlace && !inPlace[place]) { return false; }
      if (f.tg !== "" && !r[3].some(function (c) { return under[+f.tg][c]; })) { return false; }
      if (f.pt !== "" && !r[4].some(function (c) { return under[+f.pt][c]; })) { return false; }
      if (f.yr !== "" && r[2].slice(0, 4) !== f.yr) { return false; }
      if (brand !== null && r[5] !== brand) { return false; }
      if (f.q && r[0].toLowerCase().indexOf(f.q) < 0) { return false; }
      return true;
    };
  }

  // where a practice is drawn: in a sunflower around its place's position in the places network,
  // the places spread apart until the biggest cluster fits between neighbours; unplaced practices
  // in a column on the left
  var STEP = 22;
  function positions(shown) {
    var rank = {}, count = {}, out = {};
    shown.forEach(function (i) { var k = F.rows[i][1]; if (k !== null) { count[k] = (count[k] || 0) + 1; } });
    var ks = Object.keys(count).map(Number), biggest = 1;
    ks.forEach(function (k) { biggest = Math.max(biggest, count[k]); });
    var near = [];
    ks.forEach(function (a) {
      var best = Infinity;
      ks.forEach(function (b) {
        if (a !== b) { best = Math.min(best, Math.hypot(I.places[a].x - I.places[b].x, I.places[a].y - I.places[b].y)); }
      });
      if (best < Infinity) { near.push(best); }
    });
    near.sort(function (a, b) { return a - b; });
    var typical = near.length ? near[near.length >> 1] : 1;
    var scale = Math.min(40, Math.max(1, 3 * STEP * Math.sqrt(biggest) / Math.max(typical, 1)));
    var left = Infinity, top = Infinity;
    ks.forEach(function (k) { left = Math.min(left, I.places[k].x * scale); top = Math.min(top, I.places[k].y * scale); });
    if (!ks.length) { left = 0; top = 0; }
    shown.forEach(function (i) {
      var place = F.rows[i][1];
      var key = place === null ? "u" : place;
      var j = rank[key] = (rank[key] === undefined ? 0 : rank[key] + 1);
      var r = STEP * Math.sqrt(j + 0.5), a = j * 2.39996;
      out[i] = place === null ? {x: left - 250, y: top + j * 30}
        : {x: I.places[place].x * scale + r * Math.cos(a), y: I.places[place].y * scale + r * Math.sin(a)};
    });
    return out;
  }

  function apply() {
    var f = filters(), ok = matcher(f), matched = [];
    F.rows.forEach(function (r, i) { if (ok(r)) { matched.push(i); } });
    var inSet = {};
    matched.forEach(function (i) { inSet[i] = true; });
    var links = F.links.filter(function (l) { return inSet[l[0]] && inSet[l[1]]; });
    var shown = matched, capped = matched.length > CAP;
    if (capped) {  // the most connected practices of the matched set
      var degree = {};
      links.forEach(function (l) { degree[l[0]] = (degree[l[0]] || 0) + 1; degree[l[1]] = (degree[l[1]] || 0) + 1; });
      shown = matched.slice().sort(function (a, b) { return (degree[b] || 0) - (degree[a] || 0) || a - b; }).slice(0, CAP);
      var keep = {};
      shown.forEach(function (i) { keep[i] = true; });
      links = links.filter(function (l) { return keep[l[0]] && keep[l[1]]; });
      shown.sort(function (a, b) { return a - b; });
    }
    var pos = positions(shown);
    nodes.clear();
    edges.clear();
    nodes.add(shown.map(function (i) {
      var r = F.rows[i], place = r[1];
      var label = r[0].length > 14 ? r[0].slice(0, 13) + "…" : r[0];
      return {id: i, label: label, x: pos[i].x, y: pos[i].y,
              color: place === null ? "#868e96" : KG.provinceColour(I.places[place].province),
              title: r[0] + "\n" + (place === null ? "未注明地方" : KG.placeName(place)) + "，" + (r[2] || "日期不详") + "\n点击查看原文与相似做法"};
    }));
    edges.add(links.map(function (l) {
      return {id: l[0] + "-" + l[1], from: l[0], to: l[1], value: l[2] || 0.1, title: "相似度 " + KG.score(l[2])};
    }));
    $("kg-count").textContent = "符合条件的做法 " + matched.length + " 条，显示 " + shown.length + " 条、相似连线 " + links.length + " 条";
    var note = $("kg-capped");
    note.hidden = !capped;
    note.textContent = capped ? "做法太多，只显示相似连线最多的 " + CAP + " 条（共 " + matched.length + " 条）；请再加筛选条件。" : "";
    if (shown.length) { network.fit({animation: false}); }
    return {matched: matched.length, shown: shown.length, edges: links.length, capped: capped};
  }

  function showPractice(i) {
    var box = KG.clear($("kg-detail"));
    box.appendChild(el("p", {className: "kg-hint", text: "正在读取原文……"}));
    return KG.practices([i]).then(function (ps) {
      KG.clear(box);
      var p = ps[i];
      box.appendChild(KG.card(p, {mine: true, full: true, prefix: (p.place !== null ? KG.placeName(p.place) : "未注明地方") + "："}));
      if (p.place !== null) {
        box.appendChild(el("p", {}, [el("a", {href: "place.html#" + KG.placeHash(p.place), text: "该地全部做法 →"})]));
      }
      box.appendChild(el("h3", {text: "其他地方的相似做法"}));
      return KG.similarList(i, box, 8);
    }).catch(function (e) { KG.clear(box).appendChild(el("p", {text: e.message})); });
  }

  // a short force layout from the current positions, then still again (physics off once the fixed
  // number of rounds is done: left on, vis-network keeps simulating until everything rests)
  var ROUNDS = 120;
  function relayout() {
    return new Promise(function (resolve) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({physics: {enabled: false}});
        network.fit({animation: false});
        resolve(ROUNDS);
      });
      network.setOptions({physics: {enabled: true, solver: "forceAtlas2Based",
        forceAtlas2Based: {gravitationalConstant: -40, springLength: 60},
        stabilization: {enabled: true, iterations: ROUNDS, updateInterval: ROUNDS, fit: false}}});
      network.stabilize(ROUNDS);
    });
  }

  // the network exists from the start (users' scripts find window.network as on pyvis pages); the
  // practices arrive with the facets file
  network = new vis.Network($("kg-network"), {nodes: nodes, edges: edges}, {
    physics: {enabled: false},
    layout: {randomSeed: 1, improvedLayout: false},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: true},
    nodes: {shape: "dot", size: 9, font: {face: KG.FONT, size: 12, strokeWidth: 3, strokeColor: "#ffffff"}},
    edges: {smooth: false, color: {color: "rgba(142,68,173,0.35)", highlight: "#c2255c", hover: "#862e9c"},
            scaling: {min: 1, max: 6}}
  });
  window.network = network;
  window.kgSite = {view: "practices", cap: CAP};
  var years = {};
  KG.load("facets").then(function (facets) {
    F = facets;
    F.rows.forEach(function (r) { if (r[2]) { years[r[2].slice(0, 4)] = true; } });
    Object.keys(years).sort().forEach(function (y) { $("kg-f-yr").appendChild(el("option", {value: y, text: y + " 年"})); });
    var wait = $("kg-loading");
    if (wait) { wait.remove(); }
    network.on("click", function (params) { if (params.nodes.length) { showPractice(params.nodes[0]); } });
    ["kg-f-prov", "kg-f-tg", "kg-f-pt", "kg-f-yr", "kg-f-place", "kg-f-brand"].forEach(function (id) {
      $(id).addEventListener("change", apply);
    });
    var timer = null;
    $("kg-f-q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 250); });
    $("kg-reset").addEventListener("click", function () {
      ["kg-f-prov", "kg-f-tg", "kg-f-pt", "kg-f-yr", "kg-f-place", "kg-f-brand", "kg-f-q"].forEach(function (id) { $(id).value = ""; });
      apply();
    });
    $("kg-relayout").addEventListener("click", relayout);
    var h = KG.placeFromHash(location.hash.replace(/^#place=/, "#"));
    if (h !== null) { $("kg-f-place").value = I.places[h].name; }
    window.kgSite.apply = apply;
    window.kgSite.showPractice = showPractice;
    window.kgSite.relayout = relayout;
    window.kgSite.total = F.rows.length;
    window.kgSite.first = apply();
    window.kgSite.ready = true;
  }).catch(function (e) { KG.fail(e.message); });
})();
