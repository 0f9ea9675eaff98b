"""The reports folder a build publishes: out_dir/reports/<locality>.md and .html for every locality with
practices, index.html (a table of them) and index.json (its rows, for updates in place after `kg add`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.catalog.catalog import Catalog, opened, read_around, read_catalog
from kg.catalog.counts import corpus_summary
from kg.catalog.places import practices_at, within
from kg.lazyre import lazy
from kg.report.build import for_locality
from kg.report.formats import render

PAGES = ("md", "html")  # the formats written for every locality


def render_reports(
    store: Any, out_dir: str | Path, *, top: int = 5, catalog: Catalog | None = None, model: Any = None
) -> list[str]:
    """Write a report for every locality with practices, and the index; returns the paths written.

    store: a store folder or an open store. The store is read once (`catalog`, when the caller has read
    it already) and every report is answered from memory."""
    from kg.link.state import load_model

    folder = Path(out_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    with opened(store) as gs:
        cat = catalog or read_catalog(gs)
        model = model or load_model(gs)
        corpus = corpus_summary(gs)
    rows: dict = {}
    written: list[str] = []
    for iri in sorted({p.locality.iri for p in cat.practices.values() if p.locality}):
        row, paths = _write_report(cat, model, corpus, folder, iri, top)
        if row:
            rows[iri] = row
            written += paths
    for old in _stale_files(folder, rows):
        old.unlink()
    written += _write_index(folder, rows)
    return written


def render_locality_reports(
    gs: Any, out_dir: str | Path, localities: Any, *, top: int = 5, model: Any = None, scheme: Any = None
) -> list[str]:
    """Re-render the reports of these localities only (and the reports index); for an update after
    `kg add`. The index keeps the other localities' rows; a locality without practices any more loses
    its report."""
    from kg.link.state import load_model

    folder = Path(out_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    rows = _read_index(folder)
    model = model or load_model(gs)
    todo = sorted(set(localities))
    cat = read_around(gs, practices_at(gs, within(gs, todo)), scheme=scheme) if todo else None
    own = {p.locality.iri for p in cat.practices.values() if p.locality} if cat else set()
    corpus = corpus_summary(gs)
    written: list[str] = []
    for iri in todo:
        old = rows.pop(iri, None)
        row, paths = _write_report(cat, model, corpus, folder, iri, top) if cat and iri in own else (None, [])
        if row:
            rows[iri] = row
            written += paths
        elif old:
            for fmt in PAGES:
                (folder / f"{old['stem']}.{fmt}").unlink(missing_ok=True)
    written += _write_index(folder, rows)
    return written


def update_reports(
    gs: Any, out_dir: str | Path, near: Catalog, new: set[str], linked: set[str], *, model: Any, limit: int
) -> list[str]:
    """After `kg add`: re-render the reports of the new practices' localities (and of the localities
    they are in that have a report) with at most `limit` practices, and flag as out of date those a
    full render would change otherwise (bigger ones, and those of the practices linked to a new one).
    `near`: the catalog around the new practices."""
    mine = {near.practices[p].locality.iri for p in new if p in near.practices and near.practices[p].locality}
    up = {c for m in mine for c in near.locality_chain(m)}
    sizes = report_localities(out_dir)
    todo = {loc for loc in mine | up if sizes.get(loc, 0) <= limit}
    todo = {loc for loc in todo if loc in mine or loc in sizes}  # parents only when they have a report
    written = render_locality_reports(gs, out_dir, todo, model=model, scheme=near.scheme)
    others = {
        near.practices[p].locality.iri for p in linked if p in near.practices and near.practices[p].locality
    }
    return written + mark_reports_stale(out_dir, (others | (set(sizes) & up)) - todo)


def report_localities(out_dir: str | Path) -> dict[str, int]:
    """The localities that have a report, with its number of practices (from reports/index.json)."""
    return {iri: int(row.get("n", 0)) for iri, row in _read_index(Path(out_dir) / "reports").items()}


def mark_reports_stale(out_dir: str | Path, localities: Any) -> list[str]:
    """Flag these localities' reports as out of date in the reports index (an incremental render
    gave other localities' practices new similar practices that these reports do not list yet)."""
    folder = Path(out_dir) / "reports"
    rows = _read_index(folder)
    hit = [iri for iri in localities if iri in rows and not rows[iri].get("stale")]
    if not hit:
        return []
    for iri in hit:
        rows[iri]["stale"] = True
    return _write_index(folder, rows)


_UNSAFE = lazy(r'[\\/:*?"<>|\s]+')


def _filename(label: str) -> str:
    return _UNSAFE.sub("_", label).strip("._") or "locality"


def _write_report(
    cat: Catalog, model: Any, corpus: dict, folder: Path, iri: str, top: int
) -> tuple[dict | None, list[str]]:
    rec = cat.localities.get(iri)
    label = rec.label if rec else ""
    if not label:
        return None, []
    rep = for_locality(cat, iri, label, top, model=model, corpus=corpus)
    stem = _filename(label)
    written = []
    for fmt in PAGES:
        path = folder / f"{stem}.{fmt}"
        path.write_text(render(rep, fmt), encoding="utf-8")
        written.append(str(path))
    row = {
        "label": label,
        "stem": stem,
        "n": len(rep.entries),
        "links": sum(1 for e in rep.entries if e.similar),
    }
    return row, written


def _stale_files(folder: Path, rows: dict) -> list[Path]:
    keep = {f"{r['stem']}.{fmt}" for r in rows.values() for fmt in PAGES}
    return [
        f
        for f in [*folder.glob("*.md"), *folder.glob("*.html")]
        if f.name not in keep and f.name != "index.html"
    ]


def _read_index(folder: Path) -> dict:
    try:
        rows = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return rows if isinstance(rows, dict) else {}


def _write_index(folder: Path, rows: dict) -> list[str]:
    """reports/index.html (a table of every report) and index.json (its rows, for partial updates)."""
    from kg.templates import render_page

    index = folder / "index.html"
    ordered = sorted(rows.values(), key=lambda r: r["label"])
    index.write_text(render_page("reports_index.html", rows=ordered), encoding="utf-8")
    data = folder / "index.json"
    data.write_text(json.dumps(rows, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return [str(index), str(data)]
