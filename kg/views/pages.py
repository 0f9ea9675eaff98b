"""The set of pages `kg build` / `kg viz` write.

visualizations/
    lib/                        vis-network and the pages' own CSS and script, once for all pages
    site.json                   what was rendered (page names, counts, overview positions) for
                                kg/views/touched.py, which re-renders only what new bulletins touch
    index.html                  links to every page (+ reports/ and the bundled queries when present)
    overview.html               all practices, localities, target groups, types and similarity links
    locality-<code>.html        one locality's practices (and below) and the similar practices elsewhere
    target-group-<slug>.html    the practices for one target group (and narrower) and similar ones

The pages draw the catalog (kg/catalog/), read once per render.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.catalog.catalog import Catalog, opened, read_catalog
from kg.catalog.records import local_name
from kg.views import graph as vg
from kg.views import render
from kg.views import site as sitefile
from kg.views.facts import concepts_of, place, targets_of

_ASCII_SLUG = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
PATTERNS = ("locality-*.html", "target-group-*.html")
HOME = [("index.html", "← 目录"), ("overview.html", "总览")]
OVERVIEW_TITLE = "组工信息做法总览"
LIB = "lib"


def write_text(path: Path, text: str) -> str:
    """Write a page as UTF-8 beside its place and move it there (a reader never sees half a page)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return str(path)


@dataclass
class Site:
    """Indexes over one catalog, built once for all pages (a page then costs its own size, not the store's)."""

    data: Catalog
    at_loc: dict[str, set[str]]  # locality -> practices at it or inside it
    for_con: dict[str, set[str]]  # concept -> practices with it (or a narrower one) as target or type
    targets: set[str]  # target groups used (with broader ones), for the target-group pages

    @classmethod
    def of(cls, data: Catalog) -> Site:
        at_loc: dict[str, set[str]] = defaultdict(set)
        for_con: dict[str, set[str]] = defaultdict(set)
        targets: set[str] = set()
        for p in data.practices.values():
            for loc in data.locality_chain(place(p)):
                at_loc[loc].add(p.iri)
            for c in concepts_of(p):
                for b in data.concept_chain(c):
                    for_con[b].add(p.iri)
            for t in targets_of(p):
                targets.update(data.concept_chain(t))
        return cls(data, dict(at_loc), dict(for_con), targets)

    def with_similar(self, practices: set[str]) -> set[str]:
        """The practices plus those linked to them as similar (one hop)."""
        out = set(practices)
        for p in practices:
            for k in self.data.links_of(p):
                out.update((k.a, k.b))
        return out

    def build(self, practices: set[str], title: str, focus: set[str] | None = None) -> vg.ViewGraph:
        return vg.build(self.data, practices, title, focus=focus)


@dataclass
class PageSpec:
    name: str  # file name
    kind: str  # locality | target
    iri: str
    label: str
    title: str
    own: set[str]  # the page's practices (before adding the similar ones elsewhere)

    def entry(self) -> dict:
        """The page as site.json lists it."""
        return {
            "name": self.name,
            "kind": self.kind,
            "iri": self.iri,
            "label": self.label,
            "n": len(self.own),
        }


class Names:
    """File names of pages: the admin code or ASCII local name, else a hash (never document text); a
    name once given to an IRI stays its name."""

    def __init__(self, taken: dict[str, str] | None = None):
        self.taken = dict(taken or {})  # IRI -> file name
        self.used = set(self.taken.values())

    def __call__(self, iri: str, prefix: str, preferred: str = "") -> str:
        if iri in self.taken:
            return self.taken[iri]
        name = f"{prefix}-{_slug(iri, preferred)}.html"
        name = name if name not in self.used else f"{prefix}-{_hash(iri)}.html"
        self.used.add(name)
        self.taken[iri] = name
        return name


def _hash(iri: str) -> str:
    return "h" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:10]


def _slug(iri: str, preferred: str = "") -> str:
    for cand in (preferred, local_name(iri)):
        if cand and _ASCII_SLUG.match(cand):
            return cand
    return _hash(iri)


def page_spec(data: Catalog, kind: str, iri: str, own: set[str], names: Names) -> PageSpec:
    """The page of a locality (kind "locality") or a target group (kind "target")."""
    if kind == "locality":
        rec = data.localities.get(iri)
        label = data.locality_name(iri)
        return PageSpec(
            names(iri, "locality", rec.code if rec else ""), kind, iri, label, f"{label}的做法及相似做法", own
        )
    label = data.concept_label(iri)
    return PageSpec(names(iri, "target-group"), kind, iri, label, f"面向“{label}”的做法", own)


def plan(site: Site, taken: dict[str, str] | None = None) -> list[PageSpec]:
    """One page per locality with practices (and each parent) and per target group used.

    taken: IRI -> file name already given (by an earlier render), so that names stay stable.
    """
    data = site.data
    names = Names(taken)
    specs = [
        page_spec(data, "locality", loc, site.at_loc[loc], names)
        for loc in sorted(site.at_loc, key=data.locality_name)
    ]
    specs += [
        page_spec(data, "target", con, site.for_con.get(con, set()), names)
        for con in sorted(site.targets, key=data.concept_label)
    ]
    return specs


def render_all(store: Any, out_dir: str | Path, *, catalog: Catalog | None = None) -> list[str]:
    """Write lib/, index, overview, one page per locality and per target group; returns the paths written.

    store: a store folder or an open store (not read when `catalog` is given). The overview is laid
    out once and its positions anchor every other page's layout.
    """
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if catalog is None:
        with opened(store) as gs:
            catalog = read_catalog(gs)
    site = Site.of(catalog)
    written: list[str] = []
    overview = site.build(set(catalog.practices), OVERVIEW_TITLE)
    anchors = render.layout(overview)
    written.append(
        write_text(out / "overview.html", render.to_html(overview, HOME[:1], lib=LIB, pos=anchors))
    )
    specs = plan(site)
    for spec in specs:
        written.append(render_page(site, spec, out, anchors))
    names = {s.name for s in specs}
    for pattern in PATTERNS:  # pages of localities or groups no longer in the graph
        for old in out.glob(pattern):
            if old.name not in names:
                old.unlink()
    entries = [s.entry() for s in specs]
    seconds = time.perf_counter() - t0
    written.insert(0, write_text(out / "index.html", index_html(out, summary(overview), entries, seconds)))
    written += render.write_lib(out, LIB)
    written.append(sitefile.write_status(out, []))
    written.append(sitefile.save(out, sitefile.from_render(catalog, overview, anchors, entries)))
    return written


def render_page(site: Site, spec: PageSpec, out: Path, anchors: dict) -> str:
    g = site.build(site.with_similar(spec.own), spec.title, focus=spec.own)
    return write_text(
        out / spec.name, render.to_html(g, HOME, lib=LIB, pos=render.layout(g, anchors=anchors))
    )


def summary(overview: vg.ViewGraph) -> dict:
    return {"practices": overview.practices, "similar": overview.counts().get("edge:similar", 0)}


_SERVER_LINK = re.compile(r"<a\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>(.*?)</a\s*>", re.I | re.S)


def _queries_html() -> str:
    """The bundled queries (as the query server lists them), as names to run, not links: the pages work
    offline and without a server, so no http:// reference may remain."""
    from kg.sparql.serve import bundled_examples_html

    return _SERVER_LINK.sub(r"<code>\1</code>", bundled_examples_html())


def index_html(out: Path, summary: dict, entries: list[dict], seconds: float, note: str = "") -> str:
    """The table of contents (template view_index.html). summary: {"practices", "similar"}; entries: one
    dict per page (`PageSpec.entry`); note: a line on what is out of date (after an incremental render)."""
    from markupsafe import Markup

    from kg.templates import render_page

    def pages(kind: str) -> list[tuple[str, str, int]]:
        found = [(e["name"], e["label"], e["n"]) for e in entries if e["kind"] == kind]
        return sorted(found, key=lambda t: (-t[2], t[1]))

    reports = ""
    for folder in (out / "reports", out.parent / "reports"):
        if folder.is_dir():
            reports = os.path.relpath(folder, out).replace(os.sep, "/") + "/"
            break
    return render_page(
        "view_index.html",
        lib=LIB,
        practices=summary["practices"],
        similar=summary["similar"],
        note=note,
        localities=pages("locality"),
        targets=pages("target"),
        coverage=(out / "coverage.html").exists(),
        reports=reports,
        queries=Markup(_queries_html()),  # the query server's own listing, escaped where it is made
        seconds=seconds,
    )
