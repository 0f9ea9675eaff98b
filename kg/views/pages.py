"""The set of pages `kg build` / `kg viz` write, and the filtered single page.

visualizations/
    lib/                        vis-network and the pages' own CSS and script, once for all pages
    site.json                   what was rendered (page names, counts, overview positions) for
                                `render_touched`, which re-renders only what new bulletins touch
    index.html                  links to every page (+ reports/ and the bundled queries when present)
    overview.html               all practices, localities, target groups, types and similarity links
    locality-<code>.html        one locality's practices (and below) and the similar practices elsewhere
    target-group-<slug>.html    the practices for one target group (and narrower) and similar ones
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.store import GraphStore
from kg.views import graph as vg
from kg.views import render
from kg.views.model import Data, Link, load, local_name

_ASCII_SLUG = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
PATTERNS = ("locality-*.html", "target-group-*.html")


def _hash(iri: str) -> str:
    return "h" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:10]


def _slug(iri: str, preferred: str = "") -> str:
    """A file-name part: the admin code or ASCII local name, else a hash (never document text)."""
    for cand in (preferred, local_name(iri)):
        if cand and _ASCII_SLUG.match(cand):
            return cand
    return _hash(iri)


def _write(path: Path, text: str) -> str:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return str(path)


@dataclass
class Site:
    """Indexes over one `Data`, built once for all pages (a page then costs its own size, not the store's)."""

    data: Data
    links_of: dict[str, list[Link]]
    at_loc: dict[str, set[str]]  # locality -> practices at it or inside it
    for_con: dict[str, set[str]]  # concept -> practices with it (or a narrower one) as target or type
    targets: set[str]  # target groups used (with broader ones), for the target-group pages

    @classmethod
    def of(cls, data: Data) -> Site:
        at_loc: dict[str, set[str]] = defaultdict(set)
        for_con: dict[str, set[str]] = defaultdict(set)
        targets: set[str] = set()
        for p in data.practices.values():
            for loc in data.locality_chain(p.locality):
                at_loc[loc].add(p.iri)
            for c in p.targets + p.types:
                for b in data.concept_chain(c):
                    for_con[b].add(p.iri)
            for t in p.targets:
                targets.update(data.concept_chain(t))
        return cls(data, vg.links_by_practice(data), dict(at_loc), dict(for_con), targets)

    def with_similar(self, practices: set[str]) -> set[str]:
        """The practices plus those linked to them as similar (one hop)."""
        out = set(practices)
        for p in practices:
            for k in self.links_of.get(p, ()):
                out.update((k.a, k.b))
        return out

    def build(self, practices: set[str], title: str, focus: set[str] | None = None) -> vg.ViewGraph:
        return vg.build(self.data, practices, title, links_of=self.links_of, focus=focus)


def with_similar(data: Data, practices: set[str]) -> set[str]:
    """The practices plus those linked to them as similar (one hop)."""
    out = set(practices)
    for k in data.links:
        if k.a in practices or k.b in practices:
            out.update((k.a, k.b))
    return out


def at_locality(data: Data, loc: str) -> set[str]:
    return {p.iri for p in data.practices.values() if loc in data.locality_chain(p.locality)}


def for_concept(data: Data, concept: str) -> set[str]:
    return {
        p.iri
        for p in data.practices.values()
        if any(concept in data.concept_chain(c) for c in p.targets + p.types)
    }


@dataclass
class PageSpec:
    name: str  # file name
    kind: str  # locality | target
    iri: str
    label: str
    title: str
    own: set[str]  # the page's practices (before adding the similar ones elsewhere)


def plan(site: Site, taken: dict[str, str] | None = None) -> list[PageSpec]:
    """One page per locality with practices (and each parent) and per target group used.

    taken: IRI -> file name already given (by an earlier render), so that names stay stable.
    """
    data = site.data
    taken = dict(taken or {})
    names = set(taken.values())
    specs = []

    def name_for(iri: str, prefix: str, preferred: str = "") -> str:
        if iri in taken:
            return taken[iri]
        name = f"{prefix}-{_slug(iri, preferred)}.html"
        name = name if name not in names else f"{prefix}-{_hash(iri)}.html"
        names.add(name)
        taken[iri] = name
        return name

    for loc in sorted(site.at_loc, key=data.locality_name):
        rec = data.localities.get(loc)
        name = name_for(loc, "locality", rec.code if rec else "")
        label = data.locality_name(loc)
        specs.append(PageSpec(name, "locality", loc, label, f"{label}的做法及相似做法", site.at_loc[loc]))
    for con in sorted(site.targets, key=data.concept_label):
        name = name_for(con, "target-group")
        label = data.concept_label(con)
        specs.append(
            PageSpec(name, "target", con, label, f"面向“{label}”的做法", site.for_con.get(con, set()))
        )
    return specs


HOME = [("index.html", "← 目录"), ("overview.html", "总览")]
OVERVIEW_TITLE = "组工信息做法总览"


def render_all(store_path: str | Path | GraphStore, out_dir: str | Path) -> list[str]:
    """Write lib/, index, overview, one page per locality and per target group; returns the paths written.

    store_path: a store folder or an open store. The overview is laid out once and its positions
    anchor every other page's layout.
    """
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if isinstance(store_path, GraphStore):
        data = load(store_path)
    else:
        with GraphStore(store_path, read_only=True) as gs:
            data = load(gs)
    site = Site.of(data)
    written: list[str] = []
    overview = site.build(set(data.practices), OVERVIEW_TITLE)
    anchors = render.layout(overview)
    written.append(_write(out / "overview.html", render.to_html(overview, HOME[:1], lib=LIB, pos=anchors)))
    specs = plan(site)
    for spec in specs:
        written.append(render_page(site, spec, out, anchors))
    names = {s.name for s in specs}
    for pattern in PATTERNS:  # pages of localities or groups no longer in the graph
        for old in out.glob(pattern):
            if old.name not in names:
                old.unlink()
    entries = [_entry(s) for s in specs]
    seconds = time.perf_counter() - t0
    written.insert(0, _write(out / "index.html", index_html(out, _summary(overview), entries, seconds)))
    from kg.views import site as sitefile

    written += render.write_lib(out, LIB)
    from kg.views.touched import write_status

    written.append(write_status(out, []))
    written.append(sitefile.save(out, sitefile.from_render(data, overview, anchors, entries)))
    return written


LIB = "lib"


def render_page(site: Site, spec: PageSpec, out: Path, anchors: dict) -> str:
    g = site.build(site.with_similar(spec.own), spec.title, focus=spec.own)
    return _write(out / spec.name, render.to_html(g, HOME, lib=LIB, pos=render.layout(g, anchors=anchors)))


def _entry(spec: PageSpec) -> dict:
    return {"name": spec.name, "kind": spec.kind, "iri": spec.iri, "label": spec.label, "n": len(spec.own)}


def _summary(overview: vg.ViewGraph) -> dict:
    return {"practices": overview.practices, "similar": overview.counts().get("edge:similar", 0)}


def _links(pages: list[tuple[str, str, int]]) -> str:
    items = "".join(
        f'<li><a href="{html.escape(name)}">{html.escape(label)}</a> <span class="count">{n} 项</span></li>'
        for name, label, n in sorted(pages, key=lambda t: (-t[2], t[1]))
    )
    return f'<ul class="cols">{items}</ul>' if items else "<p>（无）</p>"


_SERVER_LINK = re.compile(r"<a\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>(.*?)</a\s*>", re.I | re.S)


def _queries_html() -> str:
    """The bundled queries (from the query server module when present), as names to run, not links:
    the pages work offline and without a server, so no http:// reference may remain."""
    try:
        from kg.sparql.serve import bundled_examples_html  # type: ignore[attr-defined]

        listing = str(bundled_examples_html())
    except Exception:  # optional: the query server module may be absent
        return ""
    listing = _SERVER_LINK.sub(r"<code>\1</code>", listing)
    return (
        "<p>在命令行运行 <code>kg query 名称</code>；或运行 <code>kg serve</code> 后在本机查询页中打开。</p>"
        + listing
    )


def index_html(out: Path, summary: dict, entries: list[dict], seconds: float, note: str = "") -> str:
    """The table of contents. summary: {"practices", "similar"}; entries: one dict per page (`_entry`);
    note: a line on what is out of date (after an incremental render)."""
    loc_pages = [(e["name"], e["label"], e["n"]) for e in entries if e["kind"] == "locality"]
    tg_pages = [(e["name"], e["label"], e["n"]) for e in entries if e["kind"] == "target"]
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<title>CadreKG 组工信息知识图谱 · 目录</title><link rel="stylesheet" href="{LIB}/kg-view.css"></head>',
        '<body><main class="kg-index"><h1>CadreKG 组工信息知识图谱 · 浏览</h1>',
        f"<p>共 {summary['practices']} 项做法、{len(loc_pages)} 个地方、{summary['similar']} 条相似关联。"
        "所有页面可离线打开，不访问网络。</p>",
        f'<p class="kg-note">{html.escape(note)}</p>' if note else "",
        '<h2>总览</h2><ul><li><a href="overview.html">总览网络图</a>'
        '<span class="count">（地方、做法、对象、做法类型与相似做法）</span></li></ul>',
        f"<h2>各地做法（{len(loc_pages)}）</h2>{_links(loc_pages)}",
        f"<h2>按对象（{len(tg_pages)}）</h2>{_links(tg_pages)}",
    ]
    if (out / "coverage.html").exists():
        parts.append(
            '<h2>覆盖情况</h2><ul><li><a href="coverage.html">图谱覆盖情况（kg stats）</a></li></ul>'
        )
    for reports in (out / "reports", out.parent / "reports"):
        if reports.is_dir():
            href = os.path.relpath(reports, out).replace(os.sep, "/") + "/"
            parts.append(f'<h2>报告</h2><ul><li><a href="{html.escape(href)}">报告文件夹</a></li></ul>')
            break
    queries = _queries_html()
    if queries:
        parts.append(f"<h2>查询示例</h2>{queries}")
    parts.append(f'<p class="count">生成用时 {seconds:.1f} 秒。</p></main></body></html>')
    return "\n".join(parts)


# -- kg viz with filters ----------------------------------------------------------------------------


def _match(values: Iterable[str], candidates: dict[str, list[str]], what: str) -> set[str]:
    """IRIs whose names equal (else contain) each value; an unknown value is a user error."""
    found: set[str] = set()
    for v in values:
        v = v.strip()
        hit = {iri for iri, names in candidates.items() if v in names}
        hit = hit or {iri for iri, names in candidates.items() if v and any(v in n for n in names)}
        if not hit:
            sample = "、".join(sorted({names[0] for names in candidates.values()})[:8])
            raise KGError(f"图谱中没有{what}“{v}”；可选的有：{sample or '（无）'}")
        found |= hit
    return found


def select(data: Data, localities=(), target_groups=(), practice_types=(), years=()) -> set[str]:
    """Practices matching every given filter (values within one filter: any of them)."""
    chosen = set(data.practices)
    if localities:
        names = {iri: [loc.label, loc.code, data.locality_name(iri)] for iri, loc in data.localities.items()}
        locs = _match(localities, {k: [n for n in v if n] for k, v in names.items()}, "地方")
        chosen &= {p for loc in locs for p in at_locality(data, loc)}
    for values, kind, what in ((target_groups, "target", "对象"), (practice_types, "ptype", "做法类型")):
        if values:
            names = {
                c.iri: [c.label, *c.alt, local_name(c.iri)] for c in data.concepts.values() if c.kind == kind
            }
            cons = _match(values, names, what)
            chosen &= {p for c in cons for p in for_concept(data, c)}
    if years:
        wanted = {int(y) for y in years}
        chosen &= {p.iri for p in data.practices.values() if p.year in wanted}
    return chosen


def render_filtered(
    gs: GraphStore, output: str | Path, localities=(), target_groups=(), practice_types=(), years=()
) -> str:
    """One page of the practices matching the filters; returns the path written."""
    data = load(gs)
    chosen = select(data, localities, target_groups, practice_types, years)
    bits = [
        ("地方", localities),
        ("对象", target_groups),
        ("类型", practice_types),
        ("年份", [str(y) for y in years]),
    ]
    label = "；".join(f"{k}：{'、'.join(map(str, v))}" for k, v in bits if v)
    g = vg.build(data, chosen, f"做法筛选（{label}）" if label else "组工信息做法总览")
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    nav = [("index.html", "← 目录")] if (out.parent / "index.html").exists() else []
    return _write(out, render.to_html(g, nav))
