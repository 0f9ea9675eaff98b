"""Incremental rendering of the views after `kg add`: re-render only the pages the added bulletins touch.

    update_pages(gs, out_dir, bulletin_keys, site, *, limit=LIMIT) -> Touched

kg/render.py calls it (with the reports and the coverage page beside it) when an earlier full render
left a site.json (kg/views/site.py); it reads the store through the catalog, only around the new
practices.

What is re-rendered, from the bulletins' named graphs (kg/graph/iris.py `bulletin_graph`):
* the pages of the localities (with the localities they are in) and target groups (with broader ones)
  of the bulletins' practices, and those the bulletins were on before (an edited bulletin), when the
  page has at most `limit` practices of its own; a page above that (a province, a broad target
  group) would cost a large part of a full render: it is marked out of date instead;
* the index (from site.json, without reading the store).

What is marked out of date, cheaply (a full render — `kg build`, `kg viz` — refreshes all): the
overview, the big pages above, and the pages of the localities whose practices gained a similarity link
to a new practice (they show the new one only after a full render): `lib/status.js` lists them, each
such page shows a note, and the index says how many.

Locality and target-group pages draw the similarity links of their own practices (to practices
elsewhere), not those among the practices elsewhere, in full and incremental renders alike: that is
what keeps a page's data, and its re-rendering, proportional to the page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.catalog.catalog import Catalog, read_around
from kg.catalog.links import linked_to
from kg.catalog.places import practices_at, within
from kg.catalog.practices import practices_in, practices_with
from kg.catalog.scheme import Scheme
from kg.graph import iris
from kg.views import render
from kg.views import site as sitefile
from kg.views.facts import place, targets_of
from kg.views.pages import HOME, LIB, Names, Site, index_html, page_spec, write_text

LIMIT = 40  # own practices of a page re-rendered in place; bigger pages are marked out of date


@dataclass
class Touched:
    """What an update re-rendered, and what the reports of the same update need to know."""

    written: list[Path] = field(default_factory=list)
    near: Catalog | None = None  # the new practices and those linked to them
    new: set[str] = field(default_factory=set)  # the added bulletins' practices
    linked: set[str] = field(default_factory=set)  # practices elsewhere linked to a new one


def below(gs: Any, kind: str, iri: str, scheme: Scheme) -> set[str]:
    """The practices a locality or target-group page is about: at the place or inside it, aimed at the
    group or a narrower one (the places below first, then their practices: Oxigraph evaluates a property
    path joined with the rest of a pattern slowly, 3 s for one county on a 10k-article store)."""
    if kind == "locality":
        return practices_at(gs, within(gs, [iri]))
    return practices_with(gs, scheme.descendants(iri))


def update_pages(
    gs: Any, out_dir: str | Path, bulletin_keys: list[str], site: dict, *, limit: int = LIMIT
) -> Touched:
    """Re-render the pages these bulletins touch (see the module docstring), the status file, the index
    and site.json; `site` is site.json as the last render left it (updated here)."""
    out = Path(out_dir)
    keys = sorted(set(bulletin_keys))
    t0 = time.perf_counter()
    new = practices_in(gs, [iris.bulletin_graph(k) for k in keys])
    linked = linked_to(gs, new) - new if new else set()
    near = read_around(gs, new)  # facts of the new practices and their neighbours
    own_pages, near_pages = _pages_of(near, new), _pages_of(near, linked)
    for k in keys:  # where an edited bulletin's practices were before
        own_pages |= {("name", n) for n in site["bulletins"].get(k, [])}

    by_key = {(e["kind"], e["iri"]): e for e in site["pages"]}
    by_name = {e["name"]: e for e in site["pages"]}
    names = Names({e["iri"]: e["name"] for e in site["pages"]})
    todo: list[tuple[str, str]] = []  # (kind, iri) re-rendered
    stale: set[str] = set(site.get("stale", [])) | {"overview.html"}
    for page in sorted(own_pages):
        entry = by_name.get(page[1]) if page[0] == "name" else by_key.get(page)
        if entry is not None and entry["n"] > limit:
            stale.add(entry["name"])
        elif entry is not None:
            todo.append((entry["kind"], entry["iri"]))
        elif page[0] != "name":
            todo.append(page)
    owns = {}
    for kind, iri in dict.fromkeys(todo):
        owns[(kind, iri)] = below(gs, kind, iri, near.scheme)
    big = [k for k, v in owns.items() if len(v) > limit]
    for k in big:
        stale.add(by_key[k]["name"] if k in by_key else "")
        del owns[k]

    written: list[Path] = []
    if owns:
        members = set().union(*owns.values())
        data = read_around(gs, members, scheme=near.scheme)
        view = Site.of(data)
        anchors = {k: tuple(v) for k, v in site["anchors"].items()}
        for (kind, iri), own in sorted(owns.items()):
            spec = page_spec(data, kind, iri, own & set(data.practices), names)
            if not spec.own:  # nothing left here (an edited bulletin moved away): drop the page
                (out / spec.name).unlink(missing_ok=True)
                by_name.pop(spec.name, None)
                continue
            g = view.build(view.with_similar(spec.own), spec.title, focus=spec.own)
            pos = render.layout(g, anchors=anchors)
            written.append(Path(write_text(out / spec.name, render.to_html(g, HOME, lib=LIB, pos=pos))))
            by_name[spec.name] = spec.entry()
            stale.discard(spec.name)
    done = {p.name for p in written}
    for page in sorted(near_pages):  # pages that show a linked practice: the new link is missing there
        entry = by_key.get(page)
        if entry is not None and entry["name"] not in done:
            stale.add(entry["name"])
    stale.discard("")

    site["pages"] = sorted(by_name.values(), key=lambda e: (e["kind"], e["name"]))
    site["stale"] = sorted(stale)
    name_of = {(e["kind"], e["iri"]): e["name"] for e in site["pages"]}
    for k in keys:
        mine = {p for p in new if iris.bulletin_key_of(p) == k}
        site["bulletins"][k] = sorted({name_of[p] for p in _pages_of(near, mine) if p in name_of})
    site["summary"] = {
        "practices": sum(int(b.get("practices") or 0) for b in gs.bulletins.values()),
        "similar": site["summary"]["similar"] + sum(1 for k in near.links if k.a in new or k.b in new),
    }
    written.append(Path(sitefile.write_status(out, site["stale"], LIB)))
    note = (
        f"新增公报后，{len(site['stale'])} 个页面（含总览）尚未更新，页面上有提示；运行 kg viz 或 kg build 重新生成全部页面。"
        if site["stale"]
        else ""
    )
    index = index_html(out, site["summary"], site["pages"], time.perf_counter() - t0, note)
    written.append(Path(write_text(out / "index.html", index)))
    written.append(Path(sitefile.save(out, site)))
    return Touched(written, near, new, linked)


def _pages_of(data: Catalog, practices: set[str]) -> set[tuple[str, str]]:
    """(kind, iri) of the locality and target-group pages these practices are on."""
    pages: set[tuple[str, str]] = set()
    for p in practices:
        rec = data.practices.get(p)
        if rec is None:
            continue
        pages |= {("locality", loc) for loc in data.locality_chain(place(rec))}
        pages |= {("target", c) for t in targets_of(rec) for c in data.concept_chain(t)}
    return pages
