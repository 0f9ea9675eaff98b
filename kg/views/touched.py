"""Incremental rendering after `kg add`: re-render only what the added bulletins touch.

    render_touched(store, out_dir, bulletin_keys, *, model=None, limit=LIMIT) -> [Path]

store: a store path or an open `GraphStore` (pass the open one when at hand: opening a 10,000-article
store read-only alone takes ~0.8 s). model: the link model when at hand (else loaded, ~1.3 s on a
10,000-article store, for the reports' "why similar" reasons).

What is re-rendered, from the bulletins' named graphs (https://w3id.org/cadrekg/id/graph/bulletin/{key}):
* the pages of the localities (with the localities they are in) and target groups (with broader ones)
  of the bulletins' practices, and those the bulletins were on before (an edited bulletin), when the
  page has at most `limit` practices of its own; a page above that (a province, a broad target
  group) would cost a large part of a full render: it is marked out of date instead;
* the reports of the bulletins' own localities (and of the localities they are in that have one)
  with at most `limit` practices; the bigger ones are flagged in the reports index;
* the index (from site.json, without reading the store) and the reports index.

What is marked out of date, cheaply (a full render — `kg build`, `kg viz` — refreshes all):
* the overview, the big pages and reports above, and the pages and reports of the localities whose practices
  gained a similarity link to a new practice (they show the new one only after a full render):
  `lib/status.js` lists them and each such page shows a note; the index says how many;
* the coverage page: a note at its top (its figures are from the last full render).

Without a site.json from an earlier full render (or after a version change) it renders everything.
Locality and target-group pages draw the similarity links of their own practices (to practices
elsewhere), not those among the practices elsewhere, in full and incremental renders alike: that
is what keeps a page's data, and its re-rendering, proportional to the page.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from kg.store import GraphStore
from kg.views import render
from kg.views import site as sitefile
from kg.views.model import Data, load
from kg.views.pages import HOME, LIB, PATTERNS, PageSpec, Site, _entry, _hash, _slug, _write, index_html

LIMIT = 40  # own practices of a page re-rendered in place; bigger pages are marked out of date
GRAPH = "https://w3id.org/cadrekg/id/graph/bulletin/"

_IN_GRAPHS = "SELECT DISTINCT ?p WHERE { VALUES ?g { %s } GRAPH ?g { ?p a ckg:Practice } }"
_LINKED = """SELECT DISTINCT ?o WHERE { VALUES ?x { %s }
  { ?l ckg:fromPractice ?x ; ckg:toPractice ?o } UNION { ?l ckg:toPractice ?x ; ckg:fromPractice ?o }
  ?l a ckg:SimilarityLink }"""
# Two steps (the places or concepts below, then their practices): Oxigraph evaluates a property
# path joined with the rest of a pattern slowly (3 s for one county on a 10k-article store).
_BELOW = {
    "locality": "SELECT DISTINCT ?x WHERE { VALUES ?top { %s } ?x schema:containedInPlace* ?top }",
    "target": "SELECT DISTINCT ?x WHERE { VALUES ?top { %s } ?x skos:broader* ?top }",
}
_OWN = {  # a practice is at its own locality, else at its article's (as kg.views.model reads it)
    "locality": """SELECT DISTINCT ?p WHERE { VALUES ?x { %s }
  { ?p ckg:locality ?x ; ckg:describedIn ?a0 }
  UNION { ?art ckg:locality ?x . ?p ckg:describedIn ?art FILTER NOT EXISTS { ?p ckg:locality ?y } } }""",
    "target": "SELECT DISTINCT ?p WHERE { VALUES ?x { %s } { ?p ckg:targets ?x } UNION { ?p ckg:practiceType ?x } }",
}


def _own(gs: GraphStore, kind: str, iri: str) -> set[str]:
    """The practices a locality or target-group page is about."""
    below = _ids(gs, _BELOW[kind], [iri], "x") | {iri}
    return _ids(gs, _OWN[kind], below, "p")


def _iri(i: str) -> str:
    from kg.report.data import iri

    return iri(i)


def _ids(gs: GraphStore, query: str, iris: Iterable[str], var: str) -> set[str]:
    ordered = sorted(iris)
    out: set[str] = set()
    for k in range(0, len(ordered), 400):
        out |= {r[var].value for r in gs.query(query % " ".join(_iri(i) for i in ordered[k : k + 400]))}
    return out


def render_touched(
    store: str | Path | GraphStore,
    out_dir: str | Path,
    bulletin_keys: Iterable[str],
    *,
    model=None,
    limit: int = LIMIT,
) -> list[Path]:
    """Re-render what these bulletins touch (see the module docstring); returns the files written."""
    if not isinstance(store, GraphStore):
        with GraphStore(store, read_only=True) as gs:
            return render_touched(gs, out_dir, bulletin_keys, model=model, limit=limit)
    gs = store
    out = Path(out_dir)
    keys = sorted(set(bulletin_keys))
    site = sitefile.load(out)
    if site is None or not (out / "index.html").exists():
        return _full(gs, out)
    if not keys:
        return []
    t0 = time.perf_counter()
    new = _ids(gs, _IN_GRAPHS, [GRAPH + k for k in keys], "p")
    linked = _ids(gs, _LINKED, new, "o") - new if new else set()
    near = load(gs, new | linked, links_from=new)  # facts of the new practices and their neighbours
    own_pages, near_pages = _pages_of(near, new), _pages_of(near, linked)
    for k in keys:  # where an edited bulletin's practices were before
        own_pages |= {("name", n) for n in site["bulletins"].get(k, [])}

    by_key = {(e["kind"], e["iri"]): e for e in site["pages"]}
    by_name = {e["name"]: e for e in site["pages"]}
    taken = {e["iri"]: e["name"] for e in site["pages"]}
    names = set(by_name)
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
        owns[(kind, iri)] = _own(gs, kind, iri)
    big = [k for k, v in owns.items() if len(v) > limit]
    for k in big:
        stale.add(by_key[k]["name"] if k in by_key else "")
        del owns[k]

    written: list[Path] = []
    if owns:
        members = set().union(*owns.values())
        similar = _ids(gs, _LINKED, members, "o") if members else set()
        data = load(gs, members | similar, links_from=members)
        view = Site.of(data)
        anchors = {k: tuple(v) for k, v in site["anchors"].items()}
        for (kind, iri), own in sorted(owns.items()):
            spec = _spec(data, kind, iri, own & set(data.practices), taken, names)
            if not spec.own:  # nothing left here (an edited bulletin moved away): drop the page
                (out / spec.name).unlink(missing_ok=True)
                by_name.pop(spec.name, None)
                continue
            g = view.build(view.with_similar(spec.own), spec.title, focus=spec.own)
            pos = render.layout(g, anchors=anchors)
            written.append(Path(_write(out / spec.name, render.to_html(g, HOME, lib=LIB, pos=pos))))
            by_name[spec.name] = _entry(spec)
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
        mine = {p for p in new if sitefile.bulletin_key(p) == k}
        site["bulletins"][k] = sorted({name_of[p] for p in _pages_of(near, mine) if p in name_of})
    site["summary"] = {
        "practices": sum(int(b.get("practices") or 0) for b in gs.bulletins.values()),
        "similar": site["summary"]["similar"] + sum(1 for k in near.links if k.a in new or k.b in new),
    }
    written += _finish(gs, out, site, near, new, linked, model, t0, limit)
    return written


def _pages_of(data: Data, practices: set[str]) -> set[tuple[str, str]]:
    """(kind, iri) of the locality and target-group pages these practices are on."""
    pages: set[tuple[str, str]] = set()
    for p in practices:
        rec = data.practices.get(p)
        if rec is None:
            continue
        pages |= {("locality", loc) for loc in data.locality_chain(rec.locality)}
        pages |= {("target", c) for t in rec.targets for c in data.concept_chain(t)}
    return pages


def _spec(data: Data, kind: str, iri: str, own: set[str], taken: dict, names: set) -> PageSpec:
    if kind == "locality":
        rec = data.localities.get(iri)
        label = data.locality_name(iri)
        title, prefix, preferred = f"{label}的做法及相似做法", "locality", rec.code if rec else ""
    else:
        label = data.concept_label(iri)
        title, prefix, preferred = f"面向“{label}”的做法", "target-group", ""
    name = taken.get(iri)
    if name is None:
        name = f"{prefix}-{_slug(iri, preferred)}.html"
        name = name if name not in names else f"{prefix}-{_hash(iri)}.html"
        names.add(name)
        taken[iri] = name
    return PageSpec(name, kind, iri, label, title, own)


def _finish(
    gs, out: Path, site: dict, near: Data, new: set, linked: set, model, t0: float, limit: int = LIMIT
) -> list[Path]:
    """Reports of the new practices' localities, stale marks, index, site.json."""
    from kg.report import mark_reports_stale, render_locality_reports, report_localities
    from kg.stats import mark_coverage_stale

    mine = {near.practices[p].locality for p in new if p in near.practices and near.practices[p].locality}
    sizes = report_localities(out)
    todo = {
        loc for loc in mine | {c for m in mine for c in near.locality_chain(m)} if sizes.get(loc, 0) <= limit
    }
    todo = {loc for loc in todo if loc in mine or loc in sizes}  # parents only when they have a report
    reports = render_locality_reports(gs, out, todo, model=model)
    others = {near.practices[p].locality for p in linked if p in near.practices} | set(sizes) & {
        c for m in mine for c in near.locality_chain(m)
    }
    written = [Path(p) for p in reports]
    written += [Path(p) for p in mark_reports_stale(out, others - todo - {None})]
    written.append(Path(write_status(out, site["stale"])))
    note = (
        f"新增公报后，{len(site['stale'])} 个页面（含总览）尚未更新，页面上有提示；运行 kg viz 或 kg build 重新生成全部页面。"
        if site["stale"]
        else ""
    )
    written.append(
        Path(
            _write(
                out / "index.html",
                index_html(out, site["summary"], site["pages"], time.perf_counter() - t0, note),
            )
        )
    )
    cov = mark_coverage_stale(out)
    if cov:
        written.append(Path(cov))
    written.append(Path(sitefile.save(out, site)))
    return written


def write_status(out: Path, stale: list[str]) -> str:
    """lib/status.js: the pages left out of date (each shows a note); `{}` after a full render."""
    from kg.views.ui import safe_json

    return _write(out / LIB / "status.js", f"window.kgStale = {safe_json({n: 1 for n in stale})};\n")


def _full(gs: GraphStore, out: Path) -> list[Path]:
    from kg.report import render_reports
    from kg.stats import write_coverage_page
    from kg.views.pages import render_all

    written = [write_coverage_page(gs, out)]
    written += render_reports(gs, out)
    written += render_all(gs, out)
    return [Path(p) for p in written]


__all__ = ["render_touched", "LIMIT", "PATTERNS"]
