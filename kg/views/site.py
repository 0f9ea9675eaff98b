"""site.json: what the last full render wrote, so that `render_touched` can update the site in place.

{
  "version": 1,
  "summary": {"practices": int, "similar": int},        the index's totals
  "pages": [{"name", "kind", "iri", "label", "n"}],      one per locality / target-group page
  "anchors": {node id: [x, y]},                          the overview's positions (anchor new layouts)
  "bulletins": {key: [page names]},                      the pages each bulletin's practices are on
  "stale": [page names]                                  pages left out of date by kg/views/touched.py
}
Only names, labels, counts and positions: no document text beyond labels (escaped wherever shown).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

from kg.catalog.catalog import Catalog
from kg.graph import iris
from kg.views import graph as vg
from kg.views.facts import place, targets_of
from kg.views.ui import safe_json

FILE = "site.json"
STATUS = "status.js"  # in the lib folder: the pages left out of date (each shows a note)
VERSION = 1


def from_render(data: Catalog, overview: vg.ViewGraph, anchors: dict, entries: list[dict]) -> dict:
    by_iri = {(e["kind"], e["iri"]): e["name"] for e in entries}
    bulletins: dict[str, set[str]] = defaultdict(set)
    for p in data.practices.values():
        key = iris.bulletin_key_of(p.iri)
        if key is None:
            continue
        for loc in data.locality_chain(place(p)):
            if ("locality", loc) in by_iri:
                bulletins[key].add(by_iri[("locality", loc)])
        for t in targets_of(p):
            for c in data.concept_chain(t):
                if ("target", c) in by_iri:
                    bulletins[key].add(by_iri[("target", c)])
    return {
        "version": VERSION,
        "summary": {"practices": overview.practices, "similar": overview.counts().get("edge:similar", 0)},
        "pages": entries,
        "anchors": {k: [round(x, 1), round(y, 1)] for k, (x, y) in anchors.items()},
        "bulletins": {k: sorted(v) for k, v in sorted(bulletins.items())},
        "stale": [],
    }


def load(out_dir: str | Path) -> dict | None:
    """The site file, or None when absent, unreadable or of another version (then render everything)."""
    path = Path(out_dir) / FILE
    try:
        site = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return site if isinstance(site, dict) and site.get("version") == VERSION else None


def save(out_dir: str | Path, site: dict) -> str:
    path = Path(out_dir) / FILE
    tmp = path.with_name(f".{FILE}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(site, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    return str(path)


def write_status(out_dir: str | Path, stale: list[str], lib: str = "lib") -> str:
    """lib/status.js: the pages left out of date (each shows a note); `{}` after a full render."""
    path = Path(out_dir) / lib / STATUS
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{STATUS}.{os.getpid()}.tmp")
    tmp.write_text(f"window.kgStale = {safe_json({n: 1 for n in stale})};\n", encoding="utf-8")
    tmp.replace(path)
    return str(path)
