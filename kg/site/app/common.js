/* CadreKG site: what every page shares (data loading, navigation, practice cards, colours).
 *
 * Data arrive as scripts (data/index.js with the page, the shards on demand) that file their part
 * under window.KG_DATA. Every string from a document is shown with textContent or as a text node,
 * never parsed as HTML; vis-network shows a string tooltip with innerText.
 */
(function () {
  "use strict";
  var KG = (window.KG = window.KG || {});
  var DATA = (window.KG_DATA = window.KG_DATA || {});
  var SCHEMA = 1;
  KG.index = DATA.index || null;

  // ---- DOM helpers: text only ----------------------------------------------------------------------
  KG.$ = function (id) { return document.getElementById(id); };
  KG.el = function (tag, props, children) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === "text") { e.textContent = props[k]; }
        else if (k === "className" || k === "id" || k === "title" || k === "value" || k === "type" ||
                 k === "colSpan" || k === "disabled" || k === "selected" || k === "min" || k === "max") {
          e[k] = props[k];
        } else if (k === "href") {
          e.href = KG.safeHref(props[k]);
        } else if (k === "style") {
          Object.keys(props.style).forEach(function (s) { e.style[s] = props.style[s]; });
        } else if (k.indexOf("data-") === 0) {
          e.setAttribute(k, String(props[k]));
        } else if (k === "onclick") {
          e.addEventListener("click", props[k]);
        }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return e;
  };
  // links only to the site's own pages (never a scheme, never another folder)
  KG.safeHref = function (h) {
    return /^(index|practices|place|diffusion|coverage)\.html(#[^:]*)?$/.test(h) || /^#[^:]*$/.test(h) ? h : "#";
  };
  KG.clear = function (e) { while (e.firstChild) { e.removeChild(e.firstChild); } return e; };
  KG.fail = function (msg) {
    var box = KG.$("kg-error") || document.body.insertBefore(KG.el("div", {id: "kg-error"}), document.body.firstChild);
    box.className = "kg-error";
    box.textContent = msg;
  };

  // ---- navigation ----------------------------------------------------------------------------------
  var PAGES = [["index.html", "地方网络"], ["practices.html", "做法网络"], ["place.html", "地方详情"],
               ["diffusion.html", "传播时间线"], ["coverage.html", "覆盖情况"]];
  KG.nav = function () {
    var here = location.pathname.split("/").pop() || "index.html";
    var bar = KG.$("kg-nav");
    if (!bar) { return; }
    bar.appendChild(KG.el("span", {className: "kg-brand", text: "组工信息知识图谱"}));
    PAGES.forEach(function (p) {
      bar.appendChild(KG.el("a", {href: p[0], className: p[0] === here ? "active" : "", text: p[1]}));
    });
    if (KG.index) {
      var s = KG.index.summary;
      bar.appendChild(KG.el("span", {className: "kg-sum",
        text: "公报 " + s.issues + " 期 · 做法 " + s.practices + " 条 · 地方 " + s.places + " 个 · 相似链接 " + s.links + " 条"}));
    }
  };

  // ---- loading data files ----------------------------------------------------------------------------
  var pending = {};
  KG.load = function (key) {
    if (DATA[key]) { return Promise.resolve(DATA[key]); }
    if (pending[key]) { return pending[key]; }
    var file = KG.index && KG.index.files[key];
    if (!file) { return Promise.reject(new Error("数据文件未列出：" + key)); }
    pending[key] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = "data/" + file;
      s.onload = function () {
        if (DATA[key]) { resolve(DATA[key]); } else { reject(new Error("数据文件无内容：" + file)); }
      };
      s.onerror = function () {
        delete pending[key];
        reject(new Error("找不到数据文件 data/" + file + "：网页数据可能刚更新过，请刷新页面；仍不行请重新运行 kg build。"));
      };
      document.head.appendChild(s);
    });
    return pending[key];
  };
  KG.ready = function () {
    if (!KG.index) {
      KG.fail("找不到 data/index.js：请在图谱目录运行 kg build 生成网页数据。");
      return false;
    }
    if (KG.index.schema !== SCHEMA) {
      KG.fail("网页程序与数据版本不符：请重新运行 kg build。");
      return false;
    }
    return true;
  };

  // ---- practices: numbers -> rows ------------------------------------------------------------------
  function bisect(starts, i) {  // the last position whose start is <= i
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }
  KG.shardOf = function (i) { return bisect(KG.index.shardStarts, i); };
  var starts = null;
  KG.placeOf = function (i) {  // the place number of practice i, or null
    var places = KG.index.places;
    if (!places.length || i >= places[places.length - 1].p1) { return null; }
    starts = starts || places.map(function (p) { return p.p0; });
    var k = bisect(starts, i);
    return i >= places[k].p0 && i < places[k].p1 ? k : null;
  };
  var P = null;
  function fieldsOf(list) { var f = {}; list.forEach(function (n, k) { f[n] = k; }); return f; }
  KG.practiceRow = function (row) {
    P = P || fieldsOf(KG.index.fields.practices);
    var o = {};
    Object.keys(P).forEach(function (k) { o[k] = row[P[k]]; });
    return o;
  };
  // practices by number, loading the text shards they are in
  KG.practices = function (numbers) {
    var shards = {};
    numbers.forEach(function (i) { shards[KG.shardOf(i)] = true; });
    return Promise.all(Object.keys(shards).map(function (s) { return KG.load("t" + s); })).then(function () {
      var out = {};
      numbers.forEach(function (i) {
        var sh = DATA["t" + KG.shardOf(i)];
        var row = sh && sh.rows[i - sh.first];
        if (row) { out[i] = KG.practiceRow(row); out[i].n = i; }
      });
      return out;
    });
  };
  // links with an end among these practices: [{a, b, score, concepts, terms}]
  KG.linksOf = function (numbers) {
    var want = {}, shards = {};
    numbers.forEach(function (i) { want[i] = true; shards[KG.shardOf(i)] = true; });
    return Promise.all(Object.keys(shards).map(function (s) { return KG.load("l" + s); })).then(function (files) {
      var seen = {}, out = [];
      files.forEach(function (f) {
        f.rows.forEach(function (r) {
          var key = r[0] + "-" + r[1];
          if ((want[r[0]] || want[r[1]]) && !seen[key]) {
            seen[key] = true;
            out.push({a: r[0], b: r[1], score: r[2], concepts: r[3], terms: r[4]});
          }
        });
      });
      return out;
    });
  };

  // ---- words -----------------------------------------------------------------------------------------
  var LEVELS = {province: "省级", city: "地级", county: "县级", town: "乡镇", village: "村"};
  KG.levelName = function (l) { return LEVELS[l] || "其他"; };
  KG.conceptLabel = function (c) { var x = KG.index.concepts[c]; return x ? x.label : ""; };
  KG.issueText = function (p) {
    var year = p.date ? p.date.slice(0, 4) : "";
    if (p.issue !== null && p.issue !== undefined) { return year ? year + "年第" + p.issue + "期" : "第" + p.issue + "期"; }
    return year ? year + "年" : "期号不详";
  };
  KG.placeName = function (k) { var p = KG.index.places[k]; return p ? p.name : "未注明地方"; };
  // 〔地方，《公报》期号，日期〕
  KG.citation = function (p) {
    var where = p.locality || (p.place !== null ? KG.placeName(p.place) : "") || "地方不详";
    return "〔" + where + "，" + (p.issuer || "") + "《" + (p.bulletin || "公报") + "》" + KG.issueText(p) + "，" + (p.date || "日期不详") + "〕";
  };
  KG.reasons = function (link) {
    var parts = [];
    var cs = (link.concepts || []).map(KG.conceptLabel).filter(Boolean);
    if (cs.length) { parts.push("共同对象或类型：" + cs.join("、")); }
    if (link.terms && link.terms.length) { parts.push("共同词语：" + link.terms.slice(0, 8).join("、")); }
    return parts.join("；") || "（未记录理由）";
  };
  KG.score = function (s) { return s === null || s === undefined ? "—" : Number(s).toFixed(2); };

  // a practice as a card: heading, quote (folded when long), outcomes, concepts, citation
  KG.card = function (p, opts) {
    opts = opts || {};
    var card = KG.el("div", {className: "kg-card" + (opts.mine ? " mine" : "")});
    if (!opts.bare) {
      var head = KG.el("div", {className: "kg-card-head"});
      if (opts.prefix) { head.appendChild(KG.el("span", {className: "kg-prefix", text: opts.prefix})); }
      head.appendChild(KG.el("b", {text: p.label || "（无标题）"}));
      card.appendChild(head);
    }
    var quote = p.quote || "";
    var q = KG.el("blockquote", {className: "kg-quote", text: quote.length > 220 && !opts.full ? quote.slice(0, 200) + "……" : quote});
    card.appendChild(q);
    if (quote.length > 220 && !opts.full) {
      var more = KG.el("a", {href: "#", className: "kg-more", text: "展开原文"});
      more.addEventListener("click", function (ev) {
        ev.preventDefault();
        var open = more.textContent === "收起";
        q.textContent = open ? quote.slice(0, 200) + "……" : quote;
        more.textContent = open ? "展开原文" : "收起";
      });
      card.appendChild(more);
    }
    if (p.source) {  // the exact source text (conversion spaces and marks kept), one click away
      var src = KG.el("pre", {className: "kg-source", text: p.source});
      src.hidden = true;
      var toggle = KG.el("a", {href: "#", className: "kg-more kg-source-toggle", text: "查看原文（未经整理）"});
      toggle.addEventListener("click", function (ev) {
        ev.preventDefault();
        src.hidden = !src.hidden;
        toggle.textContent = src.hidden ? "查看原文（未经整理）" : "收起原文";
      });
      card.appendChild(toggle);
      card.appendChild(src);
    }
    if (p.outcomes && p.outcomes.length) {
      card.appendChild(KG.el("div", {className: "kg-outcomes", text: "成效：" + p.outcomes.join("；")}));
    }
    var tags = (p.targets || []).map(function (c) { return ["对象", KG.conceptLabel(c)]; })
      .concat((p.types || []).map(function (c) { return ["类型", KG.conceptLabel(c)]; }));
    if (p.brand !== null && p.brand !== undefined) { tags.push(["品牌", KG.index.brands[p.brand]]); }
    if (tags.length) {
      var t = KG.el("div", {className: "kg-tags"});
      tags.forEach(function (x) { t.appendChild(KG.el("span", {className: "kg-tag", title: x[0], text: x[1]})); });
      card.appendChild(t);
    }
    card.appendChild(KG.el("div", {className: "kg-cite", text: KG.citation(p) + (p.article ? " 《" + p.article + "》" : "")}));
    return card;
  };

  // ---- colours ---------------------------------------------------------------------------------------
  KG.PALETTE = ["#2e6fb7", "#d1495b", "#2f9e44", "#f08c00", "#7b4fb0", "#0c8599", "#c2255c", "#5c940d",
                "#e8590c", "#1864ab", "#862e9c", "#087f5b", "#a61e4d", "#364fc7", "#d9480f", "#495057"];
  KG.LEVEL_COLOURS = {province: "#7b4fb0", city: "#d1495b", county: "#2e6fb7"};
  KG.provinceColour = function (n) { return KG.PALETTE[n % KG.PALETTE.length]; };
  KG.FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", SimHei, SimSun, sans-serif';

  // place search: an input with a datalist of place and area names. The getter returns
  // {place: k} or {area: n} (a city or province with everything in it) or null.
  KG.placePicker = function (input, list, areas) {
    var byName = {};
    if (areas) {
      KG.index.areas.forEach(function (a, n) { byName[a.label] = {area: n}; });
    }
    KG.index.places.forEach(function (p, k) {
      if (!byName[p.name]) { byName[p.name] = {place: k}; }
      if (!byName[p.label]) { byName[p.label] = {place: k}; }
    });
    Object.keys(byName).sort().forEach(function (name) { list.appendChild(KG.el("option", {value: name})); });
    return function () {
      var v = input.value.trim();
      return Object.prototype.hasOwnProperty.call(byName, v) ? byName[v] : null;
    };
  };
  // a practice's similar practices elsewhere, best first, as cards under `box`
  KG.similarList = function (i, box, limit) {
    limit = limit || 10;
    return KG.linksOf([i]).then(function (links) {
      links.sort(function (x, y) { return (y.score || 0) - (x.score || 0); });
      var shown = links.slice(0, limit);
      var others = shown.map(function (l) { return l.a === i ? l.b : l.a; });
      return KG.practices(others).then(function (ps) {
        if (!links.length) { box.appendChild(KG.el("p", {className: "kg-hint", text: "暂未找到其他地方的相似做法。"})); }
        shown.forEach(function (l, n) {
          var o = ps[others[n]];
          if (!o) { return; }
          var wrap = KG.el("div", {className: "kg-similar"});
          wrap.appendChild(KG.el("div", {className: "kg-pair-head",
            text: "相似度 " + KG.score(l.score) + "　" + KG.reasons(l)}));
          wrap.appendChild(KG.card(o, {prefix: (o.place !== null ? KG.placeName(o.place) : "未注明地方") + "："}));
          box.appendChild(wrap);
        });
        if (links.length > limit) {
          box.appendChild(KG.el("p", {className: "kg-hint", text: "另有 " + (links.length - limit) + " 条相似做法未列出。"}));
        }
        return links.length;
      });
    });
  };
  KG.decode = function (text) {  // a hand-typed hash may hold a stray %
    try { return decodeURIComponent(text); } catch (e) { return text; }
  };
  KG.placeFromHash = function (h) {  // "#340811" (admin code) or "#n12" (place number)
    h = KG.decode((h || "").replace(/^#/, ""));
    var places = KG.index.places;
    if (/^n\d+$/.test(h)) { var k = +h.slice(1); return k < places.length ? k : null; }
    for (var i = 0; i < places.length; i++) { if (places[i].code && places[i].code === h) { return i; } }
    return null;
  };
  KG.placeHash = function (k) { var p = KG.index.places[k]; return p.code ? p.code : "n" + k; };

  document.addEventListener("DOMContentLoaded", function () { KG.nav(); });
})();
