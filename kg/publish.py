"""Publishing: the view site (kg/site/) beside the store, after `kg build`, `kg add` and `kg remove`.
(Not `kg/render.py`: importing a submodule of that name would replace the `kg.render()` function.)

    render_all(store, out_dir)   the whole site from the store's read model; files whose content is
                                 unchanged are left alone, so after `kg add` only the data shards the
                                 new bulletins touch are written (and a missing or replaced file is
                                 written again: an interrupted run is repaired by the next)

The site holds the places network, the practice network, a page per place (its practices and who
elsewhere does something similar), diffusion and coverage. The "who does something similar" report of
one locality or text is made on demand (`kg similar`, kg/report/), not for every locality at every build.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from kg.catalog.catalog import opened, read_catalog

# what the earlier views wrote into the same folder (kg build before the site): removed once
_OLD_MANIFEST = "site.json"
_OLD_FOLDERS = ("reports",)
_OLD_PAGES = ("overview.html",)
_OLD_LIB = ("status.js", "utils.js", "kg-view.css", "kg-view.js")


STAMP = ".kg-rendered"  # the generation the site shows, written last


def render_all(store: Any, out_dir: str | Path, *, stamp: str = "", records: Any = None) -> list[Path]:
    """Write (or bring up to date) the view site in out_dir; `store`: a folder or an open store;
    `stamp`: what the site now shows (the store's generation), saved once every file is written;
    `records`: the site's records when the caller has them (a build: kg/site/collect.py), else read
    from the store. Returns the files written this time."""
    from kg.site import render_site
    from kg.site.source import records_of

    out = Path(out_dir)
    if records is None:
        with opened(store) as gs:
            records = records_of(read_catalog(gs))
    (out / STAMP).unlink(missing_ok=True)  # a run killed from here on leaves no stamp
    written = [Path(p) for p in render_site(records, out)]
    _retire_old_views(out)
    if stamp:
        set_stamp(out, stamp)
    return written


def set_stamp(out_dir: str | Path, stamp: str) -> None:
    """Mark the site in out_dir complete for `stamp` (the store generation it shows)."""
    (Path(out_dir) / STAMP).write_text(stamp, encoding="utf-8")


def is_current(out_dir: str | Path, stamp: str) -> bool:
    """Whether the site in out_dir was completed for this stamp."""
    try:
        return (Path(out_dir) / STAMP).read_text(encoding="utf-8") == stamp
    except OSError:
        return False


def render_touched(gs: Any, out_dir: str | Path, bulletin_keys: list[str], **_: Any) -> list[Path]:
    """After `kg add` or `kg remove`: the site brought up to date (only changed files are written)."""
    return render_all(gs, out_dir)


def _retire_old_views(out: Path) -> None:
    """Pages of the earlier views (a page per locality and target group, a report folder) that a
    site.json names: they would show an out-of-date graph beside the site."""
    import json

    manifest = out / _OLD_MANIFEST
    if not manifest.is_file():
        return
    try:
        pages = [p.get("name") for p in json.loads(manifest.read_text(encoding="utf-8")).get("pages", [])]
    except (OSError, ValueError, AttributeError):
        pages = []
    for name in [*pages, *_OLD_PAGES]:
        if isinstance(name, str) and "/" not in name and name.endswith(".html"):
            (out / name).unlink(missing_ok=True)
    for folder in _OLD_FOLDERS:
        shutil.rmtree(out / folder, ignore_errors=True)
    for name in _OLD_LIB:
        (out / "lib" / name).unlink(missing_ok=True)
    manifest.unlink(missing_ok=True)
