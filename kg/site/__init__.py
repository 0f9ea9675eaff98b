"""The view site: a places network, a practice network with filters, place pages, diffusion timelines
and coverage, as a fixed static app that loads a few shared data files (works from disk, offline).

Three steps, as spaCy's displacy:
1. `site_model(records) -> dict`: a plain dict of everything the pages show (kg.site.model), from the
   records a reader hands over (kg.site.source.Records; `read_records(gs)` reads them from a store);
2. `kg.site.data.data_files(model)`: the model as JavaScript data files, sharded;
3. `kg.site.write.write_site(model, out_dir)`: the app's fixed files, vis-network and the data files,
   each written atomically and only when its content changed.

`render_site(records_or_store, out_dir)` runs the three (after a full build and after `kg add`);
`diffusion(records, theme)` is the library call behind the diffusion page.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.site.source import Records
    from kg.site.themes import DiffusionRow, Theme
    from kg.site.write import RenderReport

__all__ = ["render_site", "site_model", "diffusion", "read_records", "render_report"]


def site_model(records: Records) -> dict:
    from kg.site.model import site_model as build

    return build(records)


def read_records(store) -> Records:
    """The records of a store: a GraphStore, or the path of a store folder (opened read-only)."""
    from kg.site.source import read_records as read
    from kg.store import GraphStore

    if isinstance(store, GraphStore):
        return read(store)
    with GraphStore(store, read_only=True) as gs:
        return read(gs)


def diffusion(records: Records, theme: str | Theme) -> list[DiffusionRow]:
    from kg.site.themes import diffusion as rows

    return rows(records, theme)


def render_report(records_or_store, out_dir: str | Path) -> RenderReport:
    """render_site with timings: the RenderReport (written, kept, removed, seconds per step)."""
    from kg.site.source import Records
    from kg.site.write import RenderReport, write_site

    report = RenderReport(Path(out_dir))
    t0 = time.perf_counter()
    if isinstance(records_or_store, Records):
        records = records_or_store
    else:
        records = read_records(records_or_store)
        report.seconds["read"] = time.perf_counter() - t0
    gc_was_on = gc.isenabled()
    gc.disable()  # millions of small lists, no cycles: the collector's passes cost a quarter of the time
    try:
        t0 = time.perf_counter()
        model = site_model(records)
        report.seconds["model"] = time.perf_counter() - t0
        return write_site(model, out_dir, report)
    finally:
        if gc_was_on:
            gc.enable()


def render_site(records_or_store, out_dir: str | Path) -> list[str]:
    """Write (or bring up to date) the site in out_dir; returns the paths written this time.

    records_or_store: a Records, a GraphStore or a store folder. Files whose content is unchanged are
    not rewritten; one that is missing or was replaced since the last run is written again."""
    return render_report(records_or_store, out_dir).written
