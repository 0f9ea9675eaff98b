"""The set of pages `kg build` / `kg viz` write, and the filtered single page.

visualizations/
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
from collections.abc import Iterable
from pathlib import Path

from kg.errors import KGError
from kg.store import GraphStore
from kg.views import graph as vg
from kg.views import render, ui
from kg.views.model import Data, load, local_name

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


def render_all(store_path: str | Path, out_dir: str | Path) -> list[str]:
    """Write index, overview, one page per locality and per target group; returns the paths written."""
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with GraphStore(store_path, read_only=True) as gs:
        data = load(gs)
    written: list[str] = []
    home = [("index.html", "← 目录"), ("overview.html", "总览")]
    overview = vg.build(data, data.practices, "组工信息做法总览")
    written.append(_write(out / "overview.html", render.to_html(overview, home[:1])))
    loc_pages, tg_pages = [], []
    used_locs = {c for p in data.practices.values() for c in data.locality_chain(p.locality)}
    names: set[str] = set()
    for loc in sorted(used_locs, key=data.locality_name):
        rec = data.localities.get(loc)
        name = f"locality-{_slug(loc, rec.code if rec else '')}.html"
        name = name if name not in names else f"locality-{_hash(loc)}.html"
        names.add(name)
        own = at_locality(data, loc)
        g = vg.build(data, with_similar(data, own), f"{data.locality_name(loc)}的做法及相似做法")
        written.append(_write(out / name, render.to_html(g, home)))
        loc_pages.append((name, data.locality_name(loc), len(own)))
    used_tgs = {c for p in data.practices.values() for t in p.targets for c in data.concept_chain(t)}
    for con in sorted(used_tgs, key=data.concept_label):
        name = f"target-group-{_slug(con)}.html"
        name = name if name not in names else f"target-group-{_hash(con)}.html"
        names.add(name)
        own = for_concept(data, con)
        g = vg.build(data, with_similar(data, own), f"面向“{data.concept_label(con)}”的做法")
        written.append(_write(out / name, render.to_html(g, home)))
        tg_pages.append((name, data.concept_label(con), len(own)))
    for pattern in PATTERNS:  # pages of localities or groups no longer in the graph
        for old in out.glob(pattern):
            if old.name not in names:
                old.unlink()
    seconds = time.perf_counter() - t0
    index = index_html(out, overview, loc_pages, tg_pages, seconds)
    written.insert(0, _write(out / "index.html", index))
    return written


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


def index_html(out: Path, overview: vg.ViewGraph, loc_pages: list, tg_pages: list, seconds: float) -> str:
    counts = overview.counts()
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>CadreKG 组工信息知识图谱 · 目录</title><style>{ui.CSS}</style></head>",
        '<body><main class="kg-index"><h1>CadreKG 组工信息知识图谱 · 浏览</h1>',
        f"<p>共 {overview.practices} 项做法、{len(loc_pages)} 个地方、{counts.get('edge:similar', 0)} 条相似关联。"
        "所有页面可离线打开，不访问网络。</p>",
        '<h2>总览</h2><ul><li><a href="overview.html">总览网络图</a>'
        '<span class="count">（地方、做法、对象、做法类型与相似做法）</span></li></ul>',
        f"<h2>各地做法（{len(loc_pages)}）</h2>{_links(loc_pages)}",
        f"<h2>按对象（{len(tg_pages)}）</h2>{_links(tg_pages)}",
    ]
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
