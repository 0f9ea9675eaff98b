"""Publishing: everything a store shows beside its views folder, rendered in full or where `kg add` touched it.

    render_all(store, out_dir)                     the coverage page, every report, every view page
    render_touched(gs, out_dir, keys, model=None)  after `kg add`: the pages and reports the added
                                                   bulletins touch, the rest marked out of date

Each part is rendered by its own module: the coverage page by kg/stats.py, the reports by
kg/report/folder.py, the views by kg/views/pages.py (full) and kg/views/touched.py (touched). A full
render reads the store once (kg/catalog/ `read_catalog`) for reports and views alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.catalog.catalog import opened, read_catalog
from kg.views.touched import LIMIT  # own practices of a page or report re-rendered in place after `kg add`


def render_all(store: Any, out_dir: str | Path) -> list[Path]:
    """The coverage page, a report per locality and the whole views site; `store`: a folder or an open store."""
    from kg.link.state import load_model
    from kg.report.folder import render_reports
    from kg.stats import write_coverage_page
    from kg.views.pages import render_all as render_views

    out = Path(out_dir)
    with opened(store) as gs:
        written = [write_coverage_page(gs, out)]
        catalog = read_catalog(gs)
        written += render_reports(gs, out, catalog=catalog, model=load_model(gs))
        written += render_views(gs, out, catalog=catalog)
    return [Path(p) for p in written]


def render_touched(
    gs: Any, out_dir: str | Path, bulletin_keys: list[str], *, model: Any = None, limit: int = LIMIT
) -> list[Path]:
    """Re-render what these bulletins touch (kg/views/touched.py says what), the reports of their
    localities, and mark the coverage page out of date; `gs`: a folder or an open store (pass the open
    one when at hand: opening a 10,000-article store read-only alone takes ~0.8 s); `model`: the link
    model when at hand (else loaded, ~1.3 s on a 10,000-article store). Without a site.json from an
    earlier full render (or after a version change) it renders everything."""
    from kg.report.folder import update_reports
    from kg.stats import mark_coverage_stale
    from kg.views import site as sitefile
    from kg.views.touched import update_pages

    out = Path(out_dir)
    with opened(gs) as gs:
        site = sitefile.load(out)
        if site is None or not (out / "index.html").exists():
            return render_all(gs, out)
        keys = sorted(set(bulletin_keys))
        if not keys:
            return []
        done = update_pages(gs, out, keys, site, limit=limit)
        if model is None:
            from kg.link.state import load_model

            model = load_model(gs)
        written = done.written + [
            Path(p)
            for p in update_reports(gs, out, done.near, done.new, done.linked, model=model, limit=limit)
        ]
    cov = mark_coverage_stale(out)
    return written + ([Path(cov)] if cov else [])
