/* 地方详情 (place.html#CODE): a place's own practices, each with its quote, outcomes and citation, and
 * who elsewhere does something similar (their quotes, scores, reasons and citations). Loads the text
 * and link shards the place's practices and their partners are in.
 */
(function () {
  "use strict";
  if (!KG.ready()) { return; }
  var I = KG.index, $ = KG.$, el = KG.el;
  var SIMILAR_SHOWN = 5;
  var pick = KG.placePicker($("kg-find"), $("kg-places"));

  function go() {
    var got = pick();
    if (got) { location.hash = KG.placeHash(got.place); }
  }
  $("kg-find-go").addEventListener("click", go);
  $("kg-find").addEventListener("change", go);

  var current = 0;  // a later hash wins over a render still loading
  function render(k) {
    var p = I.places[k], box = KG.clear($("kg-place")), token = ++current;
    window.kgSite.shown = null;
    document.title = p.name + " · 地方详情";
    box.appendChild(el("h1", {text: p.name}));
    box.appendChild(el("p", {text: KG.levelName(p.level) + (p.code ? "，行政区划代码 " + p.code : "") + "，" +
      I.provinces[p.province].label + "。做法 " + p.practices + " 条，见于 " + p.issues + " 期公报，首次报道 " +
      (p.first || "不详") + "，最近 " + (p.last || "不详") + "。"}));
    box.appendChild(el("p", {}, [
      el("a", {href: "practices.html#place=" + KG.placeHash(k), text: "在做法网络中查看 →"}), "　",
      el("a", {href: "index.html", text: "回到地方网络"})]));
    var status = el("p", {className: "kg-hint", text: "正在读取做法……"});
    box.appendChild(status);
    var mine = [];
    for (var i = p.p0; i < p.p1; i++) { mine.push(i); }
    return KG.linksOf(mine).then(function (links) {
      var by = {}, others = [];
      links.forEach(function (l) {
        [[l.a, l.b], [l.b, l.a]].forEach(function (ends) {
          if (ends[0] >= p.p0 && ends[0] < p.p1) {
            (by[ends[0]] = by[ends[0]] || []).push({other: ends[1], link: l});
          }
        });
      });
      Object.keys(by).forEach(function (i) {
        by[i].sort(function (x, y) { return (y.link.score || 0) - (x.link.score || 0) || x.other - y.other; });
        by[i].slice(0, SIMILAR_SHOWN).forEach(function (x) { others.push(x.other); });
      });
      return KG.practices(mine.concat(others)).then(function (ps) {
        if (token !== current) { return null; }
        status.remove();
        var places = {};
        links.forEach(function (l) {
          [l.a, l.b].forEach(function (e) { var q = KG.placeOf(e); if (q !== null && q !== k) { places[q] = (places[q] || 0) + 1; } });
        });
        var top = Object.keys(places).sort(function (a, b) { return places[b] - places[a]; }).slice(0, 12);
        if (top.length) {
          var line = el("p", {}, ["相似做法最多的地方："]);
          top.forEach(function (q, n) {
            if (n) { line.appendChild(document.createTextNode("、")); }
            line.appendChild(el("a", {href: "place.html#" + KG.placeHash(+q), text: I.places[+q].name}));
            line.appendChild(document.createTextNode("（" + places[q] + "）"));
          });
          box.appendChild(line);
        }
        mine.forEach(function (i, n) {
          var sec = el("section", {className: "kg-practice"});
          sec.appendChild(el("h3", {text: (n + 1) + ". " + ps[i].label}));
          sec.appendChild(KG.card(ps[i], {mine: true, full: true, bare: true}));
          var list = by[i] || [];
          sec.appendChild(el("h4", {text: list.length ? "外地类似做法（" + list.length + " 条，列出最相似的 " +
            Math.min(list.length, SIMILAR_SHOWN) + " 条）" : "暂未找到外地的相似做法"}));
          list.slice(0, SIMILAR_SHOWN).forEach(function (x) {
            var o = ps[x.other];
            if (!o) { return; }
            var wrap = el("div", {className: "kg-similar"});
            wrap.appendChild(el("div", {className: "kg-pair-head", text: "相似度 " + KG.score(x.link.score) + "　" + KG.reasons(x.link)}));
            wrap.appendChild(KG.card(o, {prefix: (o.place !== null ? KG.placeName(o.place) : "未注明地方") + "："}));
            sec.appendChild(wrap);
          });
          box.appendChild(sec);
        });
        window.kgSite.shown = {place: k, practices: mine.length, links: links.length};
        return mine.length;
      });
    }).catch(function (e) { status.textContent = e.message; });
  }

  function route() {
    var k = KG.placeFromHash(location.hash);
    if (k !== null) { $("kg-find").value = I.places[k].name; return render(k); }
    var box = KG.clear($("kg-place"));
    if (location.hash && location.hash !== "#") {
      box.appendChild(el("p", {className: "kg-note", text: "没有找到这个地方，请重新选择。"}));
    }
    // every place, by province, biggest first
    I.provinces.forEach(function (prov, n) {
      var ks = [];
      I.places.forEach(function (p, k) { if (p.province === n) { ks.push(k); } });
      ks.sort(function (a, b) { return I.places[b].practices - I.places[a].practices || a - b; });
      box.appendChild(el("h3", {text: prov.label + "（" + ks.length + " 个地方）"}));
      var ul = el("ul", {className: "kg-cols"});
      ks.forEach(function (k) {
        ul.appendChild(el("li", {}, [el("a", {href: "place.html#" + KG.placeHash(k), text: I.places[k].name}),
          el("span", {className: "kg-n", text: " " + I.places[k].practices})]));
      });
      box.appendChild(ul);
    });
    return Promise.resolve(null);
  }
  window.kgSite = {view: "place", render: render};
  window.addEventListener("hashchange", route);
  route().then(function () { window.kgSite.ready = true; });
})();
