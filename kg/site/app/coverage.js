/* 覆盖情况 (coverage.html): what the collection holds, per province and per place, and its blind spots
 * (practices without a place, a target group or a type). Everything comes from data/index.js.
 */
(function () {
  "use strict";
  if (!KG.ready()) { return; }
  var I = KG.index, $ = KG.$, el = KG.el, s = I.summary;

  function stat(label, value) { return el("div", {className: "kg-stat"}, [el("b", {text: String(value)}), label]); }
  var sum = $("kg-summary");
  sum.appendChild(el("div", {className: "kg-stats"}, [
    stat("期公报", s.issues), stat("条做法", s.practices), stat("个县级及以上地方", s.places),
    stat("个省级区划", I.provinces.length), stat("条相似链接", s.links), stat("条连接不同地方", s.placeLinks)]));
  sum.appendChild(el("p", {text: "报道日期从 " + (s.first || "不详") + " 到 " + (s.last || "不详") + "。"}));
  var gaps = [];
  if (s.unplaced) { gaps.push(s.unplaced + " 条做法没有可归属的县级及以上地方（不在地方网络中）"); }
  if (s.untargeted) { gaps.push(s.untargeted + " 条做法未识别出工作对象"); }
  if (s.untyped) { gaps.push(s.untyped + " 条做法未识别出做法类型"); }
  if (gaps.length) { sum.appendChild(el("p", {className: "kg-note", text: "盲区：" + gaps.join("；") + "。"})); }
  sum.appendChild(el("p", {className: "kg-hint", text: "“没有报道”指所收公报中没有出现，不等于没有做。"}));

  // a sortable table: columns [title, value of a row, numeric?]
  function sortable(box, columns, rows, initial) {
    var order = initial, desc = true;
    var t = el("table", {className: "kg-table"}), tb = el("tbody");
    var tr = el("tr");
    columns.forEach(function (c, n) {
      var th = el("th", {className: c[2] ? "num" : "", text: c[0], title: "点击排序"});
      th.addEventListener("click", function () { desc = order === n ? !desc : !!c[2]; order = n; fill(); });
      tr.appendChild(th);
    });
    t.appendChild(el("thead", {}, [tr]));
    t.appendChild(tb);
    box.appendChild(t);
    var filter = function () { return true; };
    function fill() {
      var get = columns[order][1];
      var list = rows.filter(filter).sort(function (a, b) {
        var x = get(a), y = get(b);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return desc ? -c : c;
      });
      KG.clear(tb);
      list.forEach(function (r) {
        tb.appendChild(el("tr", {}, columns.map(function (c) {
          var v = c[3] ? c[3](r) : String(c[1](r));
          return el("td", {className: c[2] ? "num" : ""}, [v]);
        })));
      });
      return list.length;
    }
    fill();
    return {setFilter: function (f) { filter = f; return fill(); }};
  }

  var per = I.provinces.map(function (p, n) { return {n: n, label: p.label, code: p.code, places: 0, practices: 0, first: "", last: ""}; });
  I.places.forEach(function (p) {
    var r = per[p.province];
    r.places += 1;
    r.practices += p.practices;
    if (p.first && (!r.first || p.first < r.first)) { r.first = p.first; }
    if (p.last > r.last) { r.last = p.last; }
  });
  sortable($("kg-provinces"), [
    ["省份", function (r) { return r.label; }],
    ["地方数", function (r) { return r.places; }, true],
    ["做法数", function (r) { return r.practices; }, true],
    ["首次报道", function (r) { return r.first; }],
    ["最近报道", function (r) { return r.last; }]], per, 2);

  var rows = I.places.map(function (p, k) { p = Object.assign({k: k}, p); return p; });
  var table = sortable($("kg-places-table"), [
    ["地方", function (r) { return r.name; }, false, function (r) { return el("a", {href: "place.html#" + KG.placeHash(r.k), text: r.name}); }],
    ["省份", function (r) { return I.provinces[r.province].label; }],
    ["层级", function (r) { return KG.levelName(r.level); }],
    ["代码", function (r) { return r.code; }],
    ["做法数", function (r) { return r.practices; }, true],
    ["公报期数", function (r) { return r.issues; }, true],
    ["首次报道", function (r) { return r.first; }],
    ["最近报道", function (r) { return r.last; }],
    ["与外地相似链接", function (r) { return r.links; }, true]], rows, 4);
  $("kg-filter").addEventListener("input", function () {
    var q = this.value.trim();
    var n = table.setFilter(function (r) {
      return !q || r.name.indexOf(q) >= 0 || r.code.indexOf(q) >= 0 || I.provinces[r.province].label.indexOf(q) >= 0;
    });
    window.kgSite.rows = n;
  });
  window.kgSite = {view: "coverage", rows: rows.length, ready: true};
})();
